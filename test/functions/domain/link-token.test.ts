import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  hashLinkToken,
  isWellFormedLinkToken,
  linkTokenState,
  mintLinkToken,
} from '../../../functions/domain/link-token.js';

describe('mintLinkToken (R7)', () => {
  it('mints a 43-character base64url token of 32 random bytes', () => {
    const { token } = mintLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedLinkToken(token)).toBe(true);
  });

  it('returns the SHA-256 hex of the token as its hash', () => {
    const { token, hash } = mintLinkToken();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashLinkToken(token)).toBe(hash);
  });

  it('never mints the same token twice in a thousand draws', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => mintLinkToken().token));
    expect(tokens.size).toBe(1000);
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

  it('is usable before it expires and was never used', () => {
    expect(linkTokenState({ expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe('usable');
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
