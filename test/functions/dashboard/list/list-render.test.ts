/**
 * The request list's HTML (functions/dashboard/list/list-render.ts): every value escaped, the
 * status in words, what waits on whom, the highlight of what expires soon, links that keep the
 * filters, and the refused query's page that names each field.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../functions/domain/request-schema.js';
import { parseListQuery, type ListQuery } from '../../../../functions/dashboard/list/list-query.js';
import { renderRefusedQuery, renderRequestList } from '../../../../functions/dashboard/list/list-render.js';
import { listTexts } from '../../../../functions/dashboard/list/list-texts.js';
import { listView } from '../../../../functions/dashboard/list/list-view.js';
import { formatDate, formatDateTime } from '../../../../functions/messages/format-date.js';
import { at, awaitingActivation, awaitingSignature, clientNamed, ended, erased, grant, NOW } from './list-entries.js';

const query = (overrides: Partial<ListQuery> = {}): ListQuery => ({ expiring: false, page: 1, ...overrides });
const render = (entries: Parameters<typeof listView>[0], view: ListQuery = query(), language: (typeof LANGUAGES)[number] = 'en') =>
  renderRequestList(listView(entries, view, NOW), view, language);
const rowOf = (html: string, id: string) => new RegExp(`<tr data-request-row="${id}"[^>]*>.*?</tr>`, 's').exec(html)?.[0] ?? '';

describe('the request list page', () => {
  it('escapes a client name and a reference that carry markup', () => {
    const hostile = awaitingSignature({ ...clientNamed('Eve', '<script>alert("x")</script>'), clientRef: 'C-1' });
    const html = render([hostile]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // In the "waits for" sentence too: the requester is the same person.
    expect(rowOf(html, hostile.id)).toContain('Waits for the signature of Eve &lt;script&gt;');
  });

  it('escapes what the broker typed when it is shown again in the form', () => {
    const typed = parseListQuery('q=%22%3E%3Cimg+src%3Dx%3E');
    expect(typed.ok).toBe(true);
    if (!typed.ok) return;
    const html = render([], typed.query);
    expect(html).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(html).not.toContain('<img');
  });

  it('shows each request: its link, client, reference, status in words (not colour alone), created date, wait and its end', () => {
    const entry = awaitingSignature({ ...clientNamed('Jan', 'Peeters'), clientRef: 'C-77' });
    const row = rowOf(render([entry]), entry.id);
    expect(row).toContain(`<a href="/dashboard/requests/${entry.id}">Jan Peeters</a>`);
    expect(row).toContain('<span class="visually-hidden">Reference: </span>C-77');
    expect(row).toContain('<span class="status status-AWAITING_SIGNATURE">Awaiting signature</span>');
    expect(row).toContain(`<time datetime="${entry.createdAt}">${formatDate(new Date(entry.createdAt), 'en')}</time>`);
    expect(row).toContain(`Waits for the signature of Jan Peeters since ${formatDate(new Date(at(-2)), 'en')}`);
    expect(row).toContain(`<time datetime="${at(12)}">${formatDateTime(new Date(at(12)), 'en')}</time>`);
    expect(row).not.toContain('expiring-soon');
  });

  it('highlights a wait that ends soon with a row class and a word, and one whose deadline passed', () => {
    const soon = awaitingSignature({ waits: { requester: { round: 3, since: at(-1), deadline: at(2) } } });
    const past = awaitingSignature({ waits: { requester: { round: 3, since: at(-5), deadline: at(-0.1) } } });
    const html = render([soon, past]);
    expect(rowOf(html, soon.id)).toMatch(/^<tr data-request-row="[^"]+" class="expiring-soon">/);
    expect(rowOf(html, soon.id)).toContain('<strong class="list-badge soon">Expires soon</strong>');
    expect(rowOf(html, soon.id)).toContain(`reminder sent on ${formatDate(new Date(at(-1)), 'en')}`);
    expect(rowOf(html, past.id)).toContain('<strong class="list-badge overdue">Deadline passed</strong>');
  });

  it('says how many grantees still have to activate (R7), and what an ended or erased request is', () => {
    const activation = awaitingActivation([grant(), grant(), grant({ status: 'active' })]);
    const done = ended('COMPLETED');
    const gone = erased();
    const html = render([activation, done, gone]);
    expect(rowOf(html, activation.id)).toContain(`Waits for 2 of 3 people to activate their access since ${formatDate(new Date(at(-1)), 'en')}`);
    expect(rowOf(html, done.id)).toContain(`Ended on ${formatDate(new Date(at(-1)), 'en')}`);
    expect(rowOf(html, done.id)).toContain('No deadline');
    expect(rowOf(html, gone.id)).toContain('<span class="erased">Personal data erased</span>');
  });

  it('counts per status as links that keep the other filters; the current one marked', () => {
    const entries = [awaitingSignature({ clientRef: 'C-1' }), awaitingSignature({ clientRef: 'C-2' }), ended('CANCELLED', { clientRef: 'C-3' })];
    const html = render(entries, query({ clientRef: 'C', status: 'CANCELLED', page: 1 }));
    expect(html).toContain('<a class="count-link" href="/dashboard?clientRef=C">All <span class="count">3</span></a>');
    expect(html).toContain('<a class="count-link" href="/dashboard?status=AWAITING_SIGNATURE&amp;clientRef=C">Awaiting signature <span class="count">2</span></a>');
    expect(html).toContain('<a class="count-link" href="/dashboard?status=CANCELLED&amp;clientRef=C" aria-current="true">Cancelled <span class="count">1</span></a>');
    expect(html).toContain('<a class="count-link expiring" href="/dashboard?status=CANCELLED&amp;clientRef=C&amp;expiring=soon">Expiring soon <span class="count">0</span></a>');
    // A status nobody is in is not listed.
    expect(html).not.toContain('>Failed <span');
  });

  it('pages with previous and next links that keep the filters, in a labelled navigation', () => {
    const many = Array.from({ length: 120 }, (_, index) => awaitingSignature({ createdAt: new Date(NOW.getTime() - index * 60_000).toISOString() }));
    const html = render(many, query({ q: 'jan', page: 2 }));
    expect(html).toContain('<nav class="list-paging" aria-label="Pages" data-paging><a rel="prev" href="/dashboard?q=jan">Previous page</a><span>Page 2 of 3</span><a rel="next" href="/dashboard?q=jan&amp;page=3">Next page</a></nav>');
    expect(html).toContain('Requests 51 to 100 of 120');
    expect(html).toContain('<caption>Requests, newest first (page 2 of 3)</caption>');
  });

  it('a table with a caption and column headers, a labelled GET search form whose every control has a label', () => {
    const html = render([awaitingSignature()]);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<form method="get" action="/dashboard" class="card list-filters" role="search" aria-label="Filter the requests"');
    for (const id of ['filter-q', 'filter-status', 'filter-clientRef', 'filter-from', 'filter-to', 'filter-expiring']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html.match(/<th scope="col">/g)).toHaveLength(5);
    expect(html).toContain('<th scope="row"');
  });

  it('with no request at all, or none matching, it says so', () => {
    expect(render([])).toContain('You have no requests yet.');
    expect(render([awaitingSignature()], query({ q: 'nobody' }))).toContain('No request matches these filters.');
  });

  it('a refused query names each field in an alert, beside its field, and shows what was sent', () => {
    const parsed = parseListQuery('status=PAID&from=2026-02-30&q=%3Cb%3E');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const html = renderRefusedQuery(parsed.problems, parsed.sent, 'en');
    expect(html).toContain('<a href="#filter-status">Status: Choose a status from the list.</a>');
    expect(html).toContain('<a href="#filter-from">Created from: Give a real date as YYYY-MM-DD.</a>');
    expect(html).toMatch(/<select id="filter-status" name="status" aria-describedby="filter-status-error" aria-invalid="true">/);
    expect(html).toContain('<p class="list-field-error" id="filter-from-error">Give a real date as YYYY-MM-DD.</p>');
    expect(html).toContain('value="2026-02-30"');
    expect(html).toContain('value="&lt;b&gt;"');
    expect(html).toContain('role="alert"');
  });

  it.each(LANGUAGES)('speaks %s throughout', (language) => {
    const texts = listTexts(language);
    const html = render([awaitingSignature(), ended('CANCELLED')], query(), language);
    expect(html).toContain(`<h1>${texts.title}</h1>`);
    expect(html).toContain(texts.statuses.AWAITING_SIGNATURE);
    expect(html).toContain(texts.waits.signature('Jan Peeters', formatDate(new Date(at(-2)), language)).replace(/'/g, '&#39;'));
    if (language !== 'en') expect(html).not.toContain('Waits for');
  });
});
