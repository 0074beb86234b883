/**
 * The identifiers that become part of a DynamoDB key (`CLIENT#<clientRef>#GRANT#<grantId>`,
 * `GRANTEE#<email>`, `BROKER#<brokerId>`, …) and the character set each may use (rule I1).
 * Keys are read with `begins_with`, so an identifier carrying the separator `#` could reach
 * another item's key range: every identifier from outside is held to a set without `#`,
 * spaces or anything outside ASCII before it gets near a key.
 *
 * Rules I1–I3 are defined in `docs/input-rules.md`; R1–R9 in `../shared/mission/access-rules.md`.
 */
import * as z from 'zod/mini';

import { normalizeEmail } from './person-identity.js';

/**
 * I1: a client or contract reference from the broker's management package: 1 to 64 of
 * A–Z, a–z, 0–9, `.`, `_`, `-`, `/`, starting with a letter or digit (package references
 * such as `POL/2024-17.3` fit; `#`, spaces and non-ASCII letters do not).
 */
export const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** I1: the longest client or contract reference. */
export const MAX_REFERENCE_LENGTH = 64;

/**
 * I1: an e-mail address, zod's ASCII pattern (`z.regexes.email`): no quoted local parts, no
 * IP-literal domains, no internationalised addresses, none of which a broker's client uses.
 */
export const EMAIL_PATTERN: RegExp = z.regexes.email;

/** I1: the longest e-mail address (RFC 5321's path limit less the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** I1: a broker id, the broker office the broker's token names (functions/http/broker-office-claim.ts): 1 to 128 of A–Z, a–z, 0–9, `.`, `_`, `-`, `@`. */
export const BROKER_ID_PATTERN = /^[A-Za-z0-9._@-]{1,128}$/;

/** I1: a request id as minted by `POST /v1/requests`: `req_` and 15 random bytes in base64url (20 characters). */
export const REQUEST_ID_PATTERN = /^req_[A-Za-z0-9_-]{20}$/;

/** I1: a grant id as minted by the CreateGrants step: `g_` and 12 random bytes in base64url (16 characters). */
export const GRANT_ID_PATTERN = /^g_[A-Za-z0-9_-]{16}$/;

/**
 * I1: an upload id as minted by `POST /sign/{token}/uploads`: `up_` and 16 random bytes in
 * base64url (22 characters). It enters the upload's sort key `UPLOAD#<uploadId>` and its
 * staging object key `staging/<requestId>/<uploadId>`.
 */
export const UPLOAD_ID_PATTERN = /^up_[A-Za-z0-9_-]{22}$/;

/**
 * I1: an SES message id, as SES answers SendEmail (`0102018f…-…-000000`; the local emulator
 * answers `ses-123456789`), which enters the sent mail's lookup key `SESMSG#<messageId>` and
 * is read back from SES's feedback on the mail.
 */
export const SES_MESSAGE_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

const REFERENCE_MESSAGE = `must be 1 to ${MAX_REFERENCE_LENGTH} of A–Z, a–z, 0–9, '.', '_', '-', '/', starting with a letter or digit (I1)`;

/** Surrounding spaces are trimmed (packages pad fixed-width fields); inside, only the pattern's characters pass. */
function referenceSchema(): z.ZodMiniString<string> {
  return z.string().check(z.trim(), z.maxLength(MAX_REFERENCE_LENGTH), z.regex(REFERENCE_PATTERN, REFERENCE_MESSAGE));
}

/**
 * I1: the broker's reference of the client (`clientRef`), which enters the grant's sort key
 * `CLIENT#<clientRef>#GRANT#<grantId>`. See {@link REFERENCE_PATTERN}.
 */
export const clientRefSchema: z.ZodMiniString<string> = referenceSchema();

/**
 * I1: a contract reference (the request's `contracts[].ref` and a grantee's `contracts[]`),
 * which enters grant items and the portal's contract query. See {@link REFERENCE_PATTERN}.
 */
export const contractRefSchema: z.ZodMiniString<string> = referenceSchema();

/**
 * I1: an e-mail address, which enters the grant's partition key `GRANTEE#<email>`. Parsing
 * yields the address as it enters keys: trimmed and lower-cased ({@link normalizeEmail}), so
 * the stored request, the key and every comparison agree.
 */
export const emailSchema: z.ZodMiniString<string> = z.string().check(
  z.trim(),
  z.maxLength(MAX_EMAIL_LENGTH),
  // Checked as sent, before lower-casing: some non-ASCII letters lower-case to ASCII ones (the
  // Kelvin sign U+212A to "k"), and must not pass as the address they turn into.
  z.regex(EMAIL_PATTERN, `must be an e-mail address of at most ${MAX_EMAIL_LENGTH} ASCII characters, such as name@example.be (I1)`),
  z.overwrite(normalizeEmail),
  z.meta({ format: 'email' }),
);

/**
 * I1: a broker id (the broker office a broker's token names), which enters `BROKER#<brokerId>` and audit actors
 * `broker:<brokerId>`. Not trimmed: it comes from a signed token, never from a form.
 */
export const brokerIdSchema: z.ZodMiniString<string> = z.string().check(z.regex(BROKER_ID_PATTERN, "must be 1 to 128 of A–Z, a–z, 0–9, '.', '_', '-', '@' (I1)"));

/** I1: a request id, which enters `REQUEST#<id>` and names the workflow execution. */
export const requestIdSchema: z.ZodMiniString<string> = z.string().check(z.regex(REQUEST_ID_PATTERN, "must be 'req_' and 20 of A–Z, a–z, 0–9, '_', '-' (I1)"));

/** I1: a grant id, which enters `GRANT#<grantId>` and the grant's sort key. */
export const grantIdSchema: z.ZodMiniString<string> = z.string().check(z.regex(GRANT_ID_PATTERN, "must be 'g_' and 16 of A–Z, a–z, 0–9, '_', '-' (I1)"));

/** A request id that passed {@link isRequestId}. */
export type RequestId = `req_${string}`;

/** A grant id that passed {@link isGrantId}. */
export type GrantId = `g_${string}`;

/** An upload id that passed {@link isUploadId}. */
export type UploadId = `up_${string}`;

/**
 * True when `value` could be a request id the product minted (I1). Check a path parameter
 * with it before it is put into a key, so junk costs no read and reaches no other item.
 */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

/** True when `value` could be a grant id the product minted (I1); see {@link isRequestId}. */
export function isGrantId(value: unknown): value is GrantId {
  return typeof value === 'string' && GRANT_ID_PATTERN.test(value);
}

/** True when `value` could be an upload id the product minted (I1); see {@link isRequestId}. */
export function isUploadId(value: unknown): value is UploadId {
  return typeof value === 'string' && UPLOAD_ID_PATTERN.test(value);
}

/** True when `value` may enter `BROKER#<id>` and `broker:<id>` as a broker id (I1). */
export function isBrokerId(value: unknown): value is string {
  return typeof value === 'string' && BROKER_ID_PATTERN.test(value);
}

/** True when `value` may enter `SESMSG#<messageId>` as an SES message id (I1). */
export function isSesMessageId(value: unknown): value is string {
  return typeof value === 'string' && SES_MESSAGE_ID_PATTERN.test(value);
}
