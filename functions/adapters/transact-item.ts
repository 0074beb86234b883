/** One write of a DynamoDB transaction, and the limit AWS sets on how many a transaction holds. */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ProductError } from '../errors/product-error.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB refuses a transaction of more items than this. */
export const MAX_TRANSACTION_ITEMS = 100;

/** A change would need more items than one transaction holds: refused before anything is sent. */
export class TransactionTooLarge extends ProductError<{ items: number; limit: number }> {
  override readonly name = 'TransactionTooLarge';
}

/** Throws {@link TransactionTooLarge} unless `items` fit one transaction. */
export function assertFitsOneTransaction(items: readonly TransactItem[]): void {
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new TransactionTooLarge(`A transaction holds at most ${MAX_TRANSACTION_ITEMS} items; this change needs ${items.length}`, {
      items: items.length,
      limit: MAX_TRANSACTION_ITEMS,
    });
  }
}
