/**
 * `Idempotency-Key` records of `POST /v1/requests` on the local stack (DynamoDB Local): each
 * record under its own partition key, so that no broker's submits, nor all brokers' together,
 * share one partition (issue 11 "Speed and cost"; functions/http/broker/idempotency-record-store.ts,
 * docs/capacity.md), while a retried POST still answers the first answer and the same key with
 * another body still answers 409.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_RECORD_SK } from '../../functions/http/broker/idempotency-record-store.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

/** What Powertools keeps of one record, as the table holds it. */
interface IdempotencyItem {
  readonly pk: string;
  readonly sk: string;
  readonly status: string;
  readonly ttl: number;
  readonly data?: { readonly id?: string };
}

/** Every idempotency record in the table, read as an operator would (a full scan: DynamoDB Local, a few items). */
async function idempotencyItems(): Promise<IdempotencyItem[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  try {
    const items: IdempotencyItem[] = [];
    const pages = paginateScan({ client }, {
      TableName: process.env.TABLE_NAME,
      FilterExpression: 'begins_with(pk, :prefix)',
      ExpressionAttributeValues: { ':prefix': 'IDEMPOTENCY#' },
      ConsistentRead: true,
    });
    for await (const page of pages) items.push(...((page.Items ?? []) as IdempotencyItem[]));
    return items;
  } finally {
    client.destroy();
  }
}

/** The item under the single partition key every record shared before issue 11, if any. */
async function itemsUnderTheOldSharedKey(): Promise<number> {
  const items = await idempotencyItems();
  return items.filter((item) => item.pk === 'IDEMPOTENCY#submit-request').length;
}

function requestOf(clientRef: string) {
  const person = { ...PEOPLE.hans(), email: `${clientRef.toLowerCase()}@example.be` };
  return naturalClientRequest({ clientRef, requester: person, grantees: [policyholderGrantee(person)] });
}

describe('idempotency records (issue 11: no hot partition)', () => {
  it("two brokers' records with the same Idempotency-Key, and one broker's two keys, land in three partition keys", async () => {
    const firstOfA = await stack.broker(0).submit(requestOf('C-IK1'), 'shared-key');
    const secondOfA = await stack.broker(0).submit(requestOf('C-IK2'), 'another-key');
    const firstOfB = await stack.broker(1).submit(requestOf('C-IK3'), 'shared-key');
    expect([firstOfA.status, secondOfA.status, firstOfB.status]).toEqual([201, 201, 201]);
    const ids = [firstOfA.body.id, secondOfA.body.id, firstOfB.body.id];
    expect(new Set(ids).size, 'the same key from another broker files its own request').toBe(3);

    const records = (await idempotencyItems()).filter((item) => ids.includes(item.data?.id));
    expect(records.map((item) => item.data?.id).sort()).toEqual([...ids].sort());
    expect(new Set(records.map((item) => item.pk)).size, 'one partition key per record').toBe(3);
    for (const record of records) {
      expect(record.pk).toMatch(/^IDEMPOTENCY#submit-request#[A-Za-z0-9+/=]+$/);
      expect(record.sk).toBe(IDEMPOTENCY_RECORD_SK);
      expect(record.status).toBe('COMPLETED');
      expect(record.ttl * 1000 - Date.now(), 'kept a day, then DynamoDB TTL removes it').toBeGreaterThan(23 * 3600 * 1000);
      expect(JSON.stringify(record), 'the broker and the key are hashed, never stored').not.toMatch(/shared-key|another-key|broker-/);
    }
    expect(await itemsUnderTheOldSharedKey(), 'nothing under the old shared partition key').toBe(0);
    await stack.settle();
  });

  it('a retried POST answers the first answer from its own record; the same key with another body answers 409', async () => {
    const body = requestOf('C-IK4');
    const first = await stack.broker(0).submit(body, 'retried-key');
    const again = await stack.broker(0).submit(body, 'retried-key');
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const other = await stack.broker(0).submit(requestOf('C-IK5'), 'retried-key');
    expect(other.status).toBe(409);

    const records = (await idempotencyItems()).filter((item) => item.data?.id === first.body.id);
    expect(records, 'the retry and the refused body wrote no second record').toHaveLength(1);
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    try {
      const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: records[0]!.pk, sk: IDEMPOTENCY_RECORD_SK }, ConsistentRead: true }));
      expect(Item?.['status'], 'readable by its own key alone').toBe('COMPLETED');
    } finally {
      client.destroy();
    }
    await stack.settle();
  });
});
