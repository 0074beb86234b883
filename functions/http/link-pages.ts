/**
 * What every e-mailed-link route shares: a link that cannot be used answers a page that says
 * why, in the request's language when known (404 unknown, 410 used / expired / closed), and
 * changes nothing. Posts answer a page for browsers, or JSON when the caller asks for it.
 */
import { ProductError } from '../errors/product-error.js';
import * as z from 'zod/mini';
import type { Language } from '../domain/request-schema.js';
import type { GrantStatus, RequestStatus } from '../domain/request-status.js';
import { linkUnusablePage } from '../messages/pages.js';
import type { ApiEvent, RouteHandler } from './api-handler.js';
import { html } from './html-response.js';
import { json } from './http-response.js';
import type { HttpResult } from './http-response.js';

export type UnusableReason = 'used' | 'expired' | 'unknown' | 'closed';

/** Thrown by link routes; the router answers it as a page (or JSON). */
export class LinkUnusable extends ProductError<{ reason: UnusableReason }> {
  override readonly name = 'LinkUnusable';
  constructor(
    readonly reason: UnusableReason,
    readonly language?: Language,
  ) {
    super(`Link ${reason}`, { reason });
  }
}

/**
 * Why a link whose request (or grant) no longer waits for it cannot be used: `expired` when the
 * request or the grant ran out of time, even if the link's own date is not yet past, so the
 * signer or grantee reads that time ran out; `closed` for every other end (cancelled, declined,
 * answered, revoked, completed).
 */
export function movedOnReason(status: RequestStatus | GrantStatus): 'expired' | 'closed' {
  return status === 'EXPIRED' || status === 'expired' ? 'expired' : 'closed';
}

export function wantsJson(event: ApiEvent): boolean {
  return (event.headers.accept ?? '').includes('application/json');
}

/** The JSON body of an unusable link's 404 or 410, for a caller that sent `Accept: application/json`. */
export const linkErrorResponse = z.object({
  error: z.enum(['link_unknown', 'link_used', 'link_expired', 'link_closed']),
  message: z.string(),
});
export type LinkErrorResponse = z.infer<typeof linkErrorResponse>;

/** `{ error: "link_<reason>", message }`: what {@link linkUnusableAnswer} answers as JSON. */
export function linkErrorBody(reason: UnusableReason): LinkErrorResponse {
  return { error: `link_${reason}`, message: `This link is ${reason === 'closed' ? 'no longer needed' : reason}` };
}

export function linkUnusableAnswer(event: ApiEvent, error: LinkUnusable): HttpResult {
  const statusCode = error.reason === 'unknown' ? 404 : 410;
  if (wantsJson(event)) return json(statusCode, linkErrorBody(error.reason));
  return html(statusCode, linkUnusablePage(error.language ? { language: error.language, reason: error.reason } : { reason: error.reason }));
}

/** Wraps a link route so that an unusable link answers its page. */
export function linkRoute(route: RouteHandler): RouteHandler {
  return async (event, context) => {
    try {
      return await route(event, context);
    } catch (error) {
      if (error instanceof LinkUnusable) return linkUnusableAnswer(event, error);
      throw error;
    }
  };
}
