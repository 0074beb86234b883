/**
 * Brings a signing-service session in line with what the provider says of it: after an
 * authenticated callback, or when the signer comes back from the provider. Whatever the callback
 * said, the session's state is re-read from the provider; when it is finished, the signed PDF is
 * downloaded from the provider and goes through the same checks and recording as an eID upload
 * (acceptSignedFile, R3): its signature verified, the signer and the document compared, the
 * signature recorded with the link spent and the waiting workflow task answered.
 *
 * A session is settled once. A session settled already moves nothing, and two callbacks at once
 * do the work once (the first one claims the session). A refused PDF leaves the session
 * `refused` and the link usable: the signer may try again. A session the provider ended without
 * a signature (declined, expired, revoked, failed) is `ended` and left to the signer, who may
 * start another, sign another way, or decline on the signing page (docs/signing-service.md).
 */
import { sha256Hex } from '../adapters/document-store.js';
import { requireRequest } from '../adapters/request-store.js';
import {
  claimSigningSession,
  getSigningSession,
  releaseSigningSession,
  settleSigningSession,
  type SigningSessionRecord,
  type SigningSessionState,
} from '../adapters/signing-session-store.js';
import { describeForLog } from '../errors/product-error.js';
import { LinkUnusable } from '../http/link-pages.js';
import { acceptSignedFile, MAX_UPLOAD_BYTES } from '../http/signer/receive-signature.js';
import { resolveSigningLinkByHash, type ResolvedSigningLink } from '../http/signer/signing-link.js';
import { logger } from '../observability/logger.js';
import { SignatureRefused, type RefusalReason } from '../signatures/signature-verdict.js';
import type { SigningProvider } from './signing-provider.js';

export type SessionSync =
  /** No session of ours has this id. */
  | { readonly kind: 'unknown' }
  /** Another callback is working on it right now. */
  | { readonly kind: 'busy' }
  /** The provider still waits for the signer. */
  | { readonly kind: 'pending'; readonly session: SigningSessionRecord }
  /** Settled: by this call (`changed`) or before it. */
  | { readonly kind: 'settled'; readonly session: SigningSessionRecord; readonly changed: boolean };

interface Settlement {
  readonly state: Exclude<SigningSessionState, 'open'>;
  readonly refusal?: RefusalReason;
}

export async function syncSigningSession(input: { sessionId: string; provider: SigningProvider; now: Date }): Promise<SessionSync> {
  const { sessionId, provider, now } = input;
  const session = await getSigningSession(sessionId);
  if (!session) return { kind: 'unknown' };
  if (session.state !== 'open') return { kind: 'settled', session, changed: false };
  if (!(await claimSigningSession(sessionId, now))) {
    const current = await getSigningSession(sessionId);
    return current && current.state !== 'open' ? { kind: 'settled', session: current, changed: false } : { kind: 'busy' };
  }
  try {
    const status = await provider.sessionStatus(sessionId);
    if (status === 'pending') {
      await releaseSigningSession(sessionId);
      return { kind: 'pending', session };
    }
    const settlement: Settlement = status === 'finished' ? await acceptProviderPdf(session, provider, now) : { state: 'ended' };
    await settleSigningSession(sessionId, { ...settlement, providerStatus: status, at: now });
    logger.info('signing-service session settled', { requestId: session.requestId, role: session.role, state: settlement.state, providerStatus: status });
    const { claimedUntil: _claim, ...settled } = session;
    return { kind: 'settled', session: { ...settled, ...settlement, providerStatus: status, settledAt: now.toISOString() }, changed: true };
  } catch (error) {
    await releaseSigningSession(sessionId).catch((release: unknown) => logger.warn('signing-service session claim not released; it lapses', { error: describeForLog(release) }));
    throw error;
  }
}

/** The provider's signed PDF, verified and recorded as the signer's signature, or refused. */
async function acceptProviderPdf(session: SigningSessionRecord, provider: SigningProvider, now: Date): Promise<Settlement> {
  const bytes = await provider.downloadSignedPdf(session.sessionId, MAX_UPLOAD_BYTES);
  const resolved = await resolveSessionLink(session, now);
  if (!resolved) return settlementOfClosedWait(session, bytes);
  if (bytes.byteLength === 0) return { state: 'refused', refusal: 'not_pdf' };
  try {
    await acceptSignedFile({ resolved, file: { method: 'advanced', bytes, contentType: 'application/pdf' }, now });
    return { state: 'signed' };
  } catch (error) {
    if (error instanceof SignatureRefused) return { state: 'refused', refusal: error.reason };
    // Another answer spent the link between our look and our write (a second callback, an upload).
    if (error instanceof LinkUnusable) return settlementOfClosedWait(session, bytes);
    throw error;
  }
}

/**
 * The link or the wait is closed: the signature recorded for this role is this very PDF (an
 * earlier delivery got as far as recording it) — `signed` — or something else ended the wait — `closed`.
 */
async function settlementOfClosedWait(session: SigningSessionRecord, bytes: Uint8Array): Promise<Settlement> {
  const recorded = (await requireRequest(session.requestId)).signatures?.[session.role];
  return recorded?.method === 'advanced' && recorded.sha256 === sha256Hex(bytes) ? { state: 'signed' } : { state: 'closed' };
}

/** The signing link that started the session: undefined unless it is usable and its request still waits for this signer (R3, R6). */
async function resolveSessionLink(session: SigningSessionRecord, now: Date): Promise<ResolvedSigningLink | undefined> {
  try {
    return await resolveSigningLinkByHash(session.tokenHash, now);
  } catch (error) {
    if (error instanceof LinkUnusable) return undefined;
    throw error;
  }
}
