/**
 * What the people behind the links see, and what the broker and the portal can fetch: the
 * signing and activation pages in the request's language, the form whose SHA-256 was recorded
 * (R2), the signed form beside the grant (R8), reminders on demand (R9).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legalClientRequest, naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { activateAll, fileRequest, latestLink, signByScanAndApprove } from './support/request-story.js';
import { SCANNED_FORM, useTestStack } from './support/test-stack.js';
import { stageSettings } from '../../infra/portal-access-settings.js';
import { LOCAL_STAGE } from '../../local/synthesized-template.js';

const sha256 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

const stack = useTestStack();

describe('the signer', () => {
  it('opens an accessible signing page in the request language and downloads the very form whose hash was recorded', async () => {
    const elif = PEOPLE.elif();
    const id = await fileRequest(stack, legalClientRequest({ clientRef: 'C-PAGES-1' }));
    const link = await latestLink(stack, elif.email, 'sign');

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Şahin');
    expect(html).toContain(`${new URL(link).pathname}/scan`);
    // No birth date on the page (GDPR: the signer's own request, names and scope only).
    expect(html).not.toContain(elif.birthDate);

    const form = await fetch(`${link}/form.pdf`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toBe('application/pdf');
    const view = (await stack.broker().get(id)).body;
    expect(sha256(await form.arrayBuffer())).toBe(view.documents.form.sha256);

    // The broker fetches the same form; a document that does not exist is 404.
    const auth = { authorization: `Bearer ${stack.stack.brokers[0]?.token}` };
    const brokerCopy = await fetch(view.documents.form.url, { headers: auth });
    expect(sha256(await brokerCopy.arrayBuffer())).toBe(view.documents.form.sha256);
    expect((await fetch(`${stack.stack.apiUrl}/v1/requests/${id}/documents/requester-signature`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${stack.stack.apiUrl}/v1/requests/${id}/documents/anything-else`, { headers: auth })).status).toBe(404);
  });

  it('the invitation says who asks what and until when, and carries no birth date, address or contract list', async () => {
    const hans = { ...PEOPLE.hans(), email: 'hans.mail@example.be' };
    await fileRequest(stack, naturalClientRequest({ clientRef: 'C-PAGES-2', requester: hans, grantees: [policyholderGrantee(hans)] }));
    const [mail] = await stack.mails(hans.email);
    // The sender and the broker's name are the local stage's settings (config/stages/test.json).
    const { mailFrom, brokerDisplayName } = stageSettings({ stage: LOCAL_STAGE });
    expect(mail?.from).toContain(mailFrom);
    expect(mail?.subject.length).toBeGreaterThan(10);
    for (const body of [mail?.text ?? '', mail?.html ?? '']) {
      expect(body).toContain('Hans Müller');
      expect(body).toContain(brokerDisplayName);
      expect(body).not.toContain(hans.birthDate);
      expect(body).not.toContain(hans.address.street);
      expect(body).not.toContain('POL-1');
    }
  });

  it('refuses a file that is not a PDF, JPEG or PNG, naming the rule, and keeps the link usable', async () => {
    const hans = { ...PEOPLE.hans(), email: 'hans.badfile@example.be' };
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-PAGES-3', requester: hans, grantees: [policyholderGrantee(hans)] }));
    const link = await latestLink(stack, hans.email, 'sign');
    const answer = await fetch(`${link}/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: 'not a pdf at all' });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { issues: unknown[] }).issues[0]).toMatchObject({ path: 'body', rule: 'R3' });
    const retry = await fetch(`${link}/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: SCANNED_FORM });
    expect(retry.status).toBe(200);
    await stack.settle();
    expect((await stack.broker().get(id)).body.status).toBe('AWAITING_REVIEW');
  });
});

describe('the grantee and the portal', () => {
  it('sees an activation page, and the portal then serves the signed form with the hash it lists (R8)', async () => {
    const hans = { ...PEOPLE.hans(), email: 'hans.portal@example.be' };
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-PAGES-4', language: 'de', requester: hans, grantees: [policyholderGrantee(hans)] }));
    await signByScanAndApprove(stack, id, hans.email);
    const link = await latestLink(stack, hans.email, 'activate');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain(`action="${new URL(link).pathname}"`);

    await activateAll(stack, [hans.email]);
    const grants = (await stack.portal.grants(hans.email)).body.items;
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ clientRef: 'C-PAGES-4', relation: 'policyholder', scope: { type: 'all' }, status: 'active' });
    const form = await stack.portal.form(grants[0].grantId);
    expect(form.status).toBe(200);
    const bytes = await form.arrayBuffer();
    expect(sha256(bytes)).toBe(grants[0].form.sha256);
    expect(sha256(bytes)).toBe(sha256(SCANNED_FORM));
  });

  it('the portal API refuses a broker token and a call without a token', async () => {
    const query = `email=${encodeURIComponent('x@example.be')}&clientRef=C-1&contract=P-1`;
    expect((await fetch(`${stack.stack.apiUrl}/v1/portal/access?${query}`)).status).toBe(401);
    const withBrokerToken = await fetch(`${stack.stack.apiUrl}/v1/portal/access?${query}`, {
      headers: { authorization: `Bearer ${stack.stack.brokers[0]?.token}` },
    });
    expect(withBrokerToken.status).toBe(401);
    const missingField = await stack.portal.grants('not-an-email');
    expect(missingField.status).toBe(400);
    expect(missingField.body).toMatchObject({ error: 'validation' });
  });
});

describe('the broker', () => {
  it('reminds a signer on demand with a fresh link, at most once an hour (R9)', async () => {
    const hans = { ...PEOPLE.hans(), email: 'hans.remind@example.be' };
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-PAGES-5', requester: hans, grantees: [policyholderGrantee(hans)] }));
    const reminded = await stack.broker().remind(id);
    expect(reminded.status).toBe(202);
    const mails = await stack.mails(hans.email);
    expect(mails).toHaveLength(2);
    expect(await latestLink(stack, hans.email, 'sign')).not.toBe(mails[0]?.text?.match(/\/sign\/\S+/)?.[0]);
    expect((await stack.broker().remind(id)).status).toBe(429);
    expect((await stack.broker().get(id)).body.history.map((entry: { type: string }) => entry.type)).toContain('reminderRequested');
  });

  it('lists his requests filtered by status and client, newest first', async () => {
    const list = await stack.broker().list('?status=AWAITING_SIGNATURE');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((item: { status: string }) => item.status === 'AWAITING_SIGNATURE')).toBe(true);
    const byClient = await stack.broker().list('?clientRef=C-PAGES-5');
    expect(byClient.body.items.map((item: { clientRef: string }) => item.clientRef)).toEqual(['C-PAGES-5']);
    expect((await stack.broker().list('?status=NOT_A_STATUS')).status).toBe(400);
  });
});
