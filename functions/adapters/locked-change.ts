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
export async function sendLockedChange(head: readonly TransactItem[], extra: readonly NamedWrite[], tail: readonly TransactItem[] = []): Promise<'committed' | 'raced'> {
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

/** A short random pause before re-reading, growing with the attempt, so racing writers spread out. */
export async function pauseBeforeRetry(attempt: number): Promise<void> {
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
