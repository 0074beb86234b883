/**
 * Requests and their audit trail in DynamoDB.
 *
 * Every change of a request is one transaction that updates the request item, appends the
 * audit entry that records it (R2, R9) and writes whatever else belongs to the change (a link
 * token, a grant, a sent-mail marker). The request's `auditSeq` is the optimistic lock: two
 * writers racing (a double click, a retried Lambda) cannot both move the request.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { chainAuditEntry, GENESIS_HASH } from '../domain/audit-event.js';
import type { AuditActor, AuditEntry, AuditEvent } from '../domain/audit-event.js';
import type { AccessRequest, GranteeRelation, SignatureMethod } from '../domain/request-schema.js';
import type { RequestStatus, GrantStatus } from '../domain/request-status.js';
import type { GrantScope } from '../domain/grant-scope.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { documentClient, keys, tableName } from './dynamo-table.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A parked workflow task: the Step Functions task token is kept here and never mailed. */
export interface SignatureWait {
  readonly taskToken: string;
  readonly round: number;
  readonly rejections: number;
  readonly since: string;
  readonly deadline: string;
  /** Set when the signer answered; a second answer to the same wait is refused. */
  readonly answeredAt?: string;
}

export interface ReviewWait {
  readonly taskToken: string;
  readonly role: SignerRole;
  readonly since: string;
  readonly decidedAt?: string;
}

export interface SignatureEvidence {
  readonly method: SignatureMethod;
  readonly documentKey: string;
  readonly sha256: string;
  readonly contentType: string;
  readonly receivedAt: string;
  readonly review?: { readonly decision: 'approve' | 'reject'; readonly by: string; readonly at: string; readonly reason?: string };
}

export interface RequestGrant {
  readonly grantId: string;
  readonly email: string;
  readonly relation: GranteeRelation;
  readonly name: string;
  readonly scope: GrantScope;
  readonly status: GrantStatus;
  readonly activatedAt?: string;
  readonly revokedAt?: string;
  /** End of the activation rounds, shown in reminders. */
  readonly activationDeadline?: string;
}

export interface StoredRequest {
  readonly id: string;
  readonly brokerId: string;
  readonly clientRef: string;
  readonly status: RequestStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly request: AccessRequest;
  readonly executionArn?: string;
  readonly legalRepresentativeMustApprove?: boolean;
  readonly form?: { readonly key: string; readonly sha256: string; readonly generatedAt: string };
  readonly signatures?: Partial<Record<SignerRole, SignatureEvidence>>;
  readonly waits?: Partial<Record<SignerRole, SignatureWait>> & { review?: ReviewWait };
  readonly grants?: readonly RequestGrant[];
  readonly outcome?: { readonly at: string; readonly error?: string; readonly cause?: string };
  /** Who declined to sign, when, and his own words (R2: kept with the request). */
  readonly declined?: { readonly role: SignerRole; readonly at: string; readonly reason?: string };
  /** When the broker last asked for a reminder (at most one an hour). */
  readonly lastReminderAt?: string;
  readonly auditSeq: number;
  readonly auditHead: string;
}

/** What one change does: attributes to set on the request, the audit event, extra writes. */
export interface RequestChange {
  readonly set?: Partial<Omit<StoredRequest, 'id' | 'auditSeq' | 'auditHead' | 'createdAt' | 'brokerId'>>;
  /** The audit entry of the change; omitted only for a bookkeeping update (a retried step's new token). */
  readonly event?: AuditEvent;
  readonly actor: AuditActor;
  /** Extra items written in the same transaction; a failed condition here is reported by `name`. */
  readonly extra?: readonly { readonly name: string; readonly item: TransactItem }[];
}

export class RequestNotFound extends Error {
  override readonly name = 'RequestNotFound';
  constructor(readonly requestId: string) {
    super(`Request ${requestId} does not exist`);
  }
}

/** The change was refused because the request is not in a state that allows it. */
export class RequestStateConflict extends Error {
  override readonly name = 'RequestStateConflict';
  constructor(message: string, readonly status?: RequestStatus) {
    super(message);
  }
}

/** A condition on one of the change's extra writes failed (e.g. a link already used). */
export class ChangeConditionFailed extends Error {
  override readonly name = 'ChangeConditionFailed';
  constructor(readonly writeName: string) {
    super(`Condition failed on ${writeName}`);
  }
}

/** Stores a new request with its first audit entry ("submitted"). Idempotent on the id. */
export async function createRequest(input: {
  id: string;
  brokerId: string;
  request: AccessRequest;
  now: string;
}): Promise<StoredRequest> {
  const first = chainAuditEntry({ seq: 0, hash: GENESIS_HASH }, input.now, `broker:${input.brokerId}`, {
    type: 'submitted',
    details: { grantees: input.request.grantees.length, clientRef: input.request.clientRef },
  });
  const stored: StoredRequest = {
    id: input.id,
    brokerId: input.brokerId,
    clientRef: input.request.clientRef,
    status: 'SUBMITTED',
    createdAt: input.now,
    updatedAt: input.now,
    request: input.request,
    auditSeq: first.seq,
    auditHead: first.hash,
  };
  await documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.request(input.id), ...keys.brokerIndex(input.brokerId, input.now, input.id), entity: 'request', ...stored },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: tableName(), Item: auditItem(input.id, first), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }),
  );
  return stored;
}

export async function getRequest(requestId: string): Promise<StoredRequest | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.request(requestId), ConsistentRead: true }),
  );
  return Item ? toStoredRequest(Item) : undefined;
}

export async function requireRequest(requestId: string): Promise<StoredRequest> {
  const found = await getRequest(requestId);
  if (!found) throw new RequestNotFound(requestId);
  return found;
}

/** The request and its whole audit trail, in one Query. */
export async function getRequestWithHistory(
  requestId: string,
): Promise<{ request: StoredRequest; history: AuditEntry[] } | undefined> {
  let request: StoredRequest | undefined;
  const history: AuditEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.request(requestId).pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.sk === 'REQUEST') request = toStoredRequest(item);
      else if (typeof item.sk === 'string' && item.sk.startsWith('AUDIT#')) history.push(toAuditEntry(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return request ? { request, history } : undefined;
}

/**
 * Applies one change to a request: `plan` sees the current request and returns the change,
 * or throws (e.g. {@link RequestStateConflict}) when the change is not allowed. Retried on a
 * concurrent writer, so `plan` must be a pure decision on what it is given.
 */
export async function changeRequest(
  requestId: string,
  plan: (current: StoredRequest) => RequestChange,
  options: { now?: () => string } = {},
): Promise<StoredRequest> {
  const now = options.now ?? (() => new Date().toISOString());
  for (let attempt = 1; ; attempt++) {
    const current = await requireRequest(requestId);
    const change = plan(current);
    const at = now();
    const entry = change.event
      ? chainAuditEntry({ seq: current.auditSeq, hash: current.auditHead }, at, change.actor, change.event)
      : undefined;
    const defined = Object.fromEntries(Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined));
    const set: Record<string, unknown> = entry
      ? { ...defined, updatedAt: at, auditSeq: entry.seq, auditHead: entry.hash }
      : { ...defined, updatedAt: at };
    const names: Record<string, string> = { '#seq': 'auditSeq' };
    const values: Record<string, unknown> = { ':expectedSeq': current.auditSeq };
    const assignments = Object.entries(set).map(([field, value], index) => {
      names[`#f${index}`] = field;
      values[`:v${index}`] = value;
      return `#f${index} = :v${index}`;
    });
    const extra = change.extra ?? [];
    try {
      await documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: keys.request(requestId),
                UpdateExpression: `SET ${assignments.join(', ')}`,
                ConditionExpression: '#seq = :expectedSeq',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...(entry
              ? [{ Put: { TableName: tableName(), Item: auditItem(requestId, entry), ConditionExpression: 'attribute_not_exists(pk)' } }]
              : []),
            ...extra.map((write) => write.item),
          ],
        }),
      );
      return { ...current, ...set } as StoredRequest;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedExtra = reasons.slice(entry ? 2 : 1).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failedExtra >= 0) throw new ChangeConditionFailed(extra[failedExtra]?.name ?? 'extra write');
      const raced = reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
      if (!raced || attempt >= 12) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** Remembers the workflow execution that carries a request. */
export async function recordExecution(requestId: string, executionArn: string): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.request(requestId),
      UpdateExpression: 'SET executionArn = :arn',
      ExpressionAttributeValues: { ':arn': executionArn },
    }),
  );
}

export interface RequestPage {
  readonly items: StoredRequest[];
  readonly cursor?: string;
}

/** A broker's requests, newest first, optionally filtered; `cursor` continues a page. */
export async function listBrokerRequests(input: {
  brokerId: string;
  status?: RequestStatus;
  clientRef?: string;
  cursor?: string;
  limit?: number;
}): Promise<RequestPage> {
  const filters: string[] = [];
  const values: Record<string, unknown> = { ':pk': `BROKER#${input.brokerId}` };
  const names: Record<string, string> = {};
  if (input.status) {
    filters.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = input.status;
  }
  if (input.clientRef) {
    filters.push('clientRef = :clientRef');
    values[':clientRef'] = input.clientRef;
  }
  const page = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: filters.length ? filters.join(' AND ') : undefined,
      ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit: input.limit ?? 50,
      ExclusiveStartKey: input.cursor ? decodeCursor(input.cursor) : undefined,
    }),
  );
  return {
    items: (page.Items ?? []).map(toStoredRequest),
    cursor: page.LastEvaluatedKey ? encodeCursor(page.LastEvaluatedKey) : undefined,
  };
}

/**
 * Whether an e-mail still has to go out: a step retried after it mailed finds the marker
 * and does not mail again (at-least-once only if the process dies between SES and the marker).
 */
export async function mailStillToSend(requestId: string, marker: string): Promise<boolean> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.mail(requestId, marker), ConsistentRead: true }),
  );
  return !Item?.sentAt;
}

export async function markMailSent(requestId: string, marker: string, messageId: string | undefined, at: string): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.mail(requestId, marker), entity: 'mail', sentAt: at, messageId },
    }),
  );
}

export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidCursor('cursor is not one this API returned');
}

function auditItem(requestId: string, entry: AuditEntry): Record<string, unknown> {
  return { ...keys.audit(requestId, entry.seq), entity: 'audit', ...entry };
}

function toStoredRequest(item: Record<string, unknown>): StoredRequest {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _entity, ...rest } = item;
  return rest as unknown as StoredRequest;
}

function toAuditEntry(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as unknown as AuditEntry;
}
