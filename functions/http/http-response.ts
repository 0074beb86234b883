/** Building API Gateway (payload 2.0) answers: JSON, HTML pages, documents. */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { PAGE_CONTENT_SECURITY_POLICY } from '../messages/pages.js';

export type HttpResult = Exclude<APIGatewayProxyResultV2, string>;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/** A page for a browser: only its own style sheet and script (allowed by hash), no framing. */
export function html(statusCode: number, page: string): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...SECURITY_HEADERS,
      'content-security-policy': PAGE_CONTENT_SECURITY_POLICY,
    },
    body: page,
  };
}

export function document(bytes: Uint8Array, contentType: string, filename: string): HttpResult {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `inline; filename="${filename}"`, ...SECURITY_HEADERS },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

/** A 303 after a form post, so a reload does not post again. */
export function seeOther(location: string): HttpResult {
  return { statusCode: 303, headers: { location, ...SECURITY_HEADERS }, body: '' };
}
