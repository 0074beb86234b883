/**
 * The body of an AWS JSON 1.1 request, read as KMS reads it: at most 64 KiB, empty meaning `{}`,
 * anything but a JSON object refused as a SerializationException. The local Secrets Manager
 * speaks the same protocol and refuses a bad body with the same codes, so it reads it here too.
 * Reading and parsing are apart because KMS names an unknown operation before a bad body.
 */
import type { IncomingMessage } from 'node:http';
import { readCappedBody } from '../read-capped-body.js';
import { isObject, type Json } from './json-object.js';
import { KmsApiError } from './kms-errors.js';

const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * The whole body, read to its end even when too large, so the client can read the refusal.
 * @throws KmsApiError ValidationException (413) when it is over 64 KiB
 */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const body = await readCappedBody(request, MAX_REQUEST_BYTES);
  if (body === 'too-large') throw new KmsApiError('ValidationException', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`, 413);
  return body;
}

/**
 * The body's JSON object; an empty body is `{}`.
 * @throws KmsApiError SerializationException when the body is not a JSON object
 */
export function parseJsonObject(body: Buffer): Json {
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
