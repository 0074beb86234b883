/**
 * Where the `Idempotency-Key` records of `POST /v1/requests` live in the one table: each record
 * in its own partition, so that no broker's burst of submits, nor all brokers' together, lands on
 * one partition key (issue 11 "Speed and cost"; docs/capacity.md "No hot partition").
 *
 * Powertools' DynamoDB persistence layer, given a sort key attribute, writes every record under
 * one partition key (`staticPkValue`) and the hashed idempotency key as the sort key; without a
 * sort key attribute it writes only a partition key, which a `pk`/`sk` table refuses. This layer
 * keeps Powertools' records, conditions and expiry as they are and moves only the key: the hashed
 * key goes into the partition key, the sort key is the item's kind, as every other single item of
 * the table is keyed (`REQUEST#<id>` / `REQUEST`, `LINK#<hash>` / `LINK`; docs/architecture.md
 * "Storage").
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';

/**
 * The prefix Powertools puts before the hash of `[brokerId, key]`. Fixed here rather than the
 * default (the deployed function's name) so that a record's key does not change when the function
 * is renamed or replaced, and a broker's key means the same whether he posts to the API or through
 * the dashboard (which calls the same handler in-process).
 */
export const IDEMPOTENCY_KEY_PREFIX = 'submit-request';

/** The sort key of every idempotency record: the kind of item, as `REQUEST`, `LINK`, `GRANT`. */
export const IDEMPOTENCY_RECORD_SK = 'IDEMPOTENCY';

/** The primary key of the record for one hashed idempotency key (`submit-request#<hash>`). */
export function idempotencyRecordKey(hashedIdempotencyKey: string): { readonly pk: string; readonly sk: string } {
  return { pk: `IDEMPOTENCY#${hashedIdempotencyKey}`, sk: IDEMPOTENCY_RECORD_SK };
}

/**
 * Powertools' DynamoDB persistence layer on the product's table, each record under its own
 * partition key (`IDEMPOTENCY#submit-request#<hash of broker and key>` / `IDEMPOTENCY`), its
 * expiry in the table's TTL attribute.
 */
export class SpreadIdempotencyRecordStore extends DynamoDBPersistenceLayer {
  constructor(tableName: string) {
    // sortKeyAttr is given so that Powertools knows the table has one; getKey below decides both values.
    super({ tableName, keyAttr: 'pk', sortKeyAttr: 'sk', expiryAttr: 'ttl' });
  }

  /** Every read, write and delete of a record goes through this key (Powertools' `getKey`). */
  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    const { pk, sk } = idempotencyRecordKey(idempotencyKey);
    return { pk: { S: pk }, sk: { S: sk } };
  }
}
