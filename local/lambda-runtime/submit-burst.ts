/**
 * Issue 11's "200 submits at once until the 200th signature e-mail (local)": starts a stack,
 * files one request to warm it (every function of the path imported once), then files `--count`
 * requests at once (200 by default) and times until each requester's signature e-mail is
 * captured. Prints the time, the machine's load, the CPU the stack and DynamoDB Local spent, and
 * the invocations as metered (`stack.invocations()`): count, GB-seconds, durations per function.
 *
 *   npx tsx local/lambda-runtime/submit-burst.ts [--count 200] [--invocations threads|in-process]
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../../test/fixtures/access-request-builder.js';
import { startLocalStack, type LocalStack } from '../local-stack.js';
import type { InvocationMode } from './lambda-invoker.js';

/** How often the captured mails are looked at (each look reads the whole store). */
const MAIL_POLL_MS = 50;

/** How many times a submit is tried before the burst gives up. */
const MAX_ATTEMPTS = 5;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Submits answered 5xx or dropped and tried again, in the last burst. */
let retried = 0;

/** Files `count` requests at once; resolves with the milliseconds until every requester's signature e-mail is captured. */
async function burst(stack: LocalStack, count: number, tag: string): Promise<number> {
  retried = 0;
  const headers = { authorization: `Bearer ${stack.brokers[0]?.token}`, 'content-type': 'application/json' };
  const emails = Array.from({ length: count }, (_, index) => `burst.${tag}.${index}@example.be`);
  const started = performance.now();
  const filed = Promise.all(
    emails.map(async (email, index) => {
      const requester = { ...PEOPLE.hans(), email };
      const body = naturalClientRequest({ clientRef: `C-BURST-${tag}-${index}`, requester, grantees: [policyholderGrantee(requester)] });
      // A careful client: a 5xx or a dropped connection (a passing fault under load) is tried again a second later, same idempotency key.
      for (let attempt = 1; ; attempt++) {
        const answer = await fetch(`${stack.apiUrl}/v1/requests`, { method: 'POST', headers: { ...headers, 'idempotency-key': `burst-${tag}-${index}` }, body: JSON.stringify(body) }).catch(
          (error: unknown) => error as Error,
        );
        if (answer instanceof Response && answer.ok) return;
        if ((answer instanceof Response && answer.status < 500) || attempt === MAX_ATTEMPTS) {
          throw new Error(`submit ${index}: ${answer instanceof Response ? `${answer.status} ${await answer.text()}` : answer.message}`);
        }
        retried++;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }),
  );
  const waiting = new Set(emails);
  for (;;) {
    for (const mail of await stack.listEmails()) {
      if (!mail.text?.includes('/sign/')) continue;
      for (const to of mail.to) waiting.delete(to);
    }
    if (waiting.size === 0) break;
    await new Promise((resolve) => setTimeout(resolve, MAIL_POLL_MS));
  }
  await filed;
  return performance.now() - started;
}

/** CPU seconds used so far by the processes whose command line names `dataDir` (DynamoDB Local's Java), from /proc. */
async function cpuSecondsOfProcessesNaming(dataDir: string): Promise<number> {
  let ticks = 0;
  for (const pid of (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes(dataDir) || Number(pid) === process.pid) continue;
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

const count = Number(argument('count') ?? 200);
const invocations = (argument('invocations') ?? 'threads') as InvocationMode;
const dataDir = await mkdtemp(path.join(tmpdir(), 'portal-access-burst-'));
// The product's own speed: the stage's route throttles would make this a measure of the throttle.
const stack = await startLocalStack({ dataDir, routeThrottling: false, invocations });
try {
  const warmMs = await burst(stack, 1, 'warm');
  stack.clearInvocations();
  const loadBefore = loadavg()[0]?.toFixed(2);
  const cpuBefore = process.cpuUsage();
  const javaBefore = await cpuSecondsOfProcessesNaming(dataDir);
  const ms = await burst(stack, count, 'many');
  const cpu = process.cpuUsage(cpuBefore);
  const javaSeconds = (await cpuSecondsOfProcessesNaming(dataDir)) - javaBefore;
  const records = stack.invocations();
  const gbSeconds = records.reduce((sum, record) => sum + (record.billedDurationMs / 1000) * (record.memoryMb / 1024), 0);
  console.log(`invocations ${invocations} (${availableParallelism()} cores): warm-up 1 request ${warmMs.toFixed(0)} ms`);
  console.log(`${count} submits at once until the ${count}th signature e-mail: ${(ms / 1000).toFixed(2)} s (${retried} submits answered 5xx or dropped, tried again)`);
  console.log(`CPU during the burst: this process (every thread) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, DynamoDB Local ${javaSeconds.toFixed(1)} s`);
  console.log(`load average (1 min) before ${loadBefore}, after ${loadavg()[0]?.toFixed(2)}; /proc/loadavg-style: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  console.log(`${records.length} invocations metered, ${gbSeconds.toFixed(3)} GB-s billed`);
  const byFunction = Map.groupBy(records, (record) => record.functionId);
  for (const [functionId, ofFunction] of byFunction) {
    const durations = ofFunction.map((record) => record.durationMs).sort((a, b) => a - b);
    const inits = ofFunction.flatMap((record) => (record.initDurationMs === undefined ? [] : [record.initDurationMs.toFixed(0)]));
    console.log(`  ${functionId.padEnd(22)} ${String(ofFunction.length).padStart(4)} × median ${durations[Math.floor(durations.length / 2)]?.toFixed(0)} ms, max ${durations.at(-1)?.toFixed(0)} ms${inits.length > 0 ? `, cold imports ${inits.join(', ')} ms` : ''}`);
  }
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
