/**
 * A broker's session in the dashboard: his access token from the user pool, kept in an
 * HttpOnly cookie and checked on every request exactly as the broker API's JWT authorizer checks
 * it (docs/sign-in.md): signature against the issuer's published keys, issuer, expiry, the
 * brokers' app client (`client_id`), an access token (`token_use`), the `brokers/requests` scope;
 * then the broker office from its claim, held to I1 (functions/http/broker-office-claim.ts).
 *
 * Posts also carry a form token: the SHA-256 of the session cookie, which another site can
 * neither read nor compute, on top of SameSite=Lax (docs/dashboard.md, "Sign-in and sessions").
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { BROKER_REQUESTS_SCOPE } from '../../infra/sign-in-claims.js';
import { config } from '../config/config.js';
import { brokerOfficeIn } from '../http/broker-office-claim.js';
import type { ApiEvent } from '../http/api-handler.js';
import { cookiesOf } from './cookies.js';
import { signInConfiguration, signInSettings } from './sign-in-flow.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'dashboard_session';
/** The sign-in cookie's name: the state and PKCE verifier of a sign-in under way. */
export const SIGN_IN_COOKIE = 'dashboard_sign_in';
/** The largest session cookie read: an access token of the user pool is about 1 KB. */
const MAX_TOKEN_LENGTH = 4096;

export interface BrokerSession {
  readonly brokerId: string;
  /** The verified token's claims: the broker routes read the office from them (broker-routes.ts). */
  readonly claims: Readonly<JWTPayload>;
  /** When the token expires: the session cookie's lifetime. */
  readonly expiresAt: Date;
  /** What every form of this session posts back (`csrf`), or sends as `x-csrf-token`. */
  readonly formToken: string;
}

/** Why a token is not a session. */
export type SessionRefusal = 'missing' | 'invalid' | 'not-a-broker';

let keys: { readonly uri: string; readonly set: ReturnType<typeof createRemoteJWKSet> } | undefined;

async function issuerKeys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
  const configuration = await signInConfiguration();
  const uri = configuration.serverMetadata().jwks_uri;
  if (!uri) throw new Error('The sign-in issuer publishes no jwks_uri');
  if (keys?.uri !== uri) keys = { uri, set: createRemoteJWKSet(new URL(uri)) };
  return keys.set;
}

/**
 * The broker an access token speaks for, checked as the API's authorizer checks it.
 * @returns the session, or why there is none
 */
export async function sessionOfToken(token: string | undefined, now: Date = new Date()): Promise<BrokerSession | { readonly refused: SessionRefusal }> {
  if (!token) return { refused: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { refused: 'invalid' };
  const settings = signInSettings();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await issuerKeys(), { issuer: settings.issuer, algorithms: ['RS256'], currentDate: now }));
  } catch {
    return { refused: 'invalid' };
  }
  const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
  if (payload['token_use'] !== 'access' || payload['client_id'] !== settings.clientId || !scopes.includes(BROKER_REQUESTS_SCOPE) || typeof payload.exp !== 'number') {
    return { refused: 'invalid' };
  }
  const office = brokerOfficeIn(payload, config().BROKER_ID_CLAIM);
  if ('refused' in office) return { refused: 'not-a-broker' };
  return { brokerId: office.brokerId, claims: payload, expiresAt: new Date(payload.exp * 1000), formToken: formTokenOf(token) };
}

/** The session of the request's cookie, or why there is none. */
export function sessionOf(event: Pick<ApiEvent, 'cookies'>): Promise<BrokerSession | { readonly refused: SessionRefusal }> {
  return sessionOfToken(cookiesOf(event).get(SESSION_COOKIE));
}

/** The form token of a session cookie's value. */
function formTokenOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url').slice(0, 32);
}

/** Whether `sent` (a form's `csrf` field or the `x-csrf-token` header) is the session's form token. */
export function formTokenMatches(session: BrokerSession, sent: string | undefined): boolean {
  if (typeof sent !== 'string' || sent.length !== session.formToken.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(session.formToken));
}
