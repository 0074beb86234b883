/** The request list's query (functions/dashboard/list/list-query.ts): every view a URL, every bad value named. */
import { describe, expect, it } from 'vitest';
import { listUrl, parseListQuery } from '../../../../functions/dashboard/list/list-query.js';

describe('the list query', () => {
  it('reads every filter as a GET form sends it (`+` a space), trimmed', () => {
    expect(parseListQuery('q=jan+peeters&status=AWAITING_REVIEW&clientRef=+C-1+&from=2026-11-01&to=2026-11-30&expiring=soon&page=3')).toEqual({
      ok: true,
      query: { q: 'jan peeters', status: 'AWAITING_REVIEW', clientRef: 'C-1', from: '2026-11-01', to: '2026-11-30', expiring: true, page: 3 },
    });
  });

  it('an empty field is no filter, and other parameters (the language) are left alone', () => {
    expect(parseListQuery('q=&status=&clientRef=&from=&to=&lang=nl')).toEqual({ ok: true, query: { expiring: false, page: 1 } });
    expect(parseListQuery('')).toEqual({ ok: true, query: { expiring: false, page: 1 } });
  });

  it.each([
    ['status=PAID', 'status', 'unknownStatus'],
    ['status=awaiting_signature', 'status', 'unknownStatus'],
    ['from=2026-02-30', 'from', 'notADate'],
    ['to=30/11/2026', 'to', 'notADate'],
    ['from=2026-11-28&to=2026-11-27', 'to', 'beforeFrom'],
    [`q=${'x'.repeat(101)}`, 'q', 'tooLong'],
    [`q=${'x'.repeat(10_240)}`, 'q', 'tooLong'],
    ['q=jan%0Apeeters', 'q', 'invalidText'],
    ['q=%E2%80%AEsretep', 'q', 'invalidText'],
    ['clientRef=C%231', 'clientRef', 'invalidReference'],
    [`clientRef=${'C'.repeat(65)}`, 'clientRef', 'invalidReference'],
    ['expiring=1', 'expiring', 'unknownValue'],
    ['page=0', 'page', 'notAPage'],
    ['page=-1', 'page', 'notAPage'],
    ['page=1e3', 'page', 'notAPage'],
    ['page=9999999', 'page', 'notAPage'],
  ])('%s is refused, naming %s', (raw, field, problem) => {
    const parsed = parseListQuery(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toContainEqual(expect.objectContaining({ field, problem }));
  });

  it('names every bad field at once, and keeps what was sent, cut short', () => {
    const parsed = parseListQuery(`status=X&from=nope&q=${'y'.repeat(10_000)}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((problem) => problem.field)).toEqual(['q', 'status', 'from']);
    expect(parsed.sent.status).toBe('X');
    expect(parsed.sent.q?.length).toBeLessThanOrEqual(200);
  });

  it("each link keeps the other filters, in a fixed order, without empty ones or page 1", () => {
    const query = { q: 'jan peeters', clientRef: 'C-1', from: '2026-11-01', expiring: true, page: 3 };
    expect(listUrl(query)).toBe('/dashboard?q=jan+peeters&clientRef=C-1&from=2026-11-01&expiring=soon&page=3');
    expect(listUrl(query, { status: 'COMPLETED', page: 1 })).toBe('/dashboard?q=jan+peeters&status=COMPLETED&clientRef=C-1&from=2026-11-01&expiring=soon');
    expect(listUrl({ status: 'COMPLETED', expiring: false, page: 2 }, { status: undefined })).toBe('/dashboard?page=2');
    expect(listUrl({ expiring: false, page: 1 })).toBe('/dashboard');
    const parsed = parseListQuery(listUrl(query).split('?')[1] ?? '');
    expect(parsed).toEqual({ ok: true, query });
  });
});
