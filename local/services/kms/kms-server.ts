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
import { isObject, type Json } from './json-object.js';
import { OPERATIONS } from './kms-operations.js';
import { RequestReader } from './request-reader.js';
import { sendAwsJson } from '../../aws-json-answer.js';

const TARGET_PREFIX = 'TrentService.';
const MAX_REQUEST_BYTES = 64 * 1024;

/** Answers one request on `store`; never rejects, every failure becomes an error answer. */
export async function answer(store: KeyStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const body = await readBody(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = request.method === 'POST' && target.startsWith(TARGET_PREFIX) ? OPERATIONS[target.slice(TARGET_PREFIX.length)] : undefined;
    if (!operation) throw new KmsApiError('UnknownOperationException', `Unknown operation ${request.method ?? ''} ${target}`);
    sendAwsJson(response, 200, await operation(store, new RequestReader(parseJsonObject(body))), '1.1');
  } catch (error) {
    if (error instanceof KmsApiError) sendAwsJson(response, error.status, { __type: error.name, message: error.message }, '1.1');
    else sendAwsJson(response, 500, { __type: 'KMSInternalException', message: error instanceof Error ? error.message : String(error) }, '1.1');
  }
}

/** The whole body, read to its end even when too large, so the client can read the refusal. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_REQUEST_BYTES) reject(new KmsApiError('ValidationException', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`, 413));
      else resolve(Buffer.concat(chunks));
    });
  });
}

function parseJsonObject(body: Buffer): Json {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KmsApiError('SerializationException', 'Request body is not valid JSON');
  }
  if (!isObject(parsed)) throw new KmsApiError('SerializationException', 'Request body must be a JSON object');
  return parsed;
}

