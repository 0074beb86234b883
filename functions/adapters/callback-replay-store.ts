/**
 * Replays of the signing service's callbacks: each accepted callback's MAC is written once
 * (a conditional put), and kept until the callback's five-minute window has passed, after which
 * the timestamp check refuses it anyway (functions/signing-service/callback-authentication.ts).
 * The item's `ttl` lets DynamoDB delete it then; until it does, it only refuses what the window
 * refuses too.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, documentClient, keys, tableName } from './dynamo-table.js';

/**
 * Remembers an accepted callback's MAC until `until`.
 * @returns false when the same MAC was remembered already: the callback is a replay
 */
export async function rememberCallback(mac: string, until: Date, now: Date): Promise<boolean> {
  return conditionHeld(
    documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.callbackMac(mac), entity: 'callbackMac', receivedAt: now.toISOString(), until: until.toISOString(), ttl: Math.ceil(until.getTime() / 1000) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/**
 * Forgets a MAC whose callback could not be handled (a passing fault): the provider's retry of
 * that very delivery is then not taken for a replay. Handling a callback twice moves nothing
 * (functions/signing-service/settle-signing-session.ts), so this opens no door.
 */
export async function forgetCallback(mac: string): Promise<void> {
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.callbackMac(mac) }));
}
