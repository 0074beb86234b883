/**
 * The one DynamoDB table and its document client, created once per process from the
 * validated configuration. Endpoints come from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` on the local stack), so nothing here knows where it runs.
 */
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config/config.js';

let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return client;
}

export function tableName(): string {
  return config().TABLE_NAME;
}

/**
 * What an item stores of its value: the item without the table's own attributes (keys, index
 * keys, `entity`, `ttl`), typed as the caller reads it.
 */
export function storedValue<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _d1, gsi2sk: _d2, entity: _entity, ttl: _ttl, ...value } = item;
  return value as T;
}

/**
 * Waits for a conditional write (put, update, delete) and answers whether its condition held:
 * false when DynamoDB refused it on the condition, any other failure thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * What the broker's index (`gsi1`) projects of a request item besides its keys: what the
 * broker's lists read (request-store.ts), nothing more. A change that touches none of these
 * writes nothing to the index, and the index holds no body, signature evidence, certificate or
 * task token (issue 11: with every attribute projected, each change of a request was written
 * twice in full). `request` is there only for request items written before the body had its
 * own item, which hold it inline.
 */
export const BROKER_INDEX_ATTRIBUTES = ['id', 'brokerId', 'clientRef', 'status', 'createdAt', 'updatedAt', 'erasedAt', 'grantIds', 'outcome', 'listed', 'waits', 'request'] as const;

/**
 * How many partitions the "due work" index spreads over: every outbox entry and every
 * request due for erasure lands in one of them, so no single partition takes them all.
 */
export const DUE_SHARDS = 4;

/** What waits in the due-work index (`gsi2`). */
export type DueKind = 'outbox' | 'erase';

/** The shard of a request in the due-work index: stable, from its id. */
export function dueShardOf(requestId: string): number {
  return createHash('sha256').update(requestId).digest()[0]! % DUE_SHARDS;
}

/**
 * Key builders: the single-table layout of docs/architecture.md ("Storage"). Every value
 * that enters a key from outside has its own character set (docs/input-rules.md, I1), so no
 * value can carry the `#` that separates a key's parts.
 */
export const keys = {
  request: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' }),
  /** The request as filed, written once beside the request item (request-store.ts: its changes never rewrite it). */
  requestBody: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST#BODY' }),
  audit: (requestId: string, seq: number) => ({ pk: `REQUEST#${requestId}`, sk: `AUDIT#${String(seq).padStart(6, '0')}` }),
  /** A grant's own audit chain, beside the request's (see functions/domain/audit-event.ts). */
  grantAudit: (requestId: string, grantId: string, seq: number) => ({
    pk: `REQUEST#${requestId}`,
    sk: `AUDIT#${grantId}#${String(seq).padStart(6, '0')}`,
  }),
  mail: (requestId: string, marker: string) => ({ pk: `REQUEST#${requestId}`, sk: `MAIL#${marker}` }),
  /** Free text a person wrote (a reason); the audit entry keeps only its hash, so erasure can remove it. */
  note: (requestId: string, noteId: string) => ({ pk: `REQUEST#${requestId}`, sk: `NOTE#${noteId}` }),
  /** Calls to other systems that a committed change still owes (functions/adapters/outbox.ts). */
  outbox: (requestId: string, outboxId: string) => ({ pk: `REQUEST#${requestId}`, sk: `OUTBOX#${outboxId}` }),
  /** A signer's presigned upload (functions/adapters/upload-store.ts): what he may send, and whether it was used. */
  upload: (requestId: string, uploadId: string) => ({ pk: `REQUEST#${requestId}`, sk: `UPLOAD#${uploadId}` }),
  grantee: (email: string, clientRef: string, grantId: string) => ({
    pk: `GRANTEE#${email}`,
    sk: `CLIENT#${clientRef}#GRANT#${grantId}`,
  }),
  granteePrefix: (clientRef: string) => `CLIENT#${clientRef}#GRANT#`,
  /** A grant: found by its id alone (revocation, the portal's form link) and its own lock. */
  grant: (grantId: string) => ({ pk: `GRANT#${grantId}`, sk: 'GRANT' }),
  link: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  /** The signing-service session a signing link started (functions/adapters/signing-session-store.ts), beside the link. */
  linkSigningSession: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'SIGNING_SESSION' }),
  /** A signing-service session, found by the provider's id when it calls back. */
  signingSession: (sessionId: string) => ({ pk: `SIGNING_SESSION#${sessionId}`, sk: 'SESSION' }),
  /** An accepted signing-service callback's MAC, kept until its window passes (replays are refused). */
  callbackMac: (mac: string) => ({ pk: `CALLBACK_MAC#${mac}`, sk: 'CALLBACK_MAC' }),
  /** A seal certificate chain, by the SHA-256 of its PEM (seal-chain-store.ts). */
  sealChain: (sha256: string) => ({ pk: `SEAL_CHAIN#${sha256}`, sk: 'SEAL_CHAIN' }),
  /** A sent mail's SES message id, pointing back at its request and recipient (functions/adapters/sent-message-store.ts). */
  sentMessage: (messageId: string) => ({ pk: `SESMSG#${messageId}`, sk: 'SESMSG' }),
  brokerIndex: (brokerId: string, createdAt: string, requestId: string) => ({
    gsi1pk: `BROKER#${brokerId}`,
    gsi1sk: `${createdAt}#${requestId}`,
  }),
  /** The due-work index (`gsi2`): read by the housekeeping job for what is due by now. */
  dueIndex: (requestId: string, dueAt: string, kind: DueKind, ref: string) => ({
    gsi2pk: `DUE#${dueShardOf(requestId)}`,
    gsi2sk: `${dueAt}#${kind}#${requestId}#${ref}`,
  }),
} as const;
