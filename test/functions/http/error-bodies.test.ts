import type { Request } from '@middy/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { MAX_DIRECT_BODY_BYTES } from '../../../catalog/route-catalog.js';
import { RequestNotFound, RequestStateConflict } from '../../../functions/adapters/request-store.js';
import { tooManyReminders, tooManyRemindersResponse } from '../../../functions/http/broker/remind-request.js';
import type { HttpError } from '../../../functions/http/http-errors.js';
import {
  conflict,
  conflictResponse,
  httpErrors,
  issuesOf,
  notFound,
  notFoundResponse,
  unavailableResponse,
  validationErrorResponse,
  validationFailed,
} from '../../../functions/http/http-errors.js';
import type { HttpResult } from '../../../functions/http/http-response.js';
import { linkErrorBody, linkErrorResponse, linkUnusableAnswer, LinkUnusable } from '../../../functions/http/link-pages.js';
import type { ApiEvent } from '../../../functions/http/api-handler.js';
import { directBodyTooLarge, tooLargeResponse } from '../../../functions/http/signer/direct-body-limit.js';
import { MAX_UPLOADS_PER_LINK } from '../../../functions/adapters/upload-store.js';
import { uploadGone, uploadGoneResponse } from '../../../functions/http/signer/confirm-upload.js';
import { tooManyUploads, tooManyUploadsResponse } from '../../../functions/http/signer/create-upload.js';

/** Each error factory, the status it answers and the schema the OpenAPI document gives that answer (house rule 12). */
const FACTORIES: readonly [string, () => HttpError, number, z.core.$ZodType][] = [
  ['validationFailed', () => validationFailed([{ path: 'grantees.0.contracts', rule: 'R4.2', message: 'exactly one' }]), 400, validationErrorResponse],
  ['notFound', () => notFound('Grant'), 404, notFoundResponse],
  ['conflict without a status', () => conflict('This Idempotency-Key was used with another body'), 409, conflictResponse],
  ['conflict with the request status', () => conflict('Request is already CANCELLED', { status: 'CANCELLED' }), 409, conflictResponse],
  ['conflict with the grant status (R9)', () => conflict('The grant is already revoked', { grantStatus: 'revoked' }), 409, conflictResponse],
  ['directBodyTooLarge (R3)', () => directBodyTooLarge(), 413, tooLargeResponse],
  ['tooManyReminders', () => tooManyReminders('2025-03-01T10:00:00.000Z'), 429, tooManyRemindersResponse],
  ['tooManyUploads', () => tooManyUploads(MAX_UPLOADS_PER_LINK), 429, tooManyUploadsResponse],
  ['uploadGone: confirmed before', () => uploadGone('used'), 410, uploadGoneResponse],
  ['uploadGone: expired', () => uploadGone('expired'), 410, uploadGoneResponse],
];

/** What the client reads: the body as it goes over the wire. */
function wireBody(answer: HttpResult): unknown {
  return JSON.parse(String(answer.body));
}

async function answerOfThrown(error: unknown): Promise<HttpResult> {
  const request = { event: {}, context: {}, response: undefined, error, internal: {} } as unknown as Request<unknown, HttpResult>;
  await httpErrors().onError?.(request);
  if (!request.response) throw new Error('onError set no response');
  return request.response;
}

describe('error bodies (house rule 12: each parses with the schema the OpenAPI document states)', () => {
  // The body on the wire is the factory's body as JSON: checking it checks the factory too.
  it.each(FACTORIES)('%s answers through the error middleware with a body its schema accepts', async (_name, build, status, schema) => {
    const answer = await answerOfThrown(build());
    expect(answer.statusCode).toBe(status);
    expect(z.safeParse(schema, wireBody(answer)).error).toBeUndefined();
  });

  it('names the direct-body limit and the way for larger files in the 413 message', () => {
    expect(directBodyTooLarge().message).toContain(`${MAX_DIRECT_BODY_BYTES / 1024 / 1024} MB at most`);
    expect(directBodyTooLarge().message).toContain('POST /sign/{token}/uploads');
  });

  it('answers the store\'s errors with the same schemas: a missing request 404, a state conflict 409 with its status, a throttled service 503', async () => {
    const missing = await answerOfThrown(new RequestNotFound('req_x'));
    expect(missing.statusCode).toBe(404);
    expect(notFoundResponse.parse(wireBody(missing))).toEqual({ error: 'not_found', message: 'Request not found' });

    const blocked = await answerOfThrown(new RequestStateConflict('Request is already COMPLETED', 'COMPLETED'));
    expect(blocked.statusCode).toBe(409);
    expect(conflictResponse.parse(wireBody(blocked))).toEqual({ error: 'conflict', message: 'Request is already COMPLETED', status: 'COMPLETED' });

    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 }, $retryable: {} });
    const busy = await answerOfThrown(throttled);
    expect(busy.statusCode).toBe(503);
    expect(busy.headers?.['retry-after']).toBe('1');
    expect(unavailableResponse.parse(wireBody(busy))).toEqual({ error: 'unavailable', message: 'The service is busy; try again in a moment' });

    const anythingElse = await answerOfThrown(new TypeError('Cannot read properties of undefined (reading "hans@example.be")'));
    expect(anythingElse.statusCode).toBe(500);
    expect(JSON.stringify(wireBody(anythingElse))).not.toContain('hans');
  });

  it.each(['unknown', 'used', 'expired', 'closed'] as const)('an unusable link (%s) answers JSON that the link error schema accepts, when asked', (reason) => {
    expect(linkErrorResponse.safeParse(linkErrorBody(reason)).error).toBeUndefined();
    const event = { headers: { accept: 'application/json' } } as unknown as ApiEvent;
    const answer = linkUnusableAnswer(event, new LinkUnusable(reason));
    expect(answer.statusCode).toBe(reason === 'unknown' ? 404 : 410);
    expect(linkErrorResponse.parse(wireBody(answer))).toEqual(linkErrorBody(reason));
  });

  it('names the input rule a route schema\'s message cites (I1–I3), else the route\'s own rule', () => {
    const zodError = { issues: [
      { path: ['reason'], message: 'contains an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE) (I2)' },
      { path: ['clientRef'], message: 'must be 1 to 64 of A–Z … (I1)' },
      { path: ['reason'], message: 'A rejection needs a reason: the signer reads it' },
    ] };
    expect(issuesOf(zodError).map((issue) => issue.rule)).toEqual(['I2', 'I1', 'schema']);
    expect(issuesOf(zodError, 'R9').map((issue) => issue.rule)).toEqual(['I2', 'I1', 'R9']);
  });
});

