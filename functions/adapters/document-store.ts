/**
 * The documents of a request in S3: the generated form and each signed form or scan.
 * Keys are content-addressed (they carry the SHA-256), so a retried write is harmless and a
 * stored document can never change under the hash recorded for it.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { config } from '../config/config.js';

let client: S3Client | undefined;

function s3(): S3Client {
  client ??= new S3Client({
    forcePathStyle: config().S3_FORCE_PATH_STYLE,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}

export interface StoredDocument {
  readonly key: string;
  readonly sha256: string;
  readonly contentType: string;
  readonly size: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** Stores a document under `requests/<id>/<kind>-<sha256>.<ext>`. */
export async function putDocument(input: {
  requestId: string;
  kind: string;
  bytes: Uint8Array;
  contentType: string;
}): Promise<StoredDocument> {
  const sha256 = sha256Hex(input.bytes);
  const key = `requests/${input.requestId}/${input.kind}-${sha256}.${EXTENSIONS[input.contentType] ?? 'bin'}`;
  await s3().send(
    new PutObjectCommand({
      Bucket: config().DOCUMENTS_BUCKET,
      Key: key,
      Body: input.bytes,
      ContentType: input.contentType,
      Metadata: { sha256 },
    }),
  );
  return { key, sha256, contentType: input.contentType, size: input.bytes.byteLength };
}

export async function getDocument(key: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  const answer = await s3().send(new GetObjectCommand({ Bucket: config().DOCUMENTS_BUCKET, Key: key }));
  if (!answer.Body) throw new Error(`Document ${key} has no body`);
  return { bytes: await answer.Body.transformToByteArray(), contentType: answer.ContentType ?? 'application/octet-stream' };
}
