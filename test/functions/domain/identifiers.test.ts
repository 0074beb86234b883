import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
  brokerIdSchema,
  clientRefSchema,
  contractRefSchema,
  emailSchema,
  grantIdSchema,
  isBrokerId,
  isGrantId,
  isRequestId,
  isSesMessageId,
  isUploadId,
  requestIdSchema,
} from '../../../functions/domain/identifiers.js';

/** The messages a schema gives for `value`, or [] when it parses. */
function messagesOf(schema: { safeParse: (value: unknown) => { error?: { issues: { message: string }[] } } }, value: unknown): string[] {
  return schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];
}

describe('client and contract references (I1)', () => {
  const schemas = [
    ['clientRefSchema', clientRefSchema],
    ['contractRefSchema', contractRefSchema],
  ] as const;

  it.each(schemas)('%s accepts references in the packages\' style (I1)', (_name, schema) => {
    for (const ref of ['C-1001', 'POL-1', 'POL/2024-17.3', 'a_b', '7', 'X'.repeat(64)]) {
      expect(schema.safeParse(ref).success, ref).toBe(true);
    }
  });

  it.each([
    ['a key separator', 'C-1001#GRANT#zz'],
    ['only a key separator', '#'],
    ['a space inside', 'C 1001'],
    ['a non-breaking space', 'C\u00A01001'],
    ['a letter outside ASCII', 'Ç-1001'],
    ['a fullwidth digit', 'C-１001'],
    ['a zero-width space', 'C-\u200B1001'],
    ['a right-to-left override', 'C-\u202E1001'],
    ['a NUL', 'C-1001\u0000'],
    ['a leading dash', '-1001'],
    ['a leading slash', '/etc'],
    ['a leading dot', '..'],
    ['a colon', 'C:1001'],
    ['a percent escape', 'C%23GRANT'],
    ['nothing', ''],
    ['only spaces', '   '],
    ['65 characters', 'X'.repeat(65)],
  ])('refuses a clientRef carrying %s (I1)', (_what, ref) => {
    expect(clientRefSchema.safeParse(ref).success).toBe(false);
    expect(contractRefSchema.safeParse(ref).success).toBe(false);
  });

  it('names the character set and the rule in its message (I1)', () => {
    expect(messagesOf(clientRefSchema, 'C#1')).toEqual([
      "must be 1 to 64 of A–Z, a–z, 0–9, '.', '_', '-', '/', starting with a letter or digit (I1)",
    ]);
  });

  it('trims surrounding spaces, as packages pad fixed-width fields (I1)', () => {
    expect(clientRefSchema.parse('  C-1001 ')).toBe('C-1001');
  });

  it('refuses what is not a string (I1)', () => {
    expect(clientRefSchema.safeParse(1001).success).toBe(false);
  });
});

describe('e-mail addresses (I1)', () => {
  it('yields the address as it enters keys: trimmed and lower-cased (I1)', () => {
    expect(emailSchema.parse('  Lukasz.Wisniewski@Example.COM ')).toBe('lukasz.wisniewski@example.com');
  });

  it.each(['hans.muller@example.be', "o'brien+portal@mail.example.co.uk", 'a_b-c@x-y.example.org'])('accepts %s (I1)', (email) => {
    expect(emailSchema.safeParse(email).success).toBe(true);
  });

  it.each([
    ['a key separator', 'hans#GRANT@example.be'],
    ['a letter outside ASCII', 'łukasz@example.com'],
    ['an internationalised domain', 'hans@exämple.be'],
    ['a space inside', 'hans muller@example.be'],
    ['a quoted local part', '"hans"@example.be'],
    ['an IP-literal domain', 'hans@[127.0.0.1]'],
    ['a right-to-left override', 'hans@example.be\u202E'],
    ['a zero-width space', 'hans\u200B@example.be'],
    ['a Kelvin sign, which lower-cases to an ASCII k', 'lu\u212Aasz@example.com'],
    ['a dotless capital İ, which lower-cases to i and a combining dot', 'h\u0130ns@example.be'],
    ['no domain', 'hans@'],
    ['two @', 'hans@@example.be'],
    ['a single-label domain', 'hans@localhost'],
    ['255 characters', `${'a'.repeat(243)}@example.be`.padEnd(255, 'e')],
  ])('refuses an address with %s (I1)', (_what, email) => {
    const messages = messagesOf(emailSchema, email);
    expect(messages.length).toBeGreaterThan(0);
  });

  it('names the rule in its message (I1)', () => {
    expect(messagesOf(emailSchema, 'hans#x@example')).toEqual([expect.stringMatching(/e-mail address.*\(I1\)$/)]);
  });
});

describe('broker ids (I1)', () => {
  it.each(['broker-a', 'broker.b@example.be', 'c0ffee_42', 'B'.repeat(128)])('accepts %s (I1)', (id) => {
    expect(isBrokerId(id)).toBe(true);
    expect(brokerIdSchema.safeParse(id).success).toBe(true);
  });

  it.each([
    ['a key separator', 'broker#REQUEST'],
    ['a colon, which separates audit actors', 'broker:a'],
    ['a pipe', 'auth0|123'],
    ['a space', 'broker a'],
    ['a letter outside ASCII', 'brøker'],
    ['nothing', ''],
    ['129 characters', 'B'.repeat(129)],
  ])('refuses a broker id with %s (I1)', (_what, id) => {
    expect(isBrokerId(id)).toBe(false);
    expect(messagesOf(brokerIdSchema, id)).toEqual([expect.stringMatching(/\(I1\)$/)]);
  });

  it('refuses what is not a string (I1)', () => {
    expect(isBrokerId(undefined)).toBe(false);
    expect(isBrokerId(42)).toBe(false);
  });
});

describe('request and grant ids, as the product mints them (I1)', () => {
  // The same minting as POST /v1/requests and the CreateGrants step.
  const requestIds = Array.from({ length: 200 }, () => `req_${randomBytes(15).toString('base64url')}`);
  const grantIds = Array.from({ length: 200 }, () => `g_${randomBytes(12).toString('base64url')}`);

  it('recognises every minted request id (I1)', () => {
    expect(requestIds.filter((id) => !isRequestId(id) || !requestIdSchema.safeParse(id).success)).toEqual([]);
  });

  it('recognises every minted grant id (I1)', () => {
    expect(grantIds.filter((id) => !isGrantId(id) || !grantIdSchema.safeParse(id).success)).toEqual([]);
  });

  it('tells a request id from a grant id (I1)', () => {
    expect(requestIds.some((id) => isGrantId(id))).toBe(false);
    expect(grantIds.some((id) => isRequestId(id))).toBe(false);
  });

  it.each([
    ['a key separator', 'req_AAAAAAAAAA#GRANT#zz'],
    ['one character short', 'req_AAAAAAAAAAAAAAAAAAA'],
    ['one character long', 'req_AAAAAAAAAAAAAAAAAAAAA'],
    ['standard base64', 'req_AAAAAAAAAAAAAAAAAA+/'],
    ['a trailing line feed', 'req_AAAAAAAAAAAAAAAAAAAA\n'],
    ['another prefix', 'REQ_AAAAAAAAAAAAAAAAAAAA'],
    ['nothing', ''],
  ])('refuses a request id with %s (I1)', (_what, id) => {
    expect(isRequestId(id)).toBe(false);
    expect(messagesOf(requestIdSchema, id)).toEqual([expect.stringMatching(/\(I1\)$/)]);
  });

  it.each([
    ['a key separator', 'g_AAAAAAAA#GRANT#'],
    ['one character short', 'g_AAAAAAAAAAAAAAA'],
    ['a trailing line feed', 'g_AAAAAAAAAAAAAAAA\n'],
    ['a percent escape', 'g_AAAAAAAAAAAA%23A'],
  ])('refuses a grant id with %s (I1)', (_what, id) => {
    expect(isGrantId(id)).toBe(false);
    expect(messagesOf(grantIdSchema, id)).toEqual([expect.stringMatching(/\(I1\)$/)]);
  });

  it('refuses what is not a string (I1)', () => {
    expect(isRequestId(['req_AAAAAAAAAAAAAAAAAAAA'])).toBe(false);
    expect(isGrantId(null)).toBe(false);
  });
});

describe('upload ids, as POST /sign/{token}/uploads mints them (I1)', () => {
  // The same minting as functions/http/signer/open-upload.ts.
  const uploadIds = Array.from({ length: 200 }, () => `up_${randomBytes(16).toString('base64url')}`);

  it('recognises every minted upload id, and no request or grant id as one (I1)', () => {
    expect(uploadIds.filter((id) => !isUploadId(id))).toEqual([]);
    expect(uploadIds.some((id) => isRequestId(id) || isGrantId(id))).toBe(false);
    expect(isUploadId(`req_${randomBytes(15).toString('base64url')}`)).toBe(false);
  });

  it.each([
    ['a key separator', 'up_AAAAAAAAAAAAAAAAAAA#A#'],
    ['a path separator', 'up_AAAAAAAAAAAAAAAAAA/../'],
    ['one character short', 'up_AAAAAAAAAAAAAAAAAAAAA'],
    ['one character long', 'up_AAAAAAAAAAAAAAAAAAAAAAA'],
    ['a trailing line feed', 'up_AAAAAAAAAAAAAAAAAAAAAA\n'],
    ['another prefix', 'UP_AAAAAAAAAAAAAAAAAAAAAA'],
    ['nothing', ''],
  ])('refuses an upload id with %s (I1)', (_what, id) => {
    expect(isUploadId(id)).toBe(false);
  });
});

describe('SES message ids (I1)', () => {
  it.each([
    ['as SES answers', '0102018f3c1d2e4f-6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d-000000'],
    ['as the local emulator answers', 'ses-123456789'],
  ])('takes a message id %s into SESMSG#<messageId>', (_how, id) => {
    expect(isSesMessageId(id)).toBe(true);
  });

  it.each([
    ['a key separator', 'ses-1#SESMSG'],
    ['a space', 'ses 1'],
    ['an address', 'bounce@simulator.amazonses.com'],
    ['too many characters', 'a'.repeat(129)],
    ['nothing', ''],
    ['no string', undefined],
  ])('refuses a message id with %s (I1)', (_what, id) => {
    expect(isSesMessageId(id)).toBe(false);
  });
});
