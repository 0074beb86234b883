/**
 * What can go otherwise than planned, on the local stack with the synthesized workflow:
 * decline, a rejected scan, expiry with reminders (the clock is advanced, never slept),
 * cancel, revoke, a double click, a retried step, a restart, a retried POST, another broker.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW_TIMING } from '../../workflows/workflow-timing.js';
import { naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee, withGrantees } from '../fixtures/access-request-builder.js';
import type { Grantee } from '../../functions/domain/request-schema.js';
import { textsFor } from '../../functions/messages/message-texts.js';
import { activateAll, fileRequest, historyTypes, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { activate, decline, useTestStack, uploadScan } from './support/test-stack.js';

const ROUND_MS = DEFAULT_WORKFLOW_TIMING.signatureRoundSeconds * 1000;
const hans = PEOPLE.hans();

const stack = useTestStack();
let clientCounter = 0;
/** Each test its own client, so grants and mails of one test never answer another's questions. */
function freshRequest(grantees?: Grantee[]) {
  clientCounter += 1;
  const email = `hans.${clientCounter}@example.be`;
  const body = naturalClientRequest({
    clientRef: `C-E${clientCounter}`,
    requester: { ...hans, email },
    grantees: grantees ?? [policyholderGrantee({ ...hans, email })],
  });
  return { body, requesterEmail: email, clientRef: `C-E${clientCounter}` };
}

describe('signing', () => {
  it('a declined signature ends the request as DECLINED, with the reason in its history', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const answer = await decline(await latestLink(stack, requesterEmail, 'sign'), 'I did not ask for this');
    expect(answer.status).toBe(200);
    await stack.settle();
    const view = (await stack.broker().get(id)).body;
    expect(view.status).toBe('DECLINED');
    expect(view.history.at(-1)).toMatchObject({ type: 'declined', details: { reason: 'I did not ask for this' } });
  });

  it('a scan the broker rejects sends the signer a new link with the reason; the next scan goes through (R9)', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const firstLink = await latestLink(stack, requesterEmail, 'sign');
    expect((await uploadScan(firstLink)).status).toBe(200);
    await stack.settle();
    const rejected = await stack.broker().review(id, 'reject', 'The signature is missing on page 2');
    expect(rejected.status).toBe(200);
    await stack.settle();

    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    const mails = await stack.mails(requesterEmail);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text).toContain('The signature is missing on page 2');
    // The first link was spent by the first upload.
    expect((await uploadScan(firstLink)).status).toBe(410);
    await signByScanAndApprove(stack, id, requesterEmail);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
  });

  it('a rejection needs a reason, and a review with nothing to review is a conflict', async () => {
    const { body } = freshRequest();
    const id = await fileRequest(stack, body);
    const noReason = await stack.broker().review(id, 'reject');
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0]).toMatchObject({ path: 'reason', rule: 'R9' });
    expect((await stack.broker().review(id, 'approve')).status).toBe(409);
  });

  it('an unsigned request is reminded twice, then EXPIRED after 14 days; its link then says so', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const link = await latestLink(stack, requesterEmail, 'sign');
    await stack.advance(ROUND_MS);
    await stack.advance(ROUND_MS);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect(await stack.mails(requesterEmail)).toHaveLength(3);
    await stack.advance(ROUND_MS);

    expect(await statusOf(stack, id)).toBe('EXPIRED');
    const history = await historyTypes(stack, id);
    expect(history.filter((type) => type === 'signatureRequested')).toHaveLength(3);
    expect(history.at(-1)).toBe('expired');
    const page = await fetch(link);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('lang="nl"');
    // Time ran out on the request: the page says the link expired, not that the request was closed.
    expect(html).toContain(textsFor('nl').page.linkUnusable.reasons.expired);
    expect(html).toContain(textsFor('nl').page.linkUnusable.nextStep.expired);
  });
});

describe('activation (R7)', () => {
  it('a grantee who never activates is reminded twice, then his grant expires and shows nothing', async () => {
    const { body, requesterEmail, clientRef } = freshRequest();
    const id = await fileRequest(stack, body);
    await signByScanAndApprove(stack, id, requesterEmail);
    const activationRound = DEFAULT_WORKFLOW_TIMING.activationRoundSeconds * 1000;
    await stack.advance(activationRound);
    await stack.advance(activationRound);
    expect((await stack.mails(requesterEmail)).filter((mail) => mail.text?.includes('/activate/'))).toHaveLength(3);
    await stack.advance(activationRound);

    const view = (await stack.broker().get(id)).body;
    expect(view.status).toBe('COMPLETED');
    expect(view.grantees[0].grantStatus).toBe('expired');
    expect(view.history.at(-2)).toMatchObject({ type: 'completed', details: { activeGrants: 0, expiredGrants: 1 } });
    expect(view.history.at(-1)).toMatchObject({ type: 'evidenceSealed' });
    expect((await stack.portal.access(requesterEmail, clientRef, 'POL-1')).body.allowed).toBe(false);
    // His link says it expired (time ran out on the grant), and activates nothing.
    const link = await latestLink(stack, requesterEmail, 'activate');
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain(textsFor('nl').page.linkUnusable.reasons.expired);
    expect((await activate(link)).status).toBe(410);
  });
});

describe('the broker in charge (R9)', () => {
  it('cancels a request mid-way: CANCELLED, the workflow stopped, the signing link closed', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const cancelled = await stack.broker().cancel(id, 'Client changed his mind');
    expect(cancelled.status).toBe(200);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('CANCELLED');
    expect((await uploadScan(await latestLink(stack, requesterEmail, 'sign'))).status).toBe(410);
    expect((await stack.broker().cancel(id)).status).toBe(409);
  });

  it('revokes an active grant: the portal refuses at once, the signed form and history stay', async () => {
    const lukasz = { ...PEOPLE.lukasz(), email: 'lukasz.revoked@example.com' };
    const { body, requesterEmail, clientRef } = freshRequest([otherGrantee(['POL-1'], lukasz)]);
    const id = await fileRequest(stack, body);
    await signByScanAndApprove(stack, id, requesterEmail);
    await activateAll(stack, [lukasz.email]);
    expect((await stack.portal.access(lukasz.email, clientRef, 'POL-1')).body.allowed).toBe(true);

    const grantId = (await stack.broker().get(id)).body.grantees[0].grantId as string;
    expect((await stack.broker().revoke(grantId, 'Mandate withdrawn by the client')).status).toBe(200);
    expect((await stack.portal.access(lukasz.email, clientRef, 'POL-1')).body.allowed).toBe(false);
    expect((await stack.portal.grants(lukasz.email, 'revoked')).body.items).toHaveLength(1);
    const form = await stack.portal.form(grantId);
    expect(form.status).toBe(200);
    expect((await historyTypes(stack, id)).at(-1)).toBe('grantRevoked');
  });

  it('revokes a grant still waiting for activation: its link closes and the request completes at once', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    await signByScanAndApprove(stack, id, requesterEmail);
    const link = await latestLink(stack, requesterEmail, 'activate');
    const grantId = (await stack.broker().get(id)).body.grantees[0].grantId as string;
    expect((await stack.broker().revoke(grantId, 'Sent to the wrong person')).status).toBe(200);
    expect((await activate(link)).status).toBe(410);

    await stack.settle();
    const view = (await stack.broker().get(id)).body;
    expect(view.status).toBe('COMPLETED');
    expect(view.grantees[0].grantStatus).toBe('revoked');
    // The revoked grantee got no reminder.
    expect((await stack.mails(requesterEmail)).filter((mail) => mail.text?.includes('/activate/'))).toHaveLength(1);
  });

  it('another broker sees none of it: 404 on the request, the review and the grant', async () => {
    const { body } = freshRequest();
    const id = await fileRequest(stack, body);
    const other = stack.broker(1);
    expect((await other.get(id)).status).toBe(404);
    expect((await other.cancel(id)).status).toBe(404);
    expect((await other.list()).body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await stack.broker().list()).body.items.map((item: { id: string }) => item.id)).toContain(id);
  });
});

describe('twice is once', () => {
  it('a double-clicked activation link activates once; the second click answers 410 and changes nothing', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    await signByScanAndApprove(stack, id, requesterEmail);
    const link = await latestLink(stack, requesterEmail, 'activate');
    const [first, second] = await Promise.all([activate(link), activate(link)]);
    expect([first.status, second.status].sort()).toEqual([200, 410]);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    expect((await historyTypes(stack, id)).filter((type) => type === 'grantActivated')).toHaveLength(1);
  });

  it('a double-clicked scan upload records one signature', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const link = await latestLink(stack, requesterEmail, 'sign');
    const answers = await Promise.all([uploadScan(link), uploadScan(link)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    await stack.settle();
    expect((await historyTypes(stack, id)).filter((type) => type === 'signatureReceived')).toHaveLength(1);
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
  });

  it('a step retried after it mailed sends no second e-mail, and its link still works', async () => {
    stack.stack.stepFunctions.failNextInvocation('RequestRequesterSignature', { name: 'TransientStepError', message: 'injected after the mail went out' });
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    expect(await stack.mails(requesterEmail)).toHaveLength(1);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    await signByScanAndApprove(stack, id, requesterEmail);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
  });

  it('a step that fails for good ends the request as FAILED, recording why (Catch to RecordFailure)', async () => {
    stack.stack.stepFunctions.failNextInvocation('GenerateForm', { name: 'FormRenderingBroken', message: 'injected: the font is missing' }, 'before');
    const { body } = freshRequest();
    const id = await fileRequest(stack, body);
    const view = (await stack.broker().get(id)).body;
    expect(view.status).toBe('FAILED');
    expect(view.outcome).toMatchObject({ error: 'FormRenderingBroken' });
    expect(view.history.at(-1)).toMatchObject({ type: 'failed', details: { error: 'FormRenderingBroken' } });
  });

  it('the same Idempotency-Key files one request; with another body it answers 409', async () => {
    const { body } = freshRequest();
    const first = await stack.broker().submit(body, 'key-twice');
    const again = await stack.broker().submit(body, 'key-twice');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await stack.broker().submit({ ...body, clientRef: 'C-OTHER' }, 'key-twice');
    expect(other.status).toBe(409);
    await stack.settle();
  });
});

describe('bad input', () => {
  it('answers 400 naming the field and the rule, and stores nothing', async () => {
    const before = (await stack.broker().list()).body.items.length;
    const body = withGrantees(naturalClientRequest(), { ...otherGrantee(['POL-404']) });
    const answer = await stack.broker().submit(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'validation' });
    expect(answer.body.issues).toContainEqual(expect.objectContaining({ path: 'grantees.0.contracts.0', rule: 'R4.3' }));
    expect((await stack.broker().list()).body.items.length).toBe(before);
  });

  it('an unknown link answers 404 with a page; a broker call without a token answers 401', async () => {
    const page = await fetch(`${stack.stack.apiUrl}/sign/${'A'.repeat(43)}`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${stack.stack.apiUrl}/v1/requests`)).status).toBe(401);
  });
});

describe('a restart of the stack', () => {
  it('a request waiting for its signature waits again after a restart, and its e-mailed link still works', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const link = await latestLink(stack, requesterEmail, 'sign');
    await stack.restart();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect((await uploadScan(link)).status).toBe(200);
    await stack.settle();
    expect((await stack.broker().review(id, 'approve')).status).toBe(200);
    await stack.settle();
    await activateAll(stack, [requesterEmail]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    // No second invitation was sent by the replay.
    expect((await stack.mails(requesterEmail)).filter((mail) => mail.text?.includes('/sign/'))).toHaveLength(1);
  });
});
