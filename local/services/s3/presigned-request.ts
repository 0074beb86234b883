/**
 * Signature Version 4 as S3 checks it on a presigned URL (query-string authentication): the
 * canonical request rebuilt from what arrived, the string to sign, the signing key derived
 * from the secret of the credential's access key, and the URL's lifetime. s3rver 3.7 checks
 * only the lifetime (its SigV4 verification is "unimplemented"), so the local S3 gate does
 * this in front of it (s3-gate.ts).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { refusal, type S3Refusal } from './s3-refusal.js';

/** The access keys the local S3 knows: access key id → secret. */
export type SecretOf = (accessKeyId: string) => string | undefined;

/** Where the gate checks signatures: the region buckets live in and the known keys. */
export interface SigningAuthority {
  readonly region: string;
  readonly secretOf: SecretOf;
}

/** What of an incoming request the check needs. */
export interface PresignedRequest {
  readonly method: string;
  /** The request target as sent: raw path and query. */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The longest a presigned URL may live (seven days). */
const MAX_EXPIRES_SECONDS = 604_800;

/** True when the request authenticates by its query string (a presigned URL). */
export function isPresignedRequest(url: string): boolean {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return queryPairs(query).some(([name]) => name === 'X-Amz-Algorithm' || name === 'X-Amz-Signature');
}

/** The key SigV4 signs with: HMAC-SHA256 chained over the date, region, service and `aws4_request`. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const dateKey = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const regionKey = createHmac('sha256', dateKey).update(region).digest();
  const serviceKey = createHmac('sha256', regionKey).update(service).digest();
  return createHmac('sha256', serviceKey).update('aws4_request').digest();
}

/** A credential scope `AKID/YYYYMMDD/region/service/aws4_request`, taken apart; undefined when malformed. */
export function parseCredential(credential: string): { accessKeyId: string; date: string; region: string; service: string } | undefined {
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (!accessKeyId || !date || !/^\d{8}$/.test(date) || !region || !service || terminator !== 'aws4_request' || rest.length > 0) return undefined;
  return { accessKeyId, date, region, service };
}

/** `YYYYMMDDTHHMMSSZ` as a date; undefined when it is not one. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Compares two hex signatures in constant time. */
export function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a presigned request as S3 does: the authentication parameters, the access key, the
 * credential's region and service, the URL's lifetime at `now`, and the signature over the
 * canonical request. Undefined when it holds; otherwise S3's refusal.
 */
export function checkPresignedRequest(request: PresignedRequest, authority: SigningAuthority, now: Date): S3Refusal | undefined {
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const pairs = queryPairs(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
  const param = (name: string) => pairs.find(([key]) => key === name)?.[1];

  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  if (required.some((name) => param(name) === undefined)) {
    return refusal(400, 'AuthorizationQueryParametersError', `Query-string authentication version 4 requires the ${required.join(', ')} parameters.`);
  }
  if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return refusal(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const credential = parseCredential(param('X-Amz-Credential') ?? '');
  if (!credential) return refusal(400, 'AuthorizationQueryParametersError', 'Error parsing the X-Amz-Credential parameter');
  const secret = authority.secretOf(credential.accessKeyId);
  if (secret === undefined) {
    return refusal(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: credential.accessKeyId });
  }
  if (credential.region !== authority.region || credential.service !== 's3') {
    return refusal(400, 'AuthorizationQueryParametersError', `Error parsing the X-Amz-Credential parameter; the region '${credential.region}' or service '${credential.service}' is wrong; expecting '${authority.region}' and 's3'`);
  }
  const amzDate = param('X-Amz-Date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt || amzDate.slice(0, 8) !== credential.date) {
    return refusal(400, 'AuthorizationQueryParametersError', "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" and match the credential's date");
  }
  const expiresText = param('X-Amz-Expires') ?? '';
  const expires = /^\d+$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS) {
    return refusal(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be a number of seconds from 1 to 604800');
  }
  const expiresAt = new Date(signedAt.getTime() + expires * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    return refusal(403, 'AccessDenied', 'Request has expired', { 'X-Amz-Expires': expiresText, Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(now) });
  }
  if (signedAt.getTime() > now.getTime() + 15 * 60_000) return refusal(403, 'AccessDenied', 'Request is not valid yet');

  const signedHeaders = (param('X-Amz-SignedHeaders') ?? '').split(';');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join('');
  const canonicalQuery = pairs
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const payloadHash = param('X-Amz-Content-Sha256') ?? (headerValue(request.headers['x-amz-content-sha256']) || 'UNSIGNED-PAYLOAD');
  const canonicalRequest = [request.method, canonicalUri(rawPath), canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const expected = createHmac('sha256', signingKey(secret, credential.date, credential.region, credential.service)).update(stringToSign).digest('hex');
  if (!sameSignature(expected, param('X-Amz-Signature') ?? '')) {
    return refusal(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
      AWSAccessKeyId: credential.accessKeyId,
      StringToSign: stringToSign,
      CanonicalRequest: canonicalRequest,
    });
  }
  return undefined;
}

/** The query string's parameters, decoded, in order (a malformed escape is kept as sent). */
function queryPairs(query: string): [string, string][] {
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    return [safeDecode(name), safeDecode(value)];
  });
}

/** S3's canonical URI: each path segment decoded once, then encoded once (no double encoding, no normalisation). */
function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => encodeRfc3986(safeDecode(segment)))
    .join('/');
}

/** URI encoding as SigV4 wants it: every byte but A–Z a–z 0–9 - . _ ~ percent-encoded, in upper-case hex. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function headerValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
