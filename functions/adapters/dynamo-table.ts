/**
 * The one DynamoDB table and its document client, created once per process from the
 * validated configuration. Endpoints come from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` on the local stack), so nothing here knows where it runs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config/config.js';

let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return client;
}

export function tableName(): string {
  return config().TABLE_NAME;
}

/** Key builders: the single-table layout of docs/architecture.md ("Storage"). */
export const keys = {
  request: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' }),
  audit: (requestId: string, seq: number) => ({ pk: `REQUEST#${requestId}`, sk: `AUDIT#${String(seq).padStart(6, '0')}` }),
  mail: (requestId: string, marker: string) => ({ pk: `REQUEST#${requestId}`, sk: `MAIL#${marker}` }),
  grantee: (email: string, clientRef: string, grantId: string) => ({
    pk: `GRANTEE#${email}`,
    sk: `CLIENT#${clientRef}#GRANT#${grantId}`,
  }),
  granteePrefix: (clientRef: string) => `CLIENT#${clientRef}#GRANT#`,
  grantLocator: (grantId: string) => ({ pk: `GRANT#${grantId}`, sk: 'GRANT' }),
  link: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  brokerIndex: (brokerId: string, createdAt: string, requestId: string) => ({
    gsi1pk: `BROKER#${brokerId}`,
    gsi1sk: `${createdAt}#${requestId}`,
  }),
} as const;
