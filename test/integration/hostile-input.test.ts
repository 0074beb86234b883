/**
 * Hostile input on the local stack, proven from outside as a caller would send it. The input
 * rules are defined in docs/input-rules.md:
 * - I1: every identifier that enters a key (client and contract references, e-mail addresses,
 *   broker ids, minted request and grant ids, list cursors) keeps to its character set;
 * - I2: free text refuses characters a reader cannot see, and is stored in NFC;
 * - I3: bounds are checked before any other work, answers stay small, each route caps its body.
 * Whatever the input, no route answers 5xx: malformed input is a 4xx with the usual body.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequestInput, PersonWithEmail } from '../../functions/domain/request-schema.js';
import { ROUTES, type RouteSpec } from '../../catalog/route-catalog.js';
import {
  legalClientRequest,
  naturalClientRequest,
  otherGrantee,
  PEOPLE,
  policyholderGrantee,
  withGrantees,
} from '../fixtures/access-request-builder.js';
import { activateAll, fileRequest, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { jsonOf, rawCall, type RawAnswer, type RawCall } from './support/raw-http.js';
import { decline, uploadScan, useTestStack, type BrokerClient, type JsonAnswer } from './support/test-stack.js';
import { DashboardBrowser, signInToDashboard } from './support/dashboard-session.js';

const stack = useTestStack();

/** Broker A signed in to the dashboard: its routes are called with his session cookie and form token. */
let dashboardSession: { cookie: string; formToken: string } | undefined;
async function dashboardSessionHeaders(): Promise<Record<string, string>> {
  if (!dashboardSession) {
    const { browser, page } = await signInToDashboard(stack);
    dashboardSession = { cookie: browser.jar.header(), formToken: DashboardBrowser.formTokenOf(page.text) };
  }
  return { cookie: dashboardSession.cookie, 'x-csrf-token': dashboardSession.formToken };
}

// --- A client of its own for each test, so no test answers another's questions. ---

let clientCounter = 0;

interface FreshClient {
  readonly clientRef: string;
  readonly requester: PersonWithEmail;
  readonly grantee: PersonWithEmail;
  /** Hans asks access for Łukasz on POL-1 (R4.3): both have addresses of this client alone. */
  readonly body: AccessRequestInput;
}

function freshClient(): FreshClient {
  clientCounter += 1;
  const clientRef = `C-HOSTILE-${clientCounter}`;
  const requester = { ...PEOPLE.hans(), email: `hans.hostile${clientCounter}@example.be` };
  const grantee = { ...PEOPLE.lukasz(), email: `lukasz.hostile${clientCounter}@example.com` };
  const body = withGrantees(naturalClientRequest({ clientRef, requester }), otherGrantee(['POL-1'], grantee));
  return { clientRef, requester, grantee, body };
}

/** A copy of `body` with the value at a dotted path (`grantees.0.person.lastName`) replaced. */
function withValueAt<T>(body: T, dottedPath: string, value: unknown): T {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = dottedPath.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) as string] = value;
  return copy as T;
}

/** A 400 `{ error: "validation", issues }` whose issues all have the contract's shape, one of them at `issuePath`. */
function expectIssueAt(answer: JsonAnswer<any>, issuePath: string): { path: string; rule: string; message: string } {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 2000)).toBe(400);
  expect(answer.body.error).toBe('validation');
  for (const issue of answer.body.issues) expect(issue).toEqual({ path: expect.any(String), rule: expect.any(String), message: expect.any(String) });
  expect(answer.body.issues).toContainEqual(expect.objectContaining({ path: issuePath }));
  return answer.body.issues.find((issue: { path: string }) => issue.path === issuePath);
}

/** As {@link expectIssueAt}, with the rule the issue at `issuePath` must name. */
function expectIssue(answer: JsonAnswer<any>, issuePath: string, rule: string): void {
  expectIssueAt(answer, issuePath);
  expect(answer.body.issues).toContainEqual({ path: issuePath, rule, message: expect.any(String) });
}

async function requestsFiledFor(clientRef: string): Promise<number> {
  const listed = await stack.broker().list(`?clientRef=${encodeURIComponent(clientRef)}`);
  expect(listed.status).toBe(200);
  return listed.body.items.length;
}

/** Every request id a broker sees, page after page. */
async function requestIdsOf(broker: BrokerClient): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await broker.list(cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.cursor;
  } while (cursor);
  return ids;
}

/** A call as written (raw path, any bytes) with a broker's or the portal's token, or none. */
async function call(auth: RouteSpec['auth'] | 'none', request: RawCall): Promise<RawAnswer> {
  const token = auth === 'broker' ? stack.stack.brokers[0]?.token : auth === 'portal' ? stack.stack.portalToken : undefined;
  const session = auth === 'session' ? await dashboardSessionHeaders() : {};
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...session, ...request.headers };
  return rawCall(stack.stack.apiUrl, { ...request, headers });
}

function postJson(auth: RouteSpec['auth'], target: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return call(auth, { method: 'POST', target, body, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } });
}

/** `[[[…]]]`, `depth` levels deep. */
function nestedJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** A request filed by broker A, waiting for the requester's signature, and its signing link. */
async function requestAwaitingSignature(): Promise<FreshClient & { id: string; signLink: string }> {
  const client = freshClient();
  const id = await fileRequest(stack, client.body);
  return { ...client, id, signLink: await latestLink(stack, client.requester.email, 'sign') };
}

/** A request signed and approved, its one grant pending activation. */
async function requestAwaitingActivation(): Promise<FreshClient & { id: string; grantId: string; activateLink: string }> {
  const client = freshClient();
  const id = await fileRequest(stack, client.body);
  await signByScanAndApprove(stack, id, client.requester.email);
  const grantId = (await stack.broker().get(id)).body.grantees[0].grantId as string;
  return { ...client, id, grantId, activateLink: await latestLink(stack, client.grantee.email, 'activate') };
}

const RTL_OVERRIDE = '\u202E';

describe('I1: text that becomes part of a key', () => {
  it('refuses the clientRef C-1001#GRANT#zz from broker B, stores and mails nothing, and the portal still answers no', async () => {
    const brokerB = stack.broker(1);
    const before = await requestIdsOf(brokerB);
    const mallory = { ...PEOPLE.lukasz(), email: 'mallory.keyforge@example.com' };
    const body = withGrantees(naturalClientRequest({ clientRef: 'C-1001#GRANT#zz' }), otherGrantee(['POL-1'], mallory));

    expectIssue(await brokerB.submit(body), 'clientRef', 'I1');

    await stack.settle();
    expect(await requestIdsOf(brokerB)).toEqual(before);
    expect(await stack.mails(mallory.email)).toEqual([]);
    // No genuine request for C-1001 names Mallory: the portal must not find one through a forged key.
    expect(await stack.portal.access(mallory.email, 'C-1001', 'POL-1')).toEqual({ status: 200, body: { allowed: false } });
    expect((await stack.portal.grants(mallory.email, 'pending')).body.items).toEqual([]);
    expect((await stack.portal.grants(mallory.email)).body.items).toEqual([]);
  });

  it.each([
    ['the key separator at the end', 'C-1001#', 'I1'],
    ['the key separator at the start', '#C-1001', 'I1'],
    ['a grant key in the middle', 'C-1#GRANT#g_AAAAAAAAAAAAAAAA', 'I1'],
    ['an inner space', 'C 1001', 'I1'],
    ['a letter outside ASCII', 'C-1001é', 'I1'],
    ['a Cyrillic look-alike', 'С-1001', 'I1'],
    ['a fullwidth letter', 'Ｃ-1001', 'I1'],
    ['a leading dash', '-C1001', 'I1'],
    ['a NUL', 'C-1001\u0000', 'I1'],
    ['65 characters (one over the bound)', 'C'.repeat(65), 'I3'],
  ])('refuses a clientRef with %s (%s) naming clientRef and rule %s', async (_label, clientRef, rule) => {
    const client = freshClient();
    expectIssue(await stack.broker().submit({ ...client.body, clientRef }), 'clientRef', rule);
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it.each([
    ['contracts.0.ref', 'POL-1#GRANT#zz', 'I1'],
    ['contracts.1.ref', 'POL 2', 'I1'],
    ['contracts.2.ref', 'POL-3ü', 'I1'],
    ['contracts.0.ref', 'P'.repeat(65), 'I3'],
    ['grantees.0.contracts.0', 'POL-1#GRANT#', 'I1'],
    ['grantees.0.contracts.0', 'POL -1', 'I1'],
    ['grantees.0.contracts.0', 'ΡOL-1', 'I1'],
    ['requester.email', 'hans#grant@example.be', 'I1'],
    ['requester.email', 'hans müller@example.be', 'I1'],
    ['grantees.0.person.email', 'jörg@example.be', 'I1'],
    ['grantees.0.person.email', 'lukasz@exämple.com', 'I1'],
    ['grantees.0.person.email', 'GRANTEE#x@example.com', 'I1'],
    // U+212A KELVIN SIGN lower-cases to an ASCII "k": the address typed is not the address keyed.
    ['grantees.0.person.email', 'lu\u212Aasz@example.com', 'I1'],
    ['grantees.0.person.email', `${'a'.repeat(250)}@example.com`, 'I3'],
  ])('refuses %s = %j naming that field and rule %s; nothing is stored', async (field, value, rule) => {
    const client = freshClient();
    expectIssue(await stack.broker().submit(withValueAt(client.body, field, value)), field, rule);
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  // zod's own rules are worded by zod: in English, as classic zod worded them and as the
  // dashboard's issue words (functions/dashboard/new-request/issue-words.ts) read them, not
  // "Invalid input" (zod/mini sets no locale: functions/domain/zod-messages.ts).
  it.each([
    ['signatureMethods', [], 'Too small: expected array to have >=1 items'],
    ['language', 'lb', 'Invalid option: expected one of "nl"|"fr"|"de"|"en"'],
  ])('words zod\u2019s own rule for %s = %j in English: %s', async (field, value, message) => {
    const client = freshClient();
    const answer = await stack.broker().submit(withValueAt(client.body, field, value));
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toContainEqual(expect.objectContaining({ path: field, message: expect.stringContaining(message) }));
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it("refuses a legal representative's e-mail address with a # (the company's request)", async () => {
    const body = legalClientRequest({ clientRef: `C-HOSTILE-LEGAL-${++clientCounter}` });
    const hostile = withValueAt(body, 'client.legalRepresentative.email', 'elif#GRANT#@example.be');
    expectIssue(await stack.broker().submit(hostile), 'client.legalRepresentative.email', 'I1');
  });

  describe('the portal, beside a genuine completed grant for C-1001', () => {
    const yara = { ...PEOPLE.lukasz(), email: 'yara.kind@example.com' };

    beforeAll(async () => {
      const hans = { ...PEOPLE.hans(), email: 'hans.c1001@example.be' };
      const body = withGrantees(naturalClientRequest({ clientRef: 'C-1001', requester: hans }), otherGrantee(['POL-1'], yara));
      const id = await fileRequest(stack, body);
      await signByScanAndApprove(stack, id, hans.email);
      await activateAll(stack, [yara.email]);
      expect(await statusOf(stack, id)).toBe('COMPLETED');
    });

    it('answers yes only for the exact client and contract granted; a prefix, a widened key or another contract is no', async () => {
      expect((await stack.portal.access(yara.email, 'C-1001', 'POL-1')).body).toMatchObject({ allowed: true, grantId: expect.any(String) });
      expect((await stack.portal.access(yara.email.toUpperCase(), 'C-1001', 'POL-1')).body.allowed).toBe(true);
      expect(await stack.portal.access(yara.email, 'C-100', 'POL-1')).toEqual({ status: 200, body: { allowed: false } });
      expect(await stack.portal.access(yara.email, 'C-1001', 'POL-2')).toEqual({ status: 200, body: { allowed: false } });
      expect(await stack.portal.access(yara.email, 'C-1001', 'POL-1.0')).toEqual({ status: 200, body: { allowed: false } });
    });

    const long = (length: number) => 'C'.repeat(length);
    it.each([
      ['clientRef', 'carrying #', 'C-1001#GRANT#'],
      ['clientRef', 'carrying # alone', '#'],
      ['clientRef', 'with an inner space', 'C-1001 POL-1'],
      ['clientRef', 'with unicode', 'C-1001é'],
      ['clientRef', 'of 65 characters', long(65)],
      ['clientRef', 'of 10,000 characters', long(10_000)],
      ['contract', 'carrying #', 'POL-1#'],
      ['contract', 'with an inner space', 'POL 1'],
      ['contract', 'with unicode', 'ΡOL-1'],
      ['contract', 'of 65 characters', 'P'.repeat(65)],
      ['contract', 'of 10,000 characters', 'P'.repeat(10_000)],
      ['email', 'carrying #', 'yara.kind#@example.com'],
      ['email', 'with an inner space', 'yara kind@example.com'],
      ['email', 'with unicode', 'yära.kind@example.com'],
      ['email', 'with a Kelvin sign (U+212A, which lower-cases to k)', 'yara.\u212Aind@example.com'],
      ['email', 'of 255 characters', `${'y'.repeat(243)}@example.com`],
      ['email', 'of 10,000 characters', `${'y'.repeat(9988)}@example.com`],
    ])('answers 400 naming %s for a value %s, never 200 or 5xx', async (field, _label, value) => {
      const query = { email: yara.email, clientRef: 'C-1001', contract: 'POL-1', [field]: value };
      const answer = await stack.portal.access(query.email, query.clientRef, query.contract);
      expectIssueAt(answer, field);
    });

    it.each([
      ['carrying #', 'yara.kind@example.com#'],
      ['with unicode', 'yära.kind@example.com'],
      ['with a Kelvin sign (U+212A)', 'YARA.\u212AIND@EXAMPLE.COM'],
      ['of 10,000 characters', `${'y'.repeat(9988)}@example.com`],
    ])('answers 400 naming email on the grants list for an address %s', async (_label, email) => {
      expectIssueAt(await stack.portal.grants(email), 'email');
    });

    it('names rule I1 for an identifier refused in a query, as it does in a body and in a path', async () => {
      const rules = {
        'portal access clientRef': await stack.portal.access(yara.email, 'C-1001#GRANT#', 'POL-1'),
        'portal access contract': await stack.portal.access(yara.email, 'C-1001', 'POL-1#'),
        'portal access email': await stack.portal.access('yara#@example.com', 'C-1001', 'POL-1'),
        'portal grants email': await stack.portal.grants('yara#@example.com'),
        'requests list clientRef': await stack.broker().list('?clientRef=C-1001%23GRANT'),
        'personal-data path clientRef': await stack.broker().exportClient('C-1001#GRANT'),
      };
      const ruleOf = (answer: JsonAnswer<any>) => `${answer.status} ${answer.body.issues?.map((issue: { rule: string }) => issue.rule).join(',')}`;
      expect(Object.fromEntries(Object.entries(rules).map(([where, answer]) => [where, ruleOf(answer)]))).toEqual({
        'portal access clientRef': '400 I1',
        'portal access contract': '400 I1',
        'portal access email': '400 I1',
        'portal grants email': '400 I1',
        'requests list clientRef': '400 I1',
        'personal-data path clientRef': '400 I1',
      });
    });
  });

  const UNMINTABLE_IDS: readonly (readonly [string, string])[] = [
    ['req_x#GRANT', 'req_x%23GRANT'],
    ['an id with the grant key appended', `req_${'A'.repeat(20)}%23GRANT%23g_${'A'.repeat(16)}`],
    ['10,000 characters', `req_${'a'.repeat(9_996)}`],
    ['a NUL', '%00'],
    ['a minted shape ending in NUL', `req_${'A'.repeat(19)}%00`],
    ['malformed percent-encoding %ZZ', '%ZZ'],
    ['truncated percent-encoding', '%E0%A4%A'],
    ['a right-to-left override', `req_${'A'.repeat(10)}%E2%80%AE${'A'.repeat(9)}`],
  ];
  /** Every route that reads a request id or a grant id from its path, with a body it would take. */
  const ID_ROUTES: readonly { auth: RouteSpec['auth']; method: string; target: (id: string) => string; body?: string }[] = [
    { auth: 'broker', method: 'GET', target: (id) => `/v1/requests/${id}` },
    { auth: 'broker', method: 'GET', target: (id) => `/v1/requests/${id}/documents/form` },
    { auth: 'broker', method: 'POST', target: (id) => `/v1/requests/${id}/cancel`, body: '{}' },
    { auth: 'broker', method: 'POST', target: (id) => `/v1/requests/${id}/remind` },
    { auth: 'broker', method: 'POST', target: (id) => `/v1/requests/${id}/review`, body: '{"decision":"approve"}' },
    { auth: 'broker', method: 'POST', target: (id) => `/v1/grants/${id.replace(/^req_/, 'g_')}/revoke`, body: '{"reason":"Mandate withdrawn"}' },
    { auth: 'portal', method: 'GET', target: (id) => `/v1/portal/grants/${id.replace(/^req_/, 'g_')}/form` },
  ];

  it.each(UNMINTABLE_IDS)('a request or grant id that cannot have been minted (%s) answers 404 or 400 on every route, never 5xx', async (_label, id) => {
    const answers = [];
    for (const route of ID_ROUTES) {
      const target = route.target(id);
      const answer = await call(route.auth, { method: route.method, target, headers: { 'content-type': 'application/json' }, ...(route.body ? { body: route.body } : {}) });
      answers.push({ route: `${route.method} ${target.slice(0, 60)}`, status: answer.status, error: (jsonOf(answer) as { error?: string } | undefined)?.error });
    }
    for (const answer of answers) {
      expect([400, 404], JSON.stringify(answer)).toContain(answer.status);
      expect(answer.error, JSON.stringify(answer)).toMatch(/^(validation|not_found)$/);
    }
  });
});

describe('I3: work before bounds', () => {
  const MAX_ANSWER_BYTES = 20 * 1024;
  const REQUEST_BODY_CAP = 256 * 1024;

  it('refuses 10,000 grantees with one I3 issue on grantees, in a small answer, storing nothing', async () => {
    const client = freshClient();
    const body = JSON.stringify({ ...client.body, grantees: Array.from({ length: 10_000 }, () => ({})) });
    expect(body.length).toBeLessThan(REQUEST_BODY_CAP);
    const answer = await postJson('broker', '/v1/requests', body);
    expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
    expectIssue({ status: answer.status, body: jsonOf(answer) }, 'grantees', 'I3');
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it('answers 200,000 contract refs on one grantee (a 1.6 MB body) with 413 too_large, before any parsing', async () => {
    const client = freshClient();
    const body = JSON.stringify(withGrantees(client.body, otherGrantee(Array(200_000).fill('POL-1'), client.grantee)));
    expect(body.length).toBeGreaterThan(REQUEST_BODY_CAP);
    const answer = await postJson('broker', '/v1/requests', body);
    expect(answer.status).toBe(413);
    expect(jsonOf(answer)).toEqual({ error: 'too_large', message: expect.any(String) });
    expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it.each([
    ['50,000 contract refs on one grantee', 'grantees.0.contracts', (client: FreshClient) => withGrantees(client.body, otherGrantee(Array(50_000).fill('P'), client.grantee))],
    ['5,000 contracts on the request', 'contracts', (client: FreshClient) => ({ ...client.body, contracts: Array.from({ length: 5_000 }, () => ({ ref: 'P', label: 'L' })) })],
    ['a surname of 10,000 characters', 'grantees.0.person.lastName', (client: FreshClient) => withValueAt(client.body, 'grantees.0.person.lastName', 'W'.repeat(10_000))],
    ['four signature methods', 'signatureMethods', (client: FreshClient) => ({ ...client.body, signatureMethods: ['eid', 'eid', 'eid', 'eid'] })],
  ])('refuses %s (under the body cap) with an I3 issue on %s, in a small answer', async (_label, issuePath, build) => {
    const client = freshClient();
    const body = JSON.stringify(build(client));
    expect(body.length).toBeLessThan(REQUEST_BODY_CAP);
    const answer = await postJson('broker', '/v1/requests', body);
    expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
    expectIssue({ status: answer.status, body: jsonOf(answer) }, issuePath, 'I3');
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it.each([
    ['I1', 'contract references with #', (index: number) => ({ ref: `POL#${index}`, label: 'Car insurance' })],
    ['I3', 'contract references of 65 characters', (index: number) => ({ ref: `${'P'.repeat(61)}${String(index).padStart(4, '0')}`, label: 'Car insurance' })],
    ['I2', 'labels with a right-to-left override', (index: number) => ({ ref: `POL-${index}`, label: `Car ${RTL_OVERRIDE}insurance` })],
  ])('lists at most 50 of 300 %s issues (%s), then one "and 250 more" issue', async (rule, _label, contract) => {
    const client = freshClient();
    const body = { ...client.body, grantees: [policyholderGrantee(client.requester)], contracts: Array.from({ length: 300 }, (_, index) => contract(index)) };
    const answer = await stack.broker().submit(body);
    expect(answer.status).toBe(400);
    const issues = answer.body.issues as { path: string; rule: string; message: string }[];
    expect(issues).toHaveLength(51);
    expect(issues.slice(0, 50).every((issue) => issue.rule === rule && /^contracts\.\d+\.(ref|label)$/.test(issue.path))).toBe(true);
    expect(issues[50]).toEqual({ path: '', rule: 'I3', message: 'and 250 more issues not listed' });
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it.each([
    ['without an Idempotency-Key', nestedJson(10_000), {}],
    ['with an Idempotency-Key', nestedJson(10_000), { 'idempotency-key': 'deep-nesting' }],
    ['nested objects inside clientRef', `{"clientRef":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, {}],
    ['nested objects inside clientRef, with an Idempotency-Key', `{"clientRef":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, { 'idempotency-key': 'deep-nesting-2' }],
  ])('refuses JSON nested 10,000 deep (%s) with 400 I3 on the body', async (_label, body, headers) => {
    const answer = await postJson('broker', '/v1/requests', body, headers);
    expectIssue({ status: answer.status, body: jsonOf(answer) }, '', 'I3');
    expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
  });

  it.each([
    ['of 201 characters', 'k'.repeat(201)],
    ['of 5,000 characters', 'k'.repeat(5_000)],
    ['of spaces only', '   '],
  ])('refuses an Idempotency-Key %s with 400 naming the header, storing nothing', async (_label, key) => {
    const client = freshClient();
    const answer = await stack.broker().submit(client.body, key);
    expectIssueAt(answer, 'headers.idempotency-key');
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it.each([[{}], [{ 'idempotency-key': 'oversized-body' }]])('answers a 300 KB body on POST /v1/requests with 413 too_large (%j), storing nothing', async (headers) => {
    const client = freshClient();
    const body = JSON.stringify({ ...client.body, padding: 'x'.repeat(300 * 1024) });
    const answer = await postJson('broker', '/v1/requests', body, headers);
    expect(answer.status).toBe(413);
    expect(jsonOf(answer)).toEqual({ error: 'too_large', message: expect.any(String) });
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  describe('a 20 KB body on a small route answers 413 and changes nothing', () => {
    const twentyKb = JSON.stringify({ decision: 'reject', reason: 'x'.repeat(20 * 1024) });
    let waiting: Awaited<ReturnType<typeof requestAwaitingSignature>>;
    let activating: Awaited<ReturnType<typeof requestAwaitingActivation>>;

    beforeAll(async () => {
      waiting = await requestAwaitingSignature();
      activating = await requestAwaitingActivation();
    });

    it.each([
      ['cancel', () => `/v1/requests/${waiting.id}/cancel`],
      ['remind', () => `/v1/requests/${waiting.id}/remind`],
      ['review', () => `/v1/requests/${waiting.id}/review`],
      ['decline', () => new URL(`${waiting.signLink}/decline`).pathname],
      ['revoke', () => `/v1/grants/${activating.grantId}/revoke`],
      ['erase', () => `/v1/clients/${waiting.clientRef}/erase`],
      ['activate', () => new URL(activating.activateLink).pathname],
    ])('%s', async (_route, target) => {
      const answer = await postJson(target().startsWith('/v1/') ? 'broker' : 'link', target(), twentyKb);
      expect(answer.status).toBe(413);
      expect(jsonOf(answer)).toEqual({ error: 'too_large', message: expect.any(String) });
      await stack.settle();
      expect(await statusOf(stack, waiting.id)).toBe('AWAITING_SIGNATURE');
      const grant = (await stack.broker().get(activating.id)).body.grantees[0];
      expect(grant.grantStatus).toBe('pending');
    });
  });
});

describe('500 where a 4xx belongs', () => {
  describe('list cursors', () => {
    let genuineCursor: string;
    let firstPageIds: string[];

    beforeAll(async () => {
      for (let index = 0; index < 3; index += 1) await fileRequest(stack, freshClient().body);
      const first = await stack.broker().list('?limit=1');
      expect(first.status).toBe(200);
      genuineCursor = first.body.cursor;
      firstPageIds = first.body.items.map((item: { id: string }) => item.id);
      expect(genuineCursor).toEqual(expect.any(String));
    });

    /** One character of `text` at `index` replaced by another of the base64url alphabet. */
    const changedAt = (text: string, index: number): string => `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
    const oldApiCursor = (): string =>
      Buffer.from(
        JSON.stringify({ pk: `REQUEST#req_${'A'.repeat(20)}`, sk: 'REQUEST', gsi1pk: 'BROKER#broker-b', gsi1sk: `2026-11-20T10:00:00.000Z#req_${'A'.repeat(20)}` }),
      ).toString('base64url');
    /** A's genuine cursor with its key pointed at broker B, its MAC kept. */
    const repointedCursor = (): string => {
      const [version, payload, mac] = genuineCursor.split('.') as [string, string, string];
      const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, string>;
      return `${version}.${Buffer.from(JSON.stringify({ ...key, gsi1pk: 'BROKER#broker-b' })).toString('base64url')}.${mac}`;
    };

    /** label, the broker who sends it (0 = A, 1 = B), the cursor. */
    const FOREIGN_CURSORS: readonly (readonly [string, 0 | 1, () => string])[] = [
      ['(a) the plain base64 of a table key, as the old API made it', 1, oldApiCursor],
      ['(a) the same key in the new envelope with a made-up MAC', 1, () => `c1.${oldApiCursor()}.${'A'.repeat(43)}`],
      ["(b) broker A's genuine cursor, used by broker B", 1, () => genuineCursor],
      ["(b) broker A's genuine cursor pointed at broker B's list, its MAC kept", 1, repointedCursor],
      ['(c) a genuine cursor with one character of its key changed', 0, () => changedAt(genuineCursor, genuineCursor.indexOf('.') + 5)],
      ['(c) a genuine cursor with one character of its MAC changed', 0, () => changedAt(genuineCursor, genuineCursor.lastIndexOf('.') + 5)],
      ['(d) 5,000 characters', 0, () => 'c'.repeat(5_000)],
      ['(d) 5,000 characters after a genuine prefix', 0, () => `${genuineCursor}${'A'.repeat(5_000)}`],
      ['percent signs', 0, () => '%E0%A4%A'],
    ];

    it.each(FOREIGN_CURSORS)('refuses %s with 400 naming cursor', async (_label, brokerIndex, cursor) => {
      const answer = await stack.broker(brokerIndex).list(`?cursor=${encodeURIComponent(cursor())}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body).toMatchObject({ error: 'validation', issues: [{ path: 'cursor', rule: expect.any(String), message: expect.any(String) }] });
    });

    it('a genuine cursor used by its own broker pages on, to requests not yet shown', async () => {
      const second = await stack.broker().list(`?limit=1&cursor=${encodeURIComponent(genuineCursor)}`);
      expect(second.status).toBe(200);
      const secondIds = second.body.items.map((item: { id: string }) => item.id);
      expect(secondIds).toHaveLength(1);
      expect(secondIds).not.toEqual(firstPageIds);
      const third = await stack.broker().list(`?limit=1&cursor=${encodeURIComponent(second.body.cursor)}`);
      expect(third.status).toBe(200);
      expect(new Set([...firstPageIds, ...secondIds, third.body.items[0].id]).size).toBe(3);
    });
  });

  describe("a broker token whose office cannot enter a key", () => {
    let tokenFor: (office: string) => Promise<string>;
    let ownedId: string;

    beforeAll(async () => {
      // The office is the broker's one user-pool group (cognito:groups), as Cognito issues it.
      tokenFor = (office) => stack.stack.tokenIssuer.issueBrokerToken(office);
      ownedId = await fileRequest(stack, freshClient().body);
    });

    it.each([
      ['empty', ''],
      ['carrying #', 'broker-a#GRANT'],
      ['carrying :', 'broker:a'],
      ['with a space', 'broker a'],
      ['with unicode', 'bröker-a'],
      ['with a right-to-left override', `broker${RTL_OVERRIDE}a`],
      ['of 129 characters', 'b'.repeat(129)],
    ])('answers 401 with a body when the office is %s, on every broker route it tries', async (_label, sub) => {
      const client = freshClient();
      const headers = { authorization: `Bearer ${await tokenFor(sub)}`, 'content-type': 'application/json' };
      const answers = [
        await rawCall(stack.stack.apiUrl, { method: 'GET', target: '/v1/requests', headers }),
        await rawCall(stack.stack.apiUrl, { method: 'POST', target: '/v1/requests', headers, body: JSON.stringify(client.body) }),
        await rawCall(stack.stack.apiUrl, { method: 'GET', target: `/v1/requests/${ownedId}`, headers }),
        await rawCall(stack.stack.apiUrl, { method: 'POST', target: `/v1/requests/${ownedId}/cancel`, headers, body: '{}' }),
        await rawCall(stack.stack.apiUrl, { method: 'GET', target: `/v1/clients/${client.clientRef}/personal-data`, headers }),
      ];
      for (const answer of answers) {
        expect(answer.status, answer.text).toBe(401);
        expect(jsonOf(answer)).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
      expect(await requestsFiledFor(client.clientRef)).toBe(0);
      expect(await statusOf(stack, ownedId)).toBe('AWAITING_SIGNATURE');
    });

    it('answers 401 with a body to a token of the brokers\' client that names no office at all (the authorizer needs none)', async () => {
      const token = await stack.stack.tokenIssuer.issueBrokerToken('broker-a', { groups: [] });
      const answer = await rawCall(stack.stack.apiUrl, { method: 'GET', target: '/v1/requests', headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(401);
      expect(jsonOf(answer)).toEqual({ error: 'unauthorized', message: expect.stringContaining('names no broker office') });
    });
  });
});

describe('I2: characters that deceive', () => {
  it.each([
    ['grantees.0.person.lastName', 'a right-to-left override', `Wiśn${RTL_OVERRIDE}iewski`, 'U+202E'],
    ['grantees.0.person.firstName', 'a zero-width space', 'Łu\u200Bkasz', 'U+200B'],
    ['requester.address.street', 'a control character (ESC)', 'Kerkstraat\u001B[2J 12', 'U+001B'],
    ['contracts.0.label', 'a soft hyphen', 'Car in\u00ADsurance', 'U+00AD'],
    ['grantees.0.person.address.city', 'a tab', 'Gent\tCentrum', 'U+0009'],
    ['client.person.address.postalCode', 'a no-break space', '2000\u00A0A', 'U+00A0'],
    ['requester.address.country', 'a line separator', 'B\u2028E', 'U+2028'],
    ['grantees.0.person.address.street', 'a left-to-right isolate', 'Grote Markt \u20663', 'U+2066'],
    ['contracts.1.label', 'a private-use character', 'Home \uE000insurance', 'U+E000'],
    ['client.person.firstName', 'a lone surrogate', 'Ha\uD800ns', 'U+D800'],
  ])('refuses %s with %s: 400 naming the field and I2, nothing stored', async (field, _label, value, codePoint) => {
    const client = freshClient();
    const answer = await stack.broker().submit(withValueAt(client.body, field, value));
    expectIssue(answer, field, 'I2');
    const issue = answer.body.issues.find((candidate: { path: string }) => candidate.path === field);
    expect(issue.message).toContain(codePoint);
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it('refuses a name sent as bytes that are not UTF-8 (they decode to U+FFFD, not to what was typed): 400 naming the field and I2', async () => {
    const client = freshClient();
    const json = JSON.stringify(withValueAt(client.body, 'grantees.0.person.lastName', 'W__MARK__n'));
    const [before, after] = json.split('__MARK__') as [string, string];
    const body = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(after, 'utf8')]);
    const answer = await rawCall(stack.stack.apiUrl, {
      method: 'POST',
      target: '/v1/requests',
      headers: { authorization: `Bearer ${stack.stack.brokers[0]!.token}`, 'content-type': 'application/json' },
      body,
    });
    expectIssue({ status: answer.status, body: jsonOf(answer) as any }, 'grantees.0.person.lastName', 'I2');
    expect(answer.text).toContain('U+FFFD');
    expect(await requestsFiledFor(client.clientRef)).toBe(0);
  });

  it("refuses a company name with a right-to-left override, naming client.name and I2", async () => {
    const clientRef = `C-HOSTILE-LEGAL-${++clientCounter}`;
    const body = withValueAt(legalClientRequest({ clientRef }), 'client.name', `Bakkerij ${RTL_OVERRIDE}sreteeP BV`);
    expectIssue(await stack.broker().submit(body), 'client.name', 'I2');
    expect(await requestsFiledFor(clientRef)).toBe(0);
  });

  it('accepts a name typed decomposed (e + U+0301, c + U+0327) and stores it precomposed (NFC)', async () => {
    const client = freshClient();
    const francoise = { ...PEOPLE.francoise(), firstName: 'Franc\u0327oise', lastName: 'Lefe\u0300vre', email: `francoise.nfc${clientCounter}@example.be` };
    const body = withGrantees(client.body, otherGrantee(['POL-1'], francoise));
    const filed = await stack.broker().submit(body);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await stack.settle();
    const view = (await stack.broker().get(filed.body.id)).body;
    expect(view.grantees[0].name).toBe('Fran\u00E7oise Lef\u00E8vre');
    expect(view.grantees[0].name).not.toContain('\u0300');
  });

  describe('reasons with a right-to-left override are refused and change nothing', () => {
    const reason = `Client ${RTL_OVERRIDE}changed his mind`;
    /** The 400 names the reason and the character found in it. */
    const expectReasonRefused = (answer: JsonAnswer<any>) => expect(expectIssueAt(answer, 'reason').message).toContain('U+202E');

    it('cancel', async () => {
      const { id } = await requestAwaitingSignature();
      expectReasonRefused(await stack.broker().cancel(id, reason));
      expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    });

    it('decline', async () => {
      const { id, signLink } = await requestAwaitingSignature();
      const answer = await decline(signLink, reason);
      expectReasonRefused({ status: answer.status, body: await answer.json() });
      await stack.settle();
      expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    });

    it('review (reject)', async () => {
      const { id, signLink } = await requestAwaitingSignature();
      expect((await uploadScan(signLink)).status).toBe(200);
      await stack.settle();
      expectReasonRefused(await stack.broker().review(id, 'reject', reason));
      expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
    });

    it('revoke', async () => {
      const { id, grantId } = await requestAwaitingActivation();
      expectReasonRefused(await stack.broker().revoke(grantId, reason));
      expect((await stack.broker().get(id)).body.grantees[0].grantStatus).toBe('pending');
    });

    it('erase', async () => {
      const { id, clientRef } = await requestAwaitingSignature();
      expectReasonRefused(await stack.broker().eraseClient(clientRef, reason));
      expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    });

    it('each names rule I2 (docs/input-rules.md: the issue\'s rule is the input rule broken)', async () => {
      const { signLink } = await requestAwaitingSignature();
      // Each route reads its body before the request or grant, so ids of the right shape that name nothing do.
      const answers = {
        cancel: await stack.broker().cancel(`req_${'A'.repeat(20)}`, reason),
        review: await stack.broker().review(`req_${'A'.repeat(20)}`, 'reject', reason),
        revoke: await stack.broker().revoke(`g_${'A'.repeat(16)}`, reason),
        erase: await stack.broker().eraseClient('C-NOBODY', reason),
        decline: await decline(signLink, reason).then(async (answer) => ({ status: answer.status, body: await answer.json() })),
      };
      const rules = Object.fromEntries(
        Object.entries(answers).map(([route, answer]) => [route, `${answer.status} ${answer.body.issues?.find((issue: { path: string }) => issue.path === 'reason')?.rule}`]),
      );
      expect(rules).toEqual({ cancel: '400 I2', review: '400 I2', revoke: '400 I2', erase: '400 I2', decline: '400 I2' });
    });
  });
});

describe('no route answers 5xx to malformed input (every route of ROUTES)', () => {
  /** Path parameters of the right shape that name nothing. */
  const MADE_UP: Readonly<Record<string, string>> = {
    id: `req_${'A'.repeat(20)}`,
    document: 'form',
    grantId: `g_${'A'.repeat(16)}`,
    clientRef: 'C-WALK-NOBODY',
    token: 'A'.repeat(43),
  };
  let genuine: (route: RouteSpec) => Record<string, string>;

  beforeAll(async () => {
    const signing = await requestAwaitingSignature();
    const activating = await requestAwaitingActivation();
    const tokenOf = (link: string) => link.split('/').at(-1) as string;
    genuine = (route) => ({
      id: activating.id,
      document: 'form',
      grantId: activating.grantId,
      clientRef: activating.clientRef,
      token: tokenOf(route.path.startsWith('/sign/') ? signing.signLink : activating.activateLink),
    });
  });

  const PATH_VARIANTS: readonly (readonly [string, (value: string) => string])[] = [
    ['as given', (value) => encodeURIComponent(value)],
    ['malformed percent-encoding', () => '%E0%A4%A'],
    ['5,000 characters', () => 'x'.repeat(5_000)],
    ['NUL, # and an emoji', () => '%00%23%F0%9F%92%A9'],
  ];

  const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe]);
  const BODY_VARIANTS: readonly { label: string; contentType?: string; body?: string | Uint8Array }[] = [
    { label: 'no body' },
    { label: 'not json', contentType: 'application/json', body: 'not json' },
    { label: '{}', contentType: 'application/json', body: '{}' },
    { label: '[]', contentType: 'application/json', body: '[]' },
    { label: 'null', contentType: 'application/json', body: 'null' },
    { label: 'JSON nested 10,000 deep', contentType: 'application/json', body: nestedJson(10_000) },
    { label: "JSON nested 4,000 deep (under the small routes' cap)", contentType: 'application/json', body: nestedJson(4_000) },
    { label: 'a JSON body sent as text/plain', contentType: 'text/plain', body: '{"decision":"approve","reason":"x"}' },
    { label: 'a JSON body sent as application/octet-stream', contentType: 'application/octet-stream', body: '{"decision":"approve","reason":"x"}' },
    { label: 'a form body', contentType: 'application/x-www-form-urlencoded', body: 'decision=approve&reason=x' },
    { label: 'invalid UTF-8 sent as JSON', contentType: 'application/json', body: Buffer.concat([Buffer.from('{"reason":"'), INVALID_UTF8, Buffer.from('"}')]) },
    { label: 'invalid UTF-8 sent as a PDF', contentType: 'application/pdf', body: INVALID_UTF8 },
  ];

  const QUERY_VARIANTS: readonly (readonly [string, string])[] = [
    ['repeated parameters', '?status=SUBMITTED&status=COMPLETED&email=a%40example.be&email=b%40example.be&clientRef=C-1&clientRef=C-2&contract=POL-1&contract=POL-2&limit=1&limit=2&cursor=a&cursor=b'],
    ['absurd numbers', '?limit=1e999&email=a%40example.be&clientRef=C-1&contract=POL-1'],
    ['a negative fraction', '?limit=-0.5&status=ACTIVE'],
    ['malformed percent-encoding', '?email=%E0%A4%A&clientRef=%ZZ&contract=%&cursor=%E0%A4%A&status=%'],
    ['prototype names', '?__proto__=x&constructor=y&toString=z&hasOwnProperty=1&email=a%40example.be'],
    ['empty names and values', '?=&&=&email&status=&limit=&cursor='],
    // Two by two: the four at once pass Node's 16 KB header limit, which answers 431 before any route.
    ['5,000-character email and clientRef', `?email=${'a'.repeat(5_000)}%40example.be&clientRef=${'C'.repeat(5_000)}&contract=POL-1`],
    ['5,000-character contract and cursor', `?email=a%40example.be&clientRef=C-1&contract=${'P'.repeat(5_000)}&cursor=${'c'.repeat(5_000)}`],
    ['bracket syntax', '?email[]=a%40example.be&email[$ne]=x&status[0]=SUBMITTED&limit[]=1'],
    ['NUL and # in values', '?email=a%00%23b%40example.be&clientRef=C%231&contract=P%00&status=SUBMITTED%00&limit=1%00'],
  ];

  /** `{ error }` or `{ message }`; a validation error's issues each `{ path, rule, message }`. */
  function isUsualErrorBody(body: unknown): boolean {
    if (typeof body !== 'object' || body === null) return false;
    const { error, message, issues } = body as { error?: unknown; message?: unknown; issues?: unknown };
    if (typeof error !== 'string' && typeof message !== 'string') return false;
    if (error !== 'validation') return true;
    return (
      Array.isArray(issues) &&
      issues.length > 0 &&
      issues.every((issue: Record<string, unknown>) => ['path', 'rule', 'message'].every((key) => typeof issue?.[key] === 'string'))
    );
  }

  function targetOf(route: RouteSpec, params: Record<string, string>, variant: (value: string) => string, variedParam: string | undefined): string {
    return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      const value = params[name] ?? 'x';
      return name === variedParam ? variant(value) : encodeURIComponent(value);
    });
  }

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async (_key, route) => {
    const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
    // Link and dashboard routes answer people with pages; the API answers JSON.
    const pages = route.auth === 'link' || route.auth === 'session';
    const accepts = pages ? ['application/json', 'text/html'] : ['application/json'];
    const violations: string[] = [];
    const judge = (label: string, answer: RawAnswer) => {
      const where = `${route.method} ${route.path} [${label}]`;
      if (answer.status >= 500) violations.push(`${where} → ${answer.status} ${answer.text.slice(0, 200)}`);
      else if (answer.status >= 400) {
        const isJson = String(answer.headers['content-type'] ?? '').includes('json');
        if (isJson && !isUsualErrorBody(jsonOf(answer))) violations.push(`${where} → ${answer.status} with an unusual body ${answer.text.slice(0, 200)}`);
        if (!isJson && !pages) violations.push(`${where} → ${answer.status} answered as ${String(answer.headers['content-type'])}`);
      }
    };

    for (const [targetLabel, params] of [['made-up', MADE_UP], ['genuine', genuine(route)]] as const) {
      for (const accept of accepts) {
        const pathVariants = paramNames.length === 0 ? [['no parameter', undefined] as const] : paramNames.flatMap((name) => PATH_VARIANTS.map(([label, variant]) => [`${name} ${label}`, [name, variant]] as const));
        for (const [pathLabel, varied] of pathVariants) {
          const target = targetOf(route, params, varied?.[1] ?? encodeURIComponent, varied?.[0]);
          for (const body of BODY_VARIANTS) {
            const headers: Record<string, string> = { accept, ...(body.contentType ? { 'content-type': body.contentType } : {}) };
            const answer = await call(route.auth, { method: route.method, target, headers, ...(body.body !== undefined ? { body: body.body } : {}) });
            judge(`${targetLabel}, ${accept}, ${pathLabel}, ${body.label}`, answer);
          }
        }
        for (const [queryLabel, query] of QUERY_VARIANTS) {
          const target = targetOf(route, params, encodeURIComponent, undefined) + query;
          judge(`${targetLabel}, ${accept}, query with ${queryLabel}`, await call(route.auth, { method: route.method, target, headers: { accept } }));
        }
      }
    }
    await stack.settle();
    expect(violations).toEqual([]);
  }, 240_000);
});
