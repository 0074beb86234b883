import { describe, expect, it } from 'vitest';

import {
  SignerNotInRequestError,
  expectedSigner,
  signingPlanFor,
} from '../../../functions/domain/signing-plan.js';
import {
  PEOPLE,
  legalClientRequest,
  naturalClientRequest,
  type R4Row,
  requestForRow,
  validatedRequest,
} from '../../fixtures/access-request-builder.js';

describe('signingPlanFor (R1, R6)', () => {
  it('has only the policyholder sign for a natural-person client, whoever the grantee (R1; rows R4.1–R4.3)', () => {
    for (const row of ['R4.1', 'R4.2', 'R4.3'] as const satisfies readonly R4Row[]) {
      expect(signingPlanFor(validatedRequest(requestForRow(row))), row).toEqual({
        requesterSigns: true,
        legalRepresentativeMustApprove: false,
      });
    }
  });

  it('needs no separate approval when the requester is the legal representative (R6)', () => {
    expect(signingPlanFor(validatedRequest(legalClientRequest())).legalRepresentativeMustApprove).toBe(false);
  });

  it('recognises the representative as requester despite case and accents (R6)', () => {
    const requester = { ...PEOPLE.elif(), lastName: 'SAHIN', email: 'elif@example.com' };
    expect(signingPlanFor(validatedRequest(legalClientRequest({ requester }))).legalRepresentativeMustApprove).toBe(false);
  });

  it('recognises the representative as requester by the same e-mail address (R6)', () => {
    const requester = { ...PEOPLE.elif(), birthDate: '1982-06-18', email: 'ELIF.SAHIN@example.be' };
    expect(signingPlanFor(validatedRequest(legalClientRequest({ requester }))).legalRepresentativeMustApprove).toBe(false);
  });

  it('has the legal representative approve by signing when someone else asks for the company (R6)', () => {
    const request = validatedRequest(legalClientRequest({ requester: PEOPLE.lukasz() }));
    expect(signingPlanFor(request)).toEqual({ requesterSigns: true, legalRepresentativeMustApprove: true });
  });
});

describe('expectedSigner (R1, R6)', () => {
  it("names the requester for the requester role (R1), and the company's legal representative for the other (R6)", () => {
    const request = validatedRequest(legalClientRequest({ requester: PEOPLE.lukasz() }));
    expect(expectedSigner(request, 'requester').email).toBe('lukasz.wisniewski@example.com');
    expect(expectedSigner(request, 'legalRepresentative').email).toBe('elif.sahin@example.be');
  });

  it('refuses to name a legal representative for a natural-person client', () => {
    expect(() => expectedSigner(validatedRequest(naturalClientRequest()), 'legalRepresentative')).toThrow(SignerNotInRequestError);
  });
});
