/**
 * `POST /sign/{token}/scan`: the signer uploads a scan of the form he signed by hand (R3).
 * The file is checked (a PDF, JPEG or PNG by its bytes, not only its declared type), stored
 * content-addressed, and recorded with the link spent (so a double click records one
 * signature); then the waiting workflow task is answered. A broker reviews the scan next (R9).
 */
import { z } from 'zod';
import { deleteDocument, stageUpload } from '../../adapters/document-store.js';
import type { SignatureEvidence } from '../../adapters/request-store.js';
import { config } from '../../config/config.js';
import { describeForLog } from '../../errors/product-error.js';
import { logger } from '../../observability/logger.js';
import { signatureReceivedPage } from '../../messages/pages.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { HttpError, validationFailed } from '../http-errors.js';
import { html, json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { wantsJson } from '../link-pages.js';
import { answerSigningWait, resolveSigningLink } from './signing-link.js';

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/** The answer when the caller asks for JSON (`Accept: application/json`); a browser gets a page. */
export const uploadScanResponse = z.object({
  status: z.literal('received'),
  method: z.literal('handwritten'),
  sha256: z.string().describe('The SHA-256 of the stored scan, in hex (R8)'),
});

/** The body of the 413 answered when a scan is over {@link MAX_SCAN_BYTES}. */
export const tooLargeResponse = z.object({ error: z.literal('too_large'), message: z.string() });

/** `413 { error: "too_large", message }`. */
export function scanTooLarge(): HttpError {
  const body: z.infer<typeof tooLargeResponse> = { error: 'too_large', message: `A scan may be ${MAX_SCAN_BYTES / 1024 / 1024} MB at most` };
  return new HttpError(413, body);
}

const SIGNATURES: readonly { readonly contentType: string; readonly magic: readonly number[] }[] = [
  { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export async function uploadScan(event: ApiEvent): Promise<HttpResult> {
  const token = pathParameter(event, 'token');
  const now = new Date();
  const resolved = await resolveSigningLink(token, now);
  const language = resolved.request.request.language;
  if (!resolved.request.request.signatureMethods.includes('handwritten')) {
    throw validationFailed([{ path: 'method', rule: 'R3', message: 'This request does not accept a handwritten signature' }]);
  }
  const bytes = scanBytes(event);
  // Staged under a key of its own: if this upload loses to another (a double click), it is deleted, and a crash leaves it to the lifecycle rule.
  const staged = await stageUpload({ requestId: resolved.request.id, kind: `${resolved.role}-signature`, bytes: bytes.data, contentType: bytes.contentType });
  const receivedAt = now.toISOString();
  const evidence: SignatureEvidence = { method: 'handwritten', documentKey: staged.finalKey, sha256: staged.sha256, contentType: staged.contentType, receivedAt };
  try {
    await answerSigningWait(
      resolved,
      receivedAt,
      (current) => ({
        set: { signatures: { ...current.signatures, [resolved.role]: evidence } },
        event: { type: 'signatureReceived', details: { role: resolved.role, method: 'handwritten', sha256: staged.sha256, contentType: staged.contentType } },
      }),
      // In order: the scan reaches its final key before the workflow (and the broker's review) can ask for it.
      (wait) => [
        { kind: 'promoteDocument', from: staged.key, to: staged.finalKey },
        { kind: 'answerTask', taskToken: wait.taskToken, output: { method: 'handwritten', documentKey: staged.finalKey, sha256: staged.sha256 } },
      ],
    );
  } catch (error) {
    await deleteDocument(staged.key).catch((cleanup: unknown) => logger.warn('staged scan not deleted; the lifecycle rule will', { error: describeForLog(cleanup) }));
    throw error;
  }

  if (wantsJson(event)) return json(200, uploadScanResponse.parse({ status: 'received', method: 'handwritten', sha256: staged.sha256 }));
  return html(200, signatureReceivedPage({ language, method: 'handwritten', brokerName: config().BROKER_DISPLAY_NAME }));
}

function scanBytes(event: ApiEvent): { data: Uint8Array; contentType: string } {
  const declared = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const data = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'binary') : Buffer.alloc(0);
  const invalid = (message: string) => validationFailed([{ path: 'body', rule: 'R3', message }]);
  if (data.byteLength === 0) throw invalid('The scan is empty: upload the signed form as PDF, JPEG or PNG');
  if (data.byteLength > MAX_SCAN_BYTES) throw scanTooLarge();
  const kind = SIGNATURES.find((signature) => signature.magic.every((byte, index) => data[index] === byte));
  if (!kind) throw invalid('The file is not a PDF, JPEG or PNG');
  if (declared && declared !== kind.contentType) throw invalid(`The file is a ${kind.contentType} but was sent as ${declared}`);
  return { data: new Uint8Array(data), contentType: kind.contentType };
}
