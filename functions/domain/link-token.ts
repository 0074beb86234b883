/**
 * The opaque token in an e-mailed link (signing, R2/R3; activation, R7). It carries 256
 * random bits and is stored only as its SHA-256, so a leaked table reveals no usable link;
 * the Step Functions task token it resolves to never leaves the backend.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

/**
 * 32 bytes in unpadded base64url are 43 characters; the last one carries only 2 data bits
 * (its 4 low bits are zero), so only 16 characters can end a canonical token.
 */
const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** A freshly minted link token: `token` goes into the e-mail, `hash` into the table. */
export interface MintedLinkToken {
  /** 43-character base64url of 32 random bytes. */
  token: string;
  /** SHA-256 of `token`, lower-case hex (64 characters). */
  hash: string;
}

/** Mints a new single-use link token and the hash under which it is stored. */
export function mintLinkToken(): MintedLinkToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

/** The SHA-256 (lower-case hex) under which a link token is stored and looked up. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * True when `token` could have come from {@link mintLinkToken}: exactly 43 canonical
 * base64url characters. Check this before touching the table, so junk costs no read.
 */
export function isWellFormedLinkToken(token: string): boolean {
  return LINK_TOKEN_PATTERN.test(token);
}

/** What a stored link token allows now. */
export type LinkTokenState = 'usable' | 'used' | 'expired';

/** The stored facts about a link token that decide whether it may still be used. */
export interface LinkTokenRecord {
  /** ISO 8601 instant after which the link no longer works. */
  expiresAt: string;
  /** ISO 8601 instant it was used, if it was. */
  usedAt?: string;
}

/**
 * Whether a link may be used at `now`: a used link stays used (single use) even once
 * expired; a link is expired from `expiresAt` on; an unreadable `expiresAt` counts as
 * expired, so a damaged record never opens a door.
 */
export function linkTokenState(record: LinkTokenRecord, now: Date): LinkTokenState {
  if (record.usedAt !== undefined) return 'used';
  const expiresAt = Date.parse(record.expiresAt);
  if (Number.isNaN(expiresAt) || now.getTime() >= expiresAt) return 'expired';
  return 'usable';
}
