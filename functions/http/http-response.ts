/** Building API Gateway (payload 2.0) answers: JSON, HTML pages, redirects. */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from '../messages/page-layout.js';

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

/**
 * A page for a browser: only its own style sheet and script (allowed by hash), no framing;
 * its script may talk to its own origin and to `connectTo` (the bucket uploads go to).
 */
export function html(statusCode: number, page: string, options: { readonly connectTo?: readonly string[] } = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...SECURITY_HEADERS,
      'content-security-policy': options.connectTo?.length ? pageContentSecurityPolicy({ connectTo: options.connectTo }) : PAGE_CONTENT_SECURITY_POLICY,
    },
    body: page,
  };
}

/** A 303: after a form post, so a reload does not post again; or to a document's short-lived link (document-link.ts). */
export function seeOther(location: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: 303, headers: { location, ...SECURITY_HEADERS, ...headers }, body: '' };
}
