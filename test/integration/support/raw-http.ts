/**
 * One HTTP call exactly as written, for tests of hostile input: the path goes out byte for byte
 * (malformed percent-encoding included, which `fetch` may normalise), a GET may carry a body,
 * and the body may be any bytes (invalid UTF-8 included).
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawCall {
  readonly method: string;
  /** The request target as sent: path and query, already percent-encoded as the test wants it. */
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The answer's body as UTF-8 text. */
  readonly text: string;
  /** The answer's body size in bytes. */
  readonly bytes: number;
}

/** Sends `call` to `baseUrl` (`http://127.0.0.1:PORT`) and reads the whole answer. */
export function rawCall(baseUrl: string, call: RawCall): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body = call.body === undefined ? undefined : typeof call.body === 'string' ? Buffer.from(call.body, 'utf8') : Buffer.from(call.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: hostname,
        port: Number(port),
        method: call.method,
        path: call.target,
        headers: { ...call.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.once('error', reject);
        incoming.once('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: bytes.toString('utf8'), bytes: bytes.length });
        });
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

/** The answer's JSON body, or undefined when it is not JSON. */
export function jsonOf(answer: RawAnswer): unknown {
  if (!String(answer.headers['content-type'] ?? '').includes('json')) return undefined;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return undefined;
  }
}
