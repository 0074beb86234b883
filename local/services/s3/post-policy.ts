/**
 * A browser-based upload (`POST /<bucket>`, multipart/form-data) checked as S3 checks it:
 * the policy's SigV4 signature (an HMAC of the base64 policy with the signing key of the
 * form's credential), its expiration, every condition (exact and `starts-with` matches,
 * `content-length-range`), and no form field the policy does not cover. s3rver 3.7 ignores
 * the `policy` field altogether, so the local S3 gate does this in front of it (s3-gate.ts).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html
 */
import { createHmac } from 'node:crypto';
import { parseAmzDate, parseCredential, sameSignature, signingKey, type SigningAuthority } from './presigned-request.js';
import { refusal, type S3Refusal } from './s3-refusal.js';

/** One part of a multipart/form-data body. */
export interface FormPart {
  readonly name: string;
  readonly filename?: string;
  readonly content: Buffer;
}

/** The body is not multipart/form-data S3 can read. */
export const MALFORMED_POST: S3Refusal = refusal(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');

/**
 * The parts of a multipart/form-data body, in order; undefined when it is malformed.
 * (The body is read whole: the gate caps it before it gets here.)
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`, 'latin1');
  if (delimiter.length <= 2) return undefined;
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at === -1) return undefined;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') return undefined;
    const headersEnd = body.indexOf('\r\n\r\n', at + 2, 'latin1');
    if (headersEnd === -1) return undefined;
    const headers = body.subarray(at + 2, headersEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delimiter]), headersEnd + 4);
    if (next === -1) return undefined;
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    parts.push({ name, ...(filename === undefined ? {} : { filename }), content: body.subarray(headersEnd + 4, next) });
    at = next + 2;
  }
}

/**
 * Checks a browser-based upload to `bucket` at `now`. Undefined when S3 would take it;
 * otherwise S3's refusal (403 AccessDenied for the policy, 400 EntityTooLarge / EntityTooSmall
 * for the file's size, 403 SignatureDoesNotMatch, …).
 */
export function checkPostPolicy(input: { bucket: string; parts: readonly FormPart[]; authority: SigningAuthority; now: Date }): S3Refusal | undefined {
  const fileAt = input.parts.findIndex((part) => part.name.toLowerCase() === 'file');
  if (fileAt === -1) return refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: '0' });
  // S3 reads the fields before the file; whatever follows the file is ignored. Field names are case-insensitive.
  const fields = new Map<string, string>();
  for (const part of input.parts.slice(0, fileAt)) fields.set(part.name.toLowerCase(), part.content.toString('utf8'));
  const fileSize = input.parts[fileAt]?.content.length ?? 0;

  const policyText = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  // No policy is an anonymous post: this bucket blocks public access.
  if (policyText === undefined || signature === undefined) return refusal(403, 'AccessDenied', 'Access Denied');
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    return refusal(400, 'InvalidArgument', 'x-amz-algorithm only supports "AWS4-HMAC-SHA256"', { ArgumentName: 'x-amz-algorithm', ArgumentValue: fields.get('x-amz-algorithm') ?? '' });
  }
  const credential = parseCredential(fields.get('x-amz-credential') ?? '');
  if (!credential || !parseAmzDate(fields.get('x-amz-date') ?? '')) {
    return refusal(400, 'InvalidArgument', 'x-amz-credential and x-amz-date must name a credential scope and its date', { ArgumentName: 'x-amz-credential', ArgumentValue: fields.get('x-amz-credential') ?? '' });
  }
  const secret = input.authority.secretOf(credential.accessKeyId);
  if (secret === undefined) {
    return refusal(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: credential.accessKeyId });
  }
  const expected = createHmac('sha256', signingKey(secret, credential.date, credential.region, credential.service)).update(policyText, 'utf8').digest('hex');
  if (credential.region !== input.authority.region || credential.service !== 's3' || !sameSignature(expected, signature)) {
    return refusal(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
      AWSAccessKeyId: credential.accessKeyId,
      StringToSign: policyText,
    });
  }

  const policy = decodePolicy(policyText);
  if (typeof policy === 'string') return refusal(400, 'InvalidPolicyDocument', `Invalid Policy: ${policy}`);
  if (input.now.getTime() > policy.expiration.getTime()) return refusal(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');

  const covered = new Set<string>(['policy', 'x-amz-signature', 'file']);
  let sizeRange: { min: number; max: number } | undefined;
  for (const condition of policy.conditions) {
    if (condition.kind === 'content-length-range') {
      sizeRange = { min: condition.min, max: condition.max };
      continue;
    }
    covered.add(condition.field);
    const value = condition.field === 'bucket' ? input.bucket : fields.get(condition.field);
    // `starts-with ""` allows any value, even none.
    const holds = condition.kind === 'eq' ? value === condition.value : value === undefined ? condition.value === '' : value.startsWith(condition.value);
    if (!holds) return refusal(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ${condition.text}`);
  }
  const extra = [...fields.keys()].filter((name) => !covered.has(name) && !name.startsWith('x-ignore-'));
  if (extra.length > 0) return refusal(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);

  if (sizeRange && fileSize > sizeRange.max) {
    return refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: String(fileSize), MaxSizeAllowed: String(sizeRange.max) });
  }
  if (sizeRange && fileSize < sizeRange.min) {
    return refusal(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: String(fileSize), MinSizeAllowed: String(sizeRange.min) });
  }
  return undefined;
}

type Condition =
  | { readonly kind: 'eq' | 'starts-with'; readonly field: string; readonly value: string; readonly text: string }
  | { readonly kind: 'content-length-range'; readonly min: number; readonly max: number };

/** The policy document, or why it is invalid. */
function decodePolicy(base64: string): { expiration: Date; conditions: Condition[] } | string {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    return 'Invalid JSON.';
  }
  if (typeof document !== 'object' || document === null) return 'Invalid JSON.';
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  const expiresAt = typeof expiration === 'string' ? new Date(expiration) : undefined;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) return "Invalid 'expiration' value.";
  if (!Array.isArray(conditions)) return "Invalid 'conditions' value: must be a list.";
  const parsed: Condition[] = [];
  for (const condition of conditions) {
    const one = conditionOf(condition);
    if (!one) return `Invalid Condition: ${JSON.stringify(condition)}`;
    parsed.push(one);
  }
  return { expiration: expiresAt, conditions: parsed };
}

/** `{ "field": "value" }`, `["eq" | "starts-with", "$field", "value"]` or `["content-length-range", min, max]`. */
function conditionOf(condition: unknown): Condition | undefined {
  if (Array.isArray(condition)) {
    const [operator, first, second] = condition as unknown[];
    const op = typeof operator === 'string' ? operator.toLowerCase() : '';
    if (op === 'content-length-range' && Number.isInteger(first) && Number.isInteger(second)) {
      return { kind: 'content-length-range', min: first as number, max: second as number };
    }
    if ((op === 'eq' || op === 'starts-with') && typeof first === 'string' && first.startsWith('$') && typeof second === 'string') {
      return { kind: op, field: first.slice(1).toLowerCase(), value: second, text: JSON.stringify(condition).replaceAll(',', ', ') };
    }
    return undefined;
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition);
    const [field, value] = entries[0] ?? [];
    if (entries.length !== 1 || field === undefined || typeof value !== 'string') return undefined;
    return { kind: 'eq', field: field.toLowerCase(), value, text: `["eq", "$${field}", ${JSON.stringify(value)}]` };
  }
  return undefined;
}
