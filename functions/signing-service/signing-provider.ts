/**
 * An advanced electronic signature made through a signing service (R3): PortiSign's resold
 * Connective / Nitro Sign, or the local test signing service. Every provider sits behind this
 * one interface; the product starts a session for a PDF and a signer, sends the signer to the
 * URL it answers, and, when the provider calls back, re-reads the session from the provider and
 * downloads the signed PDF — the callback's body is never trusted for what it says
 * (docs/signing-service.md).
 */
import type { Language } from '../domain/request-schema.js';
import { ProductError } from '../errors/product-error.js';

/** The person who signs, as the provider needs him: his name goes into the certificate the provider issues or checks. */
export interface SigningServiceSigner {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly language: Language;
}

/** What a session is started with. */
export interface SigningSessionInput {
  /** The PDF to sign, exactly as stored (its SHA-256 is what the verification compares). */
  readonly pdf: Uint8Array;
  /** Shown to the signer at the provider, e.g. `access-request-req_….pdf`. */
  readonly documentName: string;
  readonly signer: SigningServiceSigner;
  /** Where the provider posts its completion callback (`POST /v1/signing-service/callback`). */
  readonly callbackUrl: string;
  /** Where the provider sends the signer's browser back once he is done (`GET /sign/{token}/advanced`). */
  readonly returnUrl: string;
  /** Our own reference of the session, kept by the provider (Connective's `ExternalReference`). */
  readonly externalReference: string;
  /** The session is of no use after this (the signer's link expires). */
  readonly expiresAt: Date;
}

/** A started session: the provider's id of it, and where the signer signs. */
export interface StartedSigningSession {
  /** The provider's id (Connective: the package id); {@link SIGNING_SESSION_ID_PATTERN}. */
  readonly sessionId: string;
  /** The page the signer is sent to. */
  readonly signerUrl: string;
}

/**
 * A session's state as the provider reports it, in the product's words. Connective's package
 * statuses map onto these: Draft/Pending/InProgress/Ending → `pending`, Finished/Archived →
 * `finished`, Revoked → `revoked`, Expired → `expired`, Failed → `failed`; a signer's refusal
 * → `declined`.
 */
export const SIGNING_SESSION_STATUSES = ['pending', 'finished', 'declined', 'expired', 'revoked', 'failed'] as const;
export type SigningSessionStatus = (typeof SIGNING_SESSION_STATUSES)[number];

/**
 * A provider's session id enters a key (`SIGNING_SESSION#<id>`), so it keeps to a character set
 * without `#` (docs/input-rules.md, I1): Connective's GUIDs and the local service's ids fit.
 */
export const SIGNING_SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

export function isSigningSessionId(value: unknown): value is string {
  return typeof value === 'string' && SIGNING_SESSION_ID_PATTERN.test(value);
}

/** One signing service. A real provider is one more class implementing it (docs/signing-service.md). */
export interface SigningProvider {
  /** Recorded with each session, e.g. `local-test`, `connective`. */
  readonly name: string;
  /** Creates the session (the provider holds the PDF from now on) and answers where the signer goes. */
  startSession(input: SigningSessionInput): Promise<StartedSigningSession>;
  /** The session's state, read from the provider: the only source the product believes. */
  sessionStatus(sessionId: string): Promise<SigningSessionStatus>;
  /**
   * The signed PDF of a `finished` session, at most `maxBytes` long.
   * @throws SigningServiceFault when the provider has none or it is larger
   */
  downloadSignedPdf(sessionId: string, maxBytes: number): Promise<Uint8Array>;
  /**
   * Which session an (already authenticated) callback body is about, or undefined when it names
   * none in a form this provider sends. Nothing else of the body is used.
   */
  sessionIdOfCallback(body: string): string | undefined;
}

/**
 * The signing service answered something else than expected (a refusal, a 4xx, a body of
 * another shape). Not a passing fault: a retry would meet it again.
 */
export class SigningServiceFault extends ProductError<{ provider: string; operation: string; statusCode?: number }> {
  override readonly name = 'SigningServiceFault';
}

/**
 * The signing service could not be reached or answered 5xx/429: a later try may work. Its
 * `$retryable` makes it a passing fault (functions/errors/passing-fault.ts), so a route answers
 * 503 and the provider calls back again.
 */
export class SigningServiceUnavailable extends ProductError<{ provider: string; operation: string; statusCode?: number }> {
  override readonly name = 'SigningServiceUnavailable';
  readonly $retryable = { throttling: false };
}
