/**
 * Requests as `GET /v1/requests/{id}` shows them (functions/http/broker/request-view.ts), for the
 * dashboard's request page: a trail built entry by entry, as the workflow writes it.
 */
import type { AuditEvent } from '../../../../functions/domain/audit-event.js';
import type { RequestView } from '../../../../functions/http/broker/request-view.js';

export const REQUEST_ID = 'req_01JDASHBOARDTEST0000000000';
export const GRANT_A = 'g_01JDASHBOARDGRANTA00000000';
export const GRANT_B = 'g_01JDASHBOARDGRANTB00000000';

type HistoryEntry = RequestView['history'][number];

/** A trail under construction: each entry one minute after the one before, from 28 November 2026 09:00 UTC. */
export class TrailBuilder {
  private readonly entries: HistoryEntry[] = [];
  private minute = 0;

  add(event: AuditEvent, options: { actor?: string; grantId?: string; extra?: Record<string, unknown> } = {}): this {
    const at = new Date(Date.UTC(2026, 10, 28, 9, this.minute++)).toISOString();
    this.entries.push({
      seq: this.entries.length + 1,
      at,
      type: event.type,
      actor: options.actor ?? 'workflow',
      details: { ...event.details, ...options.extra },
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
      ...(options.grantId ? { grantId: options.grantId } : {}),
    });
    return this;
  }

  /** When the last entry was written. */
  get lastAt(): string {
    return this.entries.at(-1)?.at ?? '';
  }

  atOf(type: string): string {
    return this.entries.findLast((entry) => entry.type === type)?.at ?? '';
  }

  build(): HistoryEntry[] {
    return [...this.entries];
  }
}

/** The trail of a request filed and waiting for its requester's signature. */
export function waitingForSignature(options: { legalRepresentativeMustApprove?: boolean } = {}): TrailBuilder {
  return new TrailBuilder()
    .add({ type: 'submitted', details: { grantees: 2, clientRef: 'C-1001' } }, { actor: 'broker:broker-a' })
    .add({ type: 'formGenerated', details: { sha256: 'a'.repeat(64), legalRepresentativeMustApprove: options.legalRepresentativeMustApprove ?? false } })
    .add({ type: 'signatureRequested', details: { role: 'requester', round: 1, reminder: false } });
}

/** A request view with `history`, for a natural-person client with two grantees. */
export function requestView(history: HistoryEntry[], overrides: Partial<RequestView> = {}): RequestView {
  return {
    id: REQUEST_ID,
    clientRef: 'C-1001',
    clientName: 'Hans Müller',
    language: 'nl',
    status: 'AWAITING_SIGNATURE',
    createdAt: history[0]?.at ?? '2026-11-28T09:00:00.000Z',
    updatedAt: history.at(-1)?.at ?? '2026-11-28T09:00:00.000Z',
    requestDate: '2026-11-20',
    requester: { name: 'Hans Müller', email: 'hans.muller@example.be' },
    legalRepresentativeMustApprove: false,
    grantees: [
      { relation: 'policyholder', name: 'Hans Müller', email: 'hans.muller@example.be', contracts: 'all' },
      { relation: 'insured', name: 'Françoise Lefèvre', email: 'francoise.lefevre@example.be', contracts: ['POL-1'] },
    ],
    history,
    historyIntact: true,
    documents: { form: { sha256: 'a'.repeat(64), url: `https://api.test/v1/requests/${REQUEST_ID}/documents/form` } },
    evidence: { url: `https://api.test/v1/requests/${REQUEST_ID}/evidence` },
    ...overrides,
  };
}
