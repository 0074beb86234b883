/**
 * One whole story per row of the table R4 (access-rules.md), on the local stack with the
 * synthesized workflow: filed, signed by scan, reviewed, (approved by the legal
 * representative, R6), activated (R7) — then the portal sees exactly what the form says (R8).
 */
import { describe, expect, it } from 'vitest';
import {
  insuredGrantee,
  legalClientRequest,
  naturalClientRequest,
  otherGrantee,
  PEOPLE,
  withGrantees,
} from '../fixtures/access-request-builder.js';
import { activateAll, fileRequest, historyTypes, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { useTestStack } from './support/test-stack.js';
import { grantChainGenesis, verifyAuditChain } from '../../functions/domain/audit-event.js';

const stack = useTestStack();

describe('table R4, one story per row', () => {
  it('R4.1: the policyholder signs for himself and sees all contracts, future ones included', async () => {
    const hans = PEOPLE.hans();
    const id = await fileRequest(stack, naturalClientRequest());
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');

    await signByScanAndApprove(stack, id, hans.email);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    // R7: nothing is visible before activation.
    expect((await stack.portal.access(hans.email, 'C-1001', 'POL-1')).body.allowed).toBe(false);

    await activateAll(stack, [hans.email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    expect((await stack.portal.access(hans.email, 'C-1001', 'POL-1')).body.allowed).toBe(true);
    // "All" covers contracts created after the grant (R4, R8).
    expect((await stack.portal.access(hans.email, 'C-1001', 'POL-NEW-2027')).body.allowed).toBe(true);
    // Another client of the broker stays out of reach.
    expect((await stack.portal.access(hans.email, 'C-9999', 'POL-1')).body.allowed).toBe(false);

    // The trail checks out offline: the request's chain from its genesis, the grant's from its anchor (R2).
    const view = (await stack.broker().get(id)).body;
    expect(view.historyIntact).toBe(true);
    const requestChain = view.history.filter((entry: { grantId?: string }) => entry.grantId === undefined);
    expect(verifyAuditChain(requestChain)).toEqual({ valid: true });
    const created = requestChain.find((entry: { type: string }) => entry.type === 'grantsCreated');
    const grantChain = view.history.filter((entry: { grantId?: string }) => entry.grantId !== undefined);
    expect(grantChain.map((entry: { type: string }) => entry.type)).toEqual(['activationRequested', 'grantActivated']);
    expect(verifyAuditChain(grantChain, grantChainGenesis(created.hash, grantChain[0].grantId))).toEqual({ valid: true });
    // An entry edited after the fact breaks its chain, and the view says so.
    expect(verifyAuditChain([{ ...grantChain[0], details: { grantId: 'g_forgedforgedforg' } }], grantChainGenesis(created.hash, grantChain[0].grantId)).valid).toBe(false);
    const history = await historyTypes(stack, id);
    expect(history).toEqual([
      'submitted',
      'formGenerated',
      'signatureRequested',
      'signatureReceived',
      'scanReviewRequested',
      'scanReviewed',
      'grantsCreated',
      'activationRequested',
      'grantActivated',
      'completed',
      'evidenceSealed',
    ]);
  });

  it('R4.2: an insured person sees exactly the one contract he is insured on', async () => {
    const francoise = PEOPLE.francoise();
    const id = await fileRequest(stack, withGrantees(naturalClientRequest({ clientRef: 'C-1002' }), insuredGrantee('POL-2', francoise)));
    await signByScanAndApprove(stack, id, PEOPLE.hans().email);
    await activateAll(stack, [francoise.email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    expect((await stack.portal.access(francoise.email, 'C-1002', 'POL-2')).body.allowed).toBe(true);
    expect((await stack.portal.access(francoise.email, 'C-1002', 'POL-1')).body.allowed).toBe(false);
    expect((await stack.portal.access(francoise.email, 'C-1002', 'POL-NEW')).body.allowed).toBe(false);
  });

  it('R4.3: another person sees exactly the listed contracts', async () => {
    const lukasz = PEOPLE.lukasz();
    const id = await fileRequest(stack, withGrantees(naturalClientRequest({ clientRef: 'C-1003' }), otherGrantee(['POL-1', 'POL-3'], lukasz)));
    await signByScanAndApprove(stack, id, PEOPLE.hans().email);
    await activateAll(stack, [lukasz.email]);
    const portal = stack.portal;
    expect((await portal.access(lukasz.email, 'C-1003', 'POL-1')).body.allowed).toBe(true);
    expect((await portal.access(lukasz.email, 'C-1003', 'POL-3')).body.allowed).toBe(true);
    expect((await portal.access(lukasz.email, 'C-1003', 'POL-2')).body.allowed).toBe(false);
    const grants = await portal.grants(lukasz.email);
    expect(grants.body.items).toHaveLength(1);
    expect(grants.body.items[0].scope).toEqual({ type: 'contracts', refs: ['POL-1', 'POL-3'] });
    expect(grants.body.items[0].relation).toBe('other');
  });

  it('R4.4: a company whose requester is its legal representative needs no separate approval; he sees all', async () => {
    const elif = PEOPLE.elif();
    const id = await fileRequest(stack, legalClientRequest({ clientRef: 'C-2004' }));
    await signByScanAndApprove(stack, id, elif.email);
    // His own signature is the approval (R6): straight to activation.
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    await activateAll(stack, [elif.email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    expect((await stack.portal.access(elif.email, 'C-2004', 'ANY-FUTURE-CONTRACT')).body.allowed).toBe(true);
    expect((await historyTypes(stack, id)).filter((type) => type === 'signatureRequested')).toHaveLength(1);
  });

  it('R4.5 and R6: a company whose requester is not the representative waits for his own signature, then the observer sees the list', async () => {
    const lukasz = PEOPLE.lukasz();
    const elif = PEOPLE.elif();
    const francoise = PEOPLE.francoise();
    const body = withGrantees(legalClientRequest({ clientRef: 'C-2005', requester: francoise }), otherGrantee(['POL-2'], lukasz));
    const id = await fileRequest(stack, body);
    await signByScanAndApprove(stack, id, francoise.email);

    // R6: the representative gets his own link and approves by signing.
    expect(await statusOf(stack, id)).toBe('AWAITING_LEGAL_REPRESENTATIVE');
    const repMail = (await stack.mails(elif.email)).at(-1);
    expect(repMail?.text).toContain('/sign/');
    await signByScanAndApprove(stack, id, elif.email);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');

    await activateAll(stack, [lukasz.email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    expect((await stack.portal.access(lukasz.email, 'C-2005', 'POL-2')).body.allowed).toBe(true);
    expect((await stack.portal.access(lukasz.email, 'C-2005', 'POL-1')).body.allowed).toBe(false);
    const view = (await stack.broker().get(id)).body;
    expect(view.documents.requesterSignature.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.documents.legalRepresentativeSignature.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await latestLink(stack, elif.email, 'sign')).toMatch(/\/sign\//);
  });

  it('one request with ten grantees: each gets his own link, and each activation counts once (R7)', async () => {
    const observers = Array.from({ length: 10 }, (_, index) => ({ ...PEOPLE.lukasz(), firstName: `Observer${index}`, email: `observer${index}@example.com` }));
    const id = await fileRequest(stack, withGrantees(naturalClientRequest({ clientRef: 'C-1010' }), ...observers.map((person, index) => otherGrantee([`POL-${(index % 3) + 1}`], person))));
    await signByScanAndApprove(stack, id, PEOPLE.hans().email);
    await activateAll(stack, observers.map((person) => person.email));
    const view = (await stack.broker().get(id)).body;
    expect(view.status).toBe('COMPLETED');
    expect(view.grantees.map((grantee: { grantStatus: string }) => grantee.grantStatus)).toEqual(Array(10).fill('active'));
    expect((await historyTypes(stack, id)).filter((type) => type === 'activationRequested')).toHaveLength(10);
    expect((await stack.portal.access('observer4@example.com', 'C-1010', 'POL-2')).body.allowed).toBe(true);
    expect((await stack.portal.access('observer4@example.com', 'C-1010', 'POL-1')).body.allowed).toBe(false);
  });
});
