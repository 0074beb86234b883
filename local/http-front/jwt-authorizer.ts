/**
 * An HTTP API's JWT authorizer, step by step as API Gateway documents it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * the token from the identity source, with or without `Bearer `; an RSA signature ("only
 * RSA-based algorithms are supported") by the issuer's key whose `kid` the header names; then the
 * claims: `iss` equal to the authorizer's issuer; `aud`, or `client_id` when there is no `aud`, one
 * of its audience ("API Gateway validates client_id only if aud is not present",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html);
 * `exp` after now, `nbf` and `iat` before it; and, when the route names scopes, at least one of
 * them in `scope` or `scp`.
 *
 * A token that fails is answered 401 `{"message":"Unauthorized"}` with `www-authenticate: Bearer
 * … error="invalid_token"`; a valid token without the route's scope 403 `{"message":"Forbidden"}`
 * (the status of a missing scope: https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-methods.html;
 * the HTTP API's body is the one it answers for every refusal of access).
 *
 * A token whose signature was verified once is not verified again while it lives
 * (`verified-token-cache.ts`, one cache per key set): its times are checked on every call, and
 * so are the route's issuer, audience and scopes, so every decision is the one a full
 * verification makes.
 */
import { createLocalJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { RouteJwtAuthorizer } from './template-authorizers.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** What the authorizer decided. */
export type JwtDecision =
  | { readonly allowed: true; readonly claims: JWTPayload }
  | { readonly allowed: false; readonly status: 401 | 403; readonly reason: string; readonly wwwAuthenticate?: string };

/** "Currently, only RSA-based algorithms are supported." */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * One verifier per published key set, kept while the set lives: jose imports a key on its first
 * use by a verifier and keeps it there, so a verifier made per request imported the issuer's RSA
 * key again on every call.
 */
const verifiers = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();

function verifierOf(keys: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  let verifier = verifiers.get(keys);
  if (!verifier) {
    verifier = createLocalJWKSet(keys);
    verifiers.set(keys, verifier);
  }
  return verifier;
}

/** The tokens verified under each key set: a token is trusted again only under the set that verified it. */
const verifiedTokens = new WeakMap<JSONWebKeySet, VerifiedTokenCache>();

function verifiedTokensOf(keys: JSONWebKeySet): VerifiedTokenCache {
  let cache = verifiedTokens.get(keys);
  if (!cache) {
    cache = new VerifiedTokenCache();
    verifiedTokens.set(keys, cache);
  }
  return cache;
}

/**
 * Decides on one request's token for one route's authorizer; `keysOf(issuer)` is the key set
 * the issuer publishes (its `jwks_uri`), or undefined when nobody publishes keys for it.
 */
export async function authorizeJwt(
  headerValue: string | undefined,
  authorizer: RouteJwtAuthorizer,
  keysOf: (issuer: string) => JSONWebKeySet | undefined,
  now: Date,
): Promise<JwtDecision> {
  const token = headerValue?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return unauthorized('no token in the identity source');
  const keys = keysOf(authorizer.issuer);
  const cached = keys ? verifiedTokensOf(keys).lookup(token, now) : undefined;
  if (cached?.state === 'expired') return unauthorized('the token has expired');
  if (cached?.state === 'not-yet-valid') return unauthorized('the token is not valid yet (nbf)');
  if (cached?.state === 'valid') return decideOnClaims(cached.claims, authorizer, now);
  const verified = await verifiedClaims(token, keys, authorizer, now);
  return 'refused' in verified ? verified.refused : decideOnClaims(verified.claims, authorizer, now);
}

/**
 * The claims of a token jose verified under `keys` (signature, RSA, `kid`, times), remembered for
 * the next call; or the refusal.
 */
async function verifiedClaims(
  token: string,
  keys: JSONWebKeySet | undefined,
  authorizer: RouteJwtAuthorizer,
  now: Date,
): Promise<{ readonly claims: JWTPayload } | { readonly refused: JwtDecision }> {
  const refused = (reason: string) => ({ refused: unauthorized(reason) });
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return refused('the token is not a JWT');
  }
  if (!header.alg || !RSA_ALGORITHMS.includes(header.alg)) return refused(`the token is signed ${header.alg ?? 'without an algorithm'}, not with RSA`);
  if (!keys) return refused(`no keys are published for the issuer ${authorizer.issuer}`);
  if (!header.kid || !keys.keys.some((key) => key.kid === header.kid)) return refused("the token's kid names no key of its issuer");

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, verifierOf(keys), { algorithms: RSA_ALGORITHMS, currentDate: now }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return refused('the token has expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) return refused(`the token is not valid yet (${error.claim})`);
    return refused('the token is not signed by a key of its issuer');
  }
  verifiedTokensOf(keys).remember(token, claims);
  return { claims };
}

/** The checks of a verified token's claims that depend on the time and on the route. */
function decideOnClaims(claims: JWTPayload, authorizer: RouteJwtAuthorizer, now: Date): JwtDecision {
  if (typeof claims.exp !== 'number') return unauthorized('the token has no expiry');
  if (typeof claims.iat === 'number' && claims.iat > now.getTime() / 1000) return unauthorized('the token was issued in the future');
  if (claims.iss !== authorizer.issuer) return unauthorized('the token is from another issuer');
  if (!audienceMatches(claims, authorizer.audience)) {
    return unauthorized('the token does not have a valid audience', 'the token does not have a valid audience');
  }
  if (authorizer.scopes.length > 0 && !scopesOf(claims).some((scope) => authorizer.scopes.includes(scope))) {
    return { allowed: false, status: 403, reason: `the token carries none of the route's scopes (${authorizer.scopes.join(', ')})` };
  }
  return { allowed: true, claims };
}

/** `aud` decides when present; only without it does `client_id` (Cognito's access tokens). */
function audienceMatches(claims: JWTPayload, audience: readonly string[]): boolean {
  if (claims.aud !== undefined) {
    const values = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return values.some((value) => audience.includes(value));
  }
  const clientId = claims['client_id'];
  return typeof clientId === 'string' && audience.includes(clientId);
}

/** The scopes of `scope` (space-separated) or `scp` (a string or a list). */
function scopesOf(claims: JWTPayload): string[] {
  const value = claims['scope'] ?? claims['scp'];
  if (typeof value === 'string') return value.split(' ').filter((scope) => scope !== '');
  if (Array.isArray(value)) return value.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

function unauthorized(reason: string, description?: string): JwtDecision {
  const wwwAuthenticate = `Bearer scope="" error="invalid_token"${description ? ` error_description="${description}"` : ''}`;
  return { allowed: false, status: 401, reason, wwwAuthenticate };
}
