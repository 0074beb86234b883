/**
 * The events one committed change of a request publishes (docs/events.md): the request filed,
 * its status moved, and the grants its change created (CreateGrants) or withdrew (a cancel
 * withdraws the pending ones). Pure: built by changeRequest from what the change commits, and
 * written in the same transaction (functions/adapters/request-store.ts). Only ids, statuses,
 * grant terms and the audit entry are read: a request's personal data is never looked at, even
 * when the whole stored request is handed in.
 */
import type { AuditEntry, AuditEvent } from '../domain/audit-event.js';
import type { RequestStatus } from '../domain/request-status.js';
import type { PortalEvent } from './event-schemas.js';
import { portalEvent, type AuditReference } from './portal-event.js';

/** What the events read of a request (a stored request fits). */
export interface RequestFacts {
  readonly id: string;
  readonly brokerId: string;
  readonly clientRef: string;
  readonly status: RequestStatus;
  /** The request chain's head: what an event points at when its change wrote no entry. */
  readonly auditSeq: number;
  readonly auditHead: string;
}

/** The one event of a request just filed, pointing at its `submitted` entry. */
export function requestSubmittedEvents(request: RequestFacts, entry: AuditEntry): PortalEvent[] {
  return [portalEvent('Request Submitted', { ...changeIds(request, entry.at, requestChainPoint(entry)), status: 'SUBMITTED' })];
}

/**
 * The events of one committed change of a request, in this order: its status change (when
 * the status moved), then one event per grant the change created or withdrew.
 */
export function requestChangeEvents(change: {
  readonly before: RequestFacts;
  readonly after: RequestFacts;
  /** The change's audit entry; absent for a bookkeeping change. */
  readonly entry: AuditEntry | undefined;
  /** When the change was committed. */
  readonly at: string;
}): PortalEvent[] {
  const { before, after, entry } = change;
  const audit: AuditReference = entry ? requestChainPoint(entry) : { chain: 'request', seq: after.auditSeq, hash: after.auditHead };
  const ids = changeIds(after, entry?.at ?? change.at, audit);
  const events: PortalEvent[] = [];
  if (before.status !== after.status) events.push(portalEvent('Request Status Changed', { ...ids, from: before.status, to: after.status }));
  if (!entry) return events;
  const recorded = { type: entry.type, details: entry.details } as AuditEvent;
  if (recorded.type === 'grantsCreated') {
    for (const terms of recorded.details.grants ?? []) {
      events.push(portalEvent('Grant Created', { ...ids, grantId: terms.grantId, status: 'pending', relation: terms.relation, scope: terms.scope }));
    }
  } else if (recorded.type === 'cancelled') {
    for (const grantId of recorded.details.withdrawnGrantIds) {
      events.push(portalEvent('Grant Revoked', { ...ids, grantId, from: 'pending', to: 'revoked', cause: 'requestCancelled' }));
    }
  }
  return events;
}

function requestChainPoint(entry: AuditEntry): AuditReference {
  return { chain: 'request', seq: entry.seq, hash: entry.hash };
}

function changeIds(request: RequestFacts, at: string, audit: AuditReference) {
  return { requestId: request.id, brokerId: request.brokerId, clientRef: request.clientRef, at, audit };
}
