/**
 * The transactional outbox: calls to another system (Step Functions, S3, EventBridge) that a committed
 * change still owes. A change that must be followed by such a call writes an outbox entry in
 * the same DynamoDB transaction; the caller then delivers it at once and deletes it. If the
 * process dies between the commit and the call (a crash, a timeout, a killed stack), the
 * entry stays, and the housekeeping job (functions/jobs/housekeeping.ts) delivers it once it
 * is due. Every action is idempotent, so an entry delivered twice does no harm:
 * - `startExecution`: the execution is named after the request (same name and input answer
 *   the running execution);
 * - `answerTask`: a task already answered or timed out answers TaskTimedOut, taken as done;
 * - `stopExecution`: an execution already ended is left as it is;
 * - `promoteDocument`: copied again, or already moved;
 * - `sendReminders`: each recipient's mail is marked once sent, so only what is owed goes out;
 * - `publishEvents`: the events of the change (functions/events/, docs/events.md), published on
 *   the product's bus; published again, an event keeps its `eventId`, by which consumers drop
 *   repeats. changeRequest and changeGrant put it first, so that a change's events are out
 *   before the calls that lead to the next change; nothing waits on it, so when the bus fails
 *   the calls still go out, and the entry stays for the housekeeping job to publish again.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ProductError, describeForLog } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';
import type { PortalEvent } from '../events/event-schemas.js';
import { promoteDocument } from './document-store.js';
import { publishEvents } from './event-bus.js';
import { conditionHeld, documentClient, DUE_SHARDS, keys, tableName } from './dynamo-table.js';
import type { TransactItem } from './transact-item.js';
import { completeTask, failTask, ifStillWaiting, startRequestExecution, stopExecution } from './workflow-client.js';

/** One call owed to another system. */
export type OutboxAction =
  | { readonly kind: 'startExecution'; readonly requestId: string }
  | { readonly kind: 'answerTask'; readonly taskToken: string; readonly output: unknown }
  | { readonly kind: 'failTask'; readonly taskToken: string; readonly error: string; readonly cause: string }
  | { readonly kind: 'stopExecution'; readonly executionArn: string; readonly cause: string }
  | { readonly kind: 'promoteDocument'; readonly from: string; readonly to: string }
  | { readonly kind: 'sendReminders'; readonly requestId: string; readonly remindedAt: string }
  | { readonly kind: 'publishEvents'; readonly events: readonly PortalEvent[] };

export interface OutboxEntry {
  readonly requestId: string;
  readonly outboxId: string;
  readonly actions: readonly OutboxAction[];
  readonly createdAt: string;
  readonly attempts: number;
}

/**
 * How long an entry is left to its writer before the housekeeping job takes it: the writer
 * delivers within milliseconds, so an entry this old was abandoned.
 */
export const OUTBOX_GRACE_SECONDS = 60;

/** After this many failed deliveries the job stops trying and logs an error for a person to look at. */
export const OUTBOX_MAX_ATTEMPTS = 12;

/** A delivery failed for a reason worth trying again later (throttling, a network fault, a 5xx). */
export class OutboxDeliveryFailed extends ProductError<{ requestId: string; outboxId: string; action: OutboxAction['kind'] }> {
  override readonly name = 'OutboxDeliveryFailed';
}

/** Sends what a reminder owes (functions/notifications/reminders.ts, `sendReminders`). */
export type ReminderSender = (requestId: string, remindedAt: string) => Promise<unknown>;

/** Where reminders are delivered: the modules that call {@link deliverRemindersWith}. */
const REMINDERS_DELIVERED_BY = 'the functions that write them, BrokerApi and DashboardApi, and the housekeeping job';

/** An outbox entry owes reminders in a function that cannot send them; housekeeping delivers it. */
export class RemindersNotDeliveredHere extends ProductError<{ requestId: string }> {
  override readonly name = 'RemindersNotDeliveredHere';
}

let reminderSender: ReminderSender | undefined;

/**
 * Lets this process deliver `sendReminders` actions. Composing mail is a layer above the
 * adapters (functions/notifications/), and its texts in four languages are a fifth of a small
 * function's code: only the functions that deliver reminders carry it ({@link REMINDERS_DELIVERED_BY};
 * issue 11, "cold start"). Elsewhere such an entry fails its delivery and stays for the
 * housekeeping job, as any failed delivery does.
 */
export function deliverRemindersWith(send: ReminderSender): void {
  reminderSender = send;
}

/** The publication of a change's events (none when it has none), then its calls: what its outbox entry owes. */
export function withEventsPublished(actions: readonly OutboxAction[] | undefined, events: readonly PortalEvent[]): readonly OutboxAction[] {
  return events.length > 0 ? [{ kind: 'publishEvents', events }, ...(actions ?? [])] : (actions ?? []);
}

/** A fresh outbox entry and the transaction item that writes it. */
export function newOutboxEntry(requestId: string, actions: readonly OutboxAction[], now: Date): { entry: OutboxEntry; item: TransactItem } {
  const entry: OutboxEntry = {
    requestId,
    outboxId: `${now.getTime().toString(36)}-${randomBytes(6).toString('base64url')}`,
    actions,
    createdAt: now.toISOString(),
    attempts: 0,
  };
  const dueAt = new Date(now.getTime() + OUTBOX_GRACE_SECONDS * 1000).toISOString();
  return {
    entry,
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.outbox(requestId, entry.outboxId), ...keys.dueIndex(requestId, dueAt, 'outbox', entry.outboxId), entity: 'outbox', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/**
 * Delivers an entry right after its change committed. A failure is logged and left to the
 * housekeeping job: the change stands, and the caller answers as if delivered.
 */
export async function deliverNow(entry: OutboxEntry): Promise<void> {
  try {
    await deliver(entry);
  } catch (error) {
    logger.warn('outbox entry left for housekeeping', { requestId: entry.requestId, outboxId: entry.outboxId, error: describeForLog(error) });
  }
}

/**
 * Performs every action of the entry in order, then deletes it. Throws if an action fails: a
 * call at once (the calls after it may depend on it), a publication of events once the calls
 * are made (nothing depends on it).
 */
export async function deliver(entry: OutboxEntry): Promise<void> {
  let unpublished: unknown;
  for (const action of entry.actions) {
    try {
      await perform(entry, action);
    } catch (error) {
      if (action.kind !== 'publishEvents') throw error;
      unpublished ??= error;
    }
  }
  if (unpublished !== undefined) throw unpublished;
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.outbox(entry.requestId, entry.outboxId) }));
}

async function perform(entry: OutboxEntry, action: OutboxAction): Promise<void> {
  try {
    switch (action.kind) {
      case 'startExecution':
        await startRequestExecution(action.requestId);
        return;
      // A task that ended meanwhile (answered by an earlier delivery, timed out, stopped) is owed nothing more.
      case 'answerTask':
        if (!(await ifStillWaiting(completeTask(action.taskToken, action.output)))) noLongerWaiting(entry);
        return;
      case 'failTask':
        if (!(await ifStillWaiting(failTask(action.taskToken, action.error, action.cause)))) noLongerWaiting(entry);
        return;
      case 'stopExecution':
        await stopExecution(action.executionArn, action.cause);
        return;
      case 'promoteDocument':
        await promoteDocument(action.from, action.to);
        return;
      case 'sendReminders': {
        if (!reminderSender) throw new RemindersNotDeliveredHere(`This function does not send reminders (${REMINDERS_DELIVERED_BY} do)`, { requestId: action.requestId });
        await reminderSender(action.requestId, action.remindedAt);
        return;
      }
      case 'publishEvents':
        await publishEvents(action.events);
        return;
    }
  } catch (error) {
    throw new OutboxDeliveryFailed(`Outbox ${entry.outboxId}: ${action.kind} failed`, { requestId: entry.requestId, outboxId: entry.outboxId, action: action.kind }, { cause: error });
  }
}

function noLongerWaiting(entry: OutboxEntry): void {
  logger.info('outbox: task no longer waiting', { requestId: entry.requestId, outboxId: entry.outboxId });
}

/** The entries due by `now`, across every shard of the due-work index (keys only; read each before acting). */
export async function dueWork(now: Date, limit = 100): Promise<{ requestId: string; kind: string; ref: string }[]> {
  const found: { requestId: string; kind: string; ref: string }[] = [];
  for (let shard = 0; shard < DUE_SHARDS && found.length < limit; shard++) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
          ExpressionAttributeValues: { ':pk': `DUE#${shard}`, ':now': `${now.toISOString()}#~` },
          Limit: limit - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const [, kind, requestId, ref] = String(item.gsi2sk).split('#');
        if (kind && requestId && ref !== undefined) found.push({ requestId, kind, ref });
      }
      startKey = found.length < limit ? page.LastEvaluatedKey : undefined;
    } while (startKey);
  }
  return found;
}

/** The entry as stored now (the index is eventually consistent: it may already be delivered). */
export async function readOutboxEntry(requestId: string, outboxId: string): Promise<OutboxEntry | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.outbox(requestId, outboxId), ConsistentRead: true }));
  if (!Item) return undefined;
  return { requestId, outboxId, actions: Item.actions as OutboxAction[], createdAt: String(Item.createdAt), attempts: Number(Item.attempts ?? 0) };
}

/** Counts a failed delivery and moves the entry's due time back (1, 4, 9 … minutes), or gives up. */
export async function postpone(entry: OutboxEntry, now: Date): Promise<'postponed' | 'abandoned'> {
  const attempts = entry.attempts + 1;
  const abandoned = attempts >= OUTBOX_MAX_ATTEMPTS;
  const dueAt = abandoned ? '9999-12-31T00:00:00.000Z' : new Date(now.getTime() + attempts * attempts * 60_000).toISOString();
  const due = keys.dueIndex(entry.requestId, dueAt, 'outbox', entry.outboxId);
  // An entry delivered and deleted meanwhile is not postponed.
  await conditionHeld(
    documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.outbox(entry.requestId, entry.outboxId),
        UpdateExpression: 'SET attempts = :attempts, gsi2sk = :due',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':attempts': attempts, ':due': due.gsi2sk },
      }),
    ),
  );
  return abandoned ? 'abandoned' : 'postponed';
}
