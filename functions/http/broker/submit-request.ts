/**
 * `POST /v1/requests`: a broker files a request (R1, R2). The body is checked against every
 * rule before anything is stored (R4, R5, R6); then the request is stored with its first
 * audit entry and an outbox entry that starts its workflow (functions/adapters/outbox.ts). `Idempotency-Key` makes a retried POST answer the
 * first answer (Powertools idempotency); the same key with another body answers 409.
 */
import { randomBytes } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import * as z from 'zod/mini';
import { config } from '../../config/config.js';
import { createRequest } from '../../adapters/request-store.js';
import { validateAccessRequest } from '../../domain/request-validation.js';
import type { AccessRequest } from '../../domain/request-schema.js';
import { logger } from '../../observability/logger.js';
import { IDEMPOTENCY_KEY_PREFIX, SpreadIdempotencyRecordStore } from './idempotency-record-store.js';
import { brokerIdOf } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import type { Context } from 'aws-lambda';
import { conflict, jsonBody, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { REQUEST_STATUSES } from '../../domain/request-status.js';

export const submitRequestResponse = z.object({
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  clientRef: z.string(),
  createdAt: z.string(),
  links: z.object({ self: z.string() }),
});
export type SubmitRequestResponse = z.infer<typeof submitRequestResponse>;

export const idempotencyKeyHeader = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

export async function submitRequest(event: ApiEvent, context: Context): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const body = jsonBody(event);
  const validation = validateAccessRequest(body, todayInBrussels());
  if (!validation.ok) throw validationFailed(validation.issues);

  const rawKey = event.headers['idempotency-key'];
  if (rawKey === undefined) return json(201, await fileRequest(brokerId, validation.request));
  const key = idempotencyKeyHeader.safeParse(rawKey);
  if (!key.success) throw validationFailed([{ path: 'headers.idempotency-key', rule: 'schema', message: 'Idempotency-Key must be 1 to 200 characters' }]);
  try {
    const idempotent = idempotentFileRequest();
    idempotent.config.registerLambdaContext(context);
    return json(201, await idempotent.file({ brokerId, key: key.data, body }));
  } catch (error) {
    if (error instanceof IdempotencyValidationError) throw conflict('This Idempotency-Key was used with another body');
    if (error instanceof IdempotencyAlreadyInProgressError) throw conflict('A request with this Idempotency-Key is still being filed');
    throw error;
  }
}

/** Stores the request with an outbox entry that starts its workflow (a crash in between is mended by the housekeeping job). */
async function fileRequest(brokerId: string, request: AccessRequest): Promise<SubmitRequestResponse> {
  const id = `req_${randomBytes(15).toString('base64url')}`;
  const stored = await createRequest({ id, brokerId, request, now: new Date().toISOString() });
  logger.info('request filed', { requestId: id });
  return submitRequestResponse.parse({
    id,
    status: stored.status,
    clientRef: stored.clientRef,
    createdAt: stored.createdAt,
    links: { self: `${config().PUBLIC_BASE_URL}/v1/requests/${id}` },
  });
}

type IdempotentInput = { brokerId: string; key: string; body: unknown };
interface IdempotentFiling {
  readonly config: IdempotencyConfig;
  readonly file: (input: IdempotentInput) => Promise<SubmitRequestResponse>;
}
let idempotent: IdempotentFiling | undefined;

/** Built on first use: the table name comes from the validated configuration. */
function idempotentFileRequest(): IdempotentFiling {
  if (idempotent) return idempotent;
  const idempotencyConfig = new IdempotencyConfig({
    eventKeyJmesPath: '[brokerId, key]',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: 24 * 3600,
  });
  // Each record in its own partition, not every broker's under one key (idempotency-record-store.ts).
  const persistenceStore = new SpreadIdempotencyRecordStore(config().TABLE_NAME);
  const file = makeIdempotent(
    async (input: IdempotentInput) => {
      const validation = validateAccessRequest(input.body, todayInBrussels());
      if (!validation.ok) throw validationFailed(validation.issues);
      return fileRequest(input.brokerId, validation.request);
    },
    { persistenceStore, config: idempotencyConfig, keyPrefix: IDEMPOTENCY_KEY_PREFIX },
  );
  idempotent = { config: idempotencyConfig, file };
  return idempotent;
}

/** R5: "in the future" is judged on the broker's calendar, Belgian time. */
function todayInBrussels(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
