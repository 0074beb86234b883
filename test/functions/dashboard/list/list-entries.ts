/**
 * Request-list entries as `brokerRequestList` (functions/adapters/request-store.ts) reads them,
 * for the list's unit tests: one builder per state of a request, each changed by `overrides`.
 */
import type { RequestListEntry, RequestListGrant } from '../../../../functions/adapters/request-store.js';

/** The "now" of the list's unit tests: 28 November 2026, 10:00 in Brussels. */
export const NOW = new Date('2026-11-28T09:00:00.000Z');

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** `days` (may be fractional or negative) from {@link NOW}, as stored. */
export function at(days: number): string {
  return new Date(NOW.getTime() + days * DAY).toISOString();
}

let counter = 0;

/** A natural-person client's request waiting for his signature (R1), asked two days ago, ending in 12 days. */
export function awaitingSignature(overrides: Partial<RequestListEntry> = {}): RequestListEntry {
  counter++;
  return {
    id: `req_${String(counter).padStart(20, '0')}`,
    brokerId: 'broker-a',
    clientRef: `C-${1000 + counter}`,
    status: 'AWAITING_SIGNATURE',
    createdAt: at(-2),
    updatedAt: at(-2),
    request: {
      client: { type: 'natural', person: { firstName: 'Jan', lastName: 'Peeters' } },
      requester: { firstName: 'Jan', lastName: 'Peeters' },
    },
    waits: { requester: { round: 1, since: at(-2), deadline: at(12) } },
    ...overrides,
  };
}

/** A company's request waiting for its legal representative (R6). */
export function awaitingRepresentative(overrides: Partial<RequestListEntry> = {}): RequestListEntry {
  return awaitingSignature({
    status: 'AWAITING_LEGAL_REPRESENTATIVE',
    request: {
      client: { type: 'legal', name: 'Bakkerij Peeters BV', legalRepresentative: { firstName: 'Elif', lastName: 'Şahin' } },
      requester: { firstName: 'Łukasz', lastName: 'Wiśniewski' },
    },
    waits: { requester: { round: 1, since: at(-5), deadline: at(9), answeredAt: at(-3) }, legalRepresentative: { round: 1, since: at(-1), deadline: at(13) } },
    ...overrides,
  });
}

/** A scan waiting for the broker's review (R3, R9). */
export function awaitingReview(overrides: Partial<RequestListEntry> = {}): RequestListEntry {
  return awaitingSignature({
    status: 'AWAITING_REVIEW',
    waits: { requester: { round: 1, since: at(-4), deadline: at(10), answeredAt: at(-1) }, review: { role: 'requester', since: at(-1) } },
    ...overrides,
  });
}

/** A grant of an activation wait (R7). */
export function grant(overrides: Partial<RequestListGrant> = {}): RequestListGrant {
  counter++;
  return { grantId: `g_${String(counter).padStart(16, '0')}`, requestId: '', name: 'Jan Peeters', status: 'pending', wait: { round: 1, since: at(-1), deadline: at(13) }, ...overrides };
}

/** A request whose grantees activate (R7): `grants` as given. */
export function awaitingActivation(grants: readonly RequestListGrant[], overrides: Partial<RequestListEntry> = {}): RequestListEntry {
  const entry = awaitingSignature({ status: 'AWAITING_ACTIVATION', waits: { requester: { round: 1, since: at(-6), deadline: at(8), answeredAt: at(-2) } }, ...overrides });
  return { ...entry, grantIds: grants.map((one) => one.grantId), grants: grants.map((one) => ({ ...one, requestId: entry.id })) };
}

/** A request that ended with `status`. */
export function ended(status: 'COMPLETED' | 'CANCELLED' | 'EXPIRED' | 'DECLINED' | 'FAILED', overrides: Partial<RequestListEntry> = {}): RequestListEntry {
  return awaitingSignature({ status, outcome: { at: at(-1) }, updatedAt: at(-1), ...overrides });
}

/** A request whose personal data was erased: ids and statuses only. */
export function erased(overrides: Partial<RequestListEntry> = {}): RequestListEntry {
  const { request: _request, waits: _waits, ...rest } = ended('COMPLETED');
  return { ...rest, erasedAt: at(-0.5), ...overrides };
}

/** A natural-person client named `firstName lastName` (as the request gives him). */
export function clientNamed(firstName: string, lastName: string): Pick<RequestListEntry, 'request'> {
  return { request: { client: { type: 'natural', person: { firstName, lastName } }, requester: { firstName, lastName } } };
}
