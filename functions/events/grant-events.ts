/**
 * The events one committed change of a grant publishes (docs/events.md): activated, revoked or
 * expired, one event when its status moved, pointing at the entry of the grant's own chain.
 * Pure: built by changeGrant from what the change commits, and written in the same transaction
 * (functions/adapters/grant-store.ts). The grantee's name and e-mail address, which the grant
 * item holds, are never read.
 */
import type { AuditEntry } from '../domain/audit-event.js';
import type { GrantStatus } from '../domain/request-status.js';
import { ProductError } from '../errors/product-error.js';
import type { PortalEvent } from './event-schemas.js';
import { portalEvent, type AuditReference } from './portal-event.js';

/** What the events read of a grant (a stored grant fits). */
export interface GrantFacts {
  readonly grantId: string;
  readonly requestId: string;
  readonly brokerId: string;
  readonly clientRef: string;
  readonly status: GrantStatus;
  /** The grant chain's head: what an event points at when its change wrote no entry. */
  readonly auditSeq: number;
  readonly auditHead: string;
}

/** The event of one committed change of a grant: none unless its status moved. */
export function grantChangeEvents(change: {
  readonly before: GrantFacts;
  readonly after: GrantFacts;
  /** The entry of the grant's own chain; absent for a bookkeeping change. */
  readonly entry: AuditEntry | undefined;
  /** When the change was committed. */
  readonly at: string;
}): PortalEvent[] {
  const { before, after, entry } = change;
  if (before.status === after.status) return [];
  const audit: AuditReference = { chain: 'grant', seq: entry?.seq ?? after.auditSeq, hash: entry?.hash ?? after.auditHead };
  const ids = { requestId: after.requestId, brokerId: after.brokerId, clientRef: after.clientRef, grantId: after.grantId, at: entry?.at ?? change.at, audit };
  const from = before.status;
  switch (after.status) {
    case 'active':
      if (from === 'pending') return [portalEvent('Grant Activated', { ...ids, from, to: 'active' })];
      break;
    case 'revoked':
      if (from === 'pending' || from === 'active') return [portalEvent('Grant Revoked', { ...ids, from, to: 'revoked', cause: 'revoked' })];
      break;
    case 'expired':
      if (from === 'pending') return [portalEvent('Grant Expired', { ...ids, from, to: 'expired' })];
      break;
    case 'pending':
      break;
  }
  throw new UnexpectedGrantTransition(`Grant ${after.grantId} cannot move from ${from} to ${after.status}`, { grantId: after.grantId, from, to: after.status });
}

/** A grant change moved its status in a way no event describes (a grant never returns to pending, nor leaves an ended status). */
export class UnexpectedGrantTransition extends ProductError<{ grantId: string; from: GrantStatus; to: GrantStatus }> {
  override readonly name = 'UnexpectedGrantTransition';
}
