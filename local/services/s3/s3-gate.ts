/**
 * The local S3's front door: an HTTP proxy in front of s3rver that refuses what S3 would refuse
 * and s3rver lets through. s3rver 3.7 ignores a browser upload's `policy` field (no signature,
 * expiry, conditions or size range: "unimplemented" in its controllers/object.js) and accepts
 * any SigV4 presigned URL that has not expired ("Signature version 4 calculation is
 * unimplemented", middleware/authentication.js). So here:
 * - a presigned URL (`X-Amz-Signature` in the query) is checked whole: signature over the
 *   canonical request, access key, region, lifetime (presigned-request.ts);
 * - a browser-based upload (`POST /<bucket>`, multipart/form-data) is checked against its
 *   policy: signature, expiration, every condition, extra fields, the file's size
 *   (post-policy.ts);
 * and refused with S3's own XML errors. Everything else (the SDK's header-signed calls) passes
 * unchanged, streamed both ways.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';
import { readCappedBody } from '../read-capped-body.js';
import { checkPostPolicy, MALFORMED_POST, parseMultipart } from './post-policy.js';
import { checkPresignedRequest, isPresignedRequest, type SigningAuthority } from './presigned-request.js';
import { refusal, refusalAnswer, type S3Refusal } from './s3-refusal.js';

export interface S3GateOptions {
  /** s3rver's endpoint, `http://127.0.0.1:<port>`. */
  readonly target: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  readonly authority: SigningAuthority;
  /** The clock presigned URLs and policies expire on. @default the system clock (the SDK signs with it) */
  readonly now?: () => Date;
  /**
   * A browser upload's body is read whole before it is checked; a larger one is refused
   * unread. Well above any policy of the product (20 MB). @default 64 MiB
   */
  readonly maxPostBytes?: number;
}

export interface S3Gate {
  /** `http://127.0.0.1:<port>`: the S3 endpoint clients use. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const DEFAULT_MAX_POST_BYTES = 64 * 1024 * 1024;

export async function startS3Gate(options: S3GateOptions): Promise<S3Gate> {
  const target = new URL(options.target);
  const now = options.now ?? (() => new Date());
  const maxPostBytes = options.maxPostBytes ?? DEFAULT_MAX_POST_BYTES;

  const server = createServer((incoming, outgoing) => {
    const url = incoming.url ?? '/';
    if (isPresignedRequest(url)) {
      const refused = checkPresignedRequest({ method: incoming.method ?? 'GET', url, headers: incoming.headers }, options.authority, now());
      if (refused) return refuse(incoming, outgoing, refused);
    }
    const bucket = browserUploadBucket(incoming);
    if (bucket === undefined) return forward(incoming, outgoing, target);
    readCappedBody(incoming, maxPostBytes).then(
      (body) => {
        if (body === 'too-large') {
          return refuse(incoming, outgoing, refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: String(maxPostBytes) }));
        }
        const parts = parseMultipart(body, String(incoming.headers['content-type']));
        const refused = parts ? checkPostPolicy({ bucket, parts, authority: options.authority, now: now() }) : MALFORMED_POST;
        if (refused) return refuse(incoming, outgoing, refused);
        const headers = { ...incoming.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        forward(incoming, outgoing, target, { headers, body });
      },
      () => outgoing.destroy(),
    );
  });

  const listening = await listenOnLoopback(server, { port: options.port });
  return { endpoint: listening.endpoint, stop: () => listening.close() };
}

/** The bucket of a browser-based upload (`POST /<bucket>` with a multipart/form-data body); undefined for any other request. */
function browserUploadBucket(incoming: IncomingMessage): string | undefined {
  if (incoming.method !== 'POST') return undefined;
  if (!String(incoming.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) return undefined;
  const path = (incoming.url ?? '/').split('?')[0] ?? '/';
  return /^\/([^/]+)\/?$/.exec(path)?.[1];
}

function refuse(incoming: IncomingMessage, outgoing: ServerResponse, refused: S3Refusal): void {
  const answer = refusalAnswer(refused);
  // A body not read yet is drained, so the connection stays usable.
  if (!incoming.readableEnded) incoming.resume();
  outgoing.writeHead(answer.status, answer.headers);
  outgoing.end(answer.body);
}

/** Passes a request on to s3rver (its body streamed, or the one already read) and its answer back. */
function forward(incoming: IncomingMessage, outgoing: ServerResponse, target: URL, read?: { headers: IncomingMessage['headers']; body: Buffer }): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: read?.headers ?? incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.once('error', () => {
    if (outgoing.headersSent) return void outgoing.destroy();
    const answer = refusalAnswer(refusal(503, 'ServiceUnavailable', 'Please reduce your request rate.'));
    outgoing.writeHead(answer.status, answer.headers);
    outgoing.end(answer.body);
  });
  if (read) upstream.end(read.body);
  else incoming.pipe(upstream);
}
