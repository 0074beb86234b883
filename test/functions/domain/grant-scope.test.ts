import { describe, expect, it } from 'vitest';

import { grantCoversContract, grantScopeFor, isObserver } from '../../../functions/domain/grant-scope.js';
import {
  insuredGrantee,
  legalClientRequest,
  legalRepresentativeGrantee,
  naturalClientRequest,
  otherGrantee,
  policyholderGrantee,
  validatedRequest,
  withGrantees,
} from '../../fixtures/access-request-builder.js';

describe('grantScopeFor (R4)', () => {
  it('gives the policyholder all contracts (R4.1)', () => {
    expect(grantScopeFor(policyholderGrantee())).toEqual({ type: 'all' });
  });

  it('gives an insured person exactly his contract (R4.2)', () => {
    expect(grantScopeFor(insuredGrantee('POL-2'))).toEqual({ type: 'contracts', refs: ['POL-2'] });
  });

  it('gives anyone else exactly the listed contracts (R4.3, R4.5)', () => {
    expect(grantScopeFor(otherGrantee(['POL-1', 'POL-3']))).toEqual({ type: 'contracts', refs: ['POL-1', 'POL-3'] });
  });

  it('lists a contract once when the form names it twice, keeping the form’s order (R4.3)', () => {
    expect(grantScopeFor(otherGrantee(['POL-3', 'POL-1', 'POL-3']))).toEqual({ type: 'contracts', refs: ['POL-3', 'POL-1'] });
  });

  it('gives a legal representative all contracts (R4.4)', () => {
    expect(grantScopeFor(legalRepresentativeGrantee())).toEqual({ type: 'all' });
  });
});

describe('grantCoversContract (R4, R8)', () => {
  it('covers a contract created after the grant when the scope is all (R4, R8)', () => {
    expect(grantCoversContract({ type: 'all' }, 'POL-NEW-2027')).toBe(true);
  });

  it('covers a listed contract (R4.3)', () => {
    expect(grantCoversContract({ type: 'contracts', refs: ['POL-1', 'POL-2'] }, 'POL-2')).toBe(true);
  });

  it('does not cover an unlisted or later contract when the scope is a list (R4.2, R8)', () => {
    expect(grantCoversContract({ type: 'contracts', refs: ['POL-1'] }, 'POL-3')).toBe(false);
    expect(grantCoversContract({ type: 'contracts', refs: ['POL-1'] }, 'POL-NEW-2027')).toBe(false);
  });

  it('matches contract refs exactly (R4)', () => {
    expect(grantCoversContract({ type: 'contracts', refs: ['POL-1'] }, 'pol-1')).toBe(false);
    expect(grantCoversContract({ type: 'contracts', refs: ['POL-1'] }, 'POL-10')).toBe(false);
  });
});

describe('isObserver (R5)', () => {
  it('does not count the policyholder of a natural-person client as an observer (R5)', () => {
    const request = validatedRequest(withGrantees(naturalClientRequest(), policyholderGrantee(), insuredGrantee(), otherGrantee()));
    expect(request.grantees.map((grantee) => isObserver(request, grantee))).toEqual([false, true, true]);
  });

  it("counts every grantee of a legal-person client as an observer, its representative included (R5)", () => {
    const request = validatedRequest(withGrantees(legalClientRequest(), legalRepresentativeGrantee(), otherGrantee()));
    expect(request.grantees.map((grantee) => isObserver(request, grantee))).toEqual([true, true]);
  });
});
