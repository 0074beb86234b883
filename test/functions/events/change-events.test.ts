/**
 * The events a committed change publishes (functions/events/request-events.ts,
 * grant-events.ts): one detail-type per kind of change, ids and statuses only — never the
 * personal data the stored request and grant hold beside them.
 */
import { describe, expect, it } from 'vitest';
import type { Grant } from '../../../functions/adapters/grant-store.js';
import type { StoredRequest } from '../../../functions/adapters/request-store.js';
import { chainAuditEntry, GENESIS_HASH, grantChainGenesis, type AuditActor, type AuditEntry, type AuditEvent } from '../../../functions/domain/audit-event.js';
import { canonicalJson } from '../../../functions/domain/canonical-json.js';
import type { RequestStatus } from '../../../functions/domain/request-status.js';
import { EVENT_ID_PATTERN, PORTAL_EVENTS, type PortalEvent } from '../../../functions/events/event-schemas.js';
import { grantChangeEvents, UnexpectedGrantTransition } from '../../../functions/events/grant-events.js';
import { requestChangeEvents, requestSubmittedEvents } from '../../../functions/events/request-events.js';
import { companyRequestFiledByEmployee, PEOPLE, validatedRequest } from '../../fixtures/access-request-builder.js';

const REQUEST_ID = 'req_AbCdEfGhIjKlMnOpQrSt';
const GRANT_IDS = ['g_Representative01', 'g_EmployeeLukasz1'] as const;
const AT = '2026-11-20T09:30:00.000Z';

/** A stored request as changeRequest hands it over: the whole filed request, names and all. */
function storedRequest(status: RequestStatus, head: { seq: number; hash: string }): StoredRequest {
  return {
    id: REQUEST_ID,
    brokerId: 'broker-a',
    clientRef: 'C-2002',
    status,
    createdAt: AT,
    updatedAt: AT,
    request: validatedRequest(companyRequestFiledByEmployee()),
    executionArn: `arn:aws:states:eu-west-1:000000000000:execution:portal-access-requests:${REQUEST_ID}`,
    outcome: { at: AT, error: 'SignatureDeclined' },
    auditSeq: head.seq,
    auditHead: head.hash,
  };
}

/** A stored grant of Łukasz's: his name and e-mail address sit on the item. */
function storedGrant(status: Grant['status'], head: { seq: number; hash: string }): Grant {
  const lukasz = PEOPLE.lukasz();
  return {
    grantId: GRANT_IDS[1],
    requestId: REQUEST_ID,
    brokerId: 'broker-a',
    clientRef: 'C-2002',
    index: 1,
    email: lukasz.email,
    name: `${lukasz.firstName} ${lukasz.lastName}`,
    relation: 'other',
    scope: { type: 'contracts', refs: ['POL-2', 'POL-3'] },
    status,
    createdAt: AT,
    auditSeq: head.seq,
    auditHead: head.hash,
    version: 3,
  };
}

/** Applies one change as changeRequest does: the entry chained on the request's head, the request moved to `to`. */
function requestChange(from: RequestStatus, to: RequestStatus, event: AuditEvent | undefined, actor: AuditActor = 'workflow') {
  const before = storedRequest(from, { seq: 4, hash: 'a'.repeat(64) });
  const entry = event ? chainAuditEntry({ seq: before.auditSeq, hash: before.auditHead }, AT, actor, event) : undefined;
  const after = { ...before, status: to, ...(entry ? { auditSeq: entry.seq, auditHead: entry.hash } : {}) };
  return { before, after, entry, at: AT };
}

function grantChange(from: Grant['status'], to: Grant['status'], event: AuditEvent | undefined): { before: Grant; after: Grant; entry: AuditEntry | undefined; at: string } {
  const before = storedGrant(from, { seq: 1, hash: grantChainGenesis('b'.repeat(64), GRANT_IDS[1]) });
  const entry = event ? { ...chainAuditEntry({ seq: before.auditSeq, hash: before.auditHead }, AT, 'workflow', event), grantId: GRANT_IDS[1] } : undefined;
  const after = { ...before, status: to, ...(entry ? { auditSeq: entry.seq, auditHead: entry.hash } : {}) };
  return { before, after, entry, at: AT };
}

const types = (events: readonly PortalEvent[]) => events.map((event) => event.detailType);

/** Every text of the request's people and company that must never leave in an event. */
function personalTexts(): string[] {
  const request = validatedRequest(companyRequestFiledByEmployee());
  const people = [request.requester, ...request.grantees.map((grantee) => grantee.person), PEOPLE.elif(), PEOPLE.lukasz()];
  const company = request.client.type === 'legal' ? [request.client.name, request.client.enterpriseNumber] : [];
  return [
    ...people.flatMap((person) => [person.firstName, person.lastName, person.email, person.birthDate, person.address.street, person.address.city]),
    ...company,
    'SignatureDeclined',
  ];
}

/** Every kind of change that publishes, with what it publishes. */
const CHANGES = {
  submitted: () => {
    const entry = chainAuditEntry({ seq: 0, hash: GENESIS_HASH }, AT, 'broker:broker-a', { type: 'submitted', details: { grantees: 2, clientRef: 'C-2002' } });
    return requestSubmittedEvents(storedRequest('SUBMITTED', { seq: entry.seq, hash: entry.hash }), entry);
  },
  signatureRequested: () =>
    requestChangeEvents(requestChange('SUBMITTED', 'AWAITING_SIGNATURE', { type: 'signatureRequested', details: { role: 'requester', round: 1, reminder: false } })),
  grantsCreated: () =>
    requestChangeEvents(
      requestChange('AWAITING_LEGAL_REPRESENTATIVE', 'AWAITING_ACTIVATION', {
        type: 'grantsCreated',
        details: {
          grantIds: [...GRANT_IDS],
          grants: [
            { grantId: GRANT_IDS[0], relation: 'legalRepresentative', scope: { type: 'all' } },
            { grantId: GRANT_IDS[1], relation: 'other', scope: { type: 'contracts', refs: ['POL-2', 'POL-3'] } },
          ],
        },
      }),
    ),
  cancelled: () =>
    requestChangeEvents(
      requestChange(
        'AWAITING_ACTIVATION',
        'CANCELLED',
        { type: 'cancelled', details: { withdrawnGrantIds: [...GRANT_IDS], note: { id: 'n_1', sha256: 'd'.repeat(64) } } },
        'broker:broker-a',
      ),
    ),
  completed: () => requestChangeEvents(requestChange('AWAITING_ACTIVATION', 'COMPLETED', { type: 'completed', details: { activeGrants: 1, expiredGrants: 1 } })),
  grantActivated: () => grantChangeEvents(grantChange('pending', 'active', { type: 'grantActivated', details: { grantId: GRANT_IDS[1] } })),
  grantRevoked: () => grantChangeEvents(grantChange('active', 'revoked', { type: 'grantRevoked', details: { grantId: GRANT_IDS[1], note: { id: 'n_2', sha256: 'e'.repeat(64) } } })),
  grantExpired: () => grantChangeEvents(grantChange('pending', 'expired', { type: 'grantExpired', details: { grantId: GRANT_IDS[1] } })),
} satisfies Record<string, () => PortalEvent[]>;

describe('events of a change', () => {
  it.each([
    ['submitted', ['Request Submitted']],
    ['signatureRequested', ['Request Status Changed']],
    ['grantsCreated', ['Request Status Changed', 'Grant Created', 'Grant Created']],
    ['cancelled', ['Request Status Changed', 'Grant Revoked', 'Grant Revoked']],
    ['completed', ['Request Status Changed']],
    ['grantActivated', ['Grant Activated']],
    ['grantRevoked', ['Grant Revoked']],
    ['grantExpired', ['Grant Expired']],
  ] as const)('publishes one detail-type per change it makes: %s → %j', (change, expected) => {
    expect(types(CHANGES[change]())).toEqual(expected);
  });

  it('never carries personal data: no name, e-mail address, birth date, address, company, reason or error of the request and grant it was built from', () => {
    const published = JSON.stringify(Object.values(CHANGES).flatMap((build) => build()));
    for (const text of personalTexts()) expect(published, text).not.toContain(text);
    // A reason is a note: not even its reference travels.
    expect(published).not.toContain('"note"');
    expect(published).not.toContain('n_1');
  });

  it("reports the status move, the request's ids and the audit entry that recorded it", () => {
    const change = requestChange('AWAITING_ACTIVATION', 'COMPLETED', { type: 'completed', details: { activeGrants: 1, expiredGrants: 1 } });
    const [event] = requestChangeEvents(change);
    expect(event).toMatchObject({
      source: 'portal-access.requests',
      detailType: 'Request Status Changed',
      time: AT,
      detail: { requestId: REQUEST_ID, brokerId: 'broker-a', clientRef: 'C-2002', from: 'AWAITING_ACTIVATION', to: 'COMPLETED', at: AT, audit: { chain: 'request', seq: 5, hash: change.entry!.hash } },
    });
  });

  it('tells what each created grant covers (R4), and why a grant was revoked, by ids and terms only', () => {
    const [, representative, employee] = CHANGES.grantsCreated();
    expect(representative?.detail).toMatchObject({ grantId: GRANT_IDS[0], status: 'pending', relation: 'legalRepresentative', scope: { type: 'all' } });
    expect(employee?.detail).toMatchObject({ grantId: GRANT_IDS[1], relation: 'other', scope: { type: 'contracts', refs: ['POL-2', 'POL-3'] } });
    const [, withdrawn] = CHANGES.cancelled();
    expect(withdrawn).toMatchObject({ source: 'portal-access.grants', detail: { grantId: GRANT_IDS[0], from: 'pending', to: 'revoked', cause: 'requestCancelled' } });
    const [revoked] = CHANGES.grantRevoked();
    expect(revoked?.detail).toMatchObject({ from: 'active', to: 'revoked', cause: 'revoked', audit: { chain: 'grant', seq: 2 } });
  });

  it('publishes nothing for a change that moves no status (a reminder, a grant asked to activate again)', () => {
    expect(requestChangeEvents(requestChange('AWAITING_SIGNATURE', 'AWAITING_SIGNATURE', { type: 'signatureRequested', details: { role: 'requester', round: 2, reminder: true } }))).toEqual([]);
    expect(requestChangeEvents(requestChange('AWAITING_SIGNATURE', 'AWAITING_SIGNATURE', undefined))).toEqual([]);
    expect(grantChangeEvents(grantChange('pending', 'pending', { type: 'activationRequested', details: { grantId: GRANT_IDS[1], round: 2, reminder: true } }))).toEqual([]);
  });

  it("points a status move without an entry of its own at the chain's head", () => {
    const change = requestChange('AWAITING_REVIEW', 'AWAITING_SIGNATURE', undefined);
    expect(requestChangeEvents(change)[0]?.detail.audit).toEqual({ chain: 'request', seq: 4, hash: 'a'.repeat(64) });
  });

  it('refuses a grant move no event describes (an ended grant never moves again)', () => {
    expect(() => grantChangeEvents(grantChange('revoked', 'active', undefined))).toThrow(UnexpectedGrantTransition);
  });

  it('gives each event an id that is the same at every build of its change and differs between the events of a change', () => {
    const all = Object.values(CHANGES).flatMap((build) => build());
    const again = Object.values(CHANGES).flatMap((build) => build());
    for (const event of all) expect(event.detail.eventId).toMatch(EVENT_ID_PATTERN);
    expect(again.map((event) => event.detail.eventId)).toEqual(all.map((event) => event.detail.eventId));
    expect(new Set(all.map((event) => event.detail.eventId)).size).toBe(all.length);
  });

  it("builds every detail to its detail-type's schema, and its time is the detail's `at`", () => {
    for (const event of Object.values(CHANGES).flatMap((build) => build())) {
      const spec = PORTAL_EVENTS[event.detailType];
      expect(event.source, event.detailType).toBe(spec.source);
      expect(canonicalJson(spec.detail.parse(event.detail)), event.detailType).toBe(canonicalJson(event.detail));
      expect(event.time).toBe(event.detail.at);
    }
  });
});
