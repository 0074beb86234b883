/**
 * The local test signing service: the stand-in for PortiSign / Connective on the local stack,
 * spoken to by functions/signing-service/local-test-provider.ts. Like a real service it holds
 * the PDF, shows the signer a page where he confirms, signs with a certificate it issues for him
 * (a real PAdES signature, signing-service/signing-authority.ts) and calls the product back,
 * the callback signed with the shared secret (functions/signing-service/callback-authentication.ts).
 *
 * API (bearer API key): `POST /api/sessions`, `GET /api/sessions/{id}`,
 * `GET /api/sessions/{id}/signed.pdf`; for tests, `GET /api/sessions/{id}/callbacks` (the
 * callbacks sent, exactly as sent) and `POST /api/sessions/{id}/callbacks` (send a fresh one now).
 * The signer's pages (no key: the session id in the URL is the capability): `GET /sessions/{id}`
 * (and the document itself, `GET /sessions/{id}/document.pdf`), with plain HTML forms posting to `/sessions/{id}/confirm` and `/sessions/{id}/decline`, each
 * answered `303` to the product's return URL once the callback was answered (a form field
 * `callback=hold` keeps the callback back, as if it were lost: for tests).
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { escapeHtml } from '../../functions/messages/escape-html.js';
import { callbackHeaders } from '../../functions/signing-service/callback-authentication.js';
import { SigningAuthority } from './signing-service/signing-authority.js';
import { ServiceSessions, type CallbackDelivery, type ServiceSession } from './signing-service/service-sessions.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { readCappedBody } from './read-capped-body.js';

export { TRUST_FILE_NAME as SIGNING_SERVICE_TRUST_FILE_NAME } from './signing-service/signing-authority.js';

export interface SigningServiceLocalOptions {
  /** Its root CA and its sessions; created when missing. */
  readonly dataDir: string;
  /** The folder of trusted roots the product reads (`.local/trust/`): the service's root PEM is written there. */
  readonly trustDir: string;
  /** The key the product calls it with (the local Secrets Manager's ApiKey secret). */
  readonly apiKey: string;
  /** The secret its callbacks are signed with (the local Secrets Manager's CallbackSecret). */
  readonly callbackSecret: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

export interface SigningServiceLocal {
  /** e.g. `http://127.0.0.1:4016`: SIGNING_SERVICE_URL. */
  readonly url: string;
  /** Stops the server once pending writes are on disk. Safe to call twice. */
  stop(): Promise<void>;
}

/** A PDF of 20 MB in base64, and the rest of the request. */
const MAX_API_BODY_BYTES = 28 * 1024 * 1024;
const MAX_PAGE_BODY_BYTES = 8 * 1024;
const CALLBACK_TIMEOUT_MS = 30_000;

const createSessionBody = z.object({
  documentName: z.string().min(1).max(150),
  pdf: z.base64().min(1),
  signer: z.object({ firstName: z.string().min(1), lastName: z.string().min(1), email: z.email(), language: z.string().min(2) }),
  callbackUrl: z.url(),
  returnUrl: z.url(),
  externalReference: z.string().min(1).max(200),
  expiresAt: z.iso.datetime(),
});

class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? status));
  }
}

export async function startSigningServiceLocal(options: SigningServiceLocalOptions): Promise<SigningServiceLocal> {
  const authority = await SigningAuthority.open(options.dataDir, options.trustDir);
  const sessions = await ServiceSessions.open(options.dataDir);
  const signing = new Set<string>();
  const apiKeyDigest = createHash('sha256').update(options.apiKey).digest();

  const authorised = (request: IncomingMessage): boolean => {
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    return timingSafeEqual(createHash('sha256').update(presented).digest(), apiKeyDigest);
  };

  const deliver = async (session: ServiceSession): Promise<CallbackDelivery> => {
    // Each delivery has its own id, so two deliveries within one second are two messages, not a replay.
    const body = JSON.stringify({ sessionId: session.sessionId, status: session.status, deliveryId: randomUUID() });
    const now = new Date();
    const headers = { 'content-type': 'application/json', ...callbackHeaders(options.callbackSecret, body, now) };
    let answerStatus = 0;
    try {
      const answer = await fetch(session.callbackUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS) });
      await answer.body?.cancel();
      answerStatus = answer.status;
    } catch {
      // Not reached: recorded as such; the product re-reads the session when the signer comes back.
    }
    const delivery: CallbackDelivery = { at: now.toISOString(), headers, body, answerStatus };
    session.deliveries.push(delivery);
    await sessions.save(session);
    return delivery;
  };

  const sessionOf = (id: string | undefined): ServiceSession => {
    const session = id ? sessions.get(id, new Date()) : undefined;
    if (!session) throw new HttpAnswer(404, { error: 'not_found', message: 'No such session' });
    return session;
  };

  const api = async (request: IncomingMessage, route: string[]): Promise<[number, unknown] | [number, Uint8Array, 'pdf']> => {
    if (!authorised(request)) throw new HttpAnswer(401, { error: 'unauthorized', message: 'A valid API key is required' });
    const [, id, part] = route;
    if (request.method === 'POST' && route.length === 1) {
      const parsed = createSessionBody.safeParse(JSON.parse((await readBody(request, MAX_API_BODY_BYTES)).toString('utf8') || '{}'));
      if (!parsed.success) throw new HttpAnswer(400, { error: 'validation', message: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      const session = await sessions.create(parsed.data, new Date());
      return [201, { sessionId: session.sessionId, signerUrl: `${url}/sessions/${session.sessionId}`, status: session.status }];
    }
    const session = sessionOf(id);
    if (request.method === 'GET' && part === undefined) {
      return [200, { sessionId: session.sessionId, status: session.status, externalReference: session.externalReference }];
    }
    if (request.method === 'GET' && part === 'signed.pdf') {
      if (session.status !== 'finished' || !session.signedPdf) throw new HttpAnswer(409, { error: 'not_finished', message: `The session is ${session.status}` });
      return [200, Buffer.from(session.signedPdf, 'base64'), 'pdf'];
    }
    if (request.method === 'GET' && part === 'callbacks') return [200, { deliveries: session.deliveries }];
    if (request.method === 'POST' && part === 'callbacks') return [200, { delivery: await deliver(session) }];
    throw new HttpAnswer(404, { error: 'not_found', message: 'No such operation' });
  };

  const page = async (request: IncomingMessage, response: ServerResponse, route: string[]): Promise<void> => {
    const [, id, action] = route;
    const session = sessionOf(id);
    if (request.method === 'GET' && action === undefined) return sendHtml(response, 200, signerPage(session));
    if (request.method === 'GET' && action === 'document.pdf') return sendApi(response, [200, Buffer.from(session.pdf, 'base64'), 'pdf']);
    if (request.method !== 'POST' || (action !== 'confirm' && action !== 'decline')) throw new HttpAnswer(404, { error: 'not_found', message: 'No such page' });
    const form = new URLSearchParams((await readBody(request, MAX_PAGE_BODY_BYTES)).toString('utf8'));
    if (session.status !== 'pending' || signing.has(session.sessionId)) return sendHtml(response, 409, signerPage(session));
    signing.add(session.sessionId);
    try {
      const now = new Date();
      if (action === 'confirm') {
        session.signedPdf = Buffer.from(await authority.sign(Buffer.from(session.pdf, 'base64'), session.signer, now)).toString('base64');
        session.status = 'finished';
      } else {
        session.status = 'declined';
      }
      session.finishedAt = now.toISOString();
      await sessions.save(session);
    } finally {
      signing.delete(session.sessionId);
    }
    // As a browser would be: back to the product once it heard of the outcome. `callback=hold`
    // (tests only) plays a callback that never arrived: the product learns of it when the signer returns.
    if (form.get('callback') !== 'hold') await deliver(session);
    response.writeHead(303, { location: session.returnUrl, 'content-length': 0 });
    response.end();
  };

  const server = createServer((request, response) => {
    const route = new URL(request.url ?? '/', 'http://localhost').pathname.split('/').filter(Boolean);
    const handled = route[0] === 'api' ? api(request, route.slice(1)).then((answer) => sendApi(response, answer)) : route[0] === 'sessions' ? page(request, response, route) : Promise.reject(new HttpAnswer(404, { error: 'not_found', message: 'Not found' }));
    handled.catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof HttpAnswer) return sendJson(response, error.status, error.body);
      if (error instanceof SyntaxError) return sendJson(response, 400, { error: 'validation', message: 'The body is not valid JSON' });
      sendJson(response, 500, { error: 'internal', message: error instanceof Error ? error.message : String(error) });
    });
  });
  const listening = await listenOnLoopback(server, { port: options.port });
  const url = listening.endpoint;
  return {
    url,
    stop: () => listening.close().then(() => sessions.flushed()),
  };
}

/** The signer's page: what he signs, as whom, and the buttons. */
function signerPage(session: ServiceSession): string {
  const signer = `${session.signer.firstName} ${session.signer.lastName}`;
  const pending = session.status === 'pending';
  const body = pending
    ? [
        `<p>You are about to sign <strong>${escapeHtml(session.documentName)}</strong> as <strong>${escapeHtml(signer)}</strong>.</p>`,
        `<p><a href="/sessions/${escapeHtml(session.sessionId)}/document.pdf">Read the document</a></p>`,
        `<form method="post" action="/sessions/${escapeHtml(session.sessionId)}/confirm"><button type="submit">Confirm</button></form>`,
        `<form method="post" action="/sessions/${escapeHtml(session.sessionId)}/decline"><button type="submit">Decline</button></form>`,
      ]
    : [`<p>This session is ${escapeHtml(session.status)}.</p>`, `<p><a href="${escapeHtml(session.returnUrl)}">Back</a></p>`];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Local test signing service</title></head><body>',
    '<h1>Local test signing service</h1>',
    `<p>Document: ${escapeHtml(session.documentName)}</p>`,
    ...body,
    '</body></html>',
  ].join('\n');
}

function sendApi(response: ServerResponse, answer: [number, unknown] | [number, Uint8Array, 'pdf']): void {
  if (answer.length === 3) {
    response.writeHead(answer[0], { 'content-type': 'application/pdf', 'content-length': answer[1].byteLength });
    response.end(answer[1]);
  } else {
    sendJson(response, answer[0], answer[1]);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendHtml(response: ServerResponse, status: number, page: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page), 'cache-control': 'no-store' });
  response.end(page);
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const body = await readCappedBody(request, maxBytes);
  if (body === 'too-large') throw new HttpAnswer(413, { error: 'too_large', message: `The body may be ${maxBytes} bytes at most` });
  return body;
}
