/**
 * Reads the DynamoDB tables out of a synthesized CloudFormation template, so the local
 * stack creates exactly the tables the CDK app deploys. Pure: no AWS call, no I/O.
 *
 * Both `AWS::DynamoDB::Table` (the CDK's `Table`) and `AWS::DynamoDB::GlobalTable`
 * (`TableV2`) are read; their key schema, attributes, indexes and TTL have the same shape.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { LocalStackError } from '../local-stack-error.js';

/** A table as the template declares it, ready for CreateTable and UpdateTimeToLive. */
export interface TemplateTable {
  /** The resource's logical id in the template. */
  readonly logicalId: string;
  /** `TableName` when the template gives it literally, else the logical id. */
  readonly tableName: string;
  readonly createTableInput: CreateTableCommandInput;
  /** The TTL attribute when the template enables TTL, else undefined. */
  readonly timeToLiveAttribute: string | undefined;
}

/** The template declares a table in a way this reader cannot turn into a CreateTable call. */
export class TemplateTableError extends LocalStackError {
  override readonly name = 'TemplateTableError';

  constructor(
    message: string,
    /** Logical id of the offending resource. */
    readonly logicalId: string,
    /** Property path inside that resource, e.g. `GlobalSecondaryIndexes.0.KeySchema`. */
    readonly property: string,
  ) {
    super(`${logicalId}.${property}: ${message}`);
  }
}

const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);
const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every DynamoDB table of a synthesized template, in template order.
 * @throws TemplateTableError when a key schema, attribute or index is not a literal.
 */
export function readTemplateTables(template: unknown): TemplateTable[] {
  const resources = isObject(template) && isObject(template['Resources']) ? template['Resources'] : {};
  const tables: TemplateTable[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource['Type'] !== 'string' || !TABLE_TYPES.has(resource['Type'])) continue;
    const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
    tables.push(readTable(logicalId, properties));
  }
  return tables;
}

function readTable(logicalId: string, properties: Json): TemplateTable {
  const read = new PropertyReader(logicalId);
  // A generated name is an intrinsic (or absent): the logical id is stable and readable.
  const tableName = typeof properties['TableName'] === 'string' ? properties['TableName'] : logicalId;
  const billingMode = properties['BillingMode'] === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST';
  const provisioned = billingMode === 'PROVISIONED';

  const input: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: read.keySchema(properties['KeySchema'], 'KeySchema'),
    AttributeDefinitions: read.attributeDefinitions(properties['AttributeDefinitions']),
    BillingMode: billingMode,
  };
  if (provisioned) input.ProvisionedThroughput = read.throughput(properties['ProvisionedThroughput'], 'ProvisionedThroughput');

  const globalIndexes = read.list(properties['GlobalSecondaryIndexes'], 'GlobalSecondaryIndexes');
  if (globalIndexes.length > 0) {
    input.GlobalSecondaryIndexes = globalIndexes.map((index, i) => {
      const path = `GlobalSecondaryIndexes.${i}`;
      return {
        IndexName: read.string(index['IndexName'], `${path}.IndexName`),
        KeySchema: read.keySchema(index['KeySchema'], `${path}.KeySchema`),
        Projection: read.projection(index['Projection'], `${path}.Projection`),
        ...(provisioned ? { ProvisionedThroughput: read.throughput(index['ProvisionedThroughput'], `${path}.ProvisionedThroughput`) } : {}),
      };
    });
  }

  const localIndexes = read.list(properties['LocalSecondaryIndexes'], 'LocalSecondaryIndexes');
  if (localIndexes.length > 0) {
    input.LocalSecondaryIndexes = localIndexes.map((index, i) => {
      const path = `LocalSecondaryIndexes.${i}`;
      return {
        IndexName: read.string(index['IndexName'], `${path}.IndexName`),
        KeySchema: read.keySchema(index['KeySchema'], `${path}.KeySchema`),
        Projection: read.projection(index['Projection'], `${path}.Projection`),
      };
    });
  }

  const stream = properties['StreamSpecification'];
  if (isObject(stream) && stream['StreamViewType'] !== undefined) {
    const viewType = STREAM_VIEW_TYPES.find((type) => type === stream['StreamViewType']);
    if (!viewType) read.fail('StreamSpecification.StreamViewType', `expected one of ${STREAM_VIEW_TYPES.join(', ')}`);
    input.StreamSpecification = { StreamEnabled: true, StreamViewType: viewType };
  }

  const ttl = properties['TimeToLiveSpecification'];
  const timeToLiveAttribute =
    isObject(ttl) && ttl['Enabled'] === true && typeof ttl['AttributeName'] === 'string' ? ttl['AttributeName'] : undefined;

  return { logicalId, tableName, createTableInput: input, timeToLiveAttribute };
}

/** Reads literal values out of one resource, naming the property when one is not literal. */
class PropertyReader {
  constructor(private readonly logicalId: string) {}

  fail(property: string, message: string): never {
    throw new TemplateTableError(message, this.logicalId, property);
  }

  string(value: unknown, property: string): string {
    if (typeof value !== 'string') this.fail(property, 'expected a literal string');
    return value;
  }

  list(value: unknown, property: string): Json[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(property, 'expected a literal list');
    return value.map((item, i) => (isObject(item) ? item : this.fail(`${property}.${i}`, 'expected an object')));
  }

  keySchema(value: unknown, property: string): { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[] {
    const elements = this.list(value, property);
    if (elements.length === 0) this.fail(property, 'a key schema needs a HASH key');
    return elements.map((element, i) => {
      const keyType = element['KeyType'];
      if (keyType !== 'HASH' && keyType !== 'RANGE') this.fail(`${property}.${i}.KeyType`, 'expected HASH or RANGE');
      return { AttributeName: this.string(element['AttributeName'], `${property}.${i}.AttributeName`), KeyType: keyType };
    });
  }

  attributeDefinitions(value: unknown): { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[] {
    return this.list(value, 'AttributeDefinitions').map((definition, i) => {
      const type = definition['AttributeType'];
      if (type !== 'S' && type !== 'N' && type !== 'B') this.fail(`AttributeDefinitions.${i}.AttributeType`, 'expected S, N or B');
      return { AttributeName: this.string(definition['AttributeName'], `AttributeDefinitions.${i}.AttributeName`), AttributeType: type };
    });
  }

  projection(value: unknown, property: string): { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] } {
    if (!isObject(value)) return { ProjectionType: 'ALL' };
    const type = value['ProjectionType'] ?? 'ALL';
    if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') this.fail(`${property}.ProjectionType`, 'expected ALL, KEYS_ONLY or INCLUDE');
    const nonKey = value['NonKeyAttributes'];
    if (nonKey === undefined) return { ProjectionType: type };
    if (!Array.isArray(nonKey)) this.fail(`${property}.NonKeyAttributes`, 'expected a literal list');
    return {
      ProjectionType: type,
      NonKeyAttributes: nonKey.map((name, i) => this.string(name, `${property}.NonKeyAttributes.${i}`)),
    };
  }

  throughput(value: unknown, property: string): { ReadCapacityUnits: number; WriteCapacityUnits: number } {
    // Local capacity is not metered; the numbers only have to be valid.
    const units = (field: string): number => {
      const raw = isObject(value) ? value[field] : undefined;
      const parsed = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : 5;
      return Number.isFinite(parsed) && parsed > 0 ? parsed : this.fail(`${property}.${field}`, 'expected a positive number');
    };
    return { ReadCapacityUnits: units('ReadCapacityUnits'), WriteCapacityUnits: units('WriteCapacityUnits') };
  }
}
