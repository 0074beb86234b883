/**
 * E-mailed link tokens: 256-bit random, stored only as their SHA-256, single use, expiring.
 * A link resolves to what it was minted for (a signer role, or a grant); the workflow's task
 * token is found through the request, never through the link itself.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { hashLinkToken, isWellFormedLinkToken, linkTokenState, mintLinkToken } from '../domain/link-token.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { documentClient, keys, storedValue, tableName } from './dynamo-table.js';
import type { TransactItem } from './request-store.js';

export type LinkPurpose =
  | { readonly kind: 'sign'; readonly role: SignerRole }
  | { readonly kind: 'activate'; readonly grantId: string };

export interface LinkRecord {
  readonly tokenHash: string;
  readonly requestId: string;
  readonly purpose: LinkPurpose;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt?: string;
}

export type LinkLookup =
  | { readonly state: 'usable'; readonly link: LinkRecord }
  | { readonly state: 'used' | 'expired'; readonly link: LinkRecord }
  | { readonly state: 'unknown' };

/** A link lives at least this long, even when its wait ends sooner. */
const MIN_LINK_LIFETIME_MS = 60_000;

/** A fresh link, usable until `expiresAt`: the raw token (for the e-mail only) and the item that stores its hash. */
export function newLink(input: { requestId: string; purpose: LinkPurpose; now: Date; expiresAt: Date }): {
  token: string;
  record: LinkRecord;
  item: TransactItem;
} {
  const { token, hash } = mintLinkToken();
  const expiresAt = new Date(Math.max(input.expiresAt.getTime(), input.now.getTime() + MIN_LINK_LIFETIME_MS));
  const record: LinkRecord = {
    tokenHash: hash,
    requestId: input.requestId,
    purpose: input.purpose,
    createdAt: input.now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  // Kept 90 days past expiry so a late click still gets "expired" rather than "unknown".
  const ttl = Math.floor(expiresAt.getTime() / 1000) + 90 * 24 * 3600;
  return {
    token,
    record,
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.link(hash), entity: 'link', ...record, ttl },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** Stores a new link on its own, outside a change's transaction (a reminder minted while it is sent). */
export async function saveLink(link: ReturnType<typeof newLink>): Promise<void> {
  const put = link.item.Put;
  if (!put) throw new Error('A new link is written with Put');
  await documentClient().send(new PutCommand({ TableName: put.TableName, Item: put.Item, ConditionExpression: put.ConditionExpression }));
}

/** Resolves a token from a URL; a malformed token is simply unknown. */
export async function lookUpLink(token: string, now: Date): Promise<LinkLookup> {
  if (!isWellFormedLinkToken(token)) return { state: 'unknown' };
  return lookUpLinkByHash(hashLinkToken(token), now);
}

/**
 * Resolves a link by the hash it is stored under, for what holds only that hash (a signing-service
 * session started from the link, functions/adapters/signing-session-store.ts).
 */
export async function lookUpLinkByHash(tokenHash: string, now: Date): Promise<LinkLookup> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.link(tokenHash), ConsistentRead: true }));
  if (!Item) return { state: 'unknown' };
  const link = storedValue<LinkRecord>(Item);
  return { state: linkTokenState(link, now), link };
}

/** The transaction item that spends a link: fails (by name `link`) if it was spent already. */
export function spendLinkItem(link: LinkRecord, at: string): { name: string; item: TransactItem } {
  return {
    name: 'link',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.link(link.tokenHash),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
      },
    },
  };
}
