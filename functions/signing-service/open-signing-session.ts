/**
 * Starts the signing service's session for a signer (R3, advanced signature): the document this
 * signer must sign (the form; for a company's legal representative the requester's signed PDF
 * when there is one, R6) goes to the provider with the signer's name, and the session is
 * recorded against the signing link. A second call while that session is open answers the same
 * session, so a double click or a reload never starts two.
 */
import { getDocument } from '../adapters/document-store.js';
import { recordSigningSession, sessionOfLink, type SigningSessionRecord } from '../adapters/signing-session-store.js';
import { config } from '../config/config.js';
import { expectedSigner } from '../domain/signing-plan.js';
import { ProductError } from '../errors/product-error.js';
import type { ResolvedSigningLink } from '../http/signer/signing-link.js';
import { documentToSign } from '../signatures/document-to-sign.js';
import { isSigningSessionId, SigningServiceFault, type SigningProvider } from './signing-provider.js';

/** Where the provider posts its callbacks, below PUBLIC_BASE_URL. */
export const SIGNING_CALLBACK_PATH = '/v1/signing-service/callback';

/** Another call recorded a session for the same link at the same moment, and it is gone already; try again. */
export class SigningSessionContended extends ProductError<{ requestId: string }> {
  override readonly name = 'SigningSessionContended';
  readonly $retryable = { throttling: false };
}

export interface OpenSigningSessionInput {
  readonly resolved: ResolvedSigningLink;
  /** The raw link token: the return URL carries it, so the signer comes back to his own link. */
  readonly token: string;
  readonly provider: SigningProvider;
  readonly now: Date;
}

/** The open session of this signing link: the one already open, or a new one. */
export async function openSigningSession(input: OpenSigningSessionInput): Promise<SigningSessionRecord> {
  const { resolved, provider, now } = input;
  const existing = await sessionOfLink(resolved.link.tokenHash);
  if (existing && isStillOpen(existing, now)) return existing;

  const request = resolved.request;
  const document = documentToSign(request, resolved.role);
  const { bytes } = await getDocument(document.key);
  const signer = expectedSigner(request.request, resolved.role);
  const base = config().PUBLIC_BASE_URL;
  const expiresAt = new Date(resolved.link.expiresAt);
  const started = await provider.startSession({
    pdf: bytes,
    documentName: `access-request-${request.id}.pdf`,
    signer: { firstName: signer.firstName, lastName: signer.lastName, email: signer.email, language: request.request.language },
    callbackUrl: `${base}${SIGNING_CALLBACK_PATH}`,
    returnUrl: `${base}/sign/${encodeURIComponent(input.token)}/advanced`,
    externalReference: `${request.id}.${resolved.role}`,
    expiresAt,
  });
  // The id enters a key (I1): a provider answering another shape is refused before anything is stored.
  if (!isSigningSessionId(started.sessionId)) {
    throw new SigningServiceFault(`The signing service answered a session id of another shape`, { provider: provider.name, operation: 'startSession' });
  }
  const session: SigningSessionRecord = {
    sessionId: started.sessionId,
    provider: provider.name,
    requestId: request.id,
    role: resolved.role,
    tokenHash: resolved.link.tokenHash,
    documentKey: document.key,
    documentSha256: document.sha256,
    signerUrl: started.signerUrl,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    state: 'open',
  };
  if (await recordSigningSession(session, existing?.sessionId)) return session;
  // Another click recorded its session first: answer that one (ours is left to expire at the provider).
  const winner = await sessionOfLink(resolved.link.tokenHash);
  if (winner && isStillOpen(winner, now)) return winner;
  throw new SigningSessionContended(`Two signing-service sessions were started at once for request ${request.id}`, { requestId: request.id });
}

function isStillOpen(session: SigningSessionRecord, now: Date): boolean {
  return session.state === 'open' && Date.parse(session.expiresAt) > now.getTime();
}
