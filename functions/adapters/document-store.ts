/**
 * The documents of a request in S3: the generated form and each signed form or scan.
 *
 * Final keys are content-addressed (`requests/<id>/<kind>-<sha256>.<ext>`), so a retried
 * write is harmless and a stored document can never change under the hash recorded for it.
 * A signer's upload is first written to its own staging key (`staging/<id>/<attempt>`),
 * one per attempt; only once the request has accepted it (a committed change with an outbox
 * entry, functions/adapters/outbox.ts) is it promoted to its final key. An upload the
 * request refused is deleted at once, and the bucket's lifecycle rule removes whatever a
 * crash left in `staging/` after a day (infra/constructs/data-store.ts): nothing written for
 * a request that did not accept it stays.
 */
import { createHash, randomBytes } from 'node:crypto';
import { config } from '../config/config.js';
import { ProductError } from '../errors/product-error.js';
import { clientOnFirstUse, isServiceError, sdkOnFirstUse } from './sdk-on-first-use.js';

/**
 * S3's SDK and its two presigners, each imported on first use (functions/adapters/sdk-on-first-use.ts):
 * most functions touch no document, and only the signer's and the broker's routes presign.
 */
const s3 = clientOnFirstUse(
  () => import('@aws-sdk/client-s3'),
  (sdk) =>
    new sdk.S3Client({
      forcePathStyle: config().S3_FORCE_PATH_STYLE,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
);
const presignedPostSdk = sdkOnFirstUse(() => import('@aws-sdk/s3-presigned-post'));
const requestPresignerSdk = sdkOnFirstUse(() => import('@aws-sdk/s3-request-presigner'));

export interface StoredDocument {
  readonly key: string;
  readonly sha256: string;
  readonly contentType: string;
  readonly size: number;
}

/** An upload written to its staging key, not yet accepted by its request. */
export interface StagedDocument extends StoredDocument {
  /** The content-addressed key it gets once accepted. */
  readonly finalKey: string;
}

/** The key a document was recorded under is not in the bucket (not yet promoted, or erased). */
export class DocumentMissing extends ProductError<{ key: string }> {
  override readonly name = 'DocumentMissing';
}

/** The prefix under which uploads wait for their request to accept them; expired by a lifecycle rule. */
export const STAGING_PREFIX = 'staging/';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** Where every document of a request lives; erasing a request deletes this prefix. */
export function requestDocumentPrefix(requestId: string): string {
  return `requests/${requestId}/`;
}

/** The content-addressed key a document of `kind` with this hash has once accepted. */
export function documentKeyFor(requestId: string, kind: string, sha256: string, contentType: string): string {
  return `${requestDocumentPrefix(requestId)}${kind}-${sha256}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/** Stores a document the product made itself under its final key (`requests/<id>/<kind>-<sha256>.<ext>`). */
export async function putDocument(input: { requestId: string; kind: string; bytes: Uint8Array; contentType: string }): Promise<StoredDocument> {
  const sha256 = sha256Hex(input.bytes);
  const key = documentKeyFor(input.requestId, input.kind, sha256, input.contentType);
  await putObject(key, input.bytes, input.contentType, sha256);
  return { key, sha256, contentType: input.contentType, size: input.bytes.byteLength };
}

/** Writes an upload to a staging key of its own (one per attempt), with the final key it will get. */
export async function stageUpload(input: { requestId: string; kind: string; bytes: Uint8Array; contentType: string }): Promise<StagedDocument> {
  const sha256 = sha256Hex(input.bytes);
  const key = `${STAGING_PREFIX}${input.requestId}/${randomBytes(12).toString('base64url')}`;
  await putObject(key, input.bytes, input.contentType, sha256);
  return { key, finalKey: documentKeyFor(input.requestId, input.kind, sha256, input.contentType), sha256, contentType: input.contentType, size: input.bytes.byteLength };
}

/**
 * Moves an accepted upload to its final key: copy, then delete the staging object. Safe to
 * repeat: once the staging object is gone, a final object already in place means done.
 */
export async function promoteDocument(from: string, to: string): Promise<void> {
  const bucket = config().DOCUMENTS_BUCKET;
  const { client, sdk } = await s3();
  try {
    await client.send(new sdk.CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${encodeURIComponent(from).replaceAll('%2F', '/')}`, MetadataDirective: 'COPY' }));
  } catch (error) {
    if (!isMissing(error) || !(await exists(to))) throw error;
    return;
  }
  await deleteDocument(from);
}

/** Deletes one object; a missing one is already deleted. */
export async function deleteDocument(key: string): Promise<void> {
  const { client, sdk } = await s3();
  await client.send(new sdk.DeleteObjectCommand({ Bucket: config().DOCUMENTS_BUCKET, Key: key }));
}

/**
 * Deletes every current object under `prefix` and answers how many. On a versioned bucket
 * the earlier versions stay until the lifecycle rule expires noncurrent versions.
 */
export async function deleteDocumentsUnder(prefix: string): Promise<number> {
  const bucket = config().DOCUMENTS_BUCKET;
  const { client, sdk } = await s3();
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const objects = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (objects.length > 0) {
      await client.send(new sdk.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      deleted += objects.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}

export async function getDocument(key: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  const { client, sdk } = await s3();
  try {
    const answer = await client.send(new sdk.GetObjectCommand({ Bucket: config().DOCUMENTS_BUCKET, Key: key }));
    if (!answer.Body) throw new DocumentMissing(`Document ${key} has no body`, { key });
    return { bytes: await answer.Body.transformToByteArray(), contentType: answer.ContentType ?? 'application/octet-stream' };
  } catch (error) {
    if (isMissing(error)) throw new DocumentMissing(`Document ${key} is not in the bucket`, { key }, { cause: error });
    throw error;
  }
}

async function putObject(key: string, bytes: Uint8Array, contentType: string, sha256: string): Promise<void> {
  const { client, sdk } = await s3();
  await client.send(new sdk.PutObjectCommand({ Bucket: config().DOCUMENTS_BUCKET, Key: key, Body: bytes, ContentType: contentType, Metadata: { sha256 } }));
}

async function exists(key: string): Promise<boolean> {
  const { client, sdk } = await s3();
  try {
    await client.send(new sdk.HeadObjectCommand({ Bucket: config().DOCUMENTS_BUCKET, Key: key }));
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return isServiceError(error, 'NoSuchKey', 'NotFound');
}

/** A browser's form upload straight to the bucket: POST `url` as multipart/form-data, `fields` first, the file last as `file`. */
export interface PresignedUpload {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * A presigned POST that S3 itself holds to: exactly this `key`, exactly this `contentType`, a
 * body of `minBytes` to `maxBytes`, and nothing after `expiresInSeconds`. S3 refuses anything
 * else (403 AccessDenied, 400 EntityTooLarge), so no file through it ever reaches a function.
 */
export async function presignUpload(input: { key: string; contentType: string; minBytes: number; maxBytes: number; expiresInSeconds: number }): Promise<PresignedUpload> {
  const [{ client }, { createPresignedPost }] = await Promise.all([s3(), presignedPostSdk()]);
  const post = await createPresignedPost(client, {
    Bucket: config().DOCUMENTS_BUCKET,
    Key: input.key,
    Conditions: [
      ['content-length-range', input.minBytes, input.maxBytes],
      ['eq', '$Content-Type', input.contentType],
    ],
    Fields: { 'Content-Type': input.contentType },
    Expires: input.expiresInSeconds,
  });
  return { url: post.url, fields: post.fields };
}

/** Where presigned posts go (the bucket's origin): what the signing page's `connect-src` must allow. */
export async function uploadOrigin(): Promise<string> {
  // The same endpoint resolution as the uploads' (a local endpoint, path- or virtual-hosted style), so the two cannot disagree; signing only, no request.
  const post = await presignUpload({ key: STAGING_PREFIX, contentType: 'application/pdf', minBytes: 1, maxBytes: 1, expiresInSeconds: 1 });
  return new URL(post.url).origin;
}

/** What the bucket holds under `key` (a HEAD): its size and content type; undefined when there is no such object. */
export async function describeDocument(key: string): Promise<{ size: number; contentType: string } | undefined> {
  const { client, sdk } = await s3();
  try {
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: config().DOCUMENTS_BUCKET, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? 'application/octet-stream' };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** A short-lived link to one stored document, for a browser or a client to fetch from the bucket itself. */
export interface DocumentLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * A presigned GET of `key`, valid `expiresInSeconds`, whose answer carries the document's
 * content type and a `Content-Disposition` (`attachment`, or `inline` to be shown in the
 * browser) with `filename`. The object is looked up first, so a missing document is a
 * {@link DocumentMissing} here rather than a 404 from the bucket later.
 */
export async function presignDownload(
  key: string,
  options: { filename: string; disposition: 'attachment' | 'inline'; expiresInSeconds: number; now: Date },
): Promise<DocumentLink> {
  const stored = await describeDocument(key);
  if (!stored) throw new DocumentMissing(`Document ${key} is not in the bucket`, { key });
  const [{ client, sdk }, { getSignedUrl }] = await Promise.all([s3(), requestPresignerSdk()]);
  const command = new sdk.GetObjectCommand({
    Bucket: config().DOCUMENTS_BUCKET,
    Key: key,
    ResponseContentType: stored.contentType,
    ResponseContentDisposition: `${options.disposition}; filename="${options.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
  const url = await getSignedUrl(client, command, { expiresIn: options.expiresInSeconds, signingDate: options.now });
  return { url, expiresAt: new Date(options.now.getTime() + options.expiresInSeconds * 1000) };
}
