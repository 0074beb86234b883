/** What a request waits on whom and since when, and when the wait ends (functions/dashboard/list/request-wait.ts; R9). */
import { describe, expect, it } from 'vitest';
import { currentWaitOf, waitEndsAt } from '../../../../functions/dashboard/list/request-wait.js';
import { at, awaitingActivation, awaitingRepresentative, awaitingReview, awaitingSignature, ended, erased, grant } from './list-entries.js';

describe('the current wait of a request', () => {
  it('a request awaiting signature waits for its requester (R1), until the signing stage ends', () => {
    const wait = currentWaitOf(awaitingSignature());
    expect(wait).toEqual({ kind: 'signature', role: 'requester', signer: 'Jan Peeters', since: at(-2), reminded: false, endsAt: at(12) });
    expect(waitEndsAt(wait)).toBe(at(12));
  });

  it("from the second round on, the round's start is the last reminder", () => {
    const wait = currentWaitOf(awaitingSignature({ waits: { requester: { round: 2, since: at(-1), deadline: at(9) } } }));
    expect(wait).toMatchObject({ kind: 'signature', reminded: true, since: at(-1), endsAt: at(9) });
  });

  it("a company's request waits for its legal representative (R6), not for the requester who signed", () => {
    expect(currentWaitOf(awaitingRepresentative())).toEqual({ kind: 'signature', role: 'legalRepresentative', signer: 'Elif Şahin', since: at(-1), reminded: false, endsAt: at(13) });
  });

  it('a signature answered but not yet moved on is the product at work, without a deadline', () => {
    const wait = currentWaitOf(awaitingSignature({ waits: { requester: { round: 1, since: at(-2), deadline: at(12), answeredAt: at(-0.1) } } }));
    expect(wait).toEqual({ kind: 'processing', since: at(-0.1) });
    expect(waitEndsAt(wait)).toBeUndefined();
  });

  it("a scan waits for the broker's review (R3, R9): no deadline is kept for it", () => {
    const wait = currentWaitOf(awaitingReview());
    expect(wait).toEqual({ kind: 'review', since: at(-1) });
    expect(waitEndsAt(wait)).toBeUndefined();
  });

  it('activation waits for the grantees still pending, out of all but the revoked (R7), until the first deadline among them', () => {
    const entry = awaitingActivation([
      grant({ status: 'active' }),
      grant({ name: 'Françoise Lefèvre', wait: { round: 1, since: at(-3), deadline: at(11) } }),
      grant({ name: 'Łukasz Wiśniewski', wait: { round: 2, since: at(-1), deadline: at(6) } }),
      grant({ status: 'revoked' }),
    ]);
    expect(currentWaitOf(entry)).toEqual({ kind: 'activation', pending: 2, total: 3, since: at(-3), reminded: false, endsAt: at(6) });
  });

  it('one grantee still pending is named', () => {
    const entry = awaitingActivation([grant({ name: 'Françoise Lefèvre' })]);
    expect(currentWaitOf(entry)).toMatchObject({ kind: 'activation', pending: 1, total: 1, name: 'Françoise Lefèvre' });
  });

  it('every grant answered, the request is being completed', () => {
    expect(currentWaitOf(awaitingActivation([grant({ status: 'active' })]))).toMatchObject({ kind: 'completing' });
  });

  it('a request being prepared waits on the product since it was filed', () => {
    expect(currentWaitOf(awaitingSignature({ status: 'SUBMITTED', createdAt: at(-0.01) }))).toEqual({ kind: 'preparing', since: at(-0.01) });
  });

  it('an ended request waits for nothing: it ended when its outcome was recorded; an erased one too', () => {
    expect(currentWaitOf(ended('EXPIRED', { outcome: { at: at(-3) } }))).toEqual({ kind: 'ended', at: at(-3) });
    expect(currentWaitOf(erased())).toEqual({ kind: 'ended', at: at(-1) });
  });
});
