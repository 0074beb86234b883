/** A page for a browser as API Gateway (payload 2.0) answers it, with the pages' content security policy. */
import { pageContentSecurityPolicy } from '../messages/page-layout.js';
import { SECURITY_HEADERS, type HttpResult } from './http-response.js';

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
      'content-security-policy': pageContentSecurityPolicy(options),
    },
    body: page,
  };
}
