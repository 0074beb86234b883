/**
 * What must hold of a request once its story ended, whatever faults it met on the way:
 * it ended where it should; no state transition and no grant happened twice; every e-mail
 * went out once per kind and round; nothing is left owed in the outbox.
 */
import { expect } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CapturedEmail } from '../../../local/services/ses-local.js';

/** The request chain of a natural person's story signed by scan and approved, then completed. */
export const SCAN_STORY_REQUEST_CHAIN = [
  'submitted',
  'formGenerated',
  'signatureRequested',
  'signatureReceived',
  'scanReviewRequested',
  'scanReviewed',
  'grantsCreated',
  'completed',
  'evidenceSealed',
] as const;

/** Each grant's own chain in such a story. */
export const ACTIVATED_GRANT_CHAIN = ['activationRequested', 'grantActivated'] as const;

interface HistoryEntry {
  readonly type: string;
  readonly grantId?: string;
}

/** The request and grant chains, by type, from the broker's view; and the chains check. */
export function chainsOf(view: { history: HistoryEntry[]; historyIntact: boolean }): { request: string[]; grants: Map<string, string[]> } {
  expect(view.historyIntact, 'every audit chain checks').toBe(true);
  const grants = new Map<string, string[]>();
  for (const entry of view.history) {
    if (entry.grantId) grants.set(entry.grantId, [...(grants.get(entry.grantId) ?? []), entry.type]);
  }
  return { request: view.history.filter((entry) => !entry.grantId).map((entry) => entry.type), grants };
}

/**
 * E-mails to one address, grouped by their subject (a kind and round each): any subject sent
 * twice is a duplicate.
 */
export function duplicateMails(mails: readonly CapturedEmail[]): string[] {
  const seen = new Map<string, number>();
  for (const mail of mails) {
    const key = `${mail.to.join(',')}|${mail.subject}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
}

/** Outbox entries still owed for a request (read straight from the table). */
export async function outboxEntriesOf(requestId: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  try {
    const answer = await client.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :outbox)',
        ExpressionAttributeValues: { ':pk': `REQUEST#${requestId}`, ':outbox': 'OUTBOX#' },
        ConsistentRead: true,
      }),
    );
    return answer.Items?.length ?? 0;
  } finally {
    client.destroy();
  }
}
