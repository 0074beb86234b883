/**
 * Counts, while one story runs on the local stack, what AWS would bill: the execution's
 * transitions (from its history, through the SFN API as any outside tool reads it), every
 * Lambda invocation and its billed duration (the stack's invocation meter), DynamoDB request
 * units (computed from the items: dynamodb-meter.ts), e-mails, S3 and KMS requests (seen on the
 * wire by the stack's proxies), API requests (the HTTP calls the story makes to the API), events
 * published, and the bytes the functions log.
 */
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../local/services/local-aws-client-config.js';
import type { WireExchange, WireMeter } from '../../local/services/fault-proxy.js';
import type { TestStack } from '../../test/integration/support/test-stack.js';
import type { StoryUsage } from './bill.js';
import { DynamoDbMeter } from './dynamodb-meter.js';

/** HTTP APIs meter requests in 512 KB steps. */
const HTTP_API_METERING_BYTES = 512 * 1024;

/** KMS operations on asymmetric keys (the seal's ECC key); the rest are HMAC (the link MAC key). */
const ASYMMETRIC_KMS_OPERATIONS = new Set(['Sign', 'Verify', 'GetPublicKey']);

/** Counts the exchanges on one proxy by the kind `classify` gives them (undefined: not counted). */
export class CountingMeter implements WireMeter {
  readonly counts: Record<string, number> = {};
  constructor(private readonly classify: (exchange: WireExchange) => string | undefined) {}
  answered(exchange: WireExchange): void {
    const kind = this.classify(exchange);
    if (kind) this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }
}

/** S3's request classes: PUT, COPY, POST and LIST are billed at one price, GET and HEAD at another; DELETE is free. */
function s3Class(exchange: WireExchange): 'write' | 'read' | undefined {
  const [pathname = '', query = ''] = exchange.url.split('?');
  const isBucket = pathname.split('/').filter(Boolean).length <= 1;
  if (exchange.method === 'PUT' || exchange.method === 'POST') return 'write';
  if (exchange.method === 'GET' && (isBucket || /(^|&)list-type=/.test(query))) return 'write';
  if (exchange.method === 'GET' || exchange.method === 'HEAD') return 'read';
  return undefined;
}

export interface MeteredRun {
  readonly requestId: string;
  readonly usage: StoryUsage;
}

/** Runs `story` with every meter attached; the stack must have been started with fault proxies (the wire meters ride on them). */
export async function meterStory(stack: TestStack, story: (stack: TestStack) => Promise<string>): Promise<MeteredRun> {
  const proxies = stack.stack.faults?.proxies;
  if (!proxies) throw new Error('meterStory needs a stack started with faultProxies: true');
  const dynamodb = new DynamoDbMeter(`http://127.0.0.1:${stack.stack.ports.dynamodb}`);
  const s3 = new CountingMeter(s3Class);
  const kms = new CountingMeter((exchange) => (ASYMMETRIC_KMS_OPERATIONS.has(exchange.operation) ? 'asymmetric' : 'symmetric'));
  proxies.dynamodb.meter(dynamodb);
  proxies.s3.meter(s3);
  proxies.kms.meter(kms);

  const apiUrl = stack.stack.apiUrl;
  let apiRequests = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(apiUrl)) {
      const body = init?.body;
      const size = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : body instanceof ArrayBuffer ? body.byteLength : 0;
      apiRequests += Math.max(1, Math.ceil(size / HTTP_API_METERING_BYTES));
    }
    return realFetch(input, init);
  };
  const mailsBefore = (await stack.mails()).length;
  const eventsBefore = stack.stack.events.listEvents().length;
  // The stack meters every invocation; the story's are those after this point.
  const invocationsBefore = stack.stack.invocations().length;
  let requestId: string;
  let logs: CapturedOutput;
  try {
    ({ result: requestId, ...logs } = await capturingOutput(async () => {
      const id = await story(stack);
      await stack.settle();
      return id;
    }));
  } finally {
    globalThis.fetch = realFetch;
    proxies.dynamodb.meter(undefined);
    proxies.s3.meter(undefined);
    proxies.kms.meter(undefined);
  }

  const history = await executionHistory(stack, requestId);
  const entered = history.filter((event) => event.type?.endsWith('StateEntered'));
  const taskEntries = entered.filter((event) => event.type === 'TaskStateEntered').length;
  const scheduled = history.filter((event) => event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled').length;
  const invocations = stack.stack.invocations().slice(invocationsBefore);
  const byFunction: Record<string, { count: number; billedMs: number; memoryMb: number }> = {};
  let gbSeconds = 0;
  for (const invocation of invocations) {
    const billedMs = invocation.billedDurationMs + Math.ceil(invocation.initDurationMs ?? 0);
    gbSeconds += (invocation.memoryMb / 1024) * (billedMs / 1000);
    const entry = (byFunction[invocation.functionId] ??= { count: 0, billedMs: 0, memoryMb: invocation.memoryMb });
    entry.count++;
    entry.billedMs += billedMs;
  }
  return {
    requestId,
    usage: {
      // Each retry is a transition too: a Task scheduled again without being entered again.
      transitions: entered.length + Math.max(0, scheduled - taskEntries),
      statesEntered: entered.map((event) => event.stateEnteredEventDetails?.name ?? '?'),
      lambda: { invocations: invocations.length, gbSeconds, byFunction },
      dynamodb: dynamodb.usage,
      emails: (await stack.mails()).slice(mailsBefore).reduce((sum, mail) => sum + mail.to.length + mail.cc.length + mail.bcc.length, 0),
      s3: { writeRequests: s3.counts.write ?? 0, readRequests: s3.counts.read ?? 0 },
      apiRequests,
      kms: { symmetricRequests: kms.counts.symmetric ?? 0, asymmetricRequests: kms.counts.asymmetric ?? 0 },
      events: stack.stack.events.listEvents().length - eventsBefore,
      logs: {
        functionBytes: logs.bytes,
        functionEvents: logs.events,
        workflowErrorEvents: history.filter((event) => /(Failed|TimedOut|Aborted)$/.test(event.type ?? '')).length,
      },
    },
  };
}

/** What the process wrote to stdout and stderr while a run lasted: the functions' logs (the workers' output comes through here too). */
export interface CapturedOutput {
  readonly bytes: number;
  /** Non-empty lines: one log event each. */
  readonly events: number;
}

/** Runs `run` with stdout and stderr captured (counted, not shown). */
export async function capturingOutput<T>(run: () => Promise<T>): Promise<CapturedOutput & { result: T }> {
  const counted = { bytes: 0, events: 0 };
  const realWrites = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    counted.bytes += Buffer.byteLength(text);
    counted.events += text.split('\n').filter((line) => line.trim().length > 0).length;
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    const result = await run();
    return { result, ...counted };
  } finally {
    process.stdout.write = realWrites.out;
    process.stderr.write = realWrites.err;
  }
}

/** The execution's whole history, read through the SFN API at `stepFunctionsUrl` as outside tools read it (api-contract.md). */
export async function executionHistory(stack: TestStack, requestId: string): Promise<HistoryEvent[]> {
  const client = new SFNClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: stack.stack.stepFunctionsUrl });
  const executionArn = `${stack.stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${requestId}`;
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  client.destroy();
  return events;
}
