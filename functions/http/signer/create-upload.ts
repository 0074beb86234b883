/**
 * `POST /sign/{token}/uploads`: the signer announces a file (how he signed, its type and size)
 * and gets a presigned POST that writes it straight to the bucket, under a staging key of its
 * own (`staging/<requestId>/<uploadId>`). A Lambda invocation carries 6 MB at most, so a file
 * of up to {@link MAX_UPLOAD_BYTES} never passes through a function on its way in; S3 itself
 * holds the post to the announced type, the size bounds, the one key and a short expiry.
 * `POST /sign/{token}/uploads/{uploadId}/confirm` (confirm-upload.ts) then takes it in.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { presignUpload, STAGING_PREFIX } from '../../adapters/document-store.js';
import { openUpload, UploadNotOpened, type UploadRecord } from '../../adapters/upload-store.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { HttpError, issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { LinkUnusable } from '../link-pages.js';
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from './receive-signature.js';
import { resolveSigningLink } from './signing-link.js';

/** How long a presigned post works: long enough for a slow phone connection, short enough to be worth little if it leaks. */
export const UPLOAD_LIFETIME_SECONDS = 15 * 60;

export const createUploadBody = z.object({
  method: z.enum(['handwritten', 'eid']).check(z.describe('How the form was signed: a scan of the form signed by hand, or the PDF signed with the eID (R3)')),
  contentType: z.string().check(z.maxLength(100), z.describe('The type of the file: `application/pdf`, `image/jpeg` or `image/png` for a scan; `application/pdf` for an eID signature')),
  size: z.number().check(z.int(), z.describe(`The exact size of the file in bytes, 1 to ${MAX_UPLOAD_BYTES}`)),
});

export const createUploadResponse = z.object({
  uploadId: z.string().check(z.describe('Names the upload in `POST /sign/{token}/uploads/{uploadId}/confirm`')),
  upload: z.object({
    url: z.string().check(z.describe('Where to send the file')),
    method: z.literal('POST').check(z.describe('multipart/form-data: every field of `fields` first, then the file as `file`')),
    headers: z.record(z.string(), z.string()).check(z.describe('Headers to send (none for a POST: the form carries everything)')),
    fields: z.record(z.string(), z.string()).check(z.describe('Form fields to send as they are, before the file')),
  }),
  expiresAt: z.string().check(z.describe('After this instant the storage refuses the upload; open a new one')),
});
export type CreateUploadResponse = z.infer<typeof createUploadResponse>;

/** The body of the 429 answered once a link opened its share of uploads. */
export const tooManyUploadsResponse = z.object({ error: z.literal('too_many_uploads'), message: z.string() });

/** `429 { error: "too_many_uploads", message }`: the link opened `limit` uploads already. */
export function tooManyUploads(limit: number): HttpError {
  const body: z.infer<typeof tooManyUploadsResponse> = { error: 'too_many_uploads', message: `This link may open ${limit} uploads at most` };
  return new HttpError(429, body);
}

export async function createUpload(event: ApiEvent): Promise<HttpResult> {
  const now = new Date();
  const resolved = await resolveSigningLink(pathParameter(event, 'token'), now);
  const parsed = createUploadBody.safeParse(jsonBody(event));
  if (!parsed.success) throw validationFailed(issuesOf(parsed.error));
  const { method, size } = parsed.data;
  const contentType = parsed.data.contentType.trim().toLowerCase();
  if (!resolved.request.request.signatureMethods.includes(method)) {
    throw validationFailed([{ path: 'method', rule: 'R3', message: `This request does not accept the signature method "${method}"` }]);
  }
  const accepted = UPLOAD_CONTENT_TYPES[method];
  if (!accepted.includes(contentType)) {
    throw validationFailed([{ path: 'contentType', rule: 'R3', message: `A "${method}" signature is sent as ${accepted.join(', ')}` }]);
  }
  if (size < 1 || size > MAX_UPLOAD_BYTES) {
    throw validationFailed([{ path: 'size', rule: 'I3', message: `A file must be 1 byte to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (I3)` }]);
  }

  const uploadId = `up_${randomBytes(16).toString('base64url')}`;
  // Never past the link's own end: an upload is only worth what the link still allows.
  const expiresAt = new Date(Math.min(now.getTime() + UPLOAD_LIFETIME_SECONDS * 1000, Date.parse(resolved.link.expiresAt)));
  const upload: UploadRecord = {
    uploadId,
    requestId: resolved.request.id,
    role: resolved.role,
    method,
    contentType,
    size,
    key: `${STAGING_PREFIX}${resolved.request.id}/${uploadId}`,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  try {
    await openUpload(resolved.link, upload);
  } catch (error) {
    if (!(error instanceof UploadNotOpened)) throw error;
    if (error.details.reason === 'linkUsed') throw new LinkUnusable('used', resolved.request.request.language);
    throw tooManyUploads(error.details.limit);
  }
  const post = await presignUpload({
    key: upload.key,
    contentType,
    minBytes: 1,
    maxBytes: MAX_UPLOAD_BYTES,
    expiresInSeconds: Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  });
  const answer: CreateUploadResponse = { uploadId, upload: { url: post.url, method: 'POST', headers: {}, fields: { ...post.fields } }, expiresAt: upload.expiresAt };
  return json(201, createUploadResponse.parse(answer));
}
