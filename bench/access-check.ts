/**
 * The portal's access check (issue 11, "Speed and cost": through the front ≥ 0.8 of a raw
 * DynamoDB Query, still exactly one read): `GET /v1/portal/access` through the local HTTP front
 * with the portal's bearer token, beside a raw DynamoDB Query of the same item on the same
 * DynamoDB Local. The load client runs in a child process of its own, as the portal runs apart
 * from API Gateway: a client inside the stack's process competes with the front for its one
 * event loop, which capped the ratio at 0.47 whatever the front cost.
 *
 * Both loads use the same concurrency and duration, after the same warm-up, in alternating
 * rounds (raw, front, raw, front…), so a change in the machine's load hits both alike; the
 * figures are the medians of the rounds. While the front is loaded, every DynamoDB request this
 * process sends is counted on Node's `http.client.request.start` diagnostics channel (the SDK's
 * own requests, retries included, nothing mocked): reads per check is that count over the
 * checks answered. It counts the stack's functions only when the stack runs in this process.
 *
 * `npx tsx bench/access-check.ts` starts a local stack, files a request, has it signed by scan,
 * approved and activated, measures, and prints the figures (`--rounds 5 --seconds 5
 * --concurrency 16`; `--cpu-profile front.cpuprofile` profiles the stack's process under the
 * front's load; `--invocations in-process` runs the functions in the stack's thread, where their
 * DynamoDB requests are counted).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import type { ClientRequest } from 'node:http';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/** What the access check is measured on: a grantee whose grant covers `query.contract`. */
export interface AccessCheckTarget {
  /** The HTTP front, `http://127.0.0.1:<port>`. */
  readonly apiUrl: string;
  /** The portal's access token (client credentials, `portal/read`). */
  readonly portalToken: string;
  /** DynamoDB Local, as the raw Query reaches it. */
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  /** The check's query string: the grantee, the client and the contract. */
  readonly query: { readonly email: string; readonly clientRef: string; readonly contract: string };
  /** The grant's portal view the raw Query reads: `GRANTEE#<email>` and its `CLIENT#<clientRef>#GRANT#` prefix. */
  readonly key: { readonly pk: string; readonly skPrefix: string };
  /** Requests in flight, each side. @default 16 */
  readonly concurrency?: number;
  /** Seconds each round measures, each side. @default 5 */
  readonly seconds?: number;
  /** Alternating rounds (raw then front); the figures are their medians. @default 3 */
  readonly rounds?: number;
  /** Seconds of load before each side's first round, not counted. @default 1 */
  readonly warmUpSeconds?: number;
  /** Writes a CPU profile of this process over the front's rounds there (`.cpuprofile`, for Chrome's DevTools). */
  readonly cpuProfileFile?: string;
}

/** The figures of {@link benchAccessCheck}. */
export interface AccessCheckFigures {
  /** Checks answered 200 `{"allowed":true,…}` per second, median of the rounds. */
  readonly viaFrontPerSecond: number;
  /** Raw Queries answered per second, median of the rounds. */
  readonly rawQueryPerSecond: number;
  /** The median of each round's front / raw. */
  readonly ratio: number;
  /**
   * DynamoDB reads this process's thread sent per check answered (1: the handler's one Query);
   * undefined when it saw no DynamoDB request at all: the functions ran elsewhere (the stack's
   * worker threads, another process), where its channel does not reach.
   */
  readonly readsPerCheck: number | undefined;
  /** DynamoDB requests this process sent while the front was loaded, by operation (`Query`). */
  readonly dynamodbOperations: Readonly<Record<string, number>>;
  /** Each round's figures. */
  readonly rounds: readonly { readonly viaFrontPerSecond: number; readonly rawQueryPerSecond: number }[];
  /** CPU milliseconds per check: this process (the front, the handler, its SDK call) and the load client. */
  readonly cpuMsPerCheck: { readonly stackProcess: number; readonly client: number };
  /** CPU milliseconds per raw Query: the load client's. */
  readonly clientCpuMsPerRawQuery: number;
  /**
   * DynamoDB Local's CPU milliseconds (the JVM listening on `dynamodbEndpoint`'s port, read from
   * `/proc`) per check and per raw Query; absent where `/proc` does not tell.
   */
  readonly dynamodbLocalCpuMs?: { readonly perCheck: number; readonly perRawQuery: number };
  readonly concurrency: number;
  readonly seconds: number;
  /** The machine: 1-minute load average before and after, and its cores. */
  readonly machine: { readonly loadBefore: number; readonly loadAfter: number; readonly cores: number };
}

/** The load client said something else than the figures it was asked for, or died. */
export class AccessCheckBenchError extends Error {
  override readonly name = 'AccessCheckBenchError';
}

const READ_OPERATIONS = new Set(['Query', 'GetItem', 'BatchGetItem', 'Scan', 'TransactGetItems', 'ExecuteStatement', 'BatchExecuteStatement']);

/** One load, as the parent asks the client for it. */
interface LoadOrder {
  readonly kind: 'front' | 'raw';
  readonly seconds: number;
}

/** What the client answers for one load. */
interface LoadResult {
  readonly kind: 'front' | 'raw';
  readonly done: number;
  readonly failed: number;
  readonly seconds: number;
  readonly cpuMs: number;
  readonly firstFailure?: string;
}

/**
 * Measures the access check through the front against a raw Query of the same item, with the
 * load client in a child process.
 * @throws AccessCheckBenchError when a check is not answered `allowed: true` or the client fails
 */
export async function benchAccessCheck(target: AccessCheckTarget): Promise<AccessCheckFigures> {
  const concurrency = target.concurrency ?? 16;
  const seconds = target.seconds ?? 5;
  const roundCount = target.rounds ?? 3;
  const warmUpSeconds = target.warmUpSeconds ?? 1;
  const loadBefore = loadavg()[0] ?? 0;
  const client = await startLoadClient(target, concurrency);
  const operations: Record<string, number> = {};
  const countDynamoDbRequest = (message: unknown): void => {
    const amzTarget = (message as { request: ClientRequest }).request.getHeader('x-amz-target');
    if (typeof amzTarget !== 'string' || !amzTarget.startsWith('DynamoDB_')) return;
    const operation = amzTarget.split('.').at(-1) ?? amzTarget;
    operations[operation] = (operations[operation] ?? 0) + 1;
  };
  try {
    await client.run({ kind: 'raw', seconds: warmUpSeconds });
    await client.run({ kind: 'front', seconds: warmUpSeconds });
    const rounds: { raw: LoadResult; front: LoadResult; stackCpuMs: number; javaRawMs: number; javaFrontMs: number }[] = [];
    const profiler = target.cpuProfileFile ? await startCpuProfile() : undefined;
    const javaPid = await dynamoDbLocalPid(new URL(target.dynamodbEndpoint).port);
    for (let round = 0; round < roundCount; round++) {
      const javaBeforeRaw = await processCpuMs(javaPid);
      const raw = await client.run({ kind: 'raw', seconds });
      const javaBeforeFront = await processCpuMs(javaPid);
      subscribe('http.client.request.start', countDynamoDbRequest);
      await profiler?.resume();
      const cpu = process.cpuUsage();
      let front: LoadResult;
      try {
        front = await client.run({ kind: 'front', seconds });
      } finally {
        unsubscribe('http.client.request.start', countDynamoDbRequest);
      }
      const used = process.cpuUsage(cpu);
      const javaAfter = await processCpuMs(javaPid);
      await profiler?.pause();
      rounds.push({ raw, front, stackCpuMs: (used.user + used.system) / 1000, javaRawMs: javaBeforeFront - javaBeforeRaw, javaFrontMs: javaAfter - javaBeforeFront });
    }
    if (profiler && target.cpuProfileFile) await writeFile(target.cpuProfileFile, JSON.stringify(await profiler.stop()));
    const perRound = rounds.map(({ raw, front }) => ({ viaFrontPerSecond: front.done / front.seconds, rawQueryPerSecond: raw.done / raw.seconds }));
    const checks = rounds.reduce((sum, { front }) => sum + front.done, 0);
    const rawQueries = rounds.reduce((sum, { raw }) => sum + raw.done, 0);
    const reads = Object.entries(operations).reduce((sum, [operation, count]) => sum + (READ_OPERATIONS.has(operation) ? count : 0), 0);
    return {
      viaFrontPerSecond: median(perRound.map((round) => round.viaFrontPerSecond)),
      rawQueryPerSecond: median(perRound.map((round) => round.rawQueryPerSecond)),
      ratio: median(perRound.map((round) => round.viaFrontPerSecond / round.rawQueryPerSecond)),
      readsPerCheck: Object.keys(operations).length === 0 ? undefined : reads / checks,
      dynamodbOperations: operations,
      rounds: perRound,
      cpuMsPerCheck: {
        stackProcess: rounds.reduce((sum, round) => sum + round.stackCpuMs, 0) / checks,
        client: rounds.reduce((sum, { front }) => sum + front.cpuMs, 0) / checks,
      },
      clientCpuMsPerRawQuery: rounds.reduce((sum, { raw }) => sum + raw.cpuMs, 0) / rawQueries,
      ...(javaPid === undefined
        ? {}
        : {
            dynamodbLocalCpuMs: {
              perCheck: rounds.reduce((sum, round) => sum + round.javaFrontMs, 0) / checks,
              perRawQuery: rounds.reduce((sum, round) => sum + round.javaRawMs, 0) / rawQueries,
            },
          }),
      concurrency,
      seconds,
      machine: { loadBefore, loadAfter: loadavg()[0] ?? 0, cores: availableParallelism() },
    };
  } finally {
    client.stop();
  }
}

/**
 * A CPU profile of this process over the front's rounds only: the profiler runs while the
 * front is loaded and stands still between (`pause` stops sampling; the samples are merged).
 */
async function startCpuProfile(): Promise<{ resume(): Promise<void>; pause(): Promise<void>; stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  const profiles: CpuProfile[] = [];
  return {
    resume: async () => void (await post('Profiler.start')),
    pause: async () => void profiles.push(((await post('Profiler.stop')) as { profile: CpuProfile }).profile),
    stop: async () => {
      session.disconnect();
      return mergeProfiles(profiles);
    },
  };
}

interface CpuProfile {
  nodes: { id: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The rounds' profiles as one: node ids renumbered apart, samples one after the other. */
function mergeProfiles(profiles: readonly CpuProfile[]): CpuProfile {
  const merged: CpuProfile = { nodes: [], startTime: profiles[0]?.startTime ?? 0, endTime: profiles.at(-1)?.endTime ?? 0, samples: [], timeDeltas: [] };
  let offset = 0;
  for (const profile of profiles) {
    const shift = (id: number) => id + offset;
    merged.nodes.push(...profile.nodes.map((node) => ({ ...node, id: shift(node.id), ...(node.children ? { children: node.children.map(shift) } : {}) })));
    merged.samples.push(...profile.samples.map(shift));
    merged.timeDeltas.push(...profile.timeDeltas);
    offset += Math.max(...profile.nodes.map((node) => node.id));
  }
  return merged;
}

/** The pid of the JVM running DynamoDB Local on `port` (its command line names it), if `/proc` tells. */
async function dynamoDbLocalPid(port: string): Promise<number | undefined> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    const args = await readFile(`/proc/${pid}/cmdline`, 'utf8').then((text) => text.split('\0'), (): string[] => []);
    // The JVM itself, not the shell that watches it (whose arguments name the jar too).
    if (path.basename(args[0] ?? '') === 'java' && args.includes('DynamoDBLocal.jar') && args[args.indexOf('-port') + 1] === port) return Number(pid);
  }
  return undefined;
}

/** User and system CPU milliseconds `pid` used so far (`/proc/<pid>/stat`, in clock ticks of 10 ms); 0 without it. */
async function processCpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (proc(5)).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const CLIENT_FLAG = '--access-check-load-client';

interface LoadClient {
  run(order: LoadOrder): Promise<LoadResult>;
  stop(): void;
}

/** This file again, in a Node process of its own (tsx's loader), as the load client. */
async function startLoadClient(target: AccessCheckTarget, concurrency: number): Promise<LoadClient> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [CLIENT_FLAG], {
    execArgv: ['--import', 'tsx'],
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, ACCESS_CHECK_TARGET: JSON.stringify({ ...target, concurrency }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: { resolve(result: LoadResult): void; reject(error: Error): void } | undefined;
  const exited = (code: number | null) => waiting?.reject(new AccessCheckBenchError(`the load client exited (${code})`));
  child.once('exit', exited);
  child.on('message', (message: LoadResult | { ready: true }) => {
    if ('ready' in message) return ready?.();
    const settle = waiting;
    waiting = undefined;
    if (message.failed > 0) settle?.reject(new AccessCheckBenchError(`${message.failed} of the ${message.kind} load's calls failed: ${message.firstFailure}`));
    else settle?.resolve(message);
  });
  let ready: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new AccessCheckBenchError(`the load client exited before it was ready (${code})`)));
  });
  return {
    run: (order) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        child.send(order);
      }),
    stop: () => {
      child.off('exit', exited);
      child.kill();
    },
  };
}

/** The child's side: loads on demand, answers each with its count and its own CPU time. */
async function runLoadClient(): Promise<void> {
  const target = JSON.parse(process.env['ACCESS_CHECK_TARGET'] ?? '{}') as AccessCheckTarget & { concurrency: number };
  const api = new URL(target.apiUrl);
  // A fresh pool of connections for each load: a connection left idle through the other side's
  // round is one the front closes (its keep-alive timeout, 5 s) as the client reuses it.
  let agent = new Agent({ keepAlive: true, maxSockets: target.concurrency });
  const checkPath = `/v1/portal/access?${new URLSearchParams(target.query)}`;
  const headers = { authorization: `Bearer ${target.portalToken}` };
  const check = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: api.hostname, port: api.port, path: checkPath, headers, agent }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (answer.statusCode === 200 && body.includes('"allowed":true')) resolve();
          else reject(new Error(`${answer.statusCode} ${body}`));
        });
        answer.once('error', reject);
      });
      outgoing.once('error', reject);
      outgoing.end();
    });
  const raw = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: target.dynamodbEndpoint, region: 'eu-west-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxAttempts: 1 }),
  );
  const query = new QueryCommand({
    TableName: target.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': target.key.pk, ':prefix': target.key.skPrefix },
    ConsistentRead: true,
  });
  const rawQuery = async (): Promise<void> => {
    const answer = await raw.send(query);
    if ((answer.Items ?? []).length === 0) throw new Error('the raw Query found no grant');
  };

  process.on('message', (order: LoadOrder) => {
    void (async () => {
      const call = order.kind === 'front' ? check : rawQuery;
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: target.concurrency });
      let done = 0;
      let failed = 0;
      let firstFailure: string | undefined;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const until = started + order.seconds * 1000;
      await Promise.all(
        Array.from({ length: target.concurrency }, async () => {
          while (performance.now() < until) {
            try {
              await call();
              done++;
            } catch (error) {
              failed++;
              firstFailure ??= String(error);
            }
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const result: LoadResult = { kind: order.kind, done, failed, seconds: elapsed, cpuMs: (used.user + used.system) / 1000, ...(firstFailure ? { firstFailure } : {}) };
      process.send?.(result);
    })();
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}

/** `--cpu-profile <file>`: a profile of the stack's process while the front is loaded. */
function profileFile(): string | undefined {
  const index = process.argv.indexOf('--cpu-profile');
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Number options of the command line: `--rounds 5`. */
function option(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * A local stack with one grantee who may see a contract: a request filed by broker A for Hans
 * Müller, signed by scan, approved, activated (the story of bench/run.ts, on a manual clock so
 * no timer or scheduled job runs beside the measurement).
 */
async function measureOnOwnStack(): Promise<void> {
  const { startLocalStack } = await import('../local/local-stack.js');
  const { ManualClock } = await import('../local/stepfunctions/clock.js');
  const { naturalClientRequest, PEOPLE } = await import('../test/fixtures/access-request-builder.js');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portal-access-check-'));
  const invocations = process.argv.includes('--invocations') ? process.argv[process.argv.indexOf('--invocations') + 1] : undefined;
  const stack = await startLocalStack({
    dataDir,
    clock: new ManualClock(Date.now()),
    retryIntervalMs: 0,
    routeThrottling: false,
    autoTick: false,
    ...(invocations === 'in-process' || invocations === 'threads' ? { invocations } : {}),
  });
  const settle = async () => {
    await stack.stepFunctions.settle();
    await stack.scheduler.settle();
    await stack.stepFunctions.settle();
    await stack.events.settle();
  };
  const call = async (url: string, init: RequestInit = {}): Promise<Record<string, unknown>> => {
    const response = await fetch(url, init);
    const text = await response.text();
    if (!response.ok) throw new AccessCheckBenchError(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const linkTo = async (email: string, kind: 'sign' | 'activate'): Promise<string> => {
    const mail = (await stack.listEmails()).findLast((candidate) => candidate.to.includes(email) && candidate.text?.includes(`/${kind}/`));
    const link = mail?.text?.match(new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]{43}`))?.[0];
    if (!link) throw new AccessCheckBenchError(`no ${kind} e-mail to ${email}`);
    return link;
  };
  try {
    const hans = PEOPLE.hans();
    const broker = { authorization: `Bearer ${stack.brokers[0]?.token}`, 'content-type': 'application/json' };
    const body = naturalClientRequest({ clientRef: 'C-ACCESS-1' });
    const filed = await call(`${stack.apiUrl}/v1/requests`, { method: 'POST', headers: broker, body: JSON.stringify(body) });
    await settle();
    await call(`${await linkTo(hans.email, 'sign')}/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    await settle();
    await call(`${stack.apiUrl}/v1/requests/${String(filed['id'])}/review`, { method: 'POST', headers: broker, body: JSON.stringify({ decision: 'approve' }) });
    await settle();
    await call(await linkTo(hans.email, 'activate'), { method: 'POST', headers: { accept: 'application/json' } });
    await settle();

    const email = hans.email.toLowerCase();
    const contract = body.contracts[0]?.ref ?? 'POL-1';
    const figures = await benchAccessCheck({
      apiUrl: stack.apiUrl,
      portalToken: stack.portalToken,
      dynamodbEndpoint: `http://127.0.0.1:${stack.ports.dynamodb}`,
      tableName: process.env['TABLE_NAME'] ?? '',
      query: { email, clientRef: body.clientRef, contract },
      key: { pk: `GRANTEE#${email}`, skPrefix: `CLIENT#${body.clientRef}#GRANT#` },
      ...(option('concurrency') ? { concurrency: option('concurrency') } : {}),
      ...(option('seconds') ? { seconds: option('seconds') } : {}),
      ...(option('rounds') ? { rounds: option('rounds') } : {}),
      ...(profileFile() ? { cpuProfileFile: profileFile() } : {}),
    });
    printFigures(figures);
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function printFigures(figures: AccessCheckFigures): void {
  const line = (label: string, value: string) => console.log(`${label.padEnd(60)} ${value}`);
  line(`portal access check through the HTTP front (${figures.concurrency} in flight)`, `${figures.viaFrontPerSecond.toFixed(0)} req/s`);
  line(`raw DynamoDB Query of the same item (${figures.concurrency} in flight)`, `${figures.rawQueryPerSecond.toFixed(0)} req/s`);
  line('ratio front / raw (median of the rounds; goal ≥ 0.8)', figures.ratio.toFixed(2));
  line('  rounds: front / raw req/s', figures.rounds.map((round) => `${round.viaFrontPerSecond.toFixed(0)} / ${round.rawQueryPerSecond.toFixed(0)}`).join(', '));
  line(
    'DynamoDB reads per check (goal: exactly 1)',
    figures.readsPerCheck === undefined
      ? 'not seen from this thread (the functions run in worker threads: --invocations in-process counts them)'
      : `${figures.readsPerCheck.toFixed(3)} (${JSON.stringify(figures.dynamodbOperations)})`,
  );
  line('CPU per check: stack process / load client', `${figures.cpuMsPerCheck.stackProcess.toFixed(3)} / ${figures.cpuMsPerCheck.client.toFixed(3)} ms`);
  line('CPU of the load client per raw Query', `${figures.clientCpuMsPerRawQuery.toFixed(3)} ms`);
  if (figures.dynamodbLocalCpuMs) {
    line('CPU of DynamoDB Local per check / per raw Query', `${figures.dynamodbLocalCpuMs.perCheck.toFixed(3)} / ${figures.dynamodbLocalCpuMs.perRawQuery.toFixed(3)} ms`);
  }
  line('machine load (1 min) before / after, cores', `${figures.machine.loadBefore.toFixed(2)} / ${figures.machine.loadAfter.toFixed(2)}, ${figures.machine.cores}`);
}

if (process.argv.includes(CLIENT_FLAG)) {
  await runLoadClient();
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Access check bench on Node ${process.version}, ${new Date().toISOString()}\n`);
  await measureOnOwnStack();
  process.exit(0);
}
