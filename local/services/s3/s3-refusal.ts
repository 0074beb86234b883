/**
 * How S3 refuses a request: an HTTP status and an XML `<Error>` with its code, message and the
 * details S3 adds (`<ProposedSize>`, `<MaxSizeAllowed>` …), which the SDKs and browsers read.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
import { randomBytes } from 'node:crypto';

export interface S3Refusal {
  readonly status: number;
  /** S3's error code: `AccessDenied`, `SignatureDoesNotMatch`, `EntityTooLarge` … */
  readonly code: string;
  readonly message: string;
  /** More elements of the `<Error>`, in order. */
  readonly details?: Readonly<Record<string, string>>;
}

/** A refusal, built once and named by its code. */
export function refusal(status: number, code: string, message: string, details?: Record<string, string>): S3Refusal {
  return details ? { status, code, message, details } : { status, code, message };
}

/** S3's answer for a refusal: status, headers and the XML body. */
export function refusalAnswer(refused: S3Refusal): { status: number; headers: Record<string, string>; body: Buffer } {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const elements = [
    ['Code', refused.code],
    ['Message', refused.message],
    ...Object.entries(refused.details ?? {}),
    ['RequestId', requestId],
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements.map(([name, value]) => `<${name}>${escapeXml(value ?? '')}</${name}>`).join('')}</Error>`;
  const body = Buffer.from(xml, 'utf8');
  return { status: refused.status, headers: { 'content-type': 'application/xml', 'content-length': String(body.length), 'x-amz-request-id': requestId }, body };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}
