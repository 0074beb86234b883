/**
 * Grants in DynamoDB: two items each.
 * - The grant item (`GRANT#<grantId>`): who, what scope, status, the activation wait, and the
 *   head of the grant's own audit chain. Found by the grant's id alone (revocation, the
 *   portal's form link), and its own optimistic lock (`version`): the grantees of one request
 *   activating at once, or the workflow's activation Map asking them all at once, never
 *   contend on one item.
 * - The portal item, keyed by the grantee's e-mail and the client, so each of the portal's
 *   questions is one Query on one partition (strongly consistent: a revoked grant is refused
 *   at once).
 * A grant's audit entries go to its own chain in the request's partition, anchored on the
 * request-chain entry that created it (functions/domain/audit-event.ts).
 */
import { BatchGetCommand, DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { chainAuditEntry } from '../domain/audit-event.js';
import type { AuditActor, AuditEvent } from '../domain/audit-event.js';
import type { GrantScope } from '../domain/grant-scope.js';
import { normalizeEmail } from '../domain/person-identity.js';
import type { GranteeRelation } from '../domain/request-schema.js';
import type { GrantStatus } from '../domain/request-status.js';
import { ProductError } from '../errors/product-error.js';
import { documentClient, keys, storedValue, tableName } from './dynamo-table.js';
import { grantChangeEvents } from '../events/grant-events.js';
import { withEventsPublished, type OutboxAction } from './outbox.js';
import { runLockedChange, updateClause, type NamedWrite } from './locked-change.js';
import { appendAuditItem } from './request-store.js';
import type { TransactItem } from './transact-item.js';

/** The workflow's activation task parked for this grant (R7): its token never leaves the backend. */
export interface ActivationWait {
  readonly taskToken: string;
  readonly round: number;
  readonly since: string;
  readonly deadline: string;
}

export interface Grant {
  readonly grantId: string;
  readonly requestId: string;
  readonly brokerId: string;
  readonly clientRef: string;
  /** The grantee's position in the request, so views list grants in the broker's order. */
  readonly index: number;
  readonly email: string;
  readonly name: string;
  readonly relation: GranteeRelation;
  readonly scope: GrantScope;
  readonly status: GrantStatus;
  readonly createdAt: string;
  readonly activatedAt?: string;
  readonly revokedAt?: string;
  readonly expiredAt?: string;
  /** End of the activation rounds, shown in reminders. */
  readonly activationDeadline?: string;
  readonly wait?: ActivationWait;
  readonly auditSeq: number;
  readonly auditHead: string;
  /** The optimistic lock: every write moves it. */
  readonly version: number;
}

/** What the portal reads of a grant: who may see what for which client, and the signed form (R8). */
export interface PortalGrant
  extends Pick<Grant, 'grantId' | 'requestId' | 'brokerId' | 'clientRef' | 'email' | 'relation' | 'scope' | 'status' | 'createdAt' | 'activatedAt' | 'revokedAt'> {
  /** The signed form shown beside the access (R8). */
  readonly form: { readonly documentKey: string; readonly sha256: string };
}

export class GrantNotFound extends ProductError<{ grantId: string }> {
  override readonly name = 'GrantNotFound';
  constructor(grantId: string) {
    super(`Grant ${grantId} does not exist`, { grantId });
  }
}

/** Writers kept racing on one grant: give up rather than spin. */
export class GrantContended extends ProductError<{ grantId: string; attempts: number }> {
  override readonly name = 'GrantContended';
}

/** The grant item and the portal item of a new grant (in CreateGrants' transaction). */
export function newGrantItems(grant: Grant, form: PortalGrant['form']): NamedWrite[] {
  const portal: PortalGrant = {
    grantId: grant.grantId,
    requestId: grant.requestId,
    brokerId: grant.brokerId,
    clientRef: grant.clientRef,
    email: grant.email,
    relation: grant.relation,
    scope: grant.scope,
    status: grant.status,
    createdAt: grant.createdAt,
    form,
  };
  return [
    {
      name: `grant ${grant.index}`,
      item: { Put: { TableName: tableName(), Item: { ...keys.grant(grant.grantId), entity: 'grant', ...grant }, ConditionExpression: 'attribute_not_exists(pk)' } },
    },
    {
      name: `portal grant ${grant.index}`,
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...keys.grantee(grant.email, grant.clientRef, grant.grantId), entity: 'portalGrant', ...portal },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
  ];
}

/** Moves a grant's portal item from one of `from` to `to` (R7 activation, revocation, expiry). */
export function portalStatusItem(grant: Pick<Grant, 'email' | 'clientRef' | 'grantId'>, from: readonly GrantStatus[], to: GrantStatus, at: string): TransactItem {
  const stamp = to === 'active' ? 'activatedAt' : to === 'revoked' ? 'revokedAt' : 'expiredAt';
  const values: Record<string, unknown> = { ':to': to, ':at': at };
  from.forEach((status, index) => (values[`:from${index}`] = status));
  return {
    Update: {
      TableName: tableName(),
      Key: keys.grantee(grant.email, grant.clientRef, grant.grantId),
      UpdateExpression: `SET #status = :to, ${stamp} = :at`,
      ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Withdraws a pending grant inside a change of its request (a cancel): the grant item, on its
 * lock, and the portal item. The request's own audit entry records the withdrawal.
 */
export function withdrawGrantItems(grant: Grant, at: string): NamedWrite[] {
  return [
    {
      name: `grant ${grant.grantId}`,
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.grant(grant.grantId),
          UpdateExpression: 'SET #status = :revoked, revokedAt = :at, #version = :next REMOVE #wait',
          ConditionExpression: '#version = :version AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status', '#wait': 'wait', '#version': 'version' },
          ExpressionAttributeValues: { ':revoked': 'revoked', ':pending': 'pending', ':at': at, ':version': grant.version, ':next': grant.version + 1 },
        },
      },
    },
    { name: `portal grant ${grant.grantId}`, item: portalStatusItem(grant, ['pending'], 'revoked', at) },
  ];
}

export async function getGrant(grantId: string): Promise<Grant | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.grant(grantId), ConsistentRead: true }));
  return Item ? storedValue<Grant>(Item) : undefined;
}

/** The grants of a request, in the order of `grantIds` (one BatchGet; at most 40 grants a request). */
export async function getGrants(grantIds: readonly string[]): Promise<Grant[]> {
  if (grantIds.length === 0) return [];
  const byId = new Map<string, Grant>();
  let pending: Record<string, unknown>[] = grantIds.map((grantId) => keys.grant(grantId));
  for (let attempt = 0; pending.length > 0; attempt++) {
    const answer = await documentClient().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
    for (const item of answer.Responses?.[tableName()] ?? []) byId.set(String(item.grantId), storedValue<Grant>(item));
    pending = (answer.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
  }
  return grantIds.flatMap((grantId) => {
    const grant = byId.get(grantId);
    return grant ? [grant] : [];
  });
}

/** What one change of a grant does. */
export interface GrantChange {
  readonly set?: Partial<Omit<Grant, 'grantId' | 'requestId' | 'brokerId' | 'clientRef' | 'auditSeq' | 'auditHead' | 'version'>>;
  /** Attributes to clear (e.g. the wait once answered). */
  readonly remove?: readonly ('wait' | 'activationDeadline')[];
  /** The entry in the grant's own chain. */
  readonly event?: AuditEvent;
  readonly actor: AuditActor;
  readonly extra?: readonly NamedWrite[];
  readonly outbox?: readonly OutboxAction[];
}

/**
 * Applies one change to a grant on its own lock, with its own audit entry and extra writes,
 * in one transaction; like changeRequest, `plan` is re-run on a concurrent writer, and the
 * change's outbox entry is delivered after the commit.
 */
export async function changeGrant(grantId: string, plan: (current: Grant) => GrantChange, options: { current?: Grant } = {}): Promise<Grant> {
  return runLockedChange({
    ...(options.current ? { initial: options.current } : {}),
    read: async () => {
      const current = await getGrant(grantId);
      if (!current) throw new GrantNotFound(grantId);
      return current;
    },
    contended: (attempts) => new GrantContended(`Grant ${grantId} stayed contended for ${attempts} attempts`, { grantId, attempts }),
    attempt: (current, now) => {
      const change = plan(current);
      const entry = change.event
        ? { ...chainAuditEntry({ seq: current.auditSeq, hash: current.auditHead }, now.toISOString(), change.actor, change.event), grantId }
        : undefined;
      const set: Record<string, unknown> = {
        ...Object.fromEntries(Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined)),
        version: current.version + 1,
        ...(entry ? { auditSeq: entry.seq, auditHead: entry.hash } : {}),
      };
      const update = updateClause(set, change.remove);
      const updated = { ...current, ...set } as Record<string, unknown>;
      for (const field of change.remove ?? []) delete updated[field];
      // The change's events (docs/events.md) are owed like its calls: written with it, published after the commit.
      const events = grantChangeEvents({ before: current, after: updated as unknown as Grant, entry, at: now.toISOString() });
      const outbox = withEventsPublished(change.outbox, events);
      return {
        head: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.grant(grantId),
              UpdateExpression: update.expression,
              ConditionExpression: '#version = :expectedVersion',
              ExpressionAttributeNames: { ...update.names, '#version': 'version' },
              ExpressionAttributeValues: { ...update.values, ':expectedVersion': current.version },
            },
          },
          ...(entry ? [appendAuditItem(current.requestId, entry)] : []),
        ],
        extra: change.extra ?? [],
        ...(outbox.length > 0 ? { outbox: { requestId: current.requestId, actions: outbox } } : {}),
        result: updated as unknown as Grant,
      };
    },
  });
}

export async function getPortalGrant(grant: Pick<Grant, 'email' | 'clientRef' | 'grantId'>): Promise<PortalGrant | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.grantee(grant.email, grant.clientRef, grant.grantId), ConsistentRead: true }),
  );
  return Item ? storedValue<PortalGrant>(Item) : undefined;
}

/**
 * Every grant of one e-mail address, optionally for one client: one Query (R8). Only items
 * carrying exactly the e-mail and client asked for are answered: a key prefix alone never
 * decides what a person may see (docs/input-rules.md, I1).
 */
export async function grantsOf(email: string, clientRef?: string): Promise<PortalGrant[]> {
  const mailbox = normalizeEmail(email);
  const grants: PortalGrant[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `GRANTEE#${mailbox}`, ':prefix': clientRef ? keys.granteePrefix(clientRef) : 'CLIENT#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const grant = storedValue<PortalGrant>(item);
      if (grant.email === mailbox && (clientRef === undefined || grant.clientRef === clientRef)) grants.push(grant);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return grants;
}

/** Deletes a grant's two items (erasure of an ended request's personal data). */
export async function deleteGrantItems(grant: Pick<Grant, 'email' | 'clientRef' | 'grantId'>): Promise<void> {
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.grantee(grant.email, grant.clientRef, grant.grantId) }));
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.grant(grant.grantId) }));
}
