/**
 * `npm start`: the whole product on 127.0.0.1 (see local/local-stack.ts), data in `.local/`.
 * Prints where everything is and writes the same to `.local/stack.json`. Ctrl-C stops it;
 * the next start resumes every request where it was.
 */
import path from 'node:path';
import { DEFAULT_PORTS, startLocalStack, writeStackInfo } from './local-stack.js';
import type { LocalStackPorts } from './local-stack.js';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.local');

/** `PORT_BASE=5000 npm start` moves every port (API on 5000, mail on 5001, …). */
function ports(): LocalStackPorts {
  const base = Number(process.env.PORT_BASE);
  if (!Number.isInteger(base) || base <= 0) return DEFAULT_PORTS;
  return { api: base, mail: base + 1, dynamodb: base + 2, s3: base + 3, stepFunctions: base + 4, kms: base + 5, signingService: base + 6, secretsManager: base + 7, events: base + 8, signIn: base + 9 };
}

/** `WEBHOOKS=broker-a=http://127.0.0.1:9000/hook npm start` posts broker-a's events there, signed (docs/events.md); comma-separated. */
function webhooks(): { brokerId: string; url: string }[] {
  return (process.env.WEBHOOKS ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const [brokerId = '', ...url] = pair.trim().split('=');
      return { brokerId, url: url.join('=') };
    });
}

const started = Date.now();
const stack = await startLocalStack({
  dataDir,
  ports: ports(),
  webhooks: webhooks(),
  onProgress: (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`),
}).catch((error: unknown) => {
  console.error(`\nThe local stack did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const stackFile = path.join(dataDir, 'stack.json');
await writeStackInfo(stackFile, stack);
console.log(`
Portal access requests — local stack ready in ${((Date.now() - started) / 1000).toFixed(1)}s

  apiUrl       ${stack.apiUrl}
  mailUrl      ${stack.mailUrl}   (captured e-mails; GET /store lists them)
  dashboardUrl ${stack.dashboardUrl}   (the brokers' dashboard: sign in with a login below)
${stack.brokers.map((broker) => `  ${broker.id.padEnd(12)} login ${broker.login.username} / ${broker.login.password}   token ${broker.token}`).join('\n')}
  portalToken  ${stack.portalToken}
  stepFunctionsUrl ${stack.stepFunctionsUrl}   (Step Functions API: execution histories)
  signingServiceUrl ${stack.signingServiceUrl}   (local test signing service: advanced signatures)
  eventsUrl    ${stack.eventsUrl}   (the product's event bus; GET /events lists the events published)
${webhooks()
  .map((webhook) => `  webhook      ${webhook.brokerId} → ${webhook.url}, secret ${stack.webhookSecret(webhook.brokerId)}\n`)
  .join('')}
Written to ${path.relative(process.cwd(), stackFile)}. Data lives in ${path.relative(process.cwd(), dataDir)}/ and survives a restart.
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    void stack.stop().finally(() => process.exit(0));
  });
}
