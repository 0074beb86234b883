/**
 * Erases an ended request's personal data, once its retention ended (functions/domain/
 * retention.ts) or the client asked for it (the broker's `POST /v1/clients/{clientRef}/erase`):
 * - the form, the signed copies and any staged upload (S3, `requests/<id>/`, `staging/<id>/`;
 *   a versioned bucket keeps earlier versions until its lifecycle rule expires them);
 * - the grants (their items name the grantee and carry his e-mail address);
 * - the notes (free text), sent-mail markers and anything else in the request's partition
 *   that is not its trail;
 * - the request item, replaced by a tombstone with ids, statuses and hashes, and its body item
 *   (the request as filed) deleted, with an `erased` entry at the end of the trail. The trail stays: its entries carry no personal data.
 * Each part is idempotent and the tombstone is written last, so an erasure cut short (a crash,
 * a timeout) is finished by the next housekeeping run.
 */
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { deleteDocumentsUnder, requestDocumentPrefix, STAGING_PREFIX } from '../adapters/document-store.js';
import { documentClient, keys, tableName } from '../adapters/dynamo-table.js';
import { deleteGrantItems, getGrants } from '../adapters/grant-store.js';
import { appendAuditItem, getRequestItem, partitionItems } from '../adapters/request-store.js';
import type { ErasedRequest, StoredRequest } from '../adapters/request-store.js';
import { chainAuditEntry } from '../domain/audit-event.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { ProductError } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';

export type ErasureReason = 'retention' | 'clientRequest';

/** The request still runs or still grants a live access: its data may not be erased yet. */
export class ErasureNotAllowed extends ProductError<{ requestId: string; status: string }> {
  override readonly name = 'ErasureNotAllowed';
}

export interface ErasureOutcome {
  readonly requestId: string;
  readonly erased: boolean;
  readonly documents: number;
  readonly items: number;
}

/**
 * Sort-key prefixes of a request's partition left to the tombstone's transaction: the request
 * (replaced) and its body (deleted with it, so a reader never finds a live request without it),
 * and the trail, which stays.
 */
const KEPT_PREFIXES = ['REQUEST', 'AUDIT#'];

export async function eraseRequest(requestId: string, reason: ErasureReason, now: Date = new Date()): Promise<ErasureOutcome> {
  const item = await getRequestItem(requestId);
  if (!item || item.erasedAt) return { requestId, erased: false, documents: 0, items: 0 };
  const request = item as unknown as StoredRequest;
  if (!isTerminalStatus(request.status)) {
    throw new ErasureNotAllowed(`Request ${requestId} is ${request.status}: it must end first`, { requestId, status: request.status });
  }
  // Retention re-checks its own date: a request whose due date moved (or was cleared) is left alone.
  if (reason === 'retention' && (!request.retainUntil || request.retainUntil > now.toISOString())) {
    return { requestId, erased: false, documents: 0, items: 0 };
  }
  const grants = await getGrants(request.grantIds ?? []);
  if (grants.some((grant) => grant.status === 'active' || grant.status === 'pending')) {
    throw new ErasureNotAllowed(`Request ${requestId} still grants an access: revoke it first`, { requestId, status: request.status });
  }

  const documents = (await deleteDocumentsUnder(requestDocumentPrefix(requestId))) + (await deleteDocumentsUnder(`${STAGING_PREFIX}${requestId}/`));
  for (const grant of grants) await deleteGrantItems(grant);
  const items = grants.length * 2 + (await deletePartitionExtras(requestId));
  await writeTombstone(request, reason, documents, items, now);
  logger.info('request erased', { requestId, reason, documents, items });
  return { requestId, erased: true, documents, items };
}

/** Deletes notes, mail markers and outbox leftovers: everything in the partition but the request and its trail. */
async function deletePartitionExtras(requestId: string): Promise<number> {
  const doomed: Record<string, unknown>[] = [];
  for await (const key of partitionItems(requestId, { keysOnly: true })) {
    if (!KEPT_PREFIXES.some((prefix) => String(key.sk).startsWith(prefix))) doomed.push({ pk: key.pk, sk: key.sk });
  }
  for (let start = 0; start < doomed.length; start += 25) {
    let pending = doomed.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      const answer = await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (answer.UnprocessedItems?.[tableName()] as typeof pending | undefined) ?? [];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
  return doomed.length;
}

/** Replaces the request by what may stay and deletes its body, with the trail's `erased` entry, in one transaction on the request's lock. */
async function writeTombstone(request: StoredRequest, reason: ErasureReason, documents: number, items: number, now: Date): Promise<void> {
  const at = now.toISOString();
  const entry = chainAuditEntry({ seq: request.auditSeq, hash: request.auditHead }, at, 'workflow', { type: 'erased', details: { reason, documents, items } });
  const tombstone: ErasedRequest & { executionArn: string } = {
    id: request.id,
    brokerId: request.brokerId,
    clientRef: request.clientRef,
    status: request.status,
    createdAt: request.createdAt,
    updatedAt: at,
    erasedAt: at,
    executionArn: request.executionArn,
    ...(request.form ? { form: { sha256: request.form.sha256 } } : {}),
    ...(request.outcome ? { outcome: request.outcome } : {}),
    auditSeq: entry.seq,
    auditHead: entry.hash,
  };
  await documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.request(request.id), ...keys.brokerIndex(request.brokerId, request.createdAt, request.id), entity: 'request', ...tombstone },
            ConditionExpression: 'auditSeq = :seq',
            ExpressionAttributeValues: { ':seq': request.auditSeq },
          },
        },
        { Delete: { TableName: tableName(), Key: keys.requestBody(request.id) } },
        appendAuditItem(request.id, entry),
      ],
    }),
  );
}
