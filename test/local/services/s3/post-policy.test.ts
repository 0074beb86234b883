import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPostPolicy, parseMultipart, type FormPart } from '../../../../local/services/s3/post-policy.js';
import { signingKey, type SigningAuthority } from '../../../../local/services/s3/presigned-request.js';

const AUTHORITY: SigningAuthority = { region: 'eu-west-1', secretOf: (id) => (id === 'KEY' ? 'SECRET' : undefined) };
const NOW = new Date('2026-11-28T10:00:00Z');

/** A form signed as the SDK signs a presigned post, with `conditions`, then the file, then `after`. */
function signedForm(fields: Record<string, string>, conditions: unknown[], file: Buffer, after: Record<string, string> = {}): FormPart[] {
  const credential = 'KEY/20261128/eu-west-1/s3/aws4_request';
  const all = { ...fields, 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': credential, 'X-Amz-Date': '20261128T095500Z' };
  const policy = Buffer.from(JSON.stringify({ expiration: '2026-11-28T10:10:00Z', conditions: [...conditions, ...Object.entries(all).map(([name, value]) => ({ [name]: value }))] })).toString('base64');
  const signature = createHmac('sha256', signingKey('SECRET', '20261128', 'eu-west-1', 's3')).update(policy).digest('hex');
  const part = (name: string, value: string | Buffer): FormPart => ({ name, content: Buffer.isBuffer(value) ? value : Buffer.from(value) });
  return [
    ...Object.entries({ ...all, Policy: policy, 'X-Amz-Signature': signature }).map(([name, value]) => part(name, value)),
    { ...part('file', file), filename: 'scan.pdf' },
    ...Object.entries(after).map(([name, value]) => part(name, value)),
  ];
}

describe('a browser upload\'s POST policy, checked as S3 checks it', () => {
  it('reads multipart/form-data part by part, byte for byte, and refuses a body that is not', () => {
    const file = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="key"\r\n\r\nstaging/a\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
      file,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);

    const parts = parseMultipart(body, 'multipart/form-data; boundary=XyZ');

    expect(parts?.map((part) => [part.name, part.filename])).toEqual([['key', undefined], ['file', 'a.pdf']]);
    expect(parts?.[1]?.content.equals(file)).toBe(true);
    expect(parseMultipart(Buffer.from('--XyZ\r\nno headers end'), 'multipart/form-data; boundary=XyZ')).toBeUndefined();
    expect(parseMultipart(body, 'multipart/form-data')).toBeUndefined();
  });

  it('takes a form that keeps to its policy, `starts-with` conditions included, ignoring fields after the file as S3 does', () => {
    const parts = signedForm({ key: 'staging/req_1/up_1', 'Content-Type': 'application/pdf' }, [['starts-with', '$key', 'staging/'], ['content-length-range', 1, 100]], Buffer.alloc(50), {
      'x-amz-meta-late': 'ignored',
    });

    expect(checkPostPolicy({ bucket: 'documents', parts, authority: AUTHORITY, now: NOW })).toBeUndefined();
  });

  it('refuses a key outside a `starts-with`, a bucket other than the policy\'s, and a file outside the size range', () => {
    const outside = signedForm({ key: 'requests/req_1/form.pdf' }, [['starts-with', '$key', 'staging/']], Buffer.alloc(10));
    const sized = signedForm({ key: 'staging/a' }, [{ bucket: 'documents' }, ['content-length-range', 20, 100]], Buffer.alloc(10));

    expect(checkPostPolicy({ bucket: 'documents', parts: outside, authority: AUTHORITY, now: NOW })).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(checkPostPolicy({ bucket: 'elsewhere', parts: sized, authority: AUTHORITY, now: NOW })).toMatchObject({
      status: 403,
      message: 'Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "documents"]',
    });
    expect(checkPostPolicy({ bucket: 'documents', parts: sized, authority: AUTHORITY, now: NOW })).toMatchObject({
      status: 400,
      code: 'EntityTooSmall',
      details: { ProposedSize: '10', MinSizeAllowed: '20' },
    });
  });

  it('refuses a policy past its expiration, even with a good signature', () => {
    const parts = signedForm({ key: 'staging/a' }, [], Buffer.alloc(10));

    expect(checkPostPolicy({ bucket: 'documents', parts, authority: AUTHORITY, now: new Date('2026-11-28T10:10:01Z') })).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
  });
});
