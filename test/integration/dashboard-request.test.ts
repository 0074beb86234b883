/**
 * One request in the dashboard over HTTP on the local stack (functions/dashboard/request/): where
 * it stands on the workflow's steps, its history and the chain's check, its documents, and the
 * broker's actions there (R9) — each run by the broker API's own routes, so each answer and each
 * refusal is the API's, checked here through the API too.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { DashboardBrowser, signInToDashboard } from './support/dashboard-session.js';
import { activateAll, fileRequest, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { SCANNED_FORM, uploadScan, useTestStack } from './support/test-stack.js';

const stack = useTestStack();

const sha256 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

/** Files a request for Hans, with a mailbox of his own for this test; answers its id and his address. */
async function fileFor(label: string): Promise<{ id: string; email: string }> {
  const email = `hans.${label}@example.be`;
  const hans = { ...PEOPLE.hans(), email };
  const id = await fileRequest(stack, naturalClientRequest({ clientRef: `C-DR-${label}`, requester: hans, grantees: [policyholderGrantee(hans)] }));
  return { id, email };
}

/** The broker's page of a request, with its form token. */
async function openRequest(browser: DashboardBrowser, id: string): Promise<{ status: number; text: string; headers: Headers; csrf: string }> {
  const page = await browser.request(`/dashboard/requests/${id}`);
  return { ...page, csrf: page.status === 200 ? DashboardBrowser.formTokenOf(page.text) : '' };
}

/** Posts a form of the request page; answers the dashboard's answer (not followed). */
function post(browser: DashboardBrowser, path: string, form: Record<string, string>) {
  return browser.request(path, { form });
}

/** The step the page marks as where the request stands. */
function currentStep(html: string): string | undefined {
  return /<li class="step [^"]*" data-step="([^"]+)" data-state="[^"]+" aria-current="step">/.exec(html)?.[1];
}

/** The text of the page's alert, tags dropped. */
function alertText(html: string): string {
  return (/<div class="notice error" role="alert"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('the request page', () => {
  it('shows a request waiting on its signer at that step, with its history worded and its chain checked', async () => {
    const { id } = await fileFor('page');
    const { browser } = await signInToDashboard(stack);
    const page = await openRequest(browser, id);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(currentStep(page.text)).toBe('requesterSignature');
    expect(page.text).toMatch(/data-step="form" data-state="done"/);
    expect(page.text).toContain('Waiting for Hans Müller (requester) to sign.');
    // The history: every entry of GET /v1/requests/{id}, worded, and the chain's check.
    const history = (await stack.broker().get(id)).body.history as unknown[];
    expect(page.text.match(/<tr role="row"><th scope="row"/g)).toHaveLength(history.length);
    expect(page.text).toContain('Broker (office broker-a)</td><td role="cell">Request filed (client reference C-DR-page; 1 person to get access)');
    expect(page.text).toContain('The history is intact: every entry checks against the one before.');
    // The remind and cancel forms, each with the session's form token.
    expect(page.text).toContain(`action="/dashboard/requests/${id}/remind"`);
    expect(page.text).toContain(`action="/dashboard/requests/${id}/cancel"`);

    const dutch = await browser.request(`/dashboard/requests/${id}?lang=nl`);
    expect(dutch.text).toContain('<html lang="nl">');
    expect(dutch.text).toContain('Wacht op de handtekening van Hans Müller (aanvrager).');
    expect(dutch.text).toContain('De historiek is intact');
  });

  it("another broker's request, or an unknown id, is the not-found page in the broker's language, and his actions there change nothing", async () => {
    const { id } = await fileFor('other');
    const { browser: brokerB } = await signInToDashboard(stack, 1);
    const foreign = await brokerB.request(`/dashboard/requests/${id}?lang=fr`);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('text/html');
    expect(foreign.text).toContain('<h1>Demande introuvable</h1>');
    expect(foreign.text).not.toContain('Hans');
    expect((await brokerB.request('/dashboard/requests/req_unknown')).status).toBe(404);
    expect((await brokerB.request(`/dashboard/requests/${id}/documents/form`)).status).toBe(404);

    const csrf = DashboardBrowser.formTokenOf((await brokerB.request('/dashboard')).text);
    expect((await post(brokerB, `/dashboard/requests/${id}/cancel`, { csrf, confirm: 'yes' })).status).toBe(404);
    expect((await post(brokerB, `/dashboard/requests/${id}/remind`, { csrf })).status).toBe(404);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
  });

  it('links the generated form through the dashboard: a 303 to a short-lived link to the very bytes whose SHA-256 it shows (R8)', async () => {
    const { id } = await fileFor('documents');
    const { browser } = await signInToDashboard(stack);
    const page = await openRequest(browser, id);
    const formSha256 = (await stack.broker().get(id)).body.documents.form.sha256 as string;
    expect(page.text).toContain(`<code>${formSha256}</code>`);
    const link = await browser.request(`/dashboard/requests/${id}/documents/form`);
    expect(link.status).toBe(303);
    const pdf = await fetch(link.location ?? '');
    expect(pdf.status).toBe(200);
    expect(sha256(await pdf.arrayBuffer())).toBe(formSha256);
    // No signed copy yet: the document's own not-found page.
    const missing = await browser.request(`/dashboard/requests/${id}/documents/requester-signature`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<h1>Document not found</h1>');
  });

  it("an erased client's request shows its trail, and its documents answer the document's not-found page (the API's 409), not an error", async () => {
    const { id } = await fileFor('erased');
    await stack.broker().cancel(id, 'the client asked us to stop');
    await stack.settle();
    expect((await stack.broker().eraseClient('C-DR-erased', 'the client asked to be forgotten')).status).toBe(202);
    await stack.settle();
    const { browser } = await signInToDashboard(stack);
    expect((await openRequest(browser, id)).status).toBe(200);
    const form = await browser.request(`/dashboard/requests/${id}/documents/form`);
    expect(form.status).toBe(404);
    expect(form.text).toContain('<h1>Document not found</h1>');
  });
});

describe("the broker's actions", () => {
  it('a scan to review shows the form and the scan side by side; approving moves the request on', async () => {
    const { id, email } = await fileFor('approve');
    expect((await uploadScan(await latestLink(stack, email, 'sign'))).status).toBe(200);
    await stack.settle();
    const { browser } = await signInToDashboard(stack);
    const page = await openRequest(browser, id);
    expect(currentStep(page.text)).toBe('requesterReview');
    const frames = [...page.text.matchAll(/<iframe class="review-frame" src="([^"]+)" title="([^"]+)"><\/iframe>/g)];
    expect(frames.map((frame) => frame[2])).toEqual(['Generated form', 'Scan of the signed form']);
    // Each frame is shown in the page (inline), from the bucket the page's policy allows.
    for (const [, src] of frames) {
      const url = new URL((src ?? '').replace(/&amp;/g, '&'));
      expect(page.headers.get('content-security-policy')).toContain(`frame-src ${url.origin}`);
      const shown = await fetch(url);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-disposition')).toMatch(/^inline/);
    }
    const scanFrame = new URL((frames[1]?.[1] ?? '').replace(/&amp;/g, '&'));
    expect(sha256(await (await fetch(scanFrame)).arrayBuffer())).toBe(sha256(SCANNED_FORM));
    // The plain links open each document too.
    const open = await browser.request(`/dashboard/requests/${id}/documents/requester-signature?view=inline`);
    expect(open.status).toBe(303);
    expect((await fetch(open.location ?? '')).headers.get('content-disposition')).toMatch(/^inline/);

    const approved = await post(browser, `/dashboard/requests/${id}/review`, { csrf: page.csrf, decision: 'approve' });
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`/dashboard/requests/${id}?done=approved`);
    const after = await browser.request(approved.location ?? '');
    expect(after.text).toContain('<div class="notice success" role="status" data-done="approved"><p>You approved the scan. The request moves on.</p></div>');
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    expect(currentStep((await openRequest(browser, id)).text)).toBe('activation');
  });

  it('a rejection without a reason is refused beside the field and changes nothing; with one, the signer is asked again', async () => {
    const { id, email } = await fileFor('reject');
    expect((await uploadScan(await latestLink(stack, email, 'sign'))).status).toBe(200);
    await stack.settle();
    const { browser } = await signInToDashboard(stack);
    const { csrf } = await openRequest(browser, id);

    const refused = await post(browser, `/dashboard/requests/${id}/review`, { csrf, decision: 'reject', reason: '   ' });
    expect(refused.status).toBe(400);
    expect(alertText(refused.text)).toBe('Nothing was changed Give the reason for rejecting the scan: the signer reads it.');
    expect(refused.text).toContain('<p class="action-field-error" id="reject-reason-error">Give the reason for rejecting the scan: the signer reads it.</p>');
    expect(refused.text).toMatch(/<textarea id="reject-reason"[^>]*aria-invalid="true">/);
    const unchanged = (await stack.broker().get(id)).body;
    expect(unchanged.status).toBe('AWAITING_REVIEW');
    expect((unchanged.history as { type: string }[]).map((entry) => entry.type)).not.toContain('scanReviewed');

    const rejected = await post(browser, `/dashboard/requests/${id}/review`, { csrf, decision: 'reject', reason: 'The signature on page 2 is missing.' });
    expect(rejected.status).toBe(303);
    expect(rejected.location).toBe(`/dashboard/requests/${id}?done=rejected`);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    const page = await openRequest(browser, id);
    expect(currentStep(page.text)).toBe('requesterSignature');
    expect(page.text).toContain('The scan from Hans Müller (requester) was rejected; asked to sign again<span class="history-note">Reason: “The signature on page 2 is missing.”</span>');
  });

  it('a reminder is answered; a second within the hour is refused with when the next may go', async () => {
    const { id, email } = await fileFor('remind');
    const mailsBefore = (await stack.mails(email)).length;
    const { browser } = await signInToDashboard(stack);
    const { csrf } = await openRequest(browser, id);
    const reminded = await post(browser, `/dashboard/requests/${id}/remind`, { csrf });
    expect(reminded.status).toBe(303);
    expect(reminded.location).toBe(`/dashboard/requests/${id}?done=reminded&sent=1`);
    expect((await browser.request(reminded.location ?? '')).text).toContain('role="status" data-done="reminded"><p>The reminder was sent (1 e-mail).</p>');
    await stack.settle();
    expect((await stack.mails(email)).length).toBe(mailsBefore + 1);

    const again = await post(browser, `/dashboard/requests/${id}/remind`, { csrf });
    expect(again.status).toBe(429);
    expect(alertText(again.text)).toMatch(/^Nothing was changed No reminder was sent: the last one went out on .+\. You can send the next one from .+\.$/);
  });

  it('a cancel needs "I confirm"; once cancelled, a reminder is refused with the status that blocks it', async () => {
    const { id } = await fileFor('cancel');
    const { browser } = await signInToDashboard(stack);
    const { csrf } = await openRequest(browser, id);

    const unconfirmed = await post(browser, `/dashboard/requests/${id}/cancel`, { csrf, reason: 'Client changed his mind' });
    expect(unconfirmed.status).toBe(400);
    expect(alertText(unconfirmed.text)).toBe('Nothing was changed Tick “I confirm” to cancel the request.');
    // The cancel step stays open, with what was typed.
    expect(unconfirmed.text).toMatch(/<details class="confirm-step" data-action="cancel" open>/);
    expect(unconfirmed.text).toContain('>Client changed his mind</textarea>');
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');

    const cancelled = await post(browser, `/dashboard/requests/${id}/cancel`, { csrf, reason: 'Client changed his mind', confirm: 'yes' });
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe(`/dashboard/requests/${id}?done=cancelled`);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('CANCELLED');
    const page = await browser.request(cancelled.location ?? '');
    expect(page.text).toContain('role="status" data-done="cancelled"');
    expect(currentStep(page.text)).toBe('ended-CANCELLED');
    expect(page.text).not.toContain(`action="/dashboard/requests/${id}/remind"`);
    expect(page.text).toContain('<span class="history-note">Reason: “Client changed his mind”</span>');

    // A page left open in another tab still offers the reminder: the API refuses it, and the page says why.
    const refused = await post(browser, `/dashboard/requests/${id}/remind`, { csrf });
    expect(refused.status).toBe(409);
    expect(alertText(refused.text)).toBe('Nothing was changed No reminder was sent: the request is “Cancelled”, and nobody is waiting for an e-mail in that state.');
    const again = await post(browser, `/dashboard/requests/${id}/cancel`, { csrf, confirm: 'yes' });
    expect(again.status).toBe(409);
    expect(alertText(again.text)).toBe('Nothing was changed The request was not cancelled: it has already ended (“Cancelled”).');
  });

  it('revokes an activated grant once confirmed with a reason; the portal sees it at once (R9)', async () => {
    const { id, email } = await fileFor('revoke');
    await signByScanAndApprove(stack, id, email);
    await activateAll(stack, [email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    const grantId = (await stack.broker().get(id)).body.grantees[0].grantId as string;
    expect((await stack.portal.access(email, 'C-DR-revoke', 'POL-1')).body.allowed).toBe(true);

    const { browser } = await signInToDashboard(stack);
    const page = await openRequest(browser, id);
    expect(page.text).toContain(`action="/dashboard/requests/${id}/grants/${grantId}/revoke"`);
    expect(page.text).toContain('<span class="status status-active">Active</span>');

    const noReason = await post(browser, `/dashboard/requests/${id}/grants/${grantId}/revoke`, { csrf: page.csrf, confirm: 'yes', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Give the reason for revoking the access: it is kept with the history.');
    const elsewhere = await post(browser, `/dashboard/requests/${id}/grants/g_not_of_this_request/revoke`, { csrf: page.csrf, confirm: 'yes', reason: 'x' });
    expect(elsewhere.status).toBe(404);
    expect(alertText(elsewhere.text)).toContain('This access is not one of this request.');
    expect((await stack.portal.access(email, 'C-DR-revoke', 'POL-1')).body.allowed).toBe(true);

    const revoked = await post(browser, `/dashboard/requests/${id}/grants/${grantId}/revoke`, { csrf: page.csrf, confirm: 'yes', reason: 'Mandate withdrawn by the client' });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(`/dashboard/requests/${id}?done=revoked`);
    expect((await stack.broker().get(id)).body.grantees[0].grantStatus).toBe('revoked');
    expect((await stack.portal.access(email, 'C-DR-revoke', 'POL-1')).body.allowed).toBe(false);
    const after = await browser.request(revoked.location ?? '');
    expect(after.text).toContain('<span class="status status-revoked">Revoked</span>');
    expect(after.text).not.toContain(`/grants/${grantId}/revoke"`);

    // The evidence: the sealed certificate through the dashboard, and the package as a file.
    await stack.settle();
    const certificate = await browser.request(`/dashboard/requests/${id}/documents/completion-certificate`);
    expect(certificate.status).toBe(303);
    expect((await fetch(certificate.location ?? '')).status).toBe(200);
    const evidence = await browser.request(`/dashboard/requests/${id}/evidence`);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${id}.json"`);
    expect(JSON.parse(evidence.text)).toMatchObject({ format: 'portal-access-evidence/1', requestId: id });
  });
});
