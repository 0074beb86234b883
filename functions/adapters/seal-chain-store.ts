/**
 * The seal's certificate chains (R8), each kept once under the SHA-256 of its PEM
 * (`SEAL_CHAIN#<sha256>`): every request sealed under the same certificate names the same chain,
 * rather than each request item carrying a kilobyte of PEM through its last writes (issue 11).
 * A chain names no person: it stays when requests are erased, and is never changed.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { sha256Hex } from './document-store.js';
import { conditionHeld, documentClient, keys, tableName } from './dynamo-table.js';
import type { SealedEvidence } from './request-store.js';

/** The chains this process knows to be stored: one read per chain and process, none per seal. */
const stored = new Set<string>();

/** Keeps `pem` (once) and answers the SHA-256 a request's evidence names it by. */
export async function keepSealChain(pem: string): Promise<string> {
  const sha256 = sha256Hex(new TextEncoder().encode(pem));
  if (stored.has(sha256)) return sha256;
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.sealChain(sha256), ProjectionExpression: 'pk' }));
  // A writer racing with this one stored the same bytes: its put's failed condition is fine.
  if (!Item) {
    await conditionHeld(
      documentClient().send(
        new PutCommand({ TableName: tableName(), Item: { ...keys.sealChain(sha256), entity: 'sealChain', pem }, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    );
  }
  stored.add(sha256);
  return sha256;
}

/** The chain a request's evidence was sealed under: kept once, or held by the evidence itself (sealed before). */
export async function sealChainOf(evidence: SealedEvidence): Promise<string> {
  if (evidence.sealChainPem) return evidence.sealChainPem;
  if (!evidence.sealChainSha256) throw new Error('The evidence names no seal chain');
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.sealChain(evidence.sealChainSha256), ConsistentRead: true }));
  if (typeof Item?.pem !== 'string') throw new Error(`Seal chain ${evidence.sealChainSha256} is not stored`);
  return Item.pem;
}
