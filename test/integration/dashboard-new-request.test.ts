/**
 * The dashboard's new-request form over HTTP, signed in as broker-a (functions/dashboard/new-request/):
 * the page, the script's JSON post (filed through the API's own handler: broker-a's request,
 * visible through the JSON API with its audit entry; the API's 400 issues; the form token; the
 * Idempotency-Key), malformed and oversized bodies, and the same form posted without the script.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DASHBOARD_REQUEST_BODY_BYTES } from '../../catalog/route-catalog.js';
import { newRequestTexts } from '../../functions/dashboard/new-request/new-request-texts.js';
import { companyRequestFiledByEmployee, naturalClientRequest, naturalClientRequestWithObservers, PEOPLE } from '../fixtures/access-request-builder.js';
import { formFieldsFor } from '../functions/dashboard/new-request/request-form-fixtures.js';
import { DashboardBrowser, signInToDashboard, type PageAnswer } from './support/dashboard-session.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

/** broker-a on the new-request page: his browser, the page, and its form token and Idempotency-Key. */
async function openForm(language?: string): Promise<{ browser: DashboardBrowser; page: PageAnswer; token: string; key: string }> {
  const { browser } = await signInToDashboard(stack, 0, '/dashboard/new-request');
  const page = await browser.request(`/dashboard/new-request${language ? `?lang=${language}` : ''}`);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { browser, page, token: DashboardBrowser.formTokenOf(page.text), key };
}

function postJson(browser: DashboardBrowser, body: unknown, headers: Record<string, string>): Promise<PageAnswer> {
  return browser.request('/dashboard/new-request', { json: body, headers });
}

async function requestsOf(clientRef: string, broker: 0 | 1 = 0): Promise<{ id: string }[]> {
  const listed = await stack.broker(broker).list(`?clientRef=${encodeURIComponent(clientRef)}`);
  expect(listed.status).toBe(200);
  return listed.body.items;
}

/** A form post's fields as `application/x-www-form-urlencoded` pairs (several values of a name joined by the browser as repeats). */
function formOf(fields: Map<string, string[]>, extra: Record<string, string>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, values] of fields) for (const value of values) form.append(name, value);
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  return form;
}

/** A post of `body` as it is, with the browser's cookies (DashboardBrowser's `form` takes one value per name; a form's checkboxes post several). */
async function postRaw(browser: DashboardBrowser, contentType: string, body: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
  const response = await fetch(new URL('/dashboard/new-request', stack.stack.apiUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: browser.jar.header(), 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, location: response.headers.get('location') ?? undefined, headers: response.headers, text: await response.text() };
}

function postForm(browser: DashboardBrowser, form: URLSearchParams): Promise<PageAnswer> {
  return postRaw(browser, 'application/x-www-form-urlencoded', form.toString());
}

describe('the new-request page', () => {
  it('shows the form in the broker\'s language, with its form token, a fresh Idempotency-Key and the script', async () => {
    const { page, key } = await openForm('fr');
    const again = await openForm('fr');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1>${newRequestTexts('fr').title}</h1>`);
    expect(page.text).toContain('<form class="new-request" method="post" action="/dashboard/new-request" novalidate data-new-request>');
    expect(page.text).toMatch(/<script src="\/dashboard\/assets\/dashboard-client\.js\?v=[0-9a-f]{16}" defer><\/script>/);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.key).not.toBe(key);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('sends a browser without a session to sign in and back', async () => {
    const answer = await new DashboardBrowser(stack.stack.apiUrl).request('/dashboard/new-request');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/dashboard/sign-in?returnTo=%2Fdashboard%2Fnew-request');
  });
});

describe('the script\'s post (JSON)', () => {
  it('files a valid request as broker-a: visible through the JSON API, with its audit entry, and the link to its page', async () => {
    const { browser, token, key } = await openForm();
    const body = naturalClientRequestWithObservers({ clientRef: 'C-DASH-NEW-1' });
    const answer = await postJson(browser, body, { 'x-csrf-token': token, 'idempotency-key': key });
    expect(answer.status, answer.text).toBe(201);
    const filed = JSON.parse(answer.text);
    expect(filed).toMatchObject({ status: 'SUBMITTED', clientRef: 'C-DASH-NEW-1', dashboardUrl: `/dashboard/requests/${filed.id}` });
    expect(filed.id).toMatch(/^req_[A-Za-z0-9_-]{20}$/);
    expect(answer.headers.get('content-type')).toContain('application/json');

    await stack.settle();
    const view = await stack.broker(0).get(filed.id);
    expect(view.status).toBe(200);
    expect(view.body.clientRef).toBe('C-DASH-NEW-1');
    expect(view.body.grantees).toHaveLength(4);
    expect(view.body.history[0]).toMatchObject({ type: 'submitted', actor: 'broker:broker-a' });
    // Another office does not see it.
    expect((await stack.broker(1).get(filed.id)).status).toBe(404);
    expect(await requestsOf('C-DASH-NEW-1', 1)).toEqual([]);
  });

  it("answers the API's 400 with its issues for an invalid body, and files nothing (R5, R6)", async () => {
    const { browser, token, key } = await openForm();
    const body = companyRequestFiledByEmployee({ clientRef: 'C-DASH-NEW-2', requestDate: '2999-01-01' });
    (body.client as { enterpriseNumber: string }).enterpriseNumber = '0123.456.748';
    const answer = await postJson(browser, body, { 'x-csrf-token': token, 'idempotency-key': key });
    expect(answer.status).toBe(400);
    const refused = JSON.parse(answer.text);
    expect(refused.error).toBe('validation');
    expect(refused.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'requestDate', rule: 'R5' }),
        expect.objectContaining({ path: 'client.enterpriseNumber', rule: 'R6' }),
      ]),
    );
    expect(await requestsOf('C-DASH-NEW-2')).toEqual([]);
  });

  it('refuses a post without the form token, or with another session\'s, and files nothing (403)', async () => {
    const { browser, key } = await openForm();
    const { token: othersToken } = await openForm();
    const body = naturalClientRequest({ clientRef: 'C-DASH-NEW-3' });
    const without = await postJson(browser, body, { 'idempotency-key': key });
    expect(without.status).toBe(403);
    const forged = await postJson(browser, body, { 'x-csrf-token': othersToken, 'idempotency-key': key });
    expect(forged.status).toBe(403);
    expect(await requestsOf('C-DASH-NEW-3')).toEqual([]);
  });

  it('files once for the same Idempotency-Key sent twice (a double click, a retry), and answers the same request', async () => {
    const { browser, token, key } = await openForm();
    const body = naturalClientRequest({ clientRef: 'C-DASH-NEW-4' });
    const [first, second] = await Promise.all([
      postJson(browser, body, { 'x-csrf-token': token, 'idempotency-key': key }),
      postJson(browser, body, { 'x-csrf-token': token, 'idempotency-key': key }),
    ]);
    const statuses = [first.status, second.status].sort();
    // Two at once: one files, the other is told it is in progress (409) or answered the same request (201).
    expect(statuses[0]).toBe(201);
    const retry = await postJson(browser, body, { 'x-csrf-token': token, 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(JSON.parse(retry.text).id).toBe(JSON.parse(first.status === 201 ? first.text : second.text).id);
    expect(await requestsOf('C-DASH-NEW-4')).toHaveLength(1);
    // The same key with other details files nothing more (409).
    const changed = await postJson(browser, { ...body, requestDate: '2026-11-21' }, { 'x-csrf-token': token, 'idempotency-key': key });
    expect(changed.status).toBe(409);
    expect(await requestsOf('C-DASH-NEW-4')).toHaveLength(1);
  });

  it('answers malformed JSON with a 400, a body over the limit with a 413 and another type with a 415, never a 500', async () => {
    const { browser, token, key } = await openForm();
    const headers = { 'x-csrf-token': token, 'idempotency-key': key };
    const malformed = await postRaw(browser, 'application/json', '{"clientRef": ', headers);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toEqual({ error: 'validation', issues: [{ path: '', rule: 'schema', message: 'The body is not valid JSON' }] });
    const deep = await postRaw(browser, 'application/json', `${'['.repeat(40)}${']'.repeat(40)}`, headers);
    expect(deep.status).toBe(400);
    const large = await postRaw(browser, 'application/json', JSON.stringify({ clientRef: 'x'.repeat(MAX_DASHBOARD_REQUEST_BODY_BYTES) }), headers);
    expect(large.status).toBe(413);
    const text = await postRaw(browser, 'text/plain', 'hello', headers);
    expect(text.status).toBe(415);
  });
});

describe('the form posted without the script', () => {
  it('files the request the fields say, and answers a page with the link to it (R1, R4.1–R4.3)', async () => {
    const { browser, token, key } = await openForm('nl');
    const fields = formFieldsFor(naturalClientRequestWithObservers({ clientRef: 'C-DASH-FORM-1' }));
    const answer = await postForm(browser, formOf(fields, { csrf: token, idempotencyKey: key }));
    expect(answer.status, answer.text.slice(0, 500)).toBe(201);
    const [filed] = await requestsOf('C-DASH-FORM-1');
    expect(filed).toBeDefined();
    expect(answer.location).toBe(`/dashboard/requests/${filed?.id}`);
    expect(answer.text).toContain(`<a class="button" href="/dashboard/requests/${filed?.id}" data-filed-request>`);
    expect(answer.text).toContain(newRequestTexts('nl').answers.filed('C-DASH-FORM-1'));
    const view = await stack.broker(0).get(filed?.id ?? '');
    expect(view.body.requester).toEqual({ name: `${PEOPLE.hans().firstName} ${PEOPLE.hans().lastName}`, email: PEOPLE.hans().email });
    expect(view.body.grantees.map((grantee: { relation: string }) => grantee.relation)).toEqual(['policyholder', 'insured', 'other', 'other']);

    // Posted again (a reload, a double click): the same form files nothing more.
    const again = await postForm(browser, formOf(fields, { csrf: token, idempotencyKey: key }));
    expect(again.status).toBe(201);
    expect(await requestsOf('C-DASH-FORM-1')).toHaveLength(1);
  });

  it("shows the form again with the API's issues beside their fields and listed at the top, keeping what was entered", async () => {
    const { browser, token, key } = await openForm('de');
    const fields = formFieldsFor(naturalClientRequestWithObservers({ clientRef: 'C-DASH-FORM-2' }));
    fields.set('grantees.1.person.birthDate', ['2999-01-01']);
    fields.set('client.person.firstName', ['']);
    const answer = await postForm(browser, formOf(fields, { csrf: token, idempotencyKey: key }));
    expect(answer.status).toBe(400);
    const texts = newRequestTexts('de');
    expect(answer.text).toContain(`<p class="field-issue" id="e-grantees-1-person-birthDate">${texts.issues.birthDateInFuture}</p>`);
    expect(answer.text).toContain(`<p class="field-issue" id="e-client-person-firstName">${texts.issues.required}</p>`);
    expect(answer.text).toContain('<a href="#f-client-person-firstName">Kunde – Vorname: ');
    expect(answer.text).toContain(`name="idempotencyKey" value="${key}"`);
    expect(answer.text).toContain('value="Lefèvre"');
    expect(await requestsOf('C-DASH-FORM-2')).toEqual([]);
  });

  it('reshapes the form on its buttons (a contract added, a grantee removed, a company\'s fields) and files nothing', async () => {
    const { browser, token, key } = await openForm('en');
    const fields = formFieldsFor(naturalClientRequestWithObservers({ clientRef: 'C-DASH-FORM-3' }));
    const added = await postForm(browser, formOf(fields, { csrf: token, idempotencyKey: key, formAction: 'add:contracts' }));
    expect(added.status).toBe(200);
    expect(added.text).toContain('name="contracts.3.ref"');
    const removed = await postForm(browser, formOf(fields, { csrf: token, idempotencyKey: key, formAction: 'remove:grantees:1' }));
    expect(removed.text).not.toContain('value="Lefèvre"');
    expect(removed.text).toContain('name="grantees.2.person.lastName" value="Dvořák"');
    fields.set('client.type', ['legal']);
    const company = await postForm(browser, formOf(fields, { csrf: token, idempotencyKey: key, formAction: 'refresh' }));
    expect(company.text).toContain('name="client.enterpriseNumber"');
    expect(company.text).toContain('name="requesterIs"');
    expect(await requestsOf('C-DASH-FORM-3')).toEqual([]);
  });

  it('refuses a form post without its token (403), and files nothing', async () => {
    const { browser, key } = await openForm();
    const fields = formFieldsFor(naturalClientRequest({ clientRef: 'C-DASH-FORM-4' }));
    const answer = await postForm(browser, formOf(fields, { idempotencyKey: key }));
    expect(answer.status).toBe(403);
    expect(await requestsOf('C-DASH-FORM-4')).toEqual([]);
  });
});
