/**
 * What a request change and a grant change share: one DynamoDB transaction whose first item
 * updates the locked item (conditioned on its lock), followed by its audit entry, the
 * change's named extra writes and its outbox entry. Sending it tells three outcomes apart:
 * committed; raced (another writer moved the lock first: read again and re-plan); or a named
 * extra write's own condition failed (e.g. a link already spent), which no retry can fix.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ProductError } from '../errors/product-error.js';
import { documentClient } from './dynamo-table.js';
import { deliverNow, newOutboxEntry, type OutboxAction } from './outbox.js';
import { assertFitsOneTransaction, type TransactItem } from './transact-item.js';

/** One extra write of a change, named so that its failed condition can be reported. */
export interface NamedWrite {
  readonly name: string;
  readonly item: TransactItem;
}

/** A condition on one of the change's extra writes failed (e.g. a link already used). */
export class ChangeConditionFailed extends ProductError<{ writeName: string }> {
  override readonly name = 'ChangeConditionFailed';
  constructor(readonly writeName: string) {
    super(`Condition failed on ${writeName}`, { writeName });
  }
}

/** How often a change is re-read and re-planned when another writer moved the lock first. */
export const MAX_CHANGE_ATTEMPTS = 12;

/**
 * Sends the change's transaction: `head` (the locked item's update, and its audit entry if
 * any), then `extra`, then `tail` (the outbox entry). Answers whether it committed or raced.
 * @throws ChangeConditionFailed when an extra write's condition failed
 */
async function sendLockedChange(head: readonly TransactItem[], extra: readonly NamedWrite[], tail: readonly TransactItem[] = []): Promise<'committed' | 'raced'> {
  const items = [...head, ...extra.map((write) => write.item), ...tail];
  assertFitsOneTransaction(items);
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
    return 'committed';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failedExtra = reasons.slice(head.length, head.length + extra.length).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failedExtra >= 0) throw new ChangeConditionFailed(extra[failedExtra]?.name ?? 'extra write');
    if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')) return 'raced';
    throw error;
  }
}

/** One attempt at a locked change, built from what was just read. */
export interface LockedAttempt<Result> {
  /** The locked item's update (conditioned on its lock), then its audit entry if any. */
  readonly head: readonly TransactItem[];
  readonly extra: readonly NamedWrite[];
  /** Calls the change owes another system: written with it, delivered after the commit (outbox.ts). */
  readonly outbox?: { readonly requestId: string; readonly actions: readonly OutboxAction[] };
  /** What the caller gets once this attempt committed. */
  readonly result: Result;
}

/**
 * Runs a locked change to its end: reads the item, builds the attempt, sends it; on a lost race
 * reads again and re-plans, up to {@link MAX_CHANGE_ATTEMPTS} times (then `contended`); after
 * the commit, delivers the attempt's outbox entry. What changeRequest and changeGrant share.
 */
export async function runLockedChange<Current, Result>(input: {
  read: () => Promise<Current>;
  /** The item as the caller just read it: the first attempt plans on it rather than reading again (a stale one only loses the race). */
  initial?: Current;
  attempt: (current: Current, at: Date) => LockedAttempt<Result>;
  contended: (attempts: number) => Error;
}): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && input.initial !== undefined ? input.initial : await input.read();
    const at = new Date();
    const built = input.attempt(current, at);
    const outbox = built.outbox?.actions.length ? newOutboxEntry(built.outbox.requestId, built.outbox.actions, at) : undefined;
    if ((await sendLockedChange(built.head, built.extra, outbox ? [outbox.item] : [])) === 'raced') {
      if (attempt >= MAX_CHANGE_ATTEMPTS) throw input.contended(attempt);
      await pauseBeforeRetry(attempt);
      continue;
    }
    if (outbox) await deliverNow(outbox.entry);
    return built.result;
  }
}

/** A short random pause before re-reading, growing with the attempt, so racing writers spread out. */
async function pauseBeforeRetry(attempt: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
}

/**
 * Builds the SET (and REMOVE) clause of an update from plain values: every name and value
 * goes through placeholders, so no attribute name or value is ever spliced into the expression.
 */
export function updateClause(set: Readonly<Record<string, unknown>>, remove: readonly string[] = []): {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(set).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  const removals = remove.map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  const expression = `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`;
  return { expression, names, values };
}
