import { describe, expect, it } from 'vitest';
import { drawRequestSteps, type DrawnStep } from '../../../../functions/dashboard/request/request-steps.js';
import { GRANT_A, GRANT_B, requestView, TrailBuilder, waitingForSignature } from './request-view-fixture.js';

/** `key:state` of each step, the one where the request stands marked with `*`. */
function drawn(steps: DrawnStep[]): string[] {
  return steps.map((step) => `${step.key === 'ended' ? `ended(${step.endedAs})` : step.key}:${step.state}${step.standsHere ? '*' : ''}`);
}

/** A natural client's request signed with the eID and its grants created. */
function grantsCreated(trail: TrailBuilder = waitingForSignature()): TrailBuilder {
  return trail
    .add({ type: 'signatureReceived', details: { role: 'requester', method: 'eid', sha256: 'b'.repeat(64), contentType: 'application/pdf' } }, { actor: 'requester' })
    .add({ type: 'grantsCreated', details: { grantIds: [GRANT_A, GRANT_B] } })
    .add({ type: 'activationRequested', details: { grantId: GRANT_A, round: 1, reminder: false } }, { grantId: GRANT_A })
    .add({ type: 'activationRequested', details: { grantId: GRANT_B, round: 1, reminder: false } }, { grantId: GRANT_B });
}

describe('drawRequestSteps: where a request stands on the workflow', () => {
  it('a request waiting for its requester marks the signature current, since the form was generated', () => {
    const trail = waitingForSignature();
    const steps = drawRequestSteps(requestView(trail.build()));
    expect(drawn(steps)).toEqual(['form:done', 'requesterSignature:current*', 'grants:ahead', 'activation:ahead', 'completed:ahead', 'evidence:ahead']);
    expect(steps[0]?.at).toBe(trail.atOf('formGenerated'));
    expect(steps[1]?.since).toBe(trail.atOf('formGenerated'));
  });

  it('a submitted request waits on its form, since it was filed', () => {
    const trail = new TrailBuilder().add({ type: 'submitted', details: { grantees: 1, clientRef: 'C-1' } }, { actor: 'broker:broker-a' });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'SUBMITTED' }));
    expect(drawn(steps)[0]).toBe('form:current*');
    expect(steps[0]?.since).toBe(trail.atOf('submitted'));
  });

  it("draws the legal representative's signature only for a company that needs it (R6)", () => {
    const company = drawRequestSteps(requestView(waitingForSignature({ legalRepresentativeMustApprove: true }).build()));
    expect(drawn(company)).toContain('legalRepresentativeSignature:ahead');
    const natural = drawRequestSteps(requestView(waitingForSignature().build()));
    expect(natural.map((step) => step.key)).not.toContain('legalRepresentativeSignature');
  });

  it('a scan signed by hand adds the broker’s review, current while it waits (R3, R9)', () => {
    const trail = waitingForSignature()
      .add({ type: 'signatureReceived', details: { role: 'requester', method: 'handwritten', sha256: 'c'.repeat(64), contentType: 'application/pdf' } }, { actor: 'requester' })
      .add({ type: 'scanReviewRequested', details: { role: 'requester' } });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'AWAITING_REVIEW' }));
    expect(drawn(steps).slice(0, 4)).toEqual(['form:done', 'requesterSignature:done', 'requesterReview:current*', 'grants:ahead']);
    expect(steps[2]?.since).toBe(trail.atOf('signatureReceived'));
  });

  it('a rejected scan sends the request back to the signature, current since the rejection, without a review step', () => {
    const trail = waitingForSignature()
      .add({ type: 'signatureReceived', details: { role: 'requester', method: 'handwritten', sha256: 'c'.repeat(64), contentType: 'application/pdf' } }, { actor: 'requester' })
      .add({ type: 'scanReviewRequested', details: { role: 'requester' } })
      .add({ type: 'scanReviewed', details: { role: 'requester', decision: 'reject' } }, { actor: 'broker:broker-a' })
      .add({ type: 'signatureRequested', details: { role: 'requester', round: 2, reminder: false } });
    const steps = drawRequestSteps(requestView(trail.build()));
    expect(drawn(steps).slice(0, 3)).toEqual(['form:done', 'requesterSignature:current*', 'grants:ahead']);
    expect(steps[1]?.since).toBe(trail.atOf('scanReviewed'));
  });

  it('an approved scan then the representative: both reviews drawn, the representative current (R6)', () => {
    const trail = waitingForSignature({ legalRepresentativeMustApprove: true })
      .add({ type: 'signatureReceived', details: { role: 'requester', method: 'handwritten', sha256: 'c'.repeat(64), contentType: 'image/jpeg' } }, { actor: 'requester' })
      .add({ type: 'scanReviewRequested', details: { role: 'requester' } })
      .add({ type: 'scanReviewed', details: { role: 'requester', decision: 'approve' } }, { actor: 'broker:broker-a' })
      .add({ type: 'signatureRequested', details: { role: 'legalRepresentative', round: 1, reminder: false } });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'AWAITING_LEGAL_REPRESENTATIVE' }));
    expect(drawn(steps).slice(0, 5)).toEqual(['form:done', 'requesterSignature:done', 'requesterReview:done', 'legalRepresentativeSignature:current*', 'grants:ahead']);
    expect(steps[3]?.since).toBe(trail.atOf('scanReviewed'));
  });

  it('waiting for the grantees marks the activation current', () => {
    const steps = drawRequestSteps(requestView(grantsCreated().build(), { status: 'AWAITING_ACTIVATION' }));
    expect(drawn(steps)).toEqual(['form:done', 'requesterSignature:done', 'grants:done', 'activation:current*', 'completed:ahead', 'evidence:ahead']);
  });

  it('a completed request whose certificate is sealed is done at every step, standing on the last', () => {
    const trail = grantsCreated()
      .add({ type: 'grantActivated', details: { grantId: GRANT_A } }, { actor: `grantee:${GRANT_A}`, grantId: GRANT_A })
      .add({ type: 'grantActivated', details: { grantId: GRANT_B } }, { actor: `grantee:${GRANT_B}`, grantId: GRANT_B });
    const lastActivation = trail.lastAt;
    trail
      .add({ type: 'completed', details: { activeGrants: 2, expiredGrants: 0 } })
      .add({ type: 'evidenceSealed', details: { sha256: 'd'.repeat(64), covers: { seq: 9, hash: 'e'.repeat(64) }, grants: [] } });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'COMPLETED' }));
    expect(drawn(steps)).toEqual(['form:done', 'requesterSignature:done', 'grants:done', 'activation:done', 'completed:done', 'evidence:done*']);
    expect(steps.find((step) => step.key === 'activation')?.at).toBe(lastActivation);
    expect(steps.find((step) => step.key === 'evidence')?.at).toBe(trail.atOf('evidenceSealed'));
  });

  it('a completed request not sealed yet waits on its evidence (R8)', () => {
    const trail = grantsCreated().add({ type: 'completed', details: { activeGrants: 0, expiredGrants: 2 } });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'COMPLETED' }));
    expect(drawn(steps).slice(-2)).toEqual(['completed:done', 'evidence:current*']);
  });

  it('a request declined by its signer ends where the signature was awaited; the rest is not reached', () => {
    const trail = waitingForSignature()
      .add({ type: 'signatureDeclined', details: { role: 'requester' } }, { actor: 'requester' })
      .add({ type: 'declined', details: { by: 'signer' } });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'DECLINED', outcome: { at: trail.lastAt } }));
    expect(drawn(steps)).toEqual([
      'form:done',
      'ended(DECLINED):ended*',
      'requesterSignature:notReached',
      'grants:notReached',
      'activation:notReached',
      'completed:notReached',
      'evidence:notReached',
    ]);
    expect(steps[1]?.at).toBe(trail.atOf('declined'));
  });

  it('a request that expired unsigned ends before the signature', () => {
    const trail = waitingForSignature().add({ type: 'expired', details: {} });
    expect(drawn(drawRequestSteps(requestView(trail.build(), { status: 'EXPIRED' }))).slice(0, 3)).toEqual(['form:done', 'ended(EXPIRED):ended*', 'requesterSignature:notReached']);
  });

  it('a request cancelled while its grantees were activating keeps what was done and ends before the activation', () => {
    const trail = grantsCreated()
      .add({ type: 'grantActivated', details: { grantId: GRANT_A } }, { actor: `grantee:${GRANT_A}`, grantId: GRANT_A })
      .add({ type: 'cancelled', details: { withdrawnGrantIds: [GRANT_B] } }, { actor: 'broker:broker-a' });
    const steps = drawRequestSteps(requestView(trail.build(), { status: 'CANCELLED' }));
    expect(drawn(steps)).toEqual(['form:done', 'requesterSignature:done', 'grants:done', 'ended(CANCELLED):ended*', 'activation:notReached', 'completed:notReached', 'evidence:notReached']);
  });

  it('a request that failed while its form was made ends first', () => {
    const trail = new TrailBuilder()
      .add({ type: 'submitted', details: { grantees: 1, clientRef: 'C-1' } }, { actor: 'broker:broker-a' })
      .add({ type: 'failed', details: { error: 'FormRenderingFailed' } });
    expect(drawn(drawRequestSteps(requestView(trail.build(), { status: 'FAILED' })))[0]).toBe('ended(FAILED):ended*');
  });

  it('a status that ended without its entry still ends, at the outcome’s time', () => {
    const steps = drawRequestSteps(requestView(waitingForSignature().build(), { status: 'CANCELLED', outcome: { at: '2026-11-29T10:00:00.000Z' } }));
    expect(steps[1]).toEqual({ key: 'ended', state: 'ended', endedAs: 'CANCELLED', at: '2026-11-29T10:00:00.000Z', standsHere: true });
  });

  it('an erased request is drawn from its trail alone, the representative read from the formGenerated entry', () => {
    const trail = waitingForSignature({ legalRepresentativeMustApprove: true })
      .add({ type: 'expired', details: {} })
      .add({ type: 'erased', details: { reason: 'retention', documents: 1, items: 3 } });
    const view = requestView(trail.build(), { status: 'EXPIRED', grantees: [], documents: {}, erasedAt: trail.lastAt });
    delete (view as { legalRepresentativeMustApprove?: boolean }).legalRepresentativeMustApprove;
    const steps = drawRequestSteps(view);
    expect(drawn(steps)).toContain('legalRepresentativeSignature:notReached');
    expect(steps.filter((step) => step.standsHere)).toHaveLength(1);
  });

  it('exactly one step is where the request stands, whatever the outcome', () => {
    const outcomes = [
      requestView(waitingForSignature().build()),
      requestView(grantsCreated().add({ type: 'cancelled', details: { withdrawnGrantIds: [] } }).build(), { status: 'CANCELLED' }),
      requestView(grantsCreated().add({ type: 'completed', details: { activeGrants: 1, expiredGrants: 1 } }).build(), { status: 'COMPLETED' }),
    ];
    for (const view of outcomes) expect(drawRequestSteps(view).filter((step) => step.standsHere)).toHaveLength(1);
  });
});
