/**
 * The front's cache of verified tokens (issue 11, the portal's access check): a token is kept
 * until its `exp`, refused the second it expires as an uncached one is, not trusted before its
 * `nbf`, and the cache holds a bounded number of tokens.
 */
import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from '../../../local/http-front/verified-token-cache.js';

const EXP = 2_000_000_000;
const at = (seconds: number, extraMs = 0): Date => new Date(seconds * 1000 + extraMs);

describe('verified token cache (local HTTP front)', () => {
  it('answers a kept token with its claims until the second before its exp', () => {
    const cache = new VerifiedTokenCache();
    const claims = { exp: EXP, iat: EXP - 3600, scope: 'portal/read' };

    cache.remember('token-a', claims);

    expect(cache.lookup('token-a', at(EXP - 1, 999))).toEqual({ state: 'valid', claims });
    expect(cache.lookup('token-b', at(EXP - 1))).toEqual({ state: 'unknown' });
  });

  it('refuses a kept token from its exp on (jose: exp <= now, in whole seconds) and drops it', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('token-a', { exp: EXP });

    expect(cache.lookup('token-a', at(EXP))).toEqual({ state: 'expired' });
    expect(cache.size).toBe(0);
    expect(cache.lookup('token-a', at(EXP - 10))).toEqual({ state: 'unknown' });
  });

  it('does not trust a kept token before its nbf (a clock moved back)', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('token-a', { exp: EXP, nbf: EXP - 100 });

    expect(cache.lookup('token-a', at(EXP - 101))).toEqual({ state: 'not-yet-valid' });
    expect(cache.lookup('token-a', at(EXP - 100))).toMatchObject({ state: 'valid' });
  });

  it('never keeps a token without an expiry (the authorizer refuses it)', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('token-a', { iat: EXP });

    expect(cache.size).toBe(0);
  });

  it('keeps at most its bound, dropping the oldest token first', () => {
    const cache = new VerifiedTokenCache(2);
    cache.remember('token-a', { exp: EXP });
    cache.remember('token-b', { exp: EXP });
    cache.remember('token-c', { exp: EXP });

    expect(cache.size).toBe(2);
    expect(cache.lookup('token-a', at(EXP - 1))).toEqual({ state: 'unknown' });
    expect(cache.lookup('token-c', at(EXP - 1))).toMatchObject({ state: 'valid' });
  });
});
