import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTablesFromTemplate,
  JavaRuntimeMissingError,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '../../../local/services/dynamodb-local.js';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../../local/services/local-aws-client-config.js';
import { requestsTableResource } from './requests-table-resource.js';

const template = { Resources: { RequestsTableABCD1234: requestsTableResource() } };

describe('DynamoDB Local', () => {
  let dataDir: string;
  let dynamo: DynamoDbLocal;
  let tableName: string;

  const documents = (endpoint: string): DynamoDBDocumentClient =>
    DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint }));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dynamodb-local-'));
    const started = Date.now();
    dynamo = await startDynamoDbLocal({ dataDir, port: 0 });
    console.info(`DynamoDB Local answered after ${Date.now() - started} ms`);
    const names = await createTablesFromTemplate(dynamo.endpoint, template);
    tableName = names['RequestsTableABCD1234'] ?? '';
  }, 120_000);

  afterAll(async () => {
    await dynamo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('creates the table under its logical id, and again is a no-op', async () => {
    expect(tableName).toBe('RequestsTableABCD1234');
    await expect(createTablesFromTemplate(dynamo.endpoint, template)).resolves.toEqual({ RequestsTableABCD1234: 'RequestsTableABCD1234' });
  });

  it('enables TTL as the template says, and adds an index the template gained since', async () => {
    // Prepare
    const table = template.Resources.RequestsTableABCD1234;
    const grown = {
      Resources: {
        RequestsTableABCD1234: {
          ...table,
          Properties: {
            ...table.Properties,
            AttributeDefinitions: [...table.Properties.AttributeDefinitions, { AttributeName: 'gsi2pk', AttributeType: 'S' }],
            GlobalSecondaryIndexes: [
              ...table.Properties.GlobalSecondaryIndexes,
              { IndexName: 'gsi2', KeySchema: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
            ],
          },
        },
      },
    };
    const client = new DynamoDBClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: dynamo.endpoint });

    // Act
    await createTablesFromTemplate(dynamo.endpoint, grown);
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));

    // Assess
    expect(described.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['gsi1', 'gsi2']);
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
    client.destroy();
  });

  it('supports TransactWriteItems with conditions and a Query on the GSI', async () => {
    // Prepare
    const client = documents(dynamo.endpoint);
    const request = (id: string, createdAt: string) => ({
      Put: {
        TableName: tableName,
        Item: { pk: `REQUEST#${id}`, sk: 'REQUEST', gsi1pk: 'BROKER#broker-a', gsi1sk: `${createdAt}#${id}`, status: 'SUBMITTED' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    const audit = (id: string) => ({
      Put: { TableName: tableName, Item: { pk: `REQUEST#${id}`, sk: 'AUDIT#000001', type: 'submitted' }, ConditionExpression: 'attribute_not_exists(pk)' },
    });

    // Act
    await client.send(new TransactWriteCommand({ TransactItems: [request('r1', '2026-01-01T00:00:00Z'), audit('r1')] }));
    await client.send(new TransactWriteCommand({ TransactItems: [request('r2', '2026-01-02T00:00:00Z'), audit('r2')] }));
    const repeated = await client
      .send(new TransactWriteCommand({ TransactItems: [request('r1', '2026-01-03T00:00:00Z'), audit('r1')] }))
      .catch((error: unknown) => error);
    const listed = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :broker',
        ExpressionAttributeValues: { ':broker': 'BROKER#broker-a' },
        ScanIndexForward: false,
      }),
    );

    // Assess
    expect(repeated).toMatchObject({ name: 'TransactionCanceledException' });
    expect(listed.Items?.map((item) => item['pk'])).toEqual(['REQUEST#r2', 'REQUEST#r1']);
    client.destroy();
  });

  it('keeps the data on disk across a stop and a start on the same dataDir', async () => {
    // Prepare
    const before = documents(dynamo.endpoint);
    await before.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName, Item: { pk: 'KEEP', sk: 'ME', n: 42 } } }] }));
    before.destroy();

    // Act
    await dynamo.stop();
    const started = Date.now();
    dynamo = await startDynamoDbLocal({ dataDir });
    console.info(`DynamoDB Local (existing data) answered after ${Date.now() - started} ms`);
    const after = documents(dynamo.endpoint);
    const kept = await after.send(new GetCommand({ TableName: tableName, Key: { pk: 'KEEP', sk: 'ME' } }));

    // Assess
    expect(kept.Item).toEqual({ pk: 'KEEP', sk: 'ME', n: 42 });
    await expect(createTablesFromTemplate(dynamo.endpoint, template)).resolves.toEqual({ RequestsTableABCD1234: 'RequestsTableABCD1234' });
    after.destroy();
  }, 120_000);

  it('says how to install Java when there is none', async () => {
    const saved = { path: process.env['PATH'], javaHome: process.env['JAVA_HOME'] };
    process.env['PATH'] = '/nonexistent';
    delete process.env['JAVA_HOME'];
    try {
      const starting = startDynamoDbLocal({ dataDir: path.join(dataDir, 'unused') });
      await expect(starting).rejects.toBeInstanceOf(JavaRuntimeMissingError);
      await expect(starting).rejects.toThrow('install a Java 17 runtime: apt-get install -y openjdk-17-jre-headless');
    } finally {
      process.env['PATH'] = saved.path;
      if (saved.javaHome !== undefined) process.env['JAVA_HOME'] = saved.javaHome;
    }
  });
});
