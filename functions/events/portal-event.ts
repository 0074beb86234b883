/**
 * One event of a committed change: its detail parsed through its detail-type's schema (a field
 * the schema does not name is dropped, so no personal data can ride along), and its `eventId`
 * derived from the audit entry that recorded the change. Every delivery of the change carries
 * the same id, which is what a consumer drops repeats by (docs/events.md, "Delivery").
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import { PORTAL_EVENTS, type PortalEvent, type PortalEventDetail, type PortalEventType } from './event-schemas.js';

/** Where an event points in the trail: the audit entry that recorded its change. */
export interface AuditReference {
  readonly chain: 'request' | 'grant';
  readonly seq: number;
  readonly hash: string;
}

/** A detail before its id is derived. */
export type DetailWithoutId<Type extends PortalEventType> = Omit<PortalEventDetail<Type>, 'eventId'>;

/** The event of detail-type `type`, its detail checked against (and reduced to) its schema. */
export function portalEvent<Type extends PortalEventType>(type: Type, detail: DetailWithoutId<Type>): PortalEvent {
  const spec = PORTAL_EVENTS[type];
  const parsed = spec.detail.parse({ ...detail, eventId: eventIdOf(type, detail) }) as PortalEventDetail<Type>;
  return { source: spec.source, detailType: type, time: parsed.at, detail: parsed } as PortalEvent;
}

/**
 * The id of one event of a change: a hash of its detail-type, its subject (the grant, else the
 * request), the status it reports and the audit entry of the change. Stable across deliveries;
 * two events of one change differ by type or subject.
 */
export function eventIdOf(type: PortalEventType, detail: Record<string, unknown> & { readonly audit: AuditReference }): string {
  const subject = typeof detail.grantId === 'string' ? detail.grantId : detail.requestId;
  const status = detail.to ?? detail.status;
  const identity = canonicalJson({ type, subject, status, audit: { chain: detail.audit.chain, seq: detail.audit.seq, hash: detail.audit.hash } });
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
