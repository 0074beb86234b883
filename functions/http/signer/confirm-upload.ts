/**
 * `POST /sign/{token}/uploads/{uploadId}/confirm`: the file the signer sent straight to storage
 * (create-upload.ts) is taken in. The upload must be this link's (its request and signer), not
 * expired and not confirmed before; the stored object must be there, of the announced type and
 * exactly the announced size. Then it meets the same checks and is answered exactly as a direct
 * body (receive-signature.ts), from its staging key: nothing is copied through the function
 * but the bytes it reads to check.
 */
import * as z from 'zod/mini';
import { deleteDocument, describeDocument, getDocument } from '../../adapters/document-store.js';
import { getUpload, markUploadConfirmed, UploadAlreadyConfirmed, type UploadRecord } from '../../adapters/upload-store.js';
import { isUploadId } from '../../domain/identifiers.js';
import { describeForLog } from '../../errors/product-error.js';
import { logger } from '../../observability/logger.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { conflict, HttpError, notFound, validationFailed } from '../http-errors.js';
import type { HttpResult } from '../http-response.js';
import { UPLOAD_LIFETIME_SECONDS } from './create-upload.js';
import { MAX_UPLOAD_BYTES, receiveSignedFile } from './receive-signature.js';
import { resolveSigningLink } from './signing-link.js';

/**
 * S3 checks a presigned post's expiry when the post starts; a slow upload started in time may
 * end after it. So a confirm is taken this long after the upload's `expiresAt`.
 */
const CONFIRM_GRACE_SECONDS = UPLOAD_LIFETIME_SECONDS;

/** The body of the 410 answered for an upload confirmed before or expired. */
export const uploadGoneResponse = z.object({ error: z.enum(['upload_used', 'upload_expired']), message: z.string() });

/** `410 { error: "upload_used" | "upload_expired", message }`. */
export function uploadGone(reason: 'used' | 'expired'): HttpError {
  const body: z.infer<typeof uploadGoneResponse> =
    reason === 'used'
      ? { error: 'upload_used', message: 'This upload was confirmed already' }
      : { error: 'upload_expired', message: 'This upload has expired: open a new one' };
  return new HttpError(410, body);
}

export async function confirmUpload(event: ApiEvent): Promise<HttpResult> {
  const now = new Date();
  const resolved = await resolveSigningLink(pathParameter(event, 'token'), now);
  const uploadId = pathParameter(event, 'uploadId');
  // I1: junk costs no read and reaches no key.
  const upload = isUploadId(uploadId) ? await getUpload(resolved.request.id, uploadId) : undefined;
  if (!upload || upload.role !== resolved.role) throw notFound('Upload');
  if (upload.confirmedAt) throw uploadGone('used');
  if (now.getTime() > Date.parse(upload.expiresAt) + CONFIRM_GRACE_SECONDS * 1000) throw uploadGone('expired');

  const stored = await describeDocument(upload.key);
  if (!stored) throw conflict('Nothing was received for this upload: upload the file first, then confirm');
  const mismatch = storedMismatch(upload, stored);
  if (mismatch) {
    await deleteDocument(upload.key).catch((cleanup: unknown) => logger.warn('mismatched upload not deleted; the lifecycle rule will', { error: describeForLog(cleanup) }));
    throw validationFailed([mismatch]);
  }

  try {
    await markUploadConfirmed(upload, now.toISOString());
  } catch (error) {
    if (error instanceof UploadAlreadyConfirmed) throw uploadGone('used');
    throw error;
  }
  const { bytes } = await getDocument(upload.key);
  return receiveSignedFile(event, resolved, { method: upload.method, bytes, contentType: upload.contentType, stagedKey: upload.key }, now);
}

/** What the stored object breaks of what was announced, if anything. */
function storedMismatch(upload: UploadRecord, stored: { size: number; contentType: string }): { path: string; rule: string; message: string } | undefined {
  if (stored.size < 1 || stored.size > MAX_UPLOAD_BYTES || stored.size !== upload.size) {
    return { path: 'size', rule: 'I3', message: `The file received has ${stored.size} bytes, not the ${upload.size} announced (I3)` };
  }
  if (stored.contentType.split(';')[0]?.trim().toLowerCase() !== upload.contentType) {
    return { path: 'contentType', rule: 'R3', message: `The file received is stored as ${stored.contentType.slice(0, 100)}, not the ${upload.contentType} announced` };
  }
  return undefined;
}
