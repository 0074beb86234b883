/**
 * A signer's presigned uploads (`POST /sign/{token}/uploads`): one item each in the request's
 * partition (`UPLOAD#<uploadId>`), holding what he announced (method, content type, size),
 * the one object key it may write, for which signer, until when, and once confirmed, when.
 *
 * Opening an upload counts against the link in the same transaction (`uploadsOpened` on the
 * link item, at most {@link MAX_UPLOADS_PER_LINK}), so one e-mailed link cannot mint presigned
 * posts without end; a spent link opens none. The items carry no personal data and clean
 * themselves up (`ttl`); an erasure removes them with the rest of the partition.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SignerRole } from '../domain/signing-plan.js';
import { ProductError } from '../errors/product-error.js';
import { documentClient, keys, storedValue, tableName } from './dynamo-table.js';
import type { LinkRecord } from './link-store.js';

/** How many uploads one e-mailed link may open (a failed or refused attempt counts too). */
export const MAX_UPLOADS_PER_LINK = 20;

/** An upload record outlives its presigned post by this much, so a late confirm still reads "expired", not "unknown". */
const KEEP_AFTER_EXPIRY_SECONDS = 7 * 24 * 3600;

/** The two signatures that arrive as a file (R3). */
export type UploadMethod = 'handwritten' | 'eid';

export interface UploadRecord {
  readonly uploadId: string;
  readonly requestId: string;
  /** The signer whose link opened it: only his link may confirm it. */
  readonly role: SignerRole;
  readonly method: UploadMethod;
  readonly contentType: string;
  /** The size the signer announced, in bytes: the stored object must have exactly this size. */
  readonly size: number;
  /** The one object key the presigned post may write: `staging/<requestId>/<uploadId>`. */
  readonly key: string;
  readonly createdAt: string;
  /** When the presigned post stops working, and the upload with it. */
  readonly expiresAt: string;
  /** Set once, by the first confirm: a second confirm is refused. */
  readonly confirmedAt?: string;
}

/** Why a link could not open an upload. */
export class UploadNotOpened extends ProductError<{ reason: 'limit' | 'linkUsed'; limit: number }> {
  override readonly name = 'UploadNotOpened';
}

/** The upload was confirmed already (a double click, a replay). */
export class UploadAlreadyConfirmed extends ProductError<{ uploadId: string }> {
  override readonly name = 'UploadAlreadyConfirmed';
}

/**
 * Records a new upload and counts it against `link`, in one transaction.
 * @throws UploadNotOpened when the link opened {@link MAX_UPLOADS_PER_LINK} already, or was spent meanwhile
 */
export async function openUpload(link: LinkRecord, upload: UploadRecord): Promise<void> {
  const ttl = Math.floor(Date.parse(upload.expiresAt) / 1000) + KEEP_AFTER_EXPIRY_SECONDS;
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.link(link.tokenHash),
              UpdateExpression: 'ADD uploadsOpened :one',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND (attribute_not_exists(uploadsOpened) OR uploadsOpened < :max)',
              ExpressionAttributeValues: { ':one': 1, ':max': MAX_UPLOADS_PER_LINK },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.upload(upload.requestId, upload.uploadId), entity: 'upload', ...upload, ttl },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    const linkReason = error instanceof TransactionCanceledException ? error.CancellationReasons?.[0] : undefined;
    if (linkReason?.Code !== 'ConditionalCheckFailed') throw error;
    const spent = linkReason.Item?.['usedAt'] !== undefined;
    throw new UploadNotOpened(spent ? 'The link was used meanwhile' : `A link opens at most ${MAX_UPLOADS_PER_LINK} uploads`, {
      reason: spent ? 'linkUsed' : 'limit',
      limit: MAX_UPLOADS_PER_LINK,
    });
  }
}

/** The upload `uploadId` of request `requestId`, read consistently; undefined when there is none. */
export async function getUpload(requestId: string, uploadId: string): Promise<UploadRecord | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.upload(requestId, uploadId), ConsistentRead: true }));
  return Item ? storedValue<UploadRecord>(Item) : undefined;
}

/**
 * Marks the upload confirmed; only the first confirm succeeds.
 * @throws UploadAlreadyConfirmed when it was confirmed before
 */
export async function markUploadConfirmed(upload: Pick<UploadRecord, 'requestId' | 'uploadId'>, at: string): Promise<void> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.upload(upload.requestId, upload.uploadId),
        UpdateExpression: 'SET confirmedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(confirmedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new UploadAlreadyConfirmed(`Upload ${upload.uploadId} was confirmed already`, { uploadId: upload.uploadId }, { cause: error });
    }
    throw error;
  }
}
