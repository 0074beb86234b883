/**
 * Building API Gateway (payload 2.0) answers: JSON and redirects. HTML pages are built by
 * html-response.ts, apart, so that a function answering only JSON does not carry the pages'
 * style sheet, script and their content security policy (issue 11, "function bundle").
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export type HttpResult = Exclude<APIGatewayProxyResultV2, string>;

/** On every answer. */
export const SECURITY_HEADERS = {
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

/** A 303: after a form post, so a reload does not post again; or to a document's short-lived link (document-link.ts). */
export function seeOther(location: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: 303, headers: { location, ...SECURITY_HEADERS, ...headers }, body: '' };
}
