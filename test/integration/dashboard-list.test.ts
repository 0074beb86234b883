/**
 * The request list (`GET /dashboard`, functions/dashboard/list/) over HTTP on the local stack,
 * signed in as broker-a: what each row says (status in words, what waits on whom since when,
 * when the wait ends), the filters, the name search, the counts per status, paging that keeps
 * the filters, "expiring soon", one broker office per list (R9), and a 400 page naming the field
 * for a value the list cannot use.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient, keys, tableName } from '../../functions/adapters/dynamo-table.js';
import { formatDate } from '../../functions/messages/format-date.js';
import { insuredGrantee, legalClientRequest, naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { DashboardBrowser, signInToDashboard } from './support/dashboard-session.js';
import { activate, uploadScan } from './support/test-stack.js';
import { fileRequest, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

/** Broker-a's requests of this file, by what each is for. */
const ids = {} as Record<'muller' | 'lefevre' | 'company' | 'cancelled' | 'review' | 'activation' | 'script', string>;
let brokerBId = '';
let browser: DashboardBrowser;

/** The `<tr>` of request `id` in `page`, or undefined. */
function rowOf(page: string, id: string): string | undefined {
  return new RegExp(`<tr data-request-row="${id}"[^>]*>.*?</tr>`, 's').exec(page)?.[0];
}

/** The ids of the rows of `page`, in order. */
function rowIds(page: string): string[] {
  return [...page.matchAll(/data-request-row="([^"]+)"/g)].map((match) => match[1] ?? '');
}

/** The href of the count link labelled `label` (its count after it). */
function countLink(page: string, label: string): { href: string; count: number; current: boolean } | undefined {
  const match = new RegExp(`<a class="count-link[^"]*" href="([^"]+)"( aria-current="true")?>${label} <span class="count">(\\d+)</span></a>`).exec(page);
  return match ? { href: (match[1] ?? '').replace(/&amp;/g, '&'), count: Number(match[3]), current: match[2] !== undefined } : undefined;
}

const person = (firstName: string, lastName: string, email: string) => ({ ...PEOPLE.hans(), firstName, lastName, email });

/** A natural-person client asking access for himself (R1, R4.1), and any other grantees. */
function requestOf(clientRef: string, policyholder: ReturnType<typeof person>, ...others: ReturnType<typeof insuredGrantee>[]) {
  const { email: _email, ...client } = policyholder;
  return naturalClientRequest({ clientRef, client: { type: 'natural', person: client }, requester: policyholder, grantees: [policyholderGrantee(policyholder), ...others] });
}

beforeAll(async () => {
  const hans = person('Hans', 'Müller', 'list.muller@example.be');
  ids.muller = await fileRequest(stack, requestOf('LIST-A-1', hans));

  const francoise = person('Françoise', 'Lefèvre', 'list.lefevre@example.be');
  ids.lefevre = await fileRequest(stack, requestOf('LIST-A-2', francoise));

  ids.company = await fileRequest(stack, legalClientRequest({ clientRef: 'LIST-B-1' }));

  const cancelledOne = person('Anna', 'Cancelled', 'list.cancelled@example.be');
  ids.cancelled = await fileRequest(stack, requestOf('LIST-A-3', cancelledOne));
  expect((await stack.broker().cancel(ids.cancelled, 'Filed twice')).status).toBe(200);

  // A scan waits for the broker's review (R3, R9).
  const reviewed = person('Rita', 'Review', 'list.review@example.be');
  ids.review = await fileRequest(stack, requestOf('LIST-C-1', reviewed));
  expect((await uploadScan(await latestLink(stack, reviewed.email, 'sign'))).status).toBe(200);

  // Two grantees, one of whom activated (R7).
  const holder = person('Piet', 'Actief', 'list.activation@example.be');
  const insured = { ...PEOPLE.francoise(), email: 'list.insured@example.be' };
  ids.activation = await fileRequest(stack, requestOf('LIST-C-2', holder, insuredGrantee('POL-1', insured)));
  await signByScanAndApprove(stack, ids.activation, holder.email);
  expect((await activate(await latestLink(stack, holder.email, 'activate'))).status).toBe(200);

  const hostile = person('Eve', '<script>alert(1)</script>', 'list.script@example.be');
  ids.script = await fileRequest(stack, requestOf('LIST-S-1', hostile));

  const other = await stack.broker(1).submit(naturalClientRequest({ clientRef: 'LIST-A-9' }));
  expect(other.status).toBe(201);
  brokerBId = other.body.id;
  await stack.settle();
  expect(await statusOf(stack, ids.review)).toBe('AWAITING_REVIEW');
  expect(await statusOf(stack, ids.activation)).toBe('AWAITING_ACTIVATION');

  ({ browser } = await signInToDashboard(stack, 0));
});

describe('the request list', () => {
  it('shows each request with its client, reference, status in words, created date and a link to its page', async () => {
    const page = await browser.request('/dashboard', { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const row = rowOf(page.text, ids.muller) ?? '';
    expect(row).toContain(`<a href="/dashboard/requests/${ids.muller}">Hans Müller</a>`);
    expect(row).toContain('LIST-A-1');
    expect(row).toContain('<span class="status status-AWAITING_SIGNATURE">Awaiting signature</span>');
    expect(row).toContain(formatDate(new Date(), 'en'));
    expect(rowOf(page.text, ids.company)).toContain('Bakkerij Peeters BV');
    expect(rowOf(page.text, ids.cancelled)).toContain('>Cancelled<');
    // Newest first.
    expect(rowIds(page.text).indexOf(ids.script)).toBeLessThan(rowIds(page.text).indexOf(ids.muller));
  });

  it('says what waits on whom and since when, and when the wait ends (R9)', async () => {
    const page = (await browser.request('/dashboard', { headers: { 'accept-language': 'en' } })).text;
    const today = formatDate(new Date(), 'en');
    expect(rowOf(page, ids.muller)).toContain(`Waits for the signature of Hans Müller since ${today}`);
    // The signing link's deadline: the end of the signing stage, 14 days on, not "expiring soon".
    const muller = rowOf(page, ids.muller) ?? '';
    const ends = /<td data-label="Wait ends" data-ends><time datetime="([^"]+)">/.exec(muller)?.[1] ?? '';
    expect(Date.parse(ends) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(muller).not.toContain('Expires soon');
    expect(rowOf(page, ids.review)).toContain(`Waits for your review of the scan since ${today}`);
    expect(rowOf(page, ids.activation)).toContain(`Waits for 1 of 2 people to activate their access since ${today}`);
    expect(rowOf(page, ids.cancelled)).toContain(`Ended on ${today}`);
  });

  it('speaks the broker\'s language: the same row in Dutch', async () => {
    const page = (await browser.request('/dashboard?lang=nl')).text;
    expect(page).toContain('<html lang="nl">');
    expect(rowOf(page, ids.muller)).toContain(`Wacht op de handtekening van Hans Müller, sinds ${formatDate(new Date(), 'nl')}`);
    expect(rowOf(page, ids.muller)).toContain('Wacht op handtekening');
    await browser.request('/dashboard?lang=en');
  });

  it('escapes a client name that carries markup', async () => {
    const page = (await browser.request('/dashboard')).text;
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(rowOf(page, ids.script)).toContain('Eve &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('counts the requests per status, each count a link that filters', async () => {
    const page = (await browser.request('/dashboard')).text;
    const all = countLink(page, 'All');
    expect(all).toEqual({ href: '/dashboard', count: 7, current: true });
    expect(countLink(page, 'Awaiting signature')?.count).toBe(4);
    expect(countLink(page, 'Awaiting your review')?.count).toBe(1);
    expect(countLink(page, 'Awaiting activation')?.count).toBe(1);
    const cancelled = countLink(page, 'Cancelled');
    expect(cancelled).toEqual({ href: '/dashboard?status=CANCELLED', count: 1, current: false });

    const filtered = (await browser.request(cancelled?.href ?? '')).text;
    expect(rowIds(filtered)).toEqual([ids.cancelled]);
    expect(countLink(filtered, 'Cancelled')?.current).toBe(true);
    // The other counts stay, so the broker can move to another status.
    expect(countLink(filtered, 'Awaiting signature')?.count).toBe(4);
    expect(filtered).toContain('<option value="CANCELLED" selected>');
  });

  it('filters by client reference (its start), and the counts follow', async () => {
    const page = (await browser.request('/dashboard?clientRef=list-a')).text;
    expect(rowIds(page).sort()).toEqual([ids.muller, ids.lefevre, ids.cancelled].sort());
    expect(countLink(page, 'All')?.count).toBe(3);
    expect(countLink(page, 'Cancelled')?.href).toBe('/dashboard?status=CANCELLED&clientRef=list-a');
    expect(page).toContain('name="clientRef" value="list-a"');
  });

  it('searches the client name without capitals or accents, as the broker types it', async () => {
    expect(rowIds((await browser.request('/dashboard?q=muller')).text)).toEqual([ids.muller]);
    expect(rowIds((await browser.request('/dashboard?q=LEFEVRE+francoise')).text)).toEqual([ids.lefevre]);
    expect(rowIds((await browser.request(`/dashboard?q=${encodeURIComponent('Françoise Lefèvre')}`)).text)).toEqual([ids.lefevre]);
    expect(rowIds((await browser.request('/dashboard?q=bakkerij')).text)).toEqual([ids.company]);
    const none = (await browser.request('/dashboard?q=nobody')).text;
    expect(rowIds(none)).toEqual([]);
    expect(none).toContain('No request matches these filters.');
  });

  it('filters by the day created (Brussels time)', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + 86_400_000));
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() - 86_400_000));
    expect(rowIds((await browser.request(`/dashboard?from=${today}&to=${today}`)).text)).toHaveLength(7);
    expect(rowIds((await browser.request(`/dashboard?from=${tomorrow}`)).text)).toEqual([]);
    expect(rowIds((await browser.request(`/dashboard?to=${yesterday}`)).text)).toEqual([]);
  });

  it('highlights and filters the requests whose wait ends soon', async () => {
    // Test setup: the signing stage of one request ends in two days (as after 12 of its 14 days).
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.request(ids.lefevre), UpdateExpression: 'SET waits.requester.deadline = :soon', ExpressionAttributeValues: { ':soon': soon } }),
    );
    const page = (await browser.request('/dashboard')).text;
    expect(rowOf(page, ids.lefevre)).toMatch(/^<tr data-request-row="[^"]+" class="expiring-soon">/);
    expect(rowOf(page, ids.lefevre)).toContain('<strong class="list-badge soon">Expires soon</strong>');
    expect(rowOf(page, ids.muller)).not.toContain('expiring-soon');
    const expiring = countLink(page, 'Expiring soon');
    expect(expiring).toEqual({ href: '/dashboard?expiring=soon', count: 1, current: false });

    const filtered = (await browser.request(expiring?.href ?? '')).text;
    expect(rowIds(filtered)).toEqual([ids.lefevre]);
    expect(filtered).toContain('name="expiring" value="soon" checked');
    expect(countLink(filtered, 'Awaiting signature')?.count).toBe(1);
  });

  it('pages by 50, and the previous and next links keep the filters', async () => {
    const filed = await Promise.all(
      Array.from({ length: 52 }, (_, index) => stack.broker().submit(requestOf(`PAGE-${String(index).padStart(2, '0')}`, person('Paul', `Page${index}`, `list.page${index}@example.be`)))),
    );
    expect(filed.every((answer) => answer.status === 201)).toBe(true);
    await stack.settle();

    const first = (await browser.request('/dashboard?clientRef=PAGE&q=paul')).text;
    expect(rowIds(first)).toHaveLength(50);
    expect(first).toContain('Requests 1 to 50 of 52');
    expect(first).toContain('Page 1 of 2');
    expect(first).not.toContain('rel="prev"');
    const next = /<a rel="next" href="([^"]+)">/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBe('/dashboard?q=paul&clientRef=PAGE&page=2');

    const second = (await browser.request(next ?? '')).text;
    expect(rowIds(second)).toHaveLength(2);
    expect(second).toContain('Requests 51 to 52 of 52');
    expect(new Set([...rowIds(first), ...rowIds(second)]).size).toBe(52);
    expect(/<a rel="prev" href="([^"]+)">/.exec(second)?.[1]?.replace(/&amp;/g, '&')).toBe('/dashboard?q=paul&clientRef=PAGE');
    // The form keeps the filters too (and starts again at page 1).
    expect(second).toContain('name="q" value="paul"');
    expect(second).toContain('name="clientRef" value="PAGE"');
    // A page past the end shows the last one.
    expect(rowIds((await browser.request('/dashboard?clientRef=PAGE&page=9')).text)).toEqual(rowIds(second));
    // Read in stretches of time side by side, the list still holds each request once: the API's own list agrees.
    const api = await stack.broker().list('?limit=100');
    const pages = await Promise.all([1, 2].map(async (number) => rowIds((await browser.request(`/dashboard?page=${number}`)).text)));
    expect(pages.flat().sort()).toEqual((api.body.items as { id: string }[]).map((item) => item.id).sort());
    expect(countLink((await browser.request('/dashboard')).text, 'All')?.count).toBe(59);
  });

  it("shows a broker only his own office's requests (R9)", async () => {
    const a = (await browser.request('/dashboard?clientRef=LIST')).text;
    expect(a).not.toContain(brokerBId);
    expect(rowIds(a)).not.toContain(brokerBId);

    const { browser: brokerB } = await signInToDashboard(stack, 1);
    const b = (await brokerB.request('/dashboard')).text;
    expect(rowIds(b)).toEqual([brokerBId]);
    expect(countLink(b, 'All')?.count).toBe(1);
    for (const id of Object.values(ids)) expect(b).not.toContain(id);
  });

  it.each([
    ['an unknown status', 'status=PAID', 'status', 'Status', 'Choose a status from the list.'],
    ['a date that does not exist', 'from=2026-02-30', 'from', 'Created from', 'Give a real date as YYYY-MM-DD.'],
    ['a malformed date', 'to=28%2F11%2F2026', 'to', 'Created up to and including', 'Give a real date as YYYY-MM-DD.'],
    ['an end before the start', 'from=2026-11-28&to=2026-11-01', 'to', 'Created up to and including', 'This date is before the start date.'],
    ['a 10 KB search', `q=${'a'.repeat(10_240)}`, 'q', 'Client name', 'Type at most 100 characters.'],
    ['a search with a control character', 'q=jan%00peeters', 'q', 'Client name', 'This value holds characters that are not allowed here'],
    ['a reference with a space', 'clientRef=C%201', 'clientRef', 'Client reference', 'A reference has 1 to 64'],
    ['page 0', 'page=0', 'page', 'Page', 'Give a page number from 1.'],
    ['an unknown "expiring"', 'expiring=yes', 'expiring', 'Expiring soon', 'This value is unknown'],
  ])('answers %s with a 400 page that names the field, never a 500', async (_case, query, key, field, message) => {
    const page = await browser.request(`/dashboard?${query}`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const alert = /<div class="notice error" role="alert" data-list-errors>.*?<\/div>/s.exec(page.text)?.[0] ?? '';
    expect(alert).toContain(`<a href="#filter-${key}">${field}: ${message}`);
    // The message stands beside its field too, and a control says it is invalid.
    expect(page.text).toContain(`id="filter-${key}-error"`);
    if (key !== 'page') expect(page.text).toMatch(new RegExp(`id="filter-${key}"[^>]*aria-describedby="[^"]*filter-${key}-error"[^>]*aria-invalid="true"`));
    expect(page.text).not.toContain('data-request-row');
    expect(page.text.length).toBeLessThan(20_000);
  });
});
