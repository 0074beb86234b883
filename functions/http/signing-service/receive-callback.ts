/**
 * `POST /v1/signing-service/callback`: the signing service says a session changed. There is no
 * bearer token: the HMAC over timestamp and body with the shared secret is the credential
 * (functions/signing-service/callback-authentication.ts), checked before anything else; a
 * replay of an accepted callback is refused. The body is trusted for nothing but which session
 * to look at: the session's state is re-read from the provider and the signed PDF downloaded
 * from it (sync-signing-session.ts), so the body stays small (the Lambda invocation limit is
 * 6 MB) and a forged body could change nothing.
 *
 * The provider did its job whatever our verification makes of its PDF: a settled session, signed
 * or refused, answers 200, and so does a second callback for it, which moves nothing.
 */
import * as z from 'zod/mini';
import { forgetCallback, rememberCallback } from '../../adapters/callback-replay-store.js';
import { describeForLog } from '../../errors/product-error.js';
import { logger } from '../../observability/logger.js';
import { CALLBACK_SIGNATURE_HEADER, CALLBACK_TIMESTAMP_HEADER, verifyCallback } from '../../signing-service/callback-authentication.js';
import { callbackSecret, signingProvider } from '../../signing-service/configured-provider.js';
import { syncSigningSession } from '../../signing-service/sync-signing-session.js';
import type { ApiEvent } from '../api-handler.js';
import { conflict, unauthorized, validationFailed } from '../http-errors.js';
import { json, type HttpResult } from '../http-response.js';

/** The answer to an authentic callback. */
export const signingCallbackResponse = z.object({
  status: z.enum(['signed', 'refused', 'ended', 'closed', 'pending', 'in_progress', 'unknown_session']).check(
    z.describe(
      "The session's state after the callback: signed (verified and recorded), refused (its PDF did not pass verification), ended (unsigned at the provider), closed (the request no longer waits for it), pending (the provider still waits), in_progress (another callback is handling it), unknown_session",
    ),
  ),
});
export type SigningCallbackResponse = z.infer<typeof signingCallbackResponse>;

export async function receiveSigningCallback(event: ApiEvent): Promise<HttpResult> {
  const now = new Date();
  const body = rawBody(event);
  const verdict = verifyCallback({
    timestamp: event.headers[CALLBACK_TIMESTAMP_HEADER],
    signature: event.headers[CALLBACK_SIGNATURE_HEADER],
    body,
    secret: await callbackSecret(),
    now,
  });
  if (!verdict.authentic) {
    logger.warn('signing-service callback refused', { refusal: verdict.refusal });
    throw unauthorized('The callback is not signed with the shared secret within its time window');
  }
  if (!(await rememberCallback(verdict.mac, verdict.rememberUntil, now))) {
    logger.warn('signing-service callback replayed', { signedAt: verdict.signedAt.toISOString() });
    throw conflict('This callback was received before: a replay is refused');
  }
  try {
    const provider = await signingProvider();
    const sessionId = provider.sessionIdOfCallback(body.toString('utf8'));
    if (!sessionId) throw validationFailed([{ path: 'sessionId', rule: 'schema', message: 'The callback names no session' }]);
    const synced = await syncSigningSession({ sessionId, provider, now });
    return json(200, signingCallbackResponse.parse({ status: statusOf(synced) }));
  } catch (error) {
    // Not handled: the provider's retry of this very delivery must not count as a replay.
    await forgetCallback(verdict.mac).catch((forget: unknown) => logger.warn('callback MAC not forgotten', { error: describeForLog(forget) }));
    throw error;
  }
}

function statusOf(synced: Awaited<ReturnType<typeof syncSigningSession>>): SigningCallbackResponse['status'] {
  switch (synced.kind) {
    case 'unknown':
      return 'unknown_session';
    case 'busy':
      return 'in_progress';
    case 'pending':
      return 'pending';
    case 'settled':
      return synced.session.state === 'open' ? 'pending' : synced.session.state;
  }
}

/** The body's bytes exactly as sent (the gateway base64-encodes a body it does not take for text). */
function rawBody(event: ApiEvent): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}
