/**
 * PutEvents as EventBridge answers it, without the wire: the request's entries checked (at most
 * ten, at most 256 KB in all, as EventBridge counts them), each entry accepted as an event or
 * refused with EventBridge's own per-entry code, the answer's `Entries` in the order sent. A
 * refused entry does not fail the call: `FailedEntryCount` says how many were. Pure: the id,
 * the clock and any injected refusal are passed in.
 */
import { isObject, type Json } from '../kms/json-object.js';
import { KmsApiError } from '../kms/kms-errors.js';

/** PutEvents' limits. */
const MAX_ENTRIES = 10;
const MAX_TOTAL_ENTRY_BYTES = 256 * 1024;

/** An event as a rule's target receives it. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601, whole seconds, as EventBridge writes it. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Json;
}

/** An accepted event and the bus it was put on. */
export interface PutEvent {
  readonly eventBusName: string;
  readonly event: BusEvent;
}

export type EntryAnswer = { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

export interface PutEventsContext {
  readonly account: string;
  readonly region: string;
  /** The buses that exist, by name. */
  readonly buses: ReadonlySet<string>;
  readonly now: Date;
  readonly newId: () => string;
  /** A refusal injected for this entry (a test's fault), or undefined. */
  readonly injectedRefusal: () => { readonly errorCode: string } | undefined;
}

/**
 * The answer to a PutEvents request, and the events it accepted.
 * @throws KmsApiError ValidationException for a request EventBridge refuses whole
 */
export function putEvents(request: Json, context: PutEventsContext): { answer: Json; accepted: PutEvent[] } {
  const entries = request['Entries'];
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new KmsApiError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
  }
  if (entries.reduce((total: number, entry) => total + entrySize(entry), 0) > MAX_TOTAL_ENTRY_BYTES) {
    throw new KmsApiError('ValidationException', 'Total size of the entries in the request is over the limit.');
  }
  const accepted: PutEvent[] = [];
  const answers = entries.map((entry): EntryAnswer => {
    const refusal = refusalOf(entry, context);
    if (refusal) return refusal;
    const injected = context.injectedRefusal();
    if (injected) return { ErrorCode: injected.errorCode, ErrorMessage: `Injected by the local stack: ${injected.errorCode}` };
    const put = acceptedEvent(entry as Json, context);
    accepted.push(put);
    return { EventId: put.event.id };
  });
  return { answer: { FailedEntryCount: answers.filter((answer) => 'ErrorCode' in answer).length, Entries: answers }, accepted };
}

/** The bus an entry names (a name or an ARN), `default` when it names none. */
export function busNameOf(entry: Json): string {
  const named = typeof entry['EventBusName'] === 'string' && entry['EventBusName'] !== '' ? entry['EventBusName'] : 'default';
  return named.startsWith('arn:') ? (named.split(':event-bus/')[1] ?? named) : named;
}

function refusalOf(entry: unknown, context: PutEventsContext): EntryAnswer | undefined {
  if (!isObject(entry)) return invalid('Entry', 'Entry must be an object.');
  for (const member of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[member] !== 'string' || entry[member] === '') return invalid(member, `${member} is a required argument.`);
  }
  if (String(entry['Source']).startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  if (!isJsonObjectText(String(entry['Detail']))) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const bus = busNameOf(entry);
  if (!context.buses.has(bus)) return { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${bus} does not exist.` };
  return undefined;
}

function invalid(member: string, reason: string): EntryAnswer {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${member} is not valid. Reason: ${reason}` };
}

function acceptedEvent(entry: Json, context: PutEventsContext): PutEvent {
  const time = typeof entry['Time'] === 'number' ? new Date(entry['Time'] * 1000) : context.now;
  return {
    eventBusName: busNameOf(entry),
    event: {
      version: '0',
      id: context.newId(),
      'detail-type': String(entry['DetailType']),
      source: String(entry['Source']),
      account: context.account,
      time: `${time.toISOString().slice(0, 19)}Z`,
      region: context.region,
      resources: Array.isArray(entry['Resources']) ? entry['Resources'].map(String) : [],
      detail: JSON.parse(String(entry['Detail'])) as Json,
    },
  };
}

function isJsonObjectText(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/** An entry's size as EventBridge counts it: its strings' UTF-8 bytes, and 14 for a Time. */
function entrySize(entry: unknown): number {
  if (!isObject(entry)) return 0;
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  const resources = Array.isArray(entry['Resources']) ? entry['Resources'].reduce((total: number, resource) => total + bytes(resource), 0) : 0;
  return (entry['Time'] === undefined ? 0 : 14) + bytes(entry['Source']) + bytes(entry['DetailType']) + bytes(entry['Detail']) + resources;
}
