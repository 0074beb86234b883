import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, BillingMode, Table, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { readTemplateTables, TemplateTableError } from '../../../local/services/template-tables.js';
import { requestsTableResource } from './requests-table-resource.js';

const requestsTable = requestsTableResource();

describe('readTemplateTables', () => {
  it('reads keys, attributes, indexes, billing and TTL of a table with a generated name', () => {
    // Prepare
    const template = { Resources: { RequestsTable1234: requestsTable, Bucket: { Type: 'AWS::S3::Bucket' } } };

    // Act
    const tables = readTemplateTables(template);

    // Assess
    expect(tables).toEqual([
      {
        logicalId: 'RequestsTable1234',
        tableName: 'RequestsTable1234',
        timeToLiveAttribute: 'ttl',
        createTableInput: {
          TableName: 'RequestsTable1234',
          KeySchema: requestsTable.Properties.KeySchema,
          AttributeDefinitions: requestsTable.Properties.AttributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
          GlobalSecondaryIndexes: [
            { IndexName: 'gsi1', KeySchema: requestsTable.Properties.GlobalSecondaryIndexes[0]?.KeySchema, Projection: { ProjectionType: 'ALL' } },
          ],
        },
      },
    ]);
  });

  it('uses a literal TableName, but the logical id when the name is an intrinsic', () => {
    const template = {
      Resources: {
        Named: { Type: 'AWS::DynamoDB::Table', Properties: { ...requestsTable.Properties, TableName: 'requests' } },
        Joined: { Type: 'AWS::DynamoDB::Table', Properties: { ...requestsTable.Properties, TableName: { 'Fn::Join': ['-', ['a', 'b']] } } },
      },
    };

    expect(readTemplateTables(template).map((t) => [t.logicalId, t.tableName])).toEqual([
      ['Named', 'requests'],
      ['Joined', 'Joined'],
    ]);
  });

  it('gives provisioned tables and their indexes a throughput, and leaves TTL off when disabled', () => {
    const template = {
      Resources: {
        T: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            ...requestsTable.Properties,
            BillingMode: 'PROVISIONED',
            ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
            TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false },
          },
        },
      },
    };

    const [table] = readTemplateTables(template);

    expect(table?.createTableInput.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 2, WriteCapacityUnits: 3 });
    expect(table?.createTableInput.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    expect(table?.timeToLiveAttribute).toBeUndefined();
  });

  it('names the resource and property it cannot read', () => {
    const template = {
      Resources: { Broken: { Type: 'AWS::DynamoDB::Table', Properties: { ...requestsTable.Properties, KeySchema: { Ref: 'Nope' } } } },
    };

    expect(() => readTemplateTables(template)).toThrow(TemplateTableError);
    expect(() => readTemplateTables(template)).toThrow(/^Broken\.KeySchema: /);
  });

  it('reads what the CDK synthesizes for Table and TableV2', () => {
    // Prepare
    const stack = new Stack(new App(), 'Tables');
    const table = new Table(stack, 'Requests', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
    new TableV2(stack, 'Links', { partitionKey: { name: 'pk', type: AttributeType.STRING }, timeToLiveAttribute: 'expiresAt' });

    // Act
    const tables = readTemplateTables(Template.fromStack(stack).toJSON());

    // Assess
    expect(tables.map((t) => [t.logicalId.replace(/[0-9A-F]{8}$/, ''), t.timeToLiveAttribute])).toEqual([
      ['Requests', 'ttl'],
      ['Links', 'expiresAt'],
    ]);
    expect(tables[0]?.createTableInput.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['gsi1']);
    expect(tables[1]?.createTableInput.BillingMode).toBe('PAY_PER_REQUEST');
  });
});
