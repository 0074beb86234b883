/**
 * Grants as the portal reads them. A grant item is keyed by the grantee's e-mail and the
 * client, so each of the portal's questions is one Query on one partition (strongly
 * consistent: a revoked grant is refused at once). A small locator item finds a grant by id
 * and holds the workflow's activation wait.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { GrantScope } from '../domain/grant-scope.js';
import type { GrantStatus } from '../domain/request-status.js';
import type { GranteeRelation } from '../domain/request-schema.js';
import { normalizeEmail } from '../domain/person-identity.js';
import { documentClient, keys, tableName } from './dynamo-table.js';
import type { TransactItem } from './request-store.js';

export interface PortalGrant {
  readonly grantId: string;
  readonly requestId: string;
  readonly brokerId: string;
  readonly clientRef: string;
  readonly email: string;
  readonly relation: GranteeRelation;
  readonly scope: GrantScope;
  readonly status: GrantStatus;
  readonly createdAt: string;
  readonly activatedAt?: string;
  readonly revokedAt?: string;
  /** The signed form shown beside the access (R8). */
  readonly form: { readonly documentKey: string; readonly sha256: string };
}

export interface GrantLocator {
  readonly grantId: string;
  readonly requestId: string;
  readonly brokerId: string;
  readonly email: string;
  readonly clientRef: string;
  readonly wait?: { readonly taskToken: string; readonly round: number; readonly since: string; readonly deadline: string };
}

export function putGrantItems(grant: PortalGrant): TransactItem[] {
  const locator: GrantLocator = {
    grantId: grant.grantId,
    requestId: grant.requestId,
    brokerId: grant.brokerId,
    email: grant.email,
    clientRef: grant.clientRef,
  };
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.grantee(grant.email, grant.clientRef, grant.grantId), entity: 'grant', ...grant },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.grantLocator(grant.grantId), entity: 'grantLocator', ...locator },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** Moves a grant's portal item from one of `from` to `to` (R7 activation, revocation, expiry). */
export function updateGrantStatusItem(
  locator: Pick<GrantLocator, 'email' | 'clientRef' | 'grantId'>,
  from: readonly GrantStatus[],
  to: GrantStatus,
  at: string,
): TransactItem {
  const stamp = to === 'active' ? 'activatedAt' : to === 'revoked' ? 'revokedAt' : 'expiredAt';
  const values: Record<string, unknown> = { ':to': to, ':at': at };
  from.forEach((status, index) => (values[`:from${index}`] = status));
  return {
    Update: {
      TableName: tableName(),
      Key: keys.grantee(locator.email, locator.clientRef, locator.grantId),
      UpdateExpression: `SET #status = :to, ${stamp} = :at`,
      ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

export function setActivationWaitItem(grantId: string, wait: GrantLocator['wait']): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.grantLocator(grantId),
      UpdateExpression: 'SET #wait = :wait',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#wait': 'wait' },
      ExpressionAttributeValues: { ':wait': wait },
    },
  };
}

export async function getGrantLocator(grantId: string): Promise<GrantLocator | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.grantLocator(grantId), ConsistentRead: true }),
  );
  return Item ? (strip(Item) as unknown as GrantLocator) : undefined;
}

export async function getPortalGrant(locator: Pick<GrantLocator, 'email' | 'clientRef' | 'grantId'>): Promise<PortalGrant | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.grantee(locator.email, locator.clientRef, locator.grantId),
      ConsistentRead: true,
    }),
  );
  return Item ? (strip(Item) as unknown as PortalGrant) : undefined;
}

/** Every grant of one e-mail address, optionally for one client: one Query (R8). */
export async function grantsOf(email: string, clientRef?: string): Promise<PortalGrant[]> {
  const grants: PortalGrant[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: clientRef ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk AND begins_with(sk, :client)',
        ExpressionAttributeValues: clientRef
          ? { ':pk': `GRANTEE#${normalizeEmail(email)}`, ':prefix': keys.granteePrefix(clientRef) }
          : { ':pk': `GRANTEE#${normalizeEmail(email)}`, ':client': 'CLIENT#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    grants.push(...(page.Items ?? []).map((item) => strip(item) as unknown as PortalGrant));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return grants;
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest;
}
