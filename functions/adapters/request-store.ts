/**
 * Requests and their audit trail in DynamoDB.
 *
 * A request is two items in its partition: the request item (`REQUEST`: status, waits,
 * signatures, locks; what every change rewrites, and what the broker's index `gsi1` mirrors)
 * and its body (`REQUEST#BODY`: the request as filed, up to 40 grantees and 500 contracts),
 * written once when filed and deleted by erasure. DynamoDB bills a write by the whole item, so
 * the body stays out of the item that the workflow rewrites a dozen times (issue 11). The
 * request item keeps the few names the broker's lists show (`listed`). Both come back in one
 * consistent Query (`sk` begins with `REQUEST`).
 *
 * Every change of a request is one transaction that updates the request item, appends the
 * audit entry that records it (R2, R9) and writes whatever else belongs to the change (a link
 * token, a note, an outbox entry for the calls the change owes to other systems). The
 * request's `auditSeq` is the optimistic lock: two writers racing (a double click, a retried
 * Lambda) cannot both move the request. Grants keep their own items and locks
 * (grant-store.ts), so grantees acting at once never contend on the request.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { chainAuditEntry, GENESIS_HASH } from '../domain/audit-event.js';
import type { AuditActor, AuditEntry, AuditEvent, NoteRef } from '../domain/audit-event.js';
import type { AccessRequest, SignatureMethod } from '../domain/request-schema.js';
import type { RequestStatus } from '../domain/request-status.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { ProductError } from '../errors/product-error.js';
import { documentClient, keys, storedValue, tableName } from './dynamo-table.js';
import type { Grant } from './grant-store.js';
import { runLockedChange, updateClause, type NamedWrite } from './locked-change.js';
import { requestChangeEvents, requestSubmittedEvents } from '../events/request-events.js';
import { deliverNow, newOutboxEntry, withEventsPublished, type OutboxAction } from './outbox.js';
import type { TransactItem } from './transact-item.js';
import { executionArnOf } from './workflow-client.js';

export type { TransactItem } from './transact-item.js';
export { ChangeConditionFailed, type NamedWrite } from './locked-change.js';

/**
 * A parked workflow task: the Step Functions task token is kept here while the wait is open and
 * never mailed. Answering the wait drops the token (the answer's outbox entry carries it), so
 * the request item does not carry up to 1,024 spent characters through every later write.
 */
export interface SignatureWait {
  /** Absent once answered. */
  readonly taskToken?: string;
  readonly round: number;
  readonly rejections: number;
  readonly since: string;
  readonly deadline: string;
  /** Set when the signer answered; a second answer to the same wait is refused. */
  readonly answeredAt?: string;
}

export interface ReviewWait {
  /** Absent once decided (as {@link SignatureWait.taskToken}). */
  readonly taskToken?: string;
  readonly role: SignerRole;
  readonly since: string;
  readonly decidedAt?: string;
}

export interface SignatureEvidence {
  readonly method: SignatureMethod;
  readonly documentKey: string;
  readonly sha256: string;
  readonly contentType: string;
  /** Bytes of the stored document; absent on documents recorded before sizes were kept. */
  readonly size?: number;
  readonly receivedAt: string;
  /**
   * The national register number the signer's certificate carries, kept as evidence with the
   * request's personal data (erased with it) and never shown in pages, e-mails or logs.
   */
  readonly nationalRegisterNumber?: string;
  /** The broker's review of a scan (R9); a rejection's reason is a note. */
  readonly review?: { readonly decision: 'approve' | 'reject'; readonly by: string; readonly at: string; readonly note?: NoteRef };
}

/** The completion certificate as sealed and stored (R8): its document, and the seal's certificate chain at the time. */
export interface SealedEvidence {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
  readonly sealedAt: string;
  /**
   * The SHA-256 of the seal's certificate chain (the seal certificate, then its intermediates,
   * PEM: what the evidence package hands out beside the certificate), kept once for every request
   * sealed under it (seal-chain-store.ts).
   */
  readonly sealChainSha256?: string;
  /** The chain itself, as requests sealed before chains were kept once hold it. */
  readonly sealChainPem?: string;
}

export interface StoredRequest {
  readonly id: string;
  readonly brokerId: string;
  readonly clientRef: string;
  readonly status: RequestStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The request as filed; the personal data that erasure removes (docs/personal-data.md). */
  readonly request: AccessRequest;
  readonly executionArn: string;
  readonly legalRepresentativeMustApprove?: boolean;
  readonly form?: { readonly key: string; readonly sha256: string; readonly generatedAt: string; readonly size?: number };
  readonly signatures?: Partial<Record<SignerRole, SignatureEvidence>>;
  readonly waits?: Partial<Record<SignerRole, SignatureWait>> & { review?: ReviewWait };
  /** The request's grants, in the order of its grantees (their state: grant-store.ts). */
  readonly grantIds?: readonly string[];
  /** The sealed completion certificate, once the request completed (functions/steps/seal-evidence.ts). */
  readonly evidence?: SealedEvidence;
  readonly outcome?: { readonly at: string; readonly error?: string; readonly cause?: string };
  /** Who declined to sign and when; his words are a note (R2: kept with the request). */
  readonly declined?: { readonly role: SignerRole; readonly at: string; readonly note?: NoteRef };
  /** When the broker last asked for a reminder (at most one an hour). */
  readonly lastReminderAt?: string;
  /** How many refused signed files each signer's attempts left in the trail (at most MAX_RECORDED_REFUSALS each). */
  readonly refusedAttempts?: Partial<Record<SignerRole, number>>;
  /** When the request's personal data is due for erasure (retention, docs/personal-data.md). */
  readonly retainUntil?: string;
  readonly auditSeq: number;
  readonly auditHead: string;
}

/**
 * What is left of a request once its personal data was erased: ids, statuses, hashes and the
 * audit trail. The broker still finds it; nothing in it names a person.
 */
export interface ErasedRequest
  extends Pick<StoredRequest, 'id' | 'brokerId' | 'clientRef' | 'status' | 'createdAt' | 'updatedAt' | 'outcome' | 'auditSeq' | 'auditHead'> {
  readonly erasedAt: string;
  /** The generated form's hash: what was signed can still be proven against a copy. */
  readonly form?: { readonly sha256: string };
}

/** Whether a stored request is a tombstone whose personal data was erased. */
export function isErased(request: StoredRequest | ErasedRequest): request is ErasedRequest {
  return 'erasedAt' in request && request.erasedAt !== undefined;
}

/** A request's grants, in grantee order; an erased request has none left. */
export function grantIdsOf(request: StoredRequest | ErasedRequest): readonly string[] {
  return isErased(request) ? [] : (request.grantIds ?? []);
}

/**
 * The wait once answered: when, and without its task token, which the answer's outbox entry
 * carries from here on. Fails on a wait that has no token left (answered already).
 */
export function spendWait<Wait extends { readonly taskToken?: string }>(wait: Wait, answered: Record<string, string>): { taskToken: string; spent: Omit<Wait, 'taskToken'> } {
  const { taskToken, ...rest } = wait;
  if (!taskToken) throw new RequestStateConflict('This wait was answered already');
  return { taskToken, spent: { ...rest, ...answered } };
}

/** What the broker's lists show of a request's body, kept on the request item (and so in gsi1): names only. */
export interface RequestListed {
  readonly language: AccessRequest['language'];
  readonly client:
    | { readonly type: 'natural'; readonly person: NameOnly }
    | { readonly type: 'legal'; readonly name: string; readonly legalRepresentative: NameOnly };
  readonly requester: NameOnly;
}

/** The names of `request` the lists show. */
export function listedOf(request: AccessRequest): RequestListed {
  const nameOnly = ({ firstName, lastName }: NameOnly): NameOnly => ({ firstName, lastName });
  const client = request.client;
  return {
    language: request.language,
    client:
      client.type === 'legal'
        ? { type: 'legal', name: client.name, legalRepresentative: nameOnly(client.legalRepresentative) }
        : { type: 'natural', person: nameOnly(client.person) },
    requester: nameOnly(request.requester),
  };
}

/** A condition the request item must meet for the change to commit, besides the lock. */
export interface ChangeCondition {
  readonly expression: string;
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** What one change does: attributes to set on the request, the audit event, extra writes. */
export interface RequestChange {
  /** The request as filed (`request`) is its own item and never changes. */
  readonly set?: Partial<Omit<StoredRequest, 'id' | 'auditSeq' | 'auditHead' | 'createdAt' | 'brokerId' | 'request'>>;
  /** The audit entry of the change; omitted only for a bookkeeping update (a retried step's new token). */
  readonly event?: AuditEvent;
  readonly actor: AuditActor;
  /**
   * Extra items written in the same transaction; a failed condition here is reported by
   * `name`. A function receives the change's audit entry (e.g. to anchor grant chains on it).
   */
  readonly extra?: readonly NamedWrite[] | ((entry: AuditEntry | undefined) => readonly NamedWrite[]);
  /** Calls the change owes to other systems, made after the commit (outbox.ts). */
  readonly outbox?: readonly OutboxAction[];
  /** Checked on the request item in the same write (the plan checks it too: this closes the race). */
  readonly condition?: ChangeCondition;
}

export class RequestNotFound extends ProductError<{ requestId: string }> {
  override readonly name = 'RequestNotFound';
  constructor(requestId: string) {
    super(`Request ${requestId} does not exist`, { requestId });
  }
}

/** The request's personal data was erased: only its trail is left. */
export class RequestErased extends ProductError<{ requestId: string }> {
  override readonly name = 'RequestErased';
  constructor(requestId: string) {
    super(`Request ${requestId} was erased`, { requestId });
  }
}

/** The change was refused because the request is not in a state that allows it. */
export class RequestStateConflict extends ProductError<{ status?: RequestStatus }> {
  override readonly name = 'RequestStateConflict';
  constructor(
    message: string,
    readonly status?: RequestStatus,
  ) {
    super(message, status === undefined ? {} : { status });
  }
}

/** Writers kept racing on the request's lock: give up rather than spin (the caller may retry). */
export class RequestContended extends ProductError<{ requestId: string; attempts: number }> {
  override readonly name = 'RequestContended';
}

/**
 * Stores a new request with its first audit entry ("submitted") and an outbox entry that
 * starts its workflow, in one transaction; then starts the workflow. A crash between the two
 * leaves the outbox entry, and the housekeeping job starts the workflow (never a request
 * SUBMITTED for ever).
 */
export async function createRequest(input: { id: string; brokerId: string; request: AccessRequest; now: string }): Promise<StoredRequest> {
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
    executionArn: executionArnOf(input.id),
    auditSeq: first.seq,
    auditHead: first.hash,
  };
  const outbox = newOutboxEntry(input.id, withEventsPublished([{ kind: 'startExecution', requestId: input.id }], requestSubmittedEvents(stored, first)), new Date(input.now));
  await documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.request(input.id), ...keys.brokerIndex(input.brokerId, input.now, input.id), entity: 'request', ...requestItemOf(stored) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.requestBody(input.id), entity: 'requestBody', request: input.request },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        appendAuditItem(input.id, first),
        outbox.item,
      ],
    }),
  );
  await deliverNow(outbox.entry);
  return stored;
}

/** The request item's attributes: the request without its body, with the names the lists show. */
function requestItemOf(stored: StoredRequest): Record<string, unknown> {
  const { request, ...head } = stored;
  return { ...head, listed: listedOf(request) };
}

/**
 * The request from its item and its body item. A request item written before the body had its
 * own item (issue 11) still holds `request` itself, and is read as it is.
 */
function storedRequestOf(item: Record<string, unknown>, body: Record<string, unknown> | undefined): StoredRequest {
  const { listed: _listed, request: inline, waits, taskTokens, ...head } = storedValue<Record<string, unknown>>(item);
  const request = body?.request ?? inline;
  if (!request) throw new Error(`Request ${String(head.id)} has no body item`);
  return { ...head, ...(waits ? { waits: withTaskTokens(waits as Waits, taskTokens as TaskTokens | undefined) } : {}), request } as StoredRequest;
}

type Waits = NonNullable<StoredRequest['waits']>;
/** The open waits' task tokens, by wait (`requester`, `legalRepresentative`, `review`). */
type TaskTokens = Partial<Record<keyof Waits, string>>;

/**
 * The waits as the request item stores them: each without its task token, the tokens apart in
 * `taskTokens`, which the broker's index does not project (its lists read when a wait started
 * and ends, never the token).
 */
function storedWaits(waits: Waits): { waits: Record<string, unknown>; taskTokens: TaskTokens } {
  const stored: Record<string, unknown> = {};
  const taskTokens: TaskTokens = {};
  for (const [name, wait] of Object.entries(waits) as [keyof Waits, SignatureWait | ReviewWait | undefined][]) {
    if (!wait) continue;
    const { taskToken, ...rest } = wait;
    stored[name] = rest;
    if (taskToken) taskTokens[name] = taskToken;
  }
  return { waits: stored, taskTokens };
}

/** The waits with their tokens back (an item written before `taskTokens` existed holds them inside its waits). */
function withTaskTokens(waits: Waits, taskTokens: TaskTokens = {}): Waits {
  return Object.fromEntries(
    Object.entries(waits).map(([name, wait]) => {
      const taskToken = taskTokens[name as keyof Waits];
      return [name, taskToken ? { ...wait, taskToken } : wait];
    }),
  ) as Waits;
}

/** The request, or undefined when there is none. An erased request answers {@link RequestErased}. */
export async function getRequest(requestId: string): Promise<StoredRequest | undefined> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :request)',
      ExpressionAttributeValues: { ':pk': keys.request(requestId).pk, ':request': keys.request(requestId).sk },
      ConsistentRead: true,
    }),
  );
  const item = Items.find((found) => found.sk === keys.request(requestId).sk);
  if (!item) return undefined;
  if (item.erasedAt) throw new RequestErased(requestId);
  return storedRequestOf(item, Items.find((found) => found.sk === keys.requestBody(requestId).sk));
}

export async function requireRequest(requestId: string): Promise<StoredRequest> {
  const found = await getRequest(requestId);
  if (!found) throw new RequestNotFound(requestId);
  return found;
}

/** The request item as stored, live or erased (without the body: see {@link getRequest}). */
export async function getRequestItem(requestId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.request(requestId), ConsistentRead: true }));
  return Item;
}

/** Everything a request's partition holds that a reader shows: the request, its trail (all chains) and its notes. */
export interface RequestRecord {
  readonly request: StoredRequest | ErasedRequest;
  /** The request's own chain, in order. */
  readonly history: AuditEntry[];
  /** Each grant's own chain, in order, by grant id. */
  readonly grantHistories: ReadonlyMap<string, AuditEntry[]>;
  /** Note texts by note id (absent once erased). */
  readonly notes: ReadonlyMap<string, string>;
}

/** The request with its whole trail and notes, in one (paged) Query. */
export async function getRequestRecord(requestId: string): Promise<RequestRecord | undefined> {
  let requestItem: Record<string, unknown> | undefined;
  let bodyItem: Record<string, unknown> | undefined;
  const history: AuditEntry[] = [];
  const grantHistories = new Map<string, AuditEntry[]>();
  const notes = new Map<string, string>();
  for await (const item of partitionItems(requestId)) {
    if (item.sk === keys.request(requestId).sk) requestItem = item;
    else if (item.sk === keys.requestBody(requestId).sk) bodyItem = item;
    else if (item.entity === 'audit') {
      const entry = storedValue<AuditEntry>(item);
      if (entry.grantId === undefined) history.push(entry);
      else grantHistories.set(entry.grantId, [...(grantHistories.get(entry.grantId) ?? []), entry]);
    } else if (item.entity === 'note' && typeof item.noteId === 'string' && typeof item.text === 'string') notes.set(item.noteId, item.text);
  }
  if (!requestItem) return undefined;
  const request = requestItem.erasedAt ? storedValue<ErasedRequest>(requestItem) : storedRequestOf(requestItem, bodyItem);
  return { request, history, grantHistories, notes };
}

/** Every item of a request's partition (the request, its trail, notes, markers, outbox), read consistently page by page. */
export async function* partitionItems(requestId: string, options: { keysOnly?: boolean } = {}): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.request(requestId).pk },
        ...(options.keysOnly ? { ProjectionExpression: 'pk, sk' } : {}),
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Applies one change to a request: `plan` sees the current request and returns the change,
 * or throws (e.g. {@link RequestStateConflict}) when the change is not allowed. Retried on a
 * concurrent writer, so `plan` must be a pure decision on what it is given. After the commit,
 * the change's outbox entry is delivered (or left to the housekeeping job if that fails).
 */
export async function changeRequest(
  requestId: string,
  plan: (current: StoredRequest) => RequestChange,
  options: { current?: StoredRequest } = {},
): Promise<StoredRequest> {
  return runLockedChange({
    read: () => requireRequest(requestId),
    ...(options.current ? { initial: options.current } : {}),
    contended: (attempts) => new RequestContended(`Request ${requestId} stayed contended for ${attempts} attempts`, { requestId, attempts }),
    attempt: (current, now) => {
      const change = plan(current);
      const at = now.toISOString();
      const entry = change.event ? chainAuditEntry({ seq: current.auditSeq, hash: current.auditHead }, at, change.actor, change.event) : undefined;
      const set: Record<string, unknown> = {
        ...Object.fromEntries(Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined)),
        updatedAt: at,
        ...(entry ? { auditSeq: entry.seq, auditHead: entry.hash } : {}),
      };
      // A request due for erasure sits in the due-work index until the housekeeping job takes it.
      if (typeof set.retainUntil === 'string') Object.assign(set, keys.dueIndex(requestId, set.retainUntil, 'erase', 'request'));
      const update = updateClause(set.waits ? { ...set, ...storedWaits(set.waits as Waits) } : set);
      const result = { ...current, ...set } as StoredRequest;
      // The change's events (docs/events.md) are owed like its calls: written with it, published after the commit.
      const outbox = withEventsPublished(change.outbox, requestChangeEvents({ before: current, after: result, entry, at }));
      return {
        head: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.request(requestId),
              UpdateExpression: update.expression,
              ConditionExpression: change.condition ? `#seq = :expectedSeq AND (${change.condition.expression})` : '#seq = :expectedSeq',
              ExpressionAttributeNames: { ...update.names, '#seq': 'auditSeq', ...change.condition?.names },
              ExpressionAttributeValues: { ...update.values, ':expectedSeq': current.auditSeq, ...change.condition?.values },
            },
          },
          ...(entry ? [appendAuditItem(requestId, entry)] : []),
        ],
        extra: typeof change.extra === 'function' ? change.extra(entry) : (change.extra ?? []),
        ...(outbox.length > 0 ? { outbox: { requestId, actions: outbox } } : {}),
        result,
      };
    },
  });
}

/**
 * A request as the broker's index (gsi1) holds it: the attributes it projects
 * ({@link BROKER_INDEX_ATTRIBUTES}), among them the names of its body in `listed`.
 */
export interface ListedRequest extends Pick<StoredRequest, 'id' | 'brokerId' | 'clientRef' | 'status' | 'createdAt' | 'updatedAt' | 'grantIds' | 'outcome' | 'waits'> {
  /** Absent once the personal data was erased. */
  readonly listed?: RequestListed;
  readonly erasedAt?: string;
}

export interface RequestPage {
  readonly items: ListedRequest[];
  /** The key to continue from; the HTTP layer seals it into an opaque cursor. */
  readonly lastKey?: Record<string, unknown>;
}

/** A broker's requests, newest first, optionally filtered; `startKey` continues a page. */
export async function listBrokerRequests(input: {
  brokerId: string;
  status?: RequestStatus;
  clientRef?: string;
  startKey?: Record<string, unknown>;
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
      ExclusiveStartKey: input.startKey,
    }),
  );
  return {
    // A query returns only what it was asked for: anything else is not shown (I1: defence in depth).
    items: (page.Items ?? [])
      .filter((item) => item.brokerId === input.brokerId && (!input.clientRef || item.clientRef === input.clientRef))
      .map(listedRequestOf),
    ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}),
  };
}

/** An index entry; a live request's item written before `listed` existed holds its whole body instead. */
function listedRequestOf(item: Record<string, unknown>): ListedRequest {
  const { request: inline, ...head } = storedValue<Record<string, unknown>>(item);
  if (head.erasedAt || head.listed || !inline) return head as unknown as ListedRequest;
  return { ...head, listed: listedOf(inline as AccessRequest) } as unknown as ListedRequest;
}

/**
 * What the broker's request list (functions/dashboard/list/) reads of one request: who the
 * client is, where the request stands and what it waits for. Names only, no address, birth
 * date, e-mail or task token; an erased request has no `request` left.
 */
export interface RequestListEntry extends Pick<StoredRequest, 'id' | 'brokerId' | 'clientRef' | 'status' | 'createdAt' | 'updatedAt' | 'grantIds'> {
  readonly erasedAt?: string;
  /** The names of its body (`listed`; under `request` in an item written before `listed` existed). */
  readonly request?: Pick<RequestListed, 'client' | 'requester'>;
  readonly waits?: {
    readonly requester?: SignatureWaitTimes;
    readonly legalRepresentative?: SignatureWaitTimes;
    readonly review?: Pick<ReviewWait, 'role' | 'since' | 'decidedAt'>;
  };
  readonly outcome?: { readonly at: string };
  /** Read only for a request AWAITING_ACTIVATION: its grants, in no particular order. */
  readonly grants?: readonly RequestListGrant[];
}

type NameOnly = { readonly firstName: string; readonly lastName: string };
type SignatureWaitTimes = Pick<SignatureWait, 'round' | 'since' | 'deadline' | 'answeredAt'>;

/** What the request list reads of a grant: whose it is, its status and its activation wait (R7). */
export interface RequestListGrant extends Pick<Grant, 'grantId' | 'requestId' | 'name' | 'status' | 'activationDeadline'> {
  readonly wait?: Pick<NonNullable<Grant['wait']>, 'round' | 'since' | 'deadline'>;
}

/** The names the request list reads, under `listed` (a request item written before it existed: under `request`). */
const LISTED_NAME_PATHS: readonly (readonly string[])[] = [
  ['client', 'type'], ['client', 'name'],
  ['client', 'person', 'firstName'], ['client', 'person', 'lastName'],
  ['client', 'legalRepresentative', 'firstName'], ['client', 'legalRepresentative', 'lastName'],
  ['requester', 'firstName'], ['requester', 'lastName'],
];

/** The attribute paths the request list projects from a request item (gsi1 projects every attribute). */
const REQUEST_LIST_PATHS: readonly (readonly string[])[] = [
  ['id'], ['brokerId'], ['clientRef'], ['status'], ['createdAt'], ['updatedAt'], ['erasedAt'], ['grantIds'], ['outcome', 'at'],
  ...LISTED_NAME_PATHS.map((path) => ['listed', ...path]),
  ...LISTED_NAME_PATHS.map((path) => ['request', ...path]),
  ...(['requester', 'legalRepresentative'] as const).flatMap((role) => (['round', 'since', 'deadline', 'answeredAt'] as const).map((field) => ['waits', role, field])),
  ['waits', 'review', 'role'], ['waits', 'review', 'since'], ['waits', 'review', 'decidedAt'],
];

const GRANT_LIST_PATHS: readonly (readonly string[])[] = [
  ['grantId'], ['requestId'], ['brokerId'], ['name'], ['status'], ['activationDeadline'], ['wait', 'round'], ['wait', 'since'], ['wait', 'deadline'],
];

/** A ProjectionExpression of `paths`, every name behind a placeholder (`status`, `name`, … are reserved words). */
function projectionOf(paths: readonly (readonly string[])[]): { expression: string; names: Record<string, string> } {
  const placeholders = new Map<string, string>();
  const placeholder = (name: string) => {
    let found = placeholders.get(name);
    if (!found) placeholders.set(name, (found = `#p${placeholders.size}`));
    return found;
  };
  const expression = paths.map((path) => path.map(placeholder).join('.')).join(', ');
  return { expression, names: Object.fromEntries([...placeholders].map(([name, key]) => [key, name])) };
}

const REQUEST_LIST_PROJECTION = projectionOf(REQUEST_LIST_PATHS);
const GRANT_LIST_PROJECTION = projectionOf(GRANT_LIST_PATHS);

/**
 * How many stretches of a broker's time line the request list reads at once: a Query answers
 * 1 MB at a time, one page after the other, so a long list is read as this many Queries side by
 * side (on AWS, pages at once; on DynamoDB Local, its threads at once).
 */
const LIST_STRETCHES = 4;

/**
 * Every request of one broker, newest first, as the dashboard's list shows them (its counts,
 * search and "expires soon" cover all of them, R9): the broker's partition of gsi1, projected to
 * {@link RequestListEntry}, read as {@link LIST_STRETCHES} stretches of creation time side by side
 * (from his oldest request to `now`), each with the grants of its requests that wait for
 * activation (BatchGets of 100). Only `BROKER#<brokerId>` is read, and an item of another broker
 * that a key could ever bring is dropped (I1: defence in depth).
 */
export async function brokerRequestList(brokerId: string, now: Date = new Date()): Promise<RequestListEntry[]> {
  const oldest = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `BROKER#${brokerId}` },
      ProjectionExpression: 'gsi1sk',
      ScanIndexForward: true,
      Limit: 1,
    }),
  );
  const first = oldest.Items?.[0]?.gsi1sk;
  if (typeof first !== 'string') return [];
  // gsi1sk is `<createdAt>#<requestId>`: a bound of creation time sorts before every key of its instant.
  const from = Date.parse(first.slice(0, first.indexOf('#')));
  const to = now.getTime();
  const bounds = Number.isFinite(from) && from < to ? Array.from({ length: LIST_STRETCHES - 1 }, (_, index) => new Date(from + ((to - from) * (index + 1)) / LIST_STRETCHES).toISOString()) : [];
  // Each stretch runs from one edge to the next, open at both ends; newest first.
  const edges = [undefined, ...bounds, undefined];
  const stretches: KeyStretch[] = edges.slice(1).map((before, index) => ({ from: edges[index], before })).reverse();
  const parts = await Promise.all(stretches.map((stretch) => brokerRequestStretch(brokerId, stretch)));
  return parts.flat();
}

/** A stretch of gsi1 sort keys: from `from` (inclusive) to before `before`, either open. */
interface KeyStretch {
  readonly from?: string | undefined;
  readonly before?: string | undefined;
}

/** The broker's requests of one stretch, newest first, with the grants of those waiting for activation. */
async function brokerRequestStretch(brokerId: string, stretch: KeyStretch): Promise<RequestListEntry[]> {
  const values: Record<string, unknown> = { ':pk': `BROKER#${brokerId}` };
  let condition = 'gsi1pk = :pk';
  if (stretch.from !== undefined) values[':from'] = stretch.from;
  if (stretch.before !== undefined) values[':before'] = stretch.before;
  // No sort key equals a bound (every key goes on with `#<requestId>`), so BETWEEN's closed end never takes one twice.
  if (stretch.from !== undefined && stretch.before !== undefined) condition += ' AND gsi1sk BETWEEN :from AND :before';
  else if (stretch.from !== undefined) condition += ' AND gsi1sk >= :from';
  else if (stretch.before !== undefined) condition += ' AND gsi1sk < :before';
  const entries: RequestListEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: condition,
        ExpressionAttributeValues: values,
        ProjectionExpression: REQUEST_LIST_PROJECTION.expression,
        ExpressionAttributeNames: REQUEST_LIST_PROJECTION.names,
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const { listed, request, ...item } of page.Items ?? []) {
      if (item.brokerId === brokerId) entries.push({ ...item, ...(listed || request ? { request: listed ?? request } : {}) } as RequestListEntry);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const awaiting = entries.filter((entry) => entry.status === 'AWAITING_ACTIVATION' && (entry.grantIds?.length ?? 0) > 0);
  if (awaiting.length === 0) return entries;
  const grants = await listGrantsOf(brokerId, awaiting.flatMap((entry) => entry.grantIds ?? []));
  const byRequest = new Map<string, RequestListGrant[]>();
  for (const grant of grants) byRequest.set(grant.requestId, [...(byRequest.get(grant.requestId) ?? []), grant]);
  return entries.map((entry) => (entry.status === 'AWAITING_ACTIVATION' ? { ...entry, grants: byRequest.get(entry.id) ?? [] } : entry));
}

/** The grants `grantIds` of `brokerId`, projected for the list: BatchGets of 100 keys at once, unprocessed keys asked again. */
async function listGrantsOf(brokerId: string, grantIds: readonly string[]): Promise<RequestListGrant[]> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < grantIds.length; start += 100) batches.push(grantIds.slice(start, start + 100).map((grantId) => keys.grant(grantId)));
  const found = await Promise.all(
    batches.map(async (batch) => {
      const items: Record<string, unknown>[] = [];
      let pending = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        const answer = await documentClient().send(
          new BatchGetCommand({
            RequestItems: { [tableName()]: { Keys: pending, ProjectionExpression: GRANT_LIST_PROJECTION.expression, ExpressionAttributeNames: GRANT_LIST_PROJECTION.names } },
          }),
        );
        items.push(...(answer.Responses?.[tableName()] ?? []));
        pending = (answer.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
      return items;
    }),
  );
  return found.flat().filter((item) => item.brokerId === brokerId).map(({ brokerId: _brokerId, ...grant }) => grant as unknown as RequestListGrant);
}

/**
 * Whether an e-mail still has to go out: a step retried after it mailed finds the marker
 * and does not mail again (at-least-once only if the process dies between SES and the marker).
 */
export async function mailStillToSend(requestId: string, marker: string): Promise<boolean> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.mail(requestId, marker), ConsistentRead: true }));
  return !Item?.sentAt;
}

/**
 * Writes the sent-mail marker, after `lookups` (the lookup of the mail's SES message id,
 * sent-message-store.ts): in that order, so a marked mail is always found by its id. Plain puts,
 * not a transaction (which bills each write twice): a crash between them leaves a lookup without
 * its marker, and the retried step mails again with a lookup of its own, which is the
 * at-least-once the marker already allows.
 */
export async function markMailSent(requestId: string, marker: string, messageId: string | undefined, at: string, lookups: readonly PutCommandInput[] = []): Promise<void> {
  for (const lookup of lookups) await documentClient().send(new PutCommand(lookup));
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: { ...keys.mail(requestId, marker), entity: 'mail', sentAt: at, messageId } }));
}

/** The transaction item that appends `entry` to its chain (never over an existing entry). */
export function appendAuditItem(requestId: string, entry: AuditEntry): TransactItem {
  return { Put: { TableName: tableName(), Item: auditItem(requestId, entry), ConditionExpression: 'attribute_not_exists(pk)' } };
}

function auditItem(requestId: string, entry: AuditEntry): Record<string, unknown> {
  const key = entry.grantId === undefined ? keys.audit(requestId, entry.seq) : keys.grantAudit(requestId, entry.grantId, entry.seq);
  return { ...key, entity: 'audit', ...entry };
}
