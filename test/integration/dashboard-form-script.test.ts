/**
 * The new-request form's script in a browser (jsdom) against the local stack, signed in as
 * broker-a (functions/dashboard/client/new-request-form.ts): a wrong field shows the rule's
 * message beside it as the broker leaves it, and on send nothing is sent while a problem remains;
 * the form reshapes itself (a company's fields, rows added, the contracts offered to a grantee);
 * the API's answer is shown after: the link to the request filed (once, however often the broker
 * clicks), its 400 issues beside their fields like the browser's own (the server stays the judge:
 * a date the browser checks against another day is still refused there), other refusals in the
 * alert.
 */
import { JSDOM, type BrowserNode } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { todayInBrussels } from '../../functions/dashboard/new-request/brussels-today.js';
import { newRequestTexts } from '../../functions/dashboard/new-request/new-request-texts.js';
import type { AccessRequestInput } from '../../functions/domain/request-schema.js';
import { companyRequestFiledByEmployee, naturalClientRequest, naturalClientRequestWithObservers } from '../fixtures/access-request-builder.js';
import { formFieldsFor } from '../functions/dashboard/new-request/request-form-fixtures.js';
import { signInToDashboard, type DashboardBrowser } from './support/dashboard-session.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();
const DAY = 24 * 3600 * 1000;

/** The part of jsdom's window this test uses beyond test/support/jsdom.d.ts. */
interface FormWindow {
  readonly document: FormNode & { getElementById(id: string): FormNode | null; readonly activeElement: FormNode | null };
  readonly Event: new (type: string, init?: { bubbles?: boolean; cancelable?: boolean }) => unknown;
  readonly FocusEvent: new (type: string, init?: { bubbles?: boolean }) => unknown;
  readonly MutationObserver: new (callback: () => void) => { observe(target: FormNode, options: Readonly<Record<string, boolean>>): void; disconnect(): void };
  eval(code: string): unknown;
  close(): void;
}

interface FormNode extends BrowserNode {
  value: string;
  checked: boolean;
  readonly id: string;
  querySelector(selector: string): FormNode | null;
  querySelectorAll(selector: string): ArrayLike<FormNode> & Iterable<FormNode>;
  click(): void;
  focus(): void;
}

interface Fetched {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

interface OpenedForm {
  readonly window: FormWindow;
  readonly form: FormNode;
  /** What the page's script fetched, in order. */
  readonly fetched: Fetched[];
}

/**
 * The new-request page as broker-a's browser opens it, script running. `clockAheadMs` moves the
 * browser's clock (its `Date`) ahead of the server's.
 */
async function openForm(browser: DashboardBrowser, options: { clockAheadMs?: number; language?: string } = {}): Promise<OpenedForm> {
  const url = new URL(`/dashboard/new-request${options.language ? `?lang=${options.language}` : ''}`, stack.stack.apiUrl).href;
  const page = await browser.request(url);
  expect(page.status).toBe(200);
  const scriptPath = /<script src="([^"]+)" defer><\/script>/.exec(page.text)?.[1];
  const script = await browser.request(scriptPath ?? '');
  expect(script.status).toBe(200);
  const fetched: Fetched[] = [];
  const dom = new JSDOM(page.text, {
    url,
    runScripts: 'dangerously',
    beforeParse(window) {
      const globals = window as unknown as Record<string, unknown>;
      globals['fetch'] = async (input: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
        fetched.push({ url: String(input), method: init.method ?? 'GET', headers: { ...init.headers }, body: init.body });
        return fetch(new URL(String(input), url), { ...init, headers: { ...init.headers, cookie: browser.jar.header() } });
      };
      const ahead = options.clockAheadMs ?? 0;
      if (ahead !== 0) {
        const PageDate = globals['Date'] as DateConstructor;
        globals['Date'] = class extends PageDate {
          constructor(...args: [] | [number | string | Date]) {
            if (args.length === 0) super(Date.now() + ahead);
            else super(args[0]);
          }

          static override now(): number {
            return Date.now() + ahead;
          }
        };
      }
    },
  });
  const window = dom.window as unknown as FormWindow;
  window.eval(script.text);
  const form = window.document.querySelector('form[data-new-request]');
  if (!form) throw new Error('The page has no new-request form');
  return { window, form, fetched };
}

function control(opened: OpenedForm, selector: string): FormNode {
  const found = opened.form.querySelector(selector);
  if (!found) throw new Error(`No ${selector} in the form`);
  return found;
}

/** What the broker does in a field: types (or picks) the value, and leaves it. */
function enter(opened: OpenedForm, name: string, value: string): void {
  const field = control(opened, `[name="${name}"]`);
  field.focus();
  field.value = value;
  field.dispatchEvent(new opened.window.Event('input', { bubbles: true }));
  field.dispatchEvent(new opened.window.Event('change', { bubbles: true }));
  field.dispatchEvent(new opened.window.FocusEvent('focusout', { bubbles: true }));
}

/** Ticks the boxes (or the radio button) of `name` whose values are `values`, and only those. */
function choose(opened: OpenedForm, name: string, values: readonly string[]): void {
  for (const box of opened.form.querySelectorAll(`input[name="${name}"]`)) {
    if (box.checked === values.includes(box.value)) continue;
    box.click();
  }
}

/** Fills the whole form in for `body`, as a broker would: the shape first (client type, rows, relations), then every field. */
function fillIn(opened: OpenedForm, body: AccessRequestInput): void {
  const fields = formFieldsFor(body);
  choose(opened, 'client.type', [body.client.type]);
  if (fields.has('requesterIs')) choose(opened, 'requesterIs', fields.get('requesterIs') ?? []);
  while (opened.form.querySelectorAll('[name$=".ref"]').length < body.contracts.length) control(opened, 'button[value="add:contracts"]').click();
  body.contracts.forEach((contract, index) => enter(opened, `contracts.${index}.ref`, contract.ref));
  while (opened.form.querySelectorAll('select[name$=".relation"]').length < body.grantees.length) control(opened, 'button[value="add:grantees"]').click();
  body.grantees.forEach((grantee, index) => enter(opened, `grantees.${index}.relation`, grantee.relation));
  for (const [name, values] of fields) {
    if (name === 'client.type' || name === 'requesterIs') continue;
    const first = control(opened, `[name="${name}"]`);
    if (first.getAttribute('type') === 'checkbox') choose(opened, name, values);
    else enter(opened, name, values[0] ?? '');
  }
}

/** Until `done()` holds, checked on every change of the page. */
function until(opened: OpenedForm, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const observer = new opened.window.MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(opened.window.document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

function send(opened: OpenedForm): void {
  control(opened, 'button[data-send]').click();
}

function issueAt(opened: OpenedForm, place: string): string {
  const id = `e-${place.replace(/\./g, '-')}`;
  const element = opened.window.document.getElementById(id);
  return element && !element.hidden ? (element.textContent ?? '') : '';
}

function summaryOf(opened: OpenedForm): string {
  return opened.window.document.getElementById('issue-summary')?.textContent ?? '';
}

async function requestsOf(clientRef: string): Promise<{ id: string }[]> {
  return (await stack.broker(0).list(`?clientRef=${clientRef}`)).body.items;
}

describe('the new-request form\'s script, in a browser', () => {
  it('shows a wrong field\'s message beside it as the broker leaves it, and sends nothing while it remains', async () => {
    const { browser } = await signInToDashboard(stack, 0);
    const opened = await openForm(browser, { language: 'fr' });
    const texts = newRequestTexts('fr');
    fillIn(opened, naturalClientRequest({ clientRef: 'C-SCRIPT-1' }));
    expect(issueAt(opened, 'client.person.email')).toBe('');

    enter(opened, 'client.person.email', 'hans at example');

    const email = control(opened, '[name="client.person.email"]');
    expect(issueAt(opened, 'client.person.email')).toBe(texts.issues.email);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')?.split(' ')).toContain('e-client-person-email');
    // A field the broker has not reached yet says nothing.
    expect(issueAt(opened, 'client.person.lastName')).toBe('');

    send(opened);
    expect(opened.fetched).toEqual([]);
    expect(summaryOf(opened)).toContain(texts.summary(1));
    expect(summaryOf(opened)).toContain(`Client – Adresse e-mail\u00a0: ${texts.issues.email}`);
    expect(control(opened, '#issue-summary a').getAttribute('href')).toBe('#f-client-person-email');
    expect(opened.window.document.activeElement?.id).toBe('issue-summary');

    // Fixed: the message goes as he types, and the request can be sent.
    enter(opened, 'client.person.email', 'hans.muller@example.be');
    expect(issueAt(opened, 'client.person.email')).toBe('');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    opened.window.close();
  });

  it('checks a rule across fields before sending: an insured person with two contracts (R4.2), an empty required field (R5)', async () => {
    const { browser } = await signInToDashboard(stack, 0);
    const opened = await openForm(browser, { language: 'nl' });
    const texts = newRequestTexts('nl');
    fillIn(opened, naturalClientRequestWithObservers({ clientRef: 'C-SCRIPT-2' }));
    choose(opened, 'grantees.1.contracts', ['POL-1', 'POL-2']);
    enter(opened, 'grantees.3.person.firstName', '');

    send(opened);

    expect(opened.fetched).toEqual([]);
    expect(issueAt(opened, 'grantees.1.contracts')).toBe(texts.issues.exactlyOneContract(2));
    expect(issueAt(opened, 'grantees.3.person.firstName')).toBe(texts.issues.required);
    expect(summaryOf(opened)).toContain(texts.summary(2));
    expect(await requestsOf('C-SCRIPT-2')).toEqual([]);
    opened.window.close();
  });

  it.each([
    ['a natural client with three observers (R4.1–R4.3)', naturalClientRequestWithObservers({ clientRef: 'C-SCRIPT-3' })],
    ['a company whose employee asks (R4.4, R4.5, R6)', companyRequestFiledByEmployee({ clientRef: 'C-SCRIPT-4' })],
  ])('files %s once, however often the broker clicks, and shows the link to it', async (_name, body) => {
    const { browser } = await signInToDashboard(stack, 0);
    const opened = await openForm(browser, { language: 'en' });
    fillIn(opened, body);

    send(opened);
    send(opened);
    await until(opened, () => opened.window.document.querySelector('[data-filed-request]') !== null);

    const [filed] = await requestsOf(body.clientRef);
    expect(await requestsOf(body.clientRef)).toHaveLength(1);
    const link = opened.window.document.querySelector('#new-request-answer a[data-filed-request]');
    expect(link?.getAttribute('href')).toBe(`/dashboard/requests/${filed?.id}`);
    expect(opened.window.document.getElementById('new-request-answer')?.getAttribute('role')).toBe('status');
    expect(opened.window.document.getElementById('new-request-answer')?.textContent).toContain(newRequestTexts('en').answers.filed(body.clientRef));
    expect(opened.fetched).toHaveLength(1);
    const [post] = opened.fetched;
    expect(post).toMatchObject({ url: '/dashboard/new-request', method: 'POST' });
    expect(post?.headers['x-csrf-token']).toBe(control(opened, 'input[name="csrf"]').value);
    expect(post?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // What the script sent is what the API holds: the same request as the JSON body would be.
    const view = (await stack.broker(0).get(filed?.id ?? '')).body;
    expect(view.grantees.map((grantee: { relation: string }) => grantee.relation)).toEqual(body.grantees.map((grantee) => grantee.relation));
    expect(view.requester.email).toBe(body.requester.email);
    await stack.settle();
    opened.window.close();
  });

  it('shows the API\'s own refusal beside its field when the browser checked against another day (R5: the server is the judge)', async () => {
    const { browser } = await signInToDashboard(stack, 0);
    // The browser's clock runs three days ahead: the day after the server's today is in its past.
    const opened = await openForm(browser, { language: 'de', clockAheadMs: 3 * DAY });
    const texts = newRequestTexts('de');
    fillIn(opened, naturalClientRequest({ clientRef: 'C-SCRIPT-5' }));
    const tomorrow = todayInBrussels(new Date(Date.now() + DAY));
    enter(opened, 'requestDate', tomorrow);
    expect(issueAt(opened, 'requestDate')).toBe('');

    send(opened);
    await until(opened, () => issueAt(opened, 'requestDate') !== '');

    expect(opened.fetched).toHaveLength(1);
    expect(issueAt(opened, 'requestDate')).toBe(texts.issues.requestDateInFuture);
    expect(control(opened, '[name="requestDate"]').getAttribute('aria-invalid')).toBe('true');
    expect(summaryOf(opened)).toContain(`Datum des Antrags: ${texts.issues.requestDateInFuture}`);
    expect(opened.window.document.activeElement?.id).toBe('issue-summary');
    expect(await requestsOf('C-SCRIPT-5')).toEqual([]);

    // The broker changes the date: the server's word on it no longer holds, and the request is filed.
    enter(opened, 'requestDate', todayInBrussels(new Date()));
    expect(issueAt(opened, 'requestDate')).toBe('');
    send(opened);
    await until(opened, () => opened.window.document.querySelector('[data-filed-request]') !== null);
    expect(await requestsOf('C-SCRIPT-5')).toHaveLength(1);
    await stack.settle();
    opened.window.close();
  });

  it('explains a refusal other than the rules in the alert: the same form sent again with other details (409)', async () => {
    const { browser } = await signInToDashboard(stack, 0);
    const opened = await openForm(browser, { language: 'nl' });
    fillIn(opened, naturalClientRequest({ clientRef: 'C-SCRIPT-6' }));
    send(opened);
    await until(opened, () => opened.window.document.querySelector('[data-filed-request]') !== null);

    enter(opened, 'contracts.0.label', 'Brandverzekering');
    send(opened);
    const failure = opened.window.document.getElementById('new-request-failure');
    await until(opened, () => (failure?.textContent ?? '') !== '');

    expect(failure?.getAttribute('role')).toBe('alert');
    expect(failure?.textContent).toBe(newRequestTexts('nl').answers.conflict);
    expect(await requestsOf('C-SCRIPT-6')).toHaveLength(1);
    await stack.settle();
    opened.window.close();
  });

  it('adds and removes rows in place, keeps what was entered, and offers the contracts entered to a grantee', async () => {
    const { browser } = await signInToDashboard(stack, 0);
    const opened = await openForm(browser, { language: 'en' });
    enter(opened, 'contracts.0.ref', 'POL-7');
    control(opened, 'button[value="add:grantees"]').click();
    expect(opened.window.document.activeElement?.getAttribute('name')).toBe('grantees.1.relation');
    enter(opened, 'grantees.1.person.lastName', 'Peeters');
    expect(opened.form.querySelector('input[name="grantees.1.contracts"][value="POL-7"]')).not.toBeNull();

    control(opened, 'button[value="add:contracts"]').click();
    expect(opened.window.document.activeElement?.getAttribute('name')).toBe('contracts.1.ref');
    enter(opened, 'contracts.1.ref', 'POL-8');
    expect(opened.form.querySelector('input[name="grantees.1.contracts"][value="POL-8"]')).not.toBeNull();
    expect(control(opened, '[name="grantees.1.person.lastName"]').value).toBe('Peeters');

    control(opened, 'button[value="remove:contracts:0"]').click();
    expect(control(opened, '[name="contracts.0.ref"]').value).toBe('POL-8');
    expect(opened.form.querySelector('input[name="grantees.1.contracts"][value="POL-7"]')).toBeNull();
    // No "Update the form" button: the script reshapes the form itself.
    expect([...opened.form.querySelectorAll('.refresh')].every((element) => element.hidden)).toBe(true);
    expect(opened.fetched).toEqual([]);
    opened.window.close();
  });
});
