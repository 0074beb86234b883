/**
 * The events the product publishes on its own EventBridge bus for the broker's management
 * package: one `detail-type` per kind of change, each with the zod schema of its `detail`.
 * docs/events.md and docs/events.json are rendered from these schemas (`npm run event-schemas`),
 * and the builders (request-events.ts, grant-events.ts) parse every detail through them, so an
 * event cannot carry a field its schema does not name.
 *
 * A detail carries ids, statuses, times and the audit entry that recorded the change — never
 * personal data (no names, e-mail addresses, birth dates, addresses, reasons): the rule of the
 * audit trail (functions/domain/audit-event.ts), which the events point at.
 */
import * as z from 'zod/mini';
import { grantTermsSchema } from '../domain/audit-event.js';
import { REQUEST_STATUSES } from '../domain/request-status.js';

/** `source` of the events about a request. */
export const REQUEST_EVENT_SOURCE = 'portal-access.requests';
/** `source` of the events about a grant. */
export const GRANT_EVENT_SOURCE = 'portal-access.grants';
/** Every `source` the product publishes under. */
export const PORTAL_EVENT_SOURCES = [REQUEST_EVENT_SOURCE, GRANT_EVENT_SOURCE] as const;

/** An event's own id: the same for every delivery of one change, so a consumer drops repeats by it. */
export const EVENT_ID_PATTERN = /^[0-9a-f]{32}$/;

const auditReference = z
  .object({
    chain: z.enum(['request', 'grant']).check(z.describe("request: the request's own chain; grant: the grant's own chain (its entries carry the grantId)")),
    seq: z.number().check(z.int(), z.positive()),
    hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  })
  .check(z.describe('The audit entry that recorded the change, as `GET /v1/requests/{id}` shows it in `history` (seq and hash of its chain)'));

const changeFields = {
  eventId: z.string().check(z.regex(EVENT_ID_PATTERN), z.describe('The same for every delivery of this change: drop an event whose eventId you have seen')),
  requestId: z.string(),
  brokerId: z.string(),
  clientRef: z.string().check(z.describe("The broker's reference of the client")),
  at: z
    .string()
    .check(
      z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      z.meta({ format: 'date-time', description: 'When the change was committed: ISO 8601, UTC, milliseconds' }),
    ),
  audit: auditReference,
};

const requestStatus = z.enum(REQUEST_STATUSES);
const grantFields = { ...changeFields, grantId: z.string() };

/** `Request Submitted`: a broker filed a request (`POST /v1/requests`). */
const requestSubmittedDetail = z.object({ ...changeFields, status: z.literal('SUBMITTED') });

/** `Request Status Changed`: the request moved from one status to another. */
const requestStatusChangedDetail = z.object({ ...changeFields, from: requestStatus, to: requestStatus });

/** `Grant Created`: the signed form gave a grantee a pending grant (R4, R7). */
const grantCreatedDetail = z.object({
  ...grantFields,
  status: z.literal('pending'),
  relation: grantTermsSchema.shape.relation,
  scope: grantTermsSchema.shape.scope.check(z.describe('What the grant covers once active: all contracts of the client, or the listed refs (R4)')),
});

/** `Grant Activated`: the grantee activated his grant from his e-mail (R7). */
const grantActivatedDetail = z.object({ ...grantFields, from: z.literal('pending'), to: z.literal('active') });

/** `Grant Revoked`: the grant ended before its time. */
const grantRevokedDetail = z.object({
  ...grantFields,
  from: z.enum(['pending', 'active']),
  to: z.literal('revoked'),
  cause: z
    .enum(['revoked', 'requestCancelled'])
    .check(z.describe('revoked: the broker revoked the grant (POST /v1/grants/{grantId}/revoke); requestCancelled: the broker cancelled the request before it was activated')),
});

/** `Grant Expired`: the grantee never activated within the activation rounds (R7). */
const grantExpiredDetail = z.object({ ...grantFields, from: z.literal('pending'), to: z.literal('expired') });

/** Every detail-type: its source, the schema of its detail, and when it is published. */
export const PORTAL_EVENTS = {
  'Request Submitted': { source: REQUEST_EVENT_SOURCE, detail: requestSubmittedDetail, when: 'A broker filed a request.' },
  'Request Status Changed': {
    source: REQUEST_EVENT_SOURCE,
    detail: requestStatusChangedDetail,
    when: 'The request moved from one status to another (api-contract.md, "Status values").',
  },
  'Grant Created': { source: GRANT_EVENT_SOURCE, detail: grantCreatedDetail, when: 'The signed form gave a grantee a pending grant (one event per grantee).' },
  'Grant Activated': { source: GRANT_EVENT_SOURCE, detail: grantActivatedDetail, when: 'The grantee activated his grant.' },
  'Grant Revoked': {
    source: GRANT_EVENT_SOURCE,
    detail: grantRevokedDetail,
    when: 'The broker revoked the grant, or cancelled its request while it was pending.',
  },
  'Grant Expired': { source: GRANT_EVENT_SOURCE, detail: grantExpiredDetail, when: 'The grantee did not activate within the activation rounds.' },
} as const;

export type PortalEventType = keyof typeof PORTAL_EVENTS;

/** The detail-types, in the order a request's life meets them. */
export const PORTAL_EVENT_TYPES = Object.keys(PORTAL_EVENTS) as PortalEventType[];

/** The `detail` of one detail-type. */
export type PortalEventDetail<Type extends PortalEventType> = z.infer<(typeof PORTAL_EVENTS)[Type]['detail']>;

/** One event as the outbox keeps it and PutEvents sends it. */
export type PortalEvent = {
  [Type in PortalEventType]: {
    readonly source: (typeof PORTAL_EVENTS)[Type]['source'];
    readonly detailType: Type;
    /** ISO 8601, UTC: PutEvents' `Time`, the detail's `at`. */
    readonly time: string;
    readonly detail: PortalEventDetail<Type>;
  };
}[PortalEventType];

/** Whether `value` names one of the product's detail-types. */
export function isPortalEventType(value: string): value is PortalEventType {
  return Object.hasOwn(PORTAL_EVENTS, value);
}
