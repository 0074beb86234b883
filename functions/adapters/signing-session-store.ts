/**
 * Signing-service sessions (advanced signatures, R3). A session is stored under the provider's
 * id, so its callback finds it; beside the signing link that started it sits a pointer to it, so
 * a second click on "sign with the signing service" finds the open session instead of starting
 * another. Neither holds personal data: ids, hashes, the provider's URL, times.
 *
 * A session is `open` until a callback settles it, once (a conditional update): `signed`,
 * `refused` (the provider's PDF did not pass verification), `ended` (the provider reports it
 * declined, expired, revoked or failed) or `closed` (the request no longer waits for it). While
 * a callback works on it, it carries a short claim, so two callbacks at once do the work once.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { SignerRole } from '../domain/signing-plan.js';
import type { SigningSessionStatus } from '../signing-service/signing-provider.js';
import type { RefusalReason } from '../signatures/signature-verdict.js';
import { conditionHeld, documentClient, keys, storedValue, tableName } from './dynamo-table.js';

export type SigningSessionState = 'open' | 'signed' | 'refused' | 'ended' | 'closed';

export interface SigningSessionRecord {
  /** The provider's id of the session. */
  readonly sessionId: string;
  /** The provider's name (`local-test`, `connective`). */
  readonly provider: string;
  readonly requestId: string;
  readonly role: SignerRole;
  /** The SHA-256 of the signing link that started it (its `LINK#` key). */
  readonly tokenHash: string;
  /** The document handed to the provider, and its SHA-256. */
  readonly documentKey: string;
  readonly documentSha256: string;
  /** Where the signer signs, at the provider. */
  readonly signerUrl: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly state: SigningSessionState;
  /** What the provider reported when the session was settled. */
  readonly providerStatus?: SigningSessionStatus;
  /** Why the provider's signed PDF was refused (`refused`). */
  readonly refusal?: RefusalReason;
  readonly settledAt?: string;
  /** A callback is working on the session until then (ISO 8601). */
  readonly claimedUntil?: string;
}

/** The pointer beside a signing link to the session it started last. */
interface LinkSessionPointer {
  readonly sessionId: string;
}

/** Kept this long past the session's expiry, so a late callback or return still finds what happened. */
const KEEP_AFTER_EXPIRY_SECONDS = 90 * 24 * 3600;

/** How long a callback may work on a session before another may take over (a crashed one). */
export const SESSION_CLAIM_SECONDS = 60;

export async function getSigningSession(sessionId: string): Promise<SigningSessionRecord | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.signingSession(sessionId), ConsistentRead: true }));
  return Item ? storedValue<SigningSessionRecord>(Item) : undefined;
}

/** The session the signing link (by its stored hash) started last, if any. */
export async function sessionOfLink(tokenHash: string): Promise<SigningSessionRecord | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.linkSigningSession(tokenHash), ConsistentRead: true }));
  if (!Item) return undefined;
  return getSigningSession(storedValue<LinkSessionPointer>(Item).sessionId);
}

/**
 * Stores a new open session and points the link at it, in one transaction. `replacing` is the
 * session the link pointed at when the caller looked (undefined: none); if another call moved
 * the pointer meanwhile, nothing is written.
 * @returns false when another session was recorded for the link first
 */
export async function recordSigningSession(session: SigningSessionRecord, replacing: string | undefined): Promise<boolean> {
  const ttl = Math.floor(Date.parse(session.expiresAt) / 1000) + KEEP_AFTER_EXPIRY_SECONDS;
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.signingSession(session.sessionId), entity: 'signingSession', ...session, ttl },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.linkSigningSession(session.tokenHash), entity: 'linkSigningSession', sessionId: session.sessionId, ttl },
              ...(replacing === undefined
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: 'sessionId = :replacing', ExpressionAttributeValues: { ':replacing': replacing } }),
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}

/**
 * Takes an open session for one callback's work, unless another callback holds it.
 * @returns false when the session is no longer open or another callback is working on it
 */
export async function claimSigningSession(sessionId: string, now: Date): Promise<boolean> {
  return conditionalUpdate(
    sessionId,
    'SET claimedUntil = :until',
    '#state = :open AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
    { ':until': new Date(now.getTime() + SESSION_CLAIM_SECONDS * 1000).toISOString(), ':now': now.toISOString(), ':open': 'open' },
  );
}

/** Lets go of a claim without settling (the provider still works on it, or a passing fault). */
export async function releaseSigningSession(sessionId: string): Promise<void> {
  await conditionalUpdate(sessionId, 'REMOVE claimedUntil', '#state = :open', { ':open': 'open' });
}

/** Settles an open session, once: a session settled already is left as it is. */
export async function settleSigningSession(
  sessionId: string,
  outcome: { state: Exclude<SigningSessionState, 'open'>; providerStatus: SigningSessionStatus; refusal?: RefusalReason; at: Date },
): Promise<boolean> {
  return conditionalUpdate(
    sessionId,
    `SET #state = :state, providerStatus = :providerStatus, settledAt = :at${outcome.refusal ? ', refusal = :refusal' : ''} REMOVE claimedUntil`,
    '#state = :open',
    {
      ':state': outcome.state,
      ':providerStatus': outcome.providerStatus,
      ':at': outcome.at.toISOString(),
      ':open': 'open',
      ...(outcome.refusal ? { ':refusal': outcome.refusal } : {}),
    },
  );
}

async function conditionalUpdate(sessionId: string, update: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
  return conditionHeld(
    documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.signingSession(sessionId),
        UpdateExpression: update,
        ConditionExpression: `attribute_exists(pk) AND ${condition}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: values,
      }),
    ),
  );
}
