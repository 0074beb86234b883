/**
 * DynamoDB's billing arithmetic, by AWS's published rules, on the wire format of its API
 * (AttributeValue JSON: `{"S": …}`, `{"M": {…}}`, …). `npm run cost` computes what each call
 * would bill from the items themselves, because DynamoDB Local's ReturnConsumedCapacity
 * misreports transactions.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */

/** An attribute value as DynamoDB's JSON protocol writes it. */
export type WireValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly M: WireItem }
  | { readonly L: readonly WireValue[] }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] };

export type WireItem = Readonly<Record<string, WireValue>>;

/** One write request unit covers 1 KB; one read request unit 4 KB (strongly consistent). */
export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A number's size: about one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text.replace(/^[-+]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The size of a value without its name. */
export function valueSize(value: WireValue): number {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, entry) => sum + utf8(entry), 0);
  if ('NS' in value) return value.NS.reduce((sum, entry) => sum + numberSize(entry), 0);
  if ('BS' in value) return value.BS.reduce((sum, entry) => sum + Buffer.from(entry, 'base64').length, 0);
  // A List or a Map: 3 bytes of overhead, and 1 byte per element.
  if ('L' in value) return 3 + value.L.reduce((sum, element) => sum + valueSize(element) + 1, 0);
  return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + utf8(name) + valueSize(element) + 1, 0);
}

/** An item's size: each attribute's name (UTF-8 bytes) and value. */
export function itemSize(item: WireItem | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** Write request units of one write of an item whose larger size (before or after) is `bytes`; at least one. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

export type ReadConsistency = 'eventual' | 'strong' | 'transactional';

/** Read request units of `bytes` read at once (one item, or a Query's whole page); at least one 4 KB step. */
export function readUnits(bytes: number, consistency: ReadConsistency): number {
  const steps = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return consistency === 'eventual' ? steps / 2 : consistency === 'strong' ? steps : steps * 2;
}

/** A global secondary index as DescribeTable gives it. */
export interface IndexShape {
  readonly name: string;
  readonly keys: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly included?: readonly string[];
}

/** The item's entry in `index`, or undefined when the item lacks one of the index's keys (a sparse index). */
function indexEntry(item: WireItem | undefined, index: IndexShape, tableKeys: readonly string[]): WireItem | undefined {
  if (!item || !index.keys.every((key) => key in item)) return undefined;
  if (index.projection === 'ALL') return item;
  const kept = new Set([...tableKeys, ...index.keys, ...(index.projection === 'INCLUDE' ? (index.included ?? []) : [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

/**
 * Write units one table write costs an index: a new entry is a put, a removed one a delete, a
 * changed key both, a changed projection one write, an unchanged entry nothing.
 */
export function indexWriteUnits(before: WireItem | undefined, after: WireItem | undefined, index: IndexShape, tableKeys: readonly string[]): number {
  const old = indexEntry(before, index, tableKeys);
  const next = indexEntry(after, index, tableKeys);
  if (!old && !next) return 0;
  if (!old) return writeUnits(itemSize(next));
  if (!next) return writeUnits(itemSize(old));
  const keyOf = (entry: WireItem) => JSON.stringify(index.keys.map((key) => entry[key]));
  if (keyOf(old) !== keyOf(next)) return writeUnits(itemSize(old)) + writeUnits(itemSize(next));
  if (JSON.stringify(sorted(old)) === JSON.stringify(sorted(next))) return 0;
  return writeUnits(Math.max(itemSize(old), itemSize(next)));
}

function sorted(item: WireItem): [string, WireValue][] {
  return Object.entries(item).sort(([a], [b]) => a.localeCompare(b));
}
