/**
 * Errors an HTTP route answers with, and the one middy `onError` that turns every error into
 * a JSON answer: named errors map to their status, anything else is a logged 500 that reveals
 * nothing of the internals.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { ValidationIssue } from '../domain/request-validation.js';
import { InvalidCursor, RequestNotFound, RequestStateConflict } from '../adapters/request-store.js';
import { GRANT_STATUSES, REQUEST_STATUSES } from '../domain/request-status.js';
import { logger } from '../observability/logger.js';
import { json } from './http-response.js';
import type { HttpResult } from './http-response.js';

/** An answer other than success, with its JSON body. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${statusCode}`);
  }
}

/** The body of every 400: `{ error: "validation", issues: [{ path, rule, message }] }` (api-contract.md). */
export const validationErrorResponse = z.object({
  error: z.literal('validation'),
  issues: z.array(
    z.object({
      path: z.string().describe('Dotted path into the input, e.g. `grantees.0.contracts`; empty for the body itself'),
      rule: z.string().describe('The rule broken (`R4.2`, `R5`, …, see mission/access-rules.md), or `schema` for a pure shape error'),
      message: z.string().describe('A sentence for the broker, in English'),
    }) satisfies z.ZodType<ValidationIssue>,
  ),
});

export type ValidationErrorResponse = z.infer<typeof validationErrorResponse>;

/** `400 { error: "validation", issues: [{ path, rule, message }] }` (api-contract.md). */
export function validationFailed(issues: ValidationIssue[]): HttpError {
  const body: ValidationErrorResponse = { error: 'validation', issues };
  return new HttpError(400, body);
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
  status: z.enum(REQUEST_STATUSES).optional().describe("The request's status when it blocked the change"),
  grantStatus: z.enum(GRANT_STATUSES).optional().describe("The grant's status when it blocked the revocation"),
});
export type ConflictResponse = z.infer<typeof conflictResponse>;

/** `409 { error: "conflict", message, status?, grantStatus? }`. */
export function conflict(message: string, blockedBy: Pick<ConflictResponse, 'status' | 'grantStatus'> = {}): HttpError {
  const body: ConflictResponse = { error: 'conflict', message, ...blockedBy };
  return new HttpError(409, body);
}

/** Parses a JSON body; a missing or malformed body is a validation error on the body itself. */
export function jsonBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>, required = true): unknown {
  if (!event.body) {
    if (!required) return {};
    throw validationFailed([{ path: '', rule: 'schema', message: 'A JSON body is required' }]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed([{ path: '', rule: 'schema', message: 'The body is not valid JSON' }]);
  }
}

/** Maps zod issues of a small route schema to the contract's issue shape. */
export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), rule: 'schema', message: issue.message }));
}

export function httpErrors(): MiddlewareObj<unknown, HttpResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof HttpError) {
        request.response = answerOf(error);
      } else if (error instanceof RequestNotFound) {
        request.response = answerOf(notFound('Request'));
      } else if (error instanceof RequestStateConflict) {
        request.response = answerOf(conflict(error.message, { status: error.status }));
      } else if (error instanceof InvalidCursor) {
        request.response = answerOf(validationFailed([{ path: 'cursor', rule: 'schema', message: error.message }]));
      } else if (error && (error as { statusCode?: number }).statusCode === 404 && (error as Error).name === 'NotFoundError') {
        request.response = json(404, { message: 'Not Found' });
      } else {
        logger.error('request failed', { errorName: error?.name, error: error ?? undefined });
        request.response = json(500, { error: 'internal', message: 'Internal Server Error' });
      }
    },
  };
}

function answerOf(error: HttpError): HttpResult {
  return json(error.statusCode, error.body);
}
