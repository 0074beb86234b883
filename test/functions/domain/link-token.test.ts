import { describe, expect, it } from 'vitest';

import {
  hashLinkToken,
  isWellFormedLinkToken,
  linkTokenState,
  mintLinkToken,
} from '../../../functions/domain/link-token.js';

describe('mintLinkToken (R7)', () => {
  // A thousand draws: a pattern that refused one of the 16 characters a token can end in would pass one draw by luck.
  const minted = Array.from({ length: 1000 }, () => mintLinkToken());

  it('mints a thousand distinct tokens, each 32 random bytes that isWellFormedLinkToken accepts', () => {
    expect(new Set(minted.map(({ token }) => token)).size).toBe(1000);
    for (const { token } of minted) {
      expect(Buffer.from(token, 'base64url').toString('base64url'), token).toBe(token);
      expect(Buffer.from(token, 'base64url'), token).toHaveLength(32);
      expect(isWellFormedLinkToken(token), token).toBe(true);
    }
  });

  it('stores each token under the hash a lookup computes for it', () => {
    for (const { token, hash } of minted) expect(hashLinkToken(token), token).toBe(hash);
  });
});

describe('hashLinkToken', () => {
  it('hashes a known value as SHA-256', () => {
    expect(hashLinkToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('isWellFormedLinkToken', () => {
  const good = Buffer.alloc(32, 7).toString('base64url');

  it('accepts a canonical 43-character base64url token', () => {
    expect(isWellFormedLinkToken(good)).toBe(true);
  });

  it.each([
    ['too short', good.slice(0, 42)],
    ['too long', `${good}A`],
    ['padded', `${good}=`],
    ['standard base64 characters', `${good.slice(0, 41)}+A`],
    ['a non-canonical last character', `${good.slice(0, 42)}B`],
    ['whitespace', ` ${good.slice(1)}`],
    ['empty', ''],
  ])('refuses a token with %s', (_why, token) => {
    expect(isWellFormedLinkToken(token)).toBe(false);
  });
});

describe('linkTokenState (R7)', () => {
  const now = new Date('2026-11-28T12:00:00Z');

  it('is usable before it expires, to the last millisecond, and was never used', () => {
    expect(linkTokenState({ expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe('usable');
    expect(linkTokenState({ expiresAt: '2026-11-28T12:00:00.001Z' }, now)).toBe('usable');
  });

  it('is expired from its expiry instant on', () => {
    expect(linkTokenState({ expiresAt: '2026-11-28T12:00:00Z' }, now)).toBe('expired');
    expect(linkTokenState({ expiresAt: '2026-11-27T00:00:00Z' }, now)).toBe('expired');
  });

  it('is used once used, even after it expired', () => {
    expect(linkTokenState({ expiresAt: '2026-12-01T00:00:00Z', usedAt: '2026-11-28T11:00:00Z' }, now)).toBe('used');
    expect(linkTokenState({ expiresAt: '2026-11-01T00:00:00Z', usedAt: '2026-10-28T11:00:00Z' }, now)).toBe('used');
  });

  it('counts an unreadable expiry as expired', () => {
    expect(linkTokenState({ expiresAt: 'soon' }, now)).toBe('expired');
  });
});
