/**
 * The direct bodies, for API clients and files up to {@link MAX_DIRECT_BODY_BYTES}:
 * `POST /sign/{token}/scan` (the form signed by hand and scanned, R3; a broker reviews it, R9)
 * and `POST /sign/{token}/eid` (the form signed with the Belgian eID in the signer's own
 * software, verified by the product, R3). Larger files go straight to storage (uploads).
 * Both meet the same checks as every other way a file arrives (receive-signature.ts).
 */
import { MAX_DIRECT_BODY_BYTES } from '../../../catalog/route-catalog.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import type { HttpResult } from '../http-response.js';
import { directBodyTooLarge } from './direct-body-limit.js';
import { receiveSignedFile } from './receive-signature.js';
import { resolveSigningLink } from './signing-link.js';

/** `POST /sign/{token}/scan`. */
export async function uploadScan(event: ApiEvent): Promise<HttpResult> {
  return receiveBody(event, 'handwritten');
}

/** `POST /sign/{token}/eid`. */
export async function uploadEidSignedPdf(event: ApiEvent): Promise<HttpResult> {
  return receiveBody(event, 'eid');
}

async function receiveBody(event: ApiEvent, method: 'handwritten' | 'eid'): Promise<HttpResult> {
  const now = new Date();
  const resolved = await resolveSigningLink(pathParameter(event, 'token'), now);
  const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'binary') : Buffer.alloc(0);
  if (bytes.byteLength > MAX_DIRECT_BODY_BYTES) throw directBodyTooLarge();
  return receiveSignedFile(event, resolved, { method, bytes: new Uint8Array(bytes), contentType: event.headers['content-type'] ?? '' }, now);
}
