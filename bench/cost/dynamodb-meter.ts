/**
 * Counts DynamoDB's request units as AWS would bill them, from the calls the functions make
 * (seen on the wire by the local stack's proxy) and the items themselves: a write costs the
 * larger of the item before and after it (read straight from DynamoDB Local around the call),
 * twice in a transaction, plus each global secondary index entry it puts, changes or deletes;
 * a read costs the bytes it returns, in 4 KB steps, halved when eventually consistent.
 * Approximations, said once: a write whose condition fails is billed as if it wrote; a
 * filtered Query is billed for what it evaluated by scaling its returned bytes by
 * ScannedCount / Count; index writes of a transaction are counted once (standard writes).
 */
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { WireExchange, WireMeter } from '../../local/services/fault-proxy.js';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../local/services/local-aws-client-config.js';
import { indexWriteUnits, itemSize, readUnits, writeUnits, type IndexShape, type ReadConsistency, type WireItem } from './dynamodb-units.js';

export interface DynamoDbUsage {
  /** Write request units (a transactional write counts two per KB). */
  writeUnits: number;
  /** Read request units. */
  readUnits: number;
  /** Calls by operation, e.g. `{ TransactWriteItems: 14 }`. */
  calls: Record<string, number>;
  /** The bytes of the largest item written. */
  largestItemBytes: number;
  /** Write units by kind of item (its key with the ids taken out, e.g. `REQUEST#/REQUEST`), index writes under `<index>:`. */
  writeUnitsByItem: Record<string, number>;
  /** Every write, in order: where the units above come from (`npm run cost -- --writes` prints them). */
  writes: WriteRecord[];
}

/** One write of an item as billed: its call, its kind of item, the item's size before and after, its units and its index entries' units. */
export interface WriteRecord {
  readonly operation: string;
  readonly write: PlannedWrite['kind'];
  readonly item: string;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  readonly units: number;
  readonly indexUnits: Readonly<Record<string, number>>;
}

interface TableShape {
  readonly keys: readonly string[];
  readonly indexes: readonly IndexShape[];
}

/** One write inside a call: its table, its key, and whether it is transactional. */
interface PlannedWrite {
  readonly table: string;
  readonly key: WireItem;
  readonly transactional: boolean;
  readonly kind: 'put' | 'update' | 'delete' | 'check';
}

export class DynamoDbMeter implements WireMeter {
  readonly usage: DynamoDbUsage = { writeUnits: 0, readUnits: 0, calls: {}, largestItemBytes: 0, writeUnitsByItem: {}, writes: [] };
  private readonly client: DynamoDBClient;
  private readonly tables = new Map<string, Promise<TableShape>>();

  /** `endpoint`: DynamoDB Local itself, not the proxy (the meter's own reads are not billed). */
  constructor(endpoint: string) {
    this.client = new DynamoDBClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint });
  }

  reset(): void {
    Object.assign(this.usage, { writeUnits: 0, readUnits: 0, calls: {}, largestItemBytes: 0, writeUnitsByItem: {}, writes: [] });
  }

  async beforeForward(exchange: WireExchange): Promise<unknown> {
    const writes = await this.plannedWrites(exchange);
    return Promise.all(writes.map(async (write) => ({ write, before: await this.read(write.table, write.key) })));
  }

  async answered(exchange: WireExchange, answer: { status: number; body: Buffer }, before: unknown): Promise<void> {
    const operation = exchange.operation;
    this.usage.calls[operation] = (this.usage.calls[operation] ?? 0) + 1;
    const request = parse(exchange.body);
    const response = parse(answer.body);
    const planned = (before ?? []) as { write: PlannedWrite; before: WireItem | undefined }[];
    for (const { write, before: old } of planned) {
      const table = await this.table(write.table);
      const after = write.kind === 'check' ? old : await this.read(write.table, write.key);
      const bytesBefore = itemSize(old);
      const bytesAfter = itemSize(after);
      const bytes = Math.max(bytesBefore, bytesAfter);
      this.usage.largestItemBytes = Math.max(this.usage.largestItemBytes, bytesAfter);
      const kind = itemKind(write.key);
      const units = writeUnits(bytes) * (write.transactional ? 2 : 1);
      this.add(kind, units);
      const indexUnits: Record<string, number> = {};
      if (write.kind !== 'check' && answer.status < 400) {
        for (const index of table.indexes) {
          indexUnits[index.name] = indexWriteUnits(old, after, index, table.keys);
          this.add(`${index.name}:${kind}`, indexUnits[index.name]!);
        }
      }
      this.usage.writes.push({ operation, write: write.kind, item: kind, bytesBefore, bytesAfter, units, indexUnits });
    }
    if (answer.status >= 400) return;
    this.usage.readUnits += readUnitsOf(operation, request, response);
  }

  private add(kind: string, units: number): void {
    if (units === 0) return;
    this.usage.writeUnits += units;
    this.usage.writeUnitsByItem[kind] = (this.usage.writeUnitsByItem[kind] ?? 0) + units;
  }

  private async plannedWrites(exchange: WireExchange): Promise<PlannedWrite[]> {
    const request = parse(exchange.body);
    const table = String(request.TableName ?? '');
    switch (exchange.operation) {
      case 'PutItem':
        return [{ table, key: await this.keyOf(table, request.Item as WireItem), transactional: false, kind: 'put' }];
      case 'UpdateItem':
        return [{ table, key: request.Key as WireItem, transactional: false, kind: 'update' }];
      case 'DeleteItem':
        return [{ table, key: request.Key as WireItem, transactional: false, kind: 'delete' }];
      case 'BatchWriteItem': {
        const writes: PlannedWrite[] = [];
        for (const [name, entries] of Object.entries((request.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: WireItem }; DeleteRequest?: { Key: WireItem } }[]>)) {
          for (const entry of entries) {
            if (entry.PutRequest) writes.push({ table: name, key: await this.keyOf(name, entry.PutRequest.Item), transactional: false, kind: 'put' });
            if (entry.DeleteRequest) writes.push({ table: name, key: entry.DeleteRequest.Key, transactional: false, kind: 'delete' });
          }
        }
        return writes;
      }
      case 'TransactWriteItems': {
        const writes: PlannedWrite[] = [];
        for (const entry of (request.TransactItems ?? []) as Record<string, { TableName: string; Item?: WireItem; Key?: WireItem }>[]) {
          const [kind, body] = Object.entries(entry)[0] ?? [];
          if (!body) continue;
          const key = body.Key ?? (await this.keyOf(body.TableName, body.Item ?? {}));
          const planned = { Put: 'put', Update: 'update', Delete: 'delete', ConditionCheck: 'check' } as const;
          writes.push({ table: body.TableName, key, transactional: true, kind: planned[kind as keyof typeof planned] });
        }
        return writes;
      }
      default:
        return [];
    }
  }

  private async keyOf(table: string, item: WireItem): Promise<WireItem> {
    const { keys } = await this.table(table);
    return Object.fromEntries(keys.map((key) => [key, item[key]!]));
  }

  private async read(table: string, key: WireItem): Promise<WireItem | undefined> {
    const answer = await this.client.send(new GetItemCommand({ TableName: table, Key: key as Record<string, AttributeValue>, ConsistentRead: true }));
    return answer.Item as WireItem | undefined;
  }

  private table(name: string): Promise<TableShape> {
    let shape = this.tables.get(name);
    if (!shape) {
      shape = this.client.send(new DescribeTableCommand({ TableName: name })).then(({ Table }) => ({
        keys: (Table?.KeySchema ?? []).map((key) => key.AttributeName ?? ''),
        indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
          name: index.IndexName ?? '',
          keys: (index.KeySchema ?? []).map((key) => key.AttributeName ?? ''),
          projection: (index.Projection?.ProjectionType ?? 'ALL') as IndexShape['projection'],
          included: index.Projection?.NonKeyAttributes ?? [],
        })),
      }));
      this.tables.set(name, shape);
    }
    return shape;
  }
}

/** `{pk: REQUEST#req_…, sk: GRANT#gr_…}` → `REQUEST#/GRANT#`: the kind of item, its ids taken out. */
function itemKind(key: WireItem): string {
  return Object.values(key)
    .map((value) => ('S' in value ? value.S.replace(/[^#]+$/, '').replace(/#[^#]*#$/, '#') || value.S : '?'))
    .join('/');
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The read units a successful call consumed, from the items it returned. */
function readUnitsOf(operation: string, request: Record<string, unknown>, response: Record<string, unknown>): number {
  const consistency: ReadConsistency = request.ConsistentRead === true ? 'strong' : 'eventual';
  switch (operation) {
    case 'GetItem':
      return readUnits(itemSize(response.Item as WireItem | undefined), consistency);
    case 'Query':
    case 'Scan': {
      const items = (response.Items ?? []) as WireItem[];
      const returned = items.reduce((sum, item) => sum + itemSize(item), 0);
      const count = Number(response.Count ?? items.length);
      const scanned = Number(response.ScannedCount ?? count);
      // A filter drops items after they were read: bill what was evaluated.
      const evaluated = count > 0 ? (returned * scanned) / count : scanned > 0 ? scanned * 100 : 0;
      return readUnits(evaluated, consistency);
    }
    case 'BatchGetItem': {
      let units = 0;
      const asked = (request.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>;
      for (const [table, items] of Object.entries((response.Responses ?? {}) as Record<string, WireItem[]>)) {
        for (const item of items) units += readUnits(itemSize(item), asked[table]?.ConsistentRead ? 'strong' : 'eventual');
      }
      return units;
    }
    case 'TransactGetItems':
      return ((response.Responses ?? []) as { Item?: WireItem }[]).reduce((sum, entry) => sum + readUnits(itemSize(entry.Item), 'transactional'), 0);
    default:
      return 0;
  }
}
