/**
 * A signer's upload straight to storage, as the signing page makes it: open the upload
 * (`POST /sign/{token}/uploads`), post the file to the bucket with the presigned fields, then
 * confirm (`POST /sign/{token}/uploads/{uploadId}/confirm`).
 */
import { expect } from 'vitest';
import type { CreateUploadResponse } from '../../../functions/http/signer/create-upload.js';

export interface OpenedUpload {
  readonly status: number;
  readonly body: CreateUploadResponse & Record<string, unknown>;
}

export async function openUpload(signLink: string, announced: { method: 'handwritten' | 'eid'; contentType: string; size: number }): Promise<OpenedUpload> {
  const response = await fetch(`${signLink}/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(announced),
  });
  return { status: response.status, body: (await response.json()) as OpenedUpload['body'] };
}

/** Posts `bytes` to the bucket as a browser does: the presigned fields (with `overrides`), then the file. */
export async function sendToStorage(
  upload: CreateUploadResponse['upload'],
  bytes: Uint8Array<ArrayBuffer>,
  overrides: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([bytes], { type: overrides['Content-Type'] ?? upload.fields['Content-Type'] ?? 'application/octet-stream' }), 'signed-form');
  const response = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: form });
  return { status: response.status, body: await response.text() };
}

export async function confirmUpload(signLink: string, uploadId: string, accept = 'application/json'): Promise<Response> {
  return fetch(`${signLink}/uploads/${uploadId}/confirm`, { method: 'POST', headers: { accept } });
}

/** Opens an upload for `bytes`, sends them to storage and confirms: the confirm's answer. */
export async function uploadThroughStorage(signLink: string, method: 'handwritten' | 'eid', bytes: Uint8Array<ArrayBuffer>, contentType = 'application/pdf'): Promise<Response> {
  const opened = await openUpload(signLink, { method, contentType, size: bytes.byteLength });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const sent = await sendToStorage(opened.body.upload, bytes);
  expect(sent.status, sent.body).toBe(204);
  return confirmUpload(signLink, opened.body.uploadId);
}

/** S3's error code in an XML error body. */
export function s3ErrorCode(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

/**
 * A PDF of about `bytes` bytes, as a scanner makes one: a page whose image stream carries the
 * bulk (plain hex data here, so no byte sequence in it reads as a PDF name).
 */
export function scannedPdfOfSize(bytes: number): Uint8Array<ArrayBuffer> {
  const head = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n';
  const tail = '\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const length = Math.max(0, bytes - head.length - tail.length - 40);
  const data = Buffer.alloc(length, '0123456789abcdef');
  const stream = `3 0 obj<</Length ${length}>>stream\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(head + stream, 'latin1'), data, Buffer.from(tail, 'latin1')]));
}
