/**
 * Errors an HTTP route answers with, and the one middy `onError` that turns every error into
 * a JSON answer: named errors map to their status, anything else is a logged 500 that reveals
 * nothing of the internals. Malformed input of any kind is a 4xx with the usual body.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { DocumentMissing } from '../adapters/document-store.js';
import { GrantNotFound } from '../adapters/grant-store.js';
import { RequestErased, RequestNotFound, RequestStateConflict } from '../adapters/request-store.js';
import { capped, type MAX_REPORTED_ISSUES, type ValidationIssue } from '../domain/validation-issue.js';
import { GRANT_STATUSES, REQUEST_STATUSES } from '../domain/request-status.js';
import { describeForLog, ProductError } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';
import { isPassingFault } from '../errors/passing-fault.js';
import { json } from './http-response.js';
import type { HttpResult } from './http-response.js';
import '../domain/zod-messages.js';

/** An answer other than success, with its JSON body. */
export class HttpError extends ProductError<{ statusCode: number }> {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${statusCode}`, { statusCode });
  }
}

/** The body of every 400: `{ error: "validation", issues: [{ path, rule, message }] }` (api-contract.md). */
export const validationErrorResponse = z.object({
  error: z.literal('validation'),
  issues: z.array(
    z.object({
      path: z.string().check(z.describe('Dotted path into the input, e.g. `grantees.0.contracts`; empty for the body itself')),
      rule: z.string().check(z.describe('The rule broken (`R4.2`, `R5`, …, see mission/access-rules.md), or `schema` for a pure shape error')),
      message: z.string().check(z.describe('A sentence for the broker, in English')),
    }) satisfies z.ZodMiniType<ValidationIssue>,
  ),
});

export type ValidationErrorResponse = z.infer<typeof validationErrorResponse>;

/**
 * `400 { error: "validation", issues: [{ path, rule, message }] }` (api-contract.md): at most
 * {@link MAX_REPORTED_ISSUES} issues, the rest counted in one last issue (I3).
 */
export function validationFailed(issues: ValidationIssue[]): HttpError {
  const body: ValidationErrorResponse = { error: 'validation', issues: capped(issues) };
  return new HttpError(400, body);
}

/** The body of a 413 or a 401 the product answers itself: `{ error, message }`. */
export const refusalResponse = z.object({ error: z.enum(['too_large', 'unauthorized']), message: z.string() });

/** The body of a 503: `{ error: "unavailable", message }` (a passing fault; try again). */
export const unavailableResponse = z.object({ error: z.literal('unavailable'), message: z.string() });

/** `413 { error: "too_large", message }`: the body is over the route's limit (I3). */
export function payloadTooLarge(maxBytes: number): HttpError {
  const limit = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new HttpError(413, { error: 'too_large', message: `This request's body may be ${limit} at most` });
}

/** `401 { error: "unauthorized", message }`: a verified token that names no usable caller. */
export function unauthorized(message: string): HttpError {
  return new HttpError(401, { error: 'unauthorized', message });
}

/** The body of every 404 a route answers: `{ error: "not_found", message }`. */
export const notFoundResponse = z.object({ error: z.literal('not_found'), message: z.string() });
export type NotFoundResponse = z.infer<typeof notFoundResponse>;

/** `404 { error: "not_found", message: "<what> not found" }`. */
export function notFound(what: string): HttpError {
  const body: NotFoundResponse = { error: 'not_found', message: `${what} not found` };
  return new HttpError(404, body);
}

/** The body of every 409: `{ error: "conflict", message }`, with the status that blocked the change when known. */
export const conflictResponse = z.object({
  error: z.literal('conflict'),
  message: z.string(),
  status: z.optional(z.enum(REQUEST_STATUSES)).check(z.describe("The request's status when it blocked the change")),
  grantStatus: z.optional(z.enum(GRANT_STATUSES)).check(z.describe("The grant's status when it blocked the revocation")),
});
export type ConflictResponse = z.infer<typeof conflictResponse>;

/** `409 { error: "conflict", message, status?, grantStatus? }`. */
export function conflict(message: string, blockedBy: Pick<ConflictResponse, 'status' | 'grantStatus'> = {}): HttpError {
  const body: ConflictResponse = { error: 'conflict', message, ...blockedBy };
  return new HttpError(409, body);
}

/** JSON nested deeper than this is refused before it is parsed (I3): no body of ours comes close. */
export const MAX_JSON_DEPTH = 16;

/**
 * Parses a JSON body; a missing, malformed or too deeply nested body is a validation error on
 * the body itself. The depth is measured by one pass over the text before parsing, so a
 * hostile nesting never reaches code that recurses over the value (hashing, validation).
 */
export function jsonBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>, required = true): unknown {
  if (!event.body) {
    if (!required) return {};
    throw validationFailed([{ path: '', rule: 'schema', message: 'A JSON body is required' }]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw validationFailed([{ path: '', rule: 'I3', message: `The body is nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed([{ path: '', rule: 'schema', message: 'The body is not valid JSON' }]);
  }
}

/** How deep objects and arrays nest in a JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Maps zod issues of a small route schema to the contract's issue shape. A message that cites
 * an input rule (`… (I1)`, docs/input-rules.md) names that rule; any other is `fallbackRule`.
 */
export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, fallbackRule = 'schema'): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    rule: /\((I[1-3])\)$/.exec(issue.message)?.[1] ?? fallbackRule,
    message: issue.message,
  }));
}

export function httpErrors(): MiddlewareObj<unknown, HttpResult> {
  return {
    onError: async (request) => {
      request.response = errorAnswer(request.error);
    },
  };
}

/**
 * The answer to a route's failure: an HttpError as it says, a product error the routes share as
 * its 404, 409 or 503, anything else a logged 500 that names nothing of it. Also what the
 * dashboard makes of a broker route it calls in-process (functions/dashboard/broker-routes.ts).
 */
export function errorAnswer(error: unknown): HttpResult {
  if (error instanceof HttpError) return answerOf(error);
  if (error instanceof RequestNotFound) return answerOf(notFound('Request'));
  if (error instanceof GrantNotFound) return answerOf(notFound('Grant'));
  if (error instanceof DocumentMissing) return answerOf(notFound('Document'));
  if (error instanceof RequestErased) return answerOf(conflict("The request's personal data was erased; only its history remains"));
  if (error instanceof RequestStateConflict) return answerOf(conflict(error.message, { status: error.status }));
  if (isPassingFault(error)) {
    // Throttled or a service's own failure: nothing of the request was lost; the caller may try again.
    logger.warn('request met a passing fault', { error: describeForLog(error) });
    return json(503, { error: 'unavailable', message: 'The service is busy; try again in a moment' }, { 'retry-after': '1' });
  }
  const refusal = routerRefusal(error);
  if (refusal !== undefined) return json(refusal, { message: refusal === 405 ? 'Method Not Allowed' : 'Not Found' });
  logger.error('request failed', { error: describeForLog(error) });
  return json(500, { error: 'internal', message: 'Internal Server Error' });
}

/** The router's own 404 (no such route) or 405 (no such method), as middy's http-errors make them. */
function routerRefusal(error: unknown): 404 | 405 | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const name = (error as Error | null)?.name;
  if (status === 404 && name === 'NotFoundError') return 404;
  if (status === 405 && name === 'MethodNotAllowedError') return 405;
  return undefined;
}

function answerOf(error: HttpError): HttpResult {
  return json(error.statusCode, error.body);
}
