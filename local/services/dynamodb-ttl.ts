/**
 * DynamoDB's time to live, which DynamoDB Local records but never applies: items whose TTL
 * attribute (epoch seconds) is past are deleted, as AWS's background process does (on AWS
 * within a few days of expiry, typically within 48 hours — nothing may rely on it being
 * sooner). Run by the local scheduler on the stack's clock.
 */
import { DeleteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { LOCAL_AWS_CLIENT_CONFIG } from './local-aws-client-config.js';

export interface TtlSweep {
  readonly tableName: string;
  readonly attribute: string;
  /** The table's key attributes (partition key, and sort key if any). */
  readonly keyAttributes: readonly string[];
}

/** Deletes every expired item of each table; answers how many. */
export async function sweepExpiredItems(endpoint: string, tables: readonly TtlSweep[], now: Date): Promise<number> {
  const client = new DynamoDBClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint });
  const nowSeconds = Math.floor(now.getTime() / 1000);
  let deleted = 0;
  try {
    for (const table of tables) {
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table.tableName,
            FilterExpression: '#ttl <= :now',
            ExpressionAttributeNames: { '#ttl': table.attribute, ...Object.fromEntries(table.keyAttributes.map((name, index) => [`#k${index}`, name])) },
            ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
            ProjectionExpression: table.keyAttributes.map((_, index) => `#k${index}`).join(', '),
            ExclusiveStartKey: startKey,
          }),
        );
        for (const key of page.Items ?? []) {
          await client.send(new DeleteItemCommand({ TableName: table.tableName, Key: key }));
          deleted++;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  } finally {
    client.destroy();
  }
  return deleted;
}
