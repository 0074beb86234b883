/**
 * One view of the broker's request list (functions/dashboard/list/list-view.ts): filters, name
 * search, counts per status under the other filters, "expiring soon", pages (R9).
 */
import { describe, expect, it } from 'vitest';
import type { ListQuery } from '../../../../functions/dashboard/list/list-query.js';
import { brusselsDayStart, EXPIRING_SOON_DAYS, listView, PAGE_SIZE } from '../../../../functions/dashboard/list/list-view.js';
import { at, awaitingActivation, awaitingRepresentative, awaitingReview, awaitingSignature, clientNamed, ended, erased, grant, NOW } from './list-entries.js';

const query = (overrides: Partial<ListQuery> = {}): ListQuery => ({ expiring: false, page: 1, ...overrides });
const idsOf = (view: ReturnType<typeof listView>) => view.rows.map((row) => row.entry.id);

describe('a view of the request list', () => {
  const muller = awaitingSignature({ ...clientNamed('Hans', 'Müller'), clientRef: 'LIST-A-1', createdAt: '2026-11-27T23:30:00.000Z' });
  const lefevre = awaitingSignature({ ...clientNamed('Françoise', 'Lefèvre'), clientRef: 'LIST-A-2', createdAt: '2026-11-27T22:30:00.000Z', waits: { requester: { round: 3, since: at(-1), deadline: at(1.5) } } });
  const company = awaitingRepresentative({ clientRef: 'LIST-B-1', createdAt: '2026-11-20T10:00:00.000Z' });
  const review = awaitingReview({ clientRef: 'LIST-C-1', createdAt: '2026-11-10T10:00:00.000Z' });
  const activation = awaitingActivation([grant({ wait: { round: 1, since: at(-13.5), deadline: at(0.5) } }), grant({ status: 'active' })], { clientRef: 'LIST-C-2', createdAt: '2026-11-01T10:00:00.000Z' });
  const cancelled = ended('CANCELLED', { clientRef: 'LIST-A-3', createdAt: '2026-10-01T10:00:00.000Z' });
  const overdue = awaitingSignature({ clientRef: 'LIST-D-1', createdAt: '2026-09-01T10:00:00.000Z', waits: { requester: { round: 3, since: at(-5), deadline: at(-0.01) } } });
  const gone = erased({ clientRef: 'LIST-E-1', createdAt: '2026-01-01T10:00:00.000Z' });
  const all = [muller, lefevre, company, review, activation, cancelled, overdue, gone];

  it('without filters: every request, newest first, and every count', () => {
    const view = listView(all, query(), NOW);
    expect(idsOf(view)).toEqual(all.map((entry) => entry.id));
    expect(view.total).toBe(8);
    expect(view.brokerTotal).toBe(8);
    expect(view.countAllStatuses).toBe(8);
    expect(view.counts).toMatchObject({ AWAITING_SIGNATURE: 3, AWAITING_LEGAL_REPRESENTATIVE: 1, AWAITING_REVIEW: 1, AWAITING_ACTIVATION: 1, CANCELLED: 1, COMPLETED: 1, SUBMITTED: 0 });
    expect(view.rows[0]).toMatchObject({ clientName: 'Hans Müller', expiringSoon: false, overdue: false, endsAt: muller.waits?.requester?.deadline });
    expect(view.rows.find((row) => row.entry === gone)?.clientName).toBeUndefined();
  });

  it(`"expiring soon" is a wait ending within ${EXPIRING_SOON_DAYS} days, or already past its deadline; the view puts the first to end on top`, () => {
    const view = listView(all, query({ expiring: true }), NOW);
    expect(idsOf(view)).toEqual([overdue.id, activation.id, lefevre.id]);
    expect(view.rows.map((row) => [row.expiringSoon, row.overdue])).toEqual([[true, true], [true, false], [true, false]]);
    expect(view.byDeadline).toBe(true);
    // The counts per status are of the expiring ones; the "expiring soon" count under the status filter.
    expect(view.countAllStatuses).toBe(3);
    expect(view.counts.AWAITING_SIGNATURE).toBe(2);
    expect(listView(all, query({ status: 'AWAITING_ACTIVATION' }), NOW).countExpiring).toBe(1);
    expect(listView(all, query(), NOW).countExpiring).toBe(3);
  });

  it('the status filter shows one status; the counts stay those of every status, so each count is what its link shows', () => {
    const view = listView(all, query({ status: 'AWAITING_SIGNATURE' }), NOW);
    expect(idsOf(view)).toEqual([muller.id, lefevre.id, overdue.id]);
    expect(view.counts.CANCELLED).toBe(1);
    expect(view.countAllStatuses).toBe(8);
  });

  it('the client reference filter takes its start, whatever the case', () => {
    expect(idsOf(listView(all, query({ clientRef: 'list-a' }), NOW))).toEqual([muller.id, lefevre.id, cancelled.id]);
    expect(listView(all, query({ clientRef: 'LIST-A' }), NOW).counts).toMatchObject({ AWAITING_SIGNATURE: 2, CANCELLED: 1, AWAITING_REVIEW: 0 });
  });

  it('the name search finds the client without capitals or accents; an erased request has no name to find', () => {
    expect(idsOf(listView(all, query({ q: 'MULLER' }), NOW))).toEqual([muller.id]);
    expect(idsOf(listView(all, query({ q: 'françoise lefevre' }), NOW))).toEqual([lefevre.id]);
    expect(idsOf(listView(all, query({ q: 'bakkerij' }), NOW))).toEqual([company.id]);
    expect(idsOf(listView(all, query({ q: 'jan' }), NOW))).toEqual([review.id, activation.id, cancelled.id, overdue.id]);
  });

  it('the dates are Brussels days: 23:30 UTC on the 27th is already the 28th', () => {
    expect(idsOf(listView(all, query({ from: '2026-11-28' }), NOW))).toEqual([muller.id]);
    expect(idsOf(listView(all, query({ to: '2026-11-27' }), NOW))).toEqual(all.slice(1).map((entry) => entry.id));
    expect(idsOf(listView(all, query({ from: '2026-11-01', to: '2026-11-20' }), NOW))).toEqual([company.id, review.id, activation.id]);
  });

  it.each([
    ['2026-11-28', '2026-11-27T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('Brussels day %s starts at %s (winter and summer time)', (day, start) => {
    expect(brusselsDayStart(day)).toBe(start);
  });

  it(`pages by ${PAGE_SIZE}; a page past the end shows the last one`, () => {
    const many = Array.from({ length: 120 }, (_, index) => awaitingSignature({ createdAt: new Date(NOW.getTime() - index * 60_000).toISOString() }));
    const second = listView(many, query({ page: 2 }), NOW);
    expect(second.pages).toBe(3);
    expect(idsOf(second)).toEqual(many.slice(50, 100).map((entry) => entry.id));
    const past = listView(many, query({ page: 99 }), NOW);
    expect(past.page).toBe(3);
    expect(idsOf(past)).toEqual(many.slice(100).map((entry) => entry.id));
    expect(listView([], query({ page: 5 }), NOW)).toMatchObject({ page: 1, pages: 1, total: 0, rows: [] });
  });
});
