/**
 * A fault injector on the wire: an HTTP proxy in front of one local AWS service (DynamoDB,
 * S3, SES, Step Functions, KMS). The functions' SDK clients talk to the proxy (their
 * `AWS_ENDPOINT_URL_<SERVICE>` points at it); it forwards every request unchanged, except the
 * ones an armed fault matches, which it answers as the real service answers when it throttles
 * or fails — so the SDK's own retries, the functions' error handling and the workflow's Retry
 * all meet real protocol errors, as they would on AWS.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './listen-on-loopback.js';

/** The services the proxy can stand in front of, each with its error dialect. */
export type ProxiedService = 'dynamodb' | 's3' | 'sesv2' | 'sfn' | 'kms';

/** What an armed fault answers instead of the service. */
export type FaultAnswer =
  /** The service's throttling error (DynamoDB ThrottlingException, SES 429, S3 503 SlowDown, …): the SDK retries it. */
  | 'throttle'
  /** A 500 internal error: the SDK retries it. */
  | 'server-error'
  /** A 400 the SDK does not retry (SES MessageRejected, DynamoDB ValidationException, …). */
  | 'reject';

export interface FaultRule {
  /** Matches the operation: `X-Amz-Target`'s operation (`TransactWriteItems`) or `METHOD /path` for REST services. */
  readonly operation?: RegExp;
  readonly answer: FaultAnswer;
  /** How many matching requests it answers before it is spent. */
  readonly times: number;
}

export interface FaultProxy {
  readonly service: ProxiedService;
  /** The proxy's endpoint, for the SDK. */
  readonly endpoint: string;
  /** Arms a fault; rules are tried in the order armed. */
  arm(rule: FaultRule): void;
  /** Drops every armed fault. */
  disarm(): void;
  /** How many requests each answer was given so far (for a test's report). */
  readonly injected: Readonly<Record<FaultAnswer, number>>;
  /**
   * The errors the service itself answered, by their type (`TransactionCanceledException`),
   * counted since the proxy started: what a test may assert never happens (a lock contended).
   */
  readonly serviceErrors: Readonly<Record<string, number>>;
  /**
   * Watches every forwarded exchange (`npm run cost` counts what AWS would bill); `undefined`
   * stops watching. While a meter is set, bodies are buffered on their way through.
   */
  meter(meter: WireMeter | undefined): void;
  stop(): Promise<void>;
}

/** One request on its way through the proxy. */
export interface WireExchange {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly body: Buffer;
}

/** What a meter sees of each exchange the proxy forwards (not of the faults it answers itself). */
export interface WireMeter {
  /** Runs before the request is forwarded (e.g. to read an item before a write); its answer is handed to `answered`. */
  beforeForward?(exchange: WireExchange): Promise<unknown>;
  answered(exchange: WireExchange, answer: { readonly status: number; readonly body: Buffer }, before: unknown): Promise<void> | void;
}

interface ArmedRule extends FaultRule {
  left: number;
}

/** Starts a proxy on 127.0.0.1 in front of `target` (`http://127.0.0.1:<port>`). */
export async function startFaultProxy(options: { service: ProxiedService; target: string; port?: number }): Promise<FaultProxy> {
  const target = new URL(options.target);
  const rules: ArmedRule[] = [];
  const injected: Record<FaultAnswer, number> = { throttle: 0, 'server-error': 0, reject: 0 };
  const serviceErrors: Record<string, number> = {};
  const noteError = (type: string): void => {
    serviceErrors[type] = (serviceErrors[type] ?? 0) + 1;
  };

  let meter: WireMeter | undefined;
  const server = createServer((incoming, outgoing) => {
    const operation = operationOf(options.service, incoming);
    const rule = rules.find((candidate) => candidate.left > 0 && (!candidate.operation || candidate.operation.test(operation)));
    if (rule) {
      rule.left--;
      injected[rule.answer]++;
      // The request body is read and dropped, as a service that refuses it would.
      incoming.resume();
      incoming.once('end', () => writeFault(outgoing, options.service, rule.answer));
      return;
    }
    if (meter) forwardMetered(incoming, outgoing, target, operation, meter);
    else forward(incoming, outgoing, target, noteError);
  });
  const listening = await listenOnLoopback(server, { port: options.port });
  return {
    service: options.service,
    endpoint: listening.endpoint,
    arm: (rule) => void rules.push({ ...rule, left: rule.times }),
    disarm: () => void rules.splice(0),
    injected,
    serviceErrors,
    meter: (next) => {
      meter = next;
    },
    stop: () => listening.close(),
  };
}

/** The operation a request names: the JSON protocols' target, or the REST method and path. */
export function operationOf(service: ProxiedService, incoming: Pick<IncomingMessage, 'headers' | 'method' | 'url'>): string {
  const amzTarget = incoming.headers['x-amz-target'];
  if (typeof amzTarget === 'string') return amzTarget.split('.').at(-1) ?? amzTarget;
  if (service === 'sesv2' && incoming.method === 'POST' && (incoming.url ?? '').startsWith('/v2/email/outbound-emails')) return 'SendEmail';
  return `${incoming.method ?? 'GET'} ${(incoming.url ?? '/').split('?')[0]}`;
}

function forward(incoming: IncomingMessage, outgoing: ServerResponse, target: URL, noteError: (type: string) => void): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      const status = answer.statusCode ?? 502;
      const headerType = answer.headers['x-amzn-errortype'];
      if (status >= 400 && typeof headerType === 'string') noteError(headerType.split(':')[0] ?? headerType);
      else if (status >= 400 && String(answer.headers['content-type'] ?? '').includes('json')) {
        // The JSON protocols name the error in the body's __type: read it on the way through.
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () => {
          try {
            const type = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { __type?: unknown }).__type ?? 'unknown');
            noteError(type.split('#').at(-1) ?? type);
          } catch {
            noteError('unknown');
          }
        });
      }
      answer.pipe(outgoing);
    },
  );
  upstream.once('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  incoming.pipe(upstream);
}

/** Forwards one exchange with both bodies buffered, so that `meter` sees them. */
function forwardMetered(incoming: IncomingMessage, outgoing: ServerResponse, target: URL, operation: string, meter: WireMeter): void {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.once('end', () => {
    const exchange: WireExchange = { operation, method: incoming.method ?? 'GET', url: incoming.url ?? '/', body: Buffer.concat(chunks) };
    void (meter.beforeForward?.(exchange) ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .then((before) => {
        const upstream = httpRequest({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.once('end', () => {
            const body = Buffer.concat(answerChunks);
            const status = answer.statusCode ?? 502;
            // The meter has read what it needs (an item after a write) before the caller goes on.
            void Promise.resolve(meter.answered(exchange, { status, body }, before))
              .catch(() => undefined)
              .then(() => {
                outgoing.writeHead(status, answer.headers);
                outgoing.end(body);
              });
          });
        });
        upstream.once('error', () => {
          if (!outgoing.headersSent) outgoing.writeHead(502);
          outgoing.end();
        });
        upstream.end(exchange.body);
      });
  });
}

/** Each service's own words for a throttle, an internal error and a refusal. */
function writeFault(outgoing: ServerResponse, service: ProxiedService, answer: FaultAnswer): void {
  const json = (status: number, type: string, message: string, contentType = 'application/x-amz-json-1.0') => {
    const body = JSON.stringify({ __type: type, message });
    outgoing.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': 'fault-proxy' });
    outgoing.end(body);
  };
  switch (service) {
    case 'dynamodb': {
      const namespace = 'com.amazonaws.dynamodb.v20120810#';
      if (answer === 'throttle') return json(400, `${namespace}ThrottlingException`, 'Rate of requests exceeds the allowed throughput.');
      if (answer === 'server-error') return json(500, `${namespace}InternalServerError`, 'Internal server error');
      return json(400, `${namespace}ValidationException`, 'Injected validation error');
    }
    case 'sfn':
    case 'kms': {
      const contentType = service === 'kms' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
      if (answer === 'throttle') return json(400, 'ThrottlingException', 'Rate exceeded', contentType);
      if (answer === 'server-error') return json(500, 'InternalFailure', 'Internal failure', contentType);
      return json(400, 'ValidationException', 'Injected validation error', contentType);
    }
    case 'sesv2': {
      const [status, type, message] =
        answer === 'throttle'
          ? [429, 'TooManyRequestsException', 'Too Many Requests']
          : answer === 'server-error'
            ? [500, 'InternalFailure', 'Internal failure']
            : [400, 'MessageRejected', 'Email address is not verified.'];
      const body = JSON.stringify({ message });
      outgoing.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-amzn-errortype': type, 'x-amzn-requestid': 'fault-proxy' });
      outgoing.end(body);
      return;
    }
    case 's3': {
      const [status, code] = answer === 'throttle' ? [503, 'SlowDown'] : answer === 'server-error' ? [500, 'InternalError'] : [400, 'InvalidRequest'];
      const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>Injected ${code}</Message><RequestId>fault-proxy</RequestId></Error>`;
      outgoing.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      outgoing.end(body);
      return;
    }
  }
}
