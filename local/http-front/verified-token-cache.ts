/**
 * The tokens whose signature the HTTP front has already verified, with their claims, so a
 * caller that sends the same bearer token on every call (the portal's client-credentials token,
 * a broker's access token) costs one RSA verification per token rather than one per request —
 * about a third of the front's CPU per call before (issue 11, "Speed and cost": the portal's
 * access check through the front ≥ 0.8 of a raw DynamoDB Query).
 *
 * Only what never changes for a token is kept: its signature is valid under one key set, its
 * header is RSA with a `kid` of that set, and its claims set is a JSON object with numeric
 * dates — a pure function of the token's bytes and the key set, so one cache per key set. What
 * depends on the time is checked again on every call, as jose checks it (`nbf` after now:
 * not valid yet; `exp` at or before now: expired; both in whole seconds): a cached token is
 * refused the second it expires, as an uncached one is, and leaves the cache then. What depends
 * on the route (issuer, audience, scopes) is the authorizer's, checked after, on every call.
 * The cache holds at most `maxEntries` tokens, the oldest dropped first.
 */
import type { JWTPayload } from 'jose';

/** What a cached token is at `now`. */
export type CachedTokenState =
  | { readonly state: 'valid'; readonly claims: JWTPayload }
  | { readonly state: 'not-yet-valid' }
  | { readonly state: 'expired' }
  | { readonly state: 'unknown' };

/** @default 1000 tokens, far more than the local stack's callers hold at once */
export const DEFAULT_VERIFIED_TOKEN_CACHE_ENTRIES = 1000;

/** Verified tokens of one key set; see the module's comment for what a hit still checks. */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, JWTPayload>();

  constructor(private readonly maxEntries: number = DEFAULT_VERIFIED_TOKEN_CACHE_ENTRIES) {}

  /** How many tokens are kept (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  /** The state of `token` at `now`; an expired token is dropped. */
  lookup(token: string, now: Date): CachedTokenState {
    const claims = this.entries.get(token);
    if (!claims) return { state: 'unknown' };
    const nowSeconds = Math.floor(now.getTime() / 1000);
    // jose's order and comparisons (validateClaimsSet, no clock tolerance): nbf first, then exp.
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return { state: 'not-yet-valid' };
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
      this.entries.delete(token);
      return { state: 'expired' };
    }
    return { state: 'valid', claims };
  }

  /** Keeps a token jose verified, with an expiry (a token without one is refused, so never kept). */
  remember(token: string, claims: JWTPayload): void {
    if (typeof claims.exp !== 'number' || this.maxEntries <= 0) return;
    if (!this.entries.has(token) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, claims);
  }
}
