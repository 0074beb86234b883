/**
 * The wire protocol, kept apart from the operations so that each operation reads as KMS's
 * semantics only. `@aws-sdk/client-kms` speaks AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: TrentService.<Operation>`, and it turns an error answer into its modelled
 * exception only when the body is `{"__type": "<Code>", "message"}`; so every failure, even an
 * unexpected one, is answered in that shape rather than dropping the connection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyStore } from './key-store.js';
import { KmsApiError } from './kms-errors.js';
import { parseJsonObject, readRequestBody } from './json-request-body.js';
import { OPERATIONS } from './kms-operations.js';
import { RequestReader } from './request-reader.js';
import { sendAwsJson } from '../../aws-json-answer.js';

const TARGET_PREFIX = 'TrentService.';

/** Answers one request on `store`; never rejects, every failure becomes an error answer. */
export async function answer(store: KeyStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const body = await readRequestBody(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = request.method === 'POST' && target.startsWith(TARGET_PREFIX) ? OPERATIONS[target.slice(TARGET_PREFIX.length)] : undefined;
    if (!operation) throw new KmsApiError('UnknownOperationException', `Unknown operation ${request.method ?? ''} ${target}`);
    sendAwsJson(response, 200, await operation(store, new RequestReader(parseJsonObject(body))), '1.1');
  } catch (error) {
    if (error instanceof KmsApiError) sendAwsJson(response, error.status, { __type: error.name, message: error.message }, '1.1');
    else sendAwsJson(response, 500, { __type: 'KMSInternalException', message: error instanceof Error ? error.message : String(error) }, '1.1');
  }
}
