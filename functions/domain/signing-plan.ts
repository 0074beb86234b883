/**
 * Who signs a request's form (R1, R6). The requester always signs. For a legal-person client
 * a legal representative's written authorisation is always needed (R6): when the requester
 * is not that representative, the representative approves by signing the same form too;
 * when he is, his signature is that approval (interpretation in access-rules.md).
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */
import { ProductError } from '../errors/product-error.js';
import { sameEmail, samePerson } from './person-identity.js';
import type { AccessRequest, PersonWithEmail } from './request-schema.js';

/** The two people who may be asked to sign a request's form. */
export const SIGNER_ROLES = ['requester', 'legalRepresentative'] as const;

/** A signer's role; workflow state names carry it in PascalCase. */
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** Who signs a given request. */
export interface SigningPlan {
  /** R1: the requester (the policyholder, or the person acting for a company) always signs. */
  requesterSigns: true;
  /** R6: a company's legal representative must sign too, as he is not the requester. */
  legalRepresentativeMustApprove: boolean;
}

/** Asked for a signer the request does not have (a legal representative of a natural-person client). */
export class SignerNotInRequestError extends ProductError<{ role: SignerRole; clientType: AccessRequest['client']['type'] }> {
  override readonly name = 'SignerNotInRequestError';

  constructor(
    readonly role: SignerRole,
    readonly clientType: AccessRequest['client']['type'],
  ) {
    super(`A ${clientType}-person client's request has no ${role} signer`, { role, clientType });
  }
}

/**
 * The signatures a request needs.
 * R1: the requester signs, always.
 * R6: for a legal-person client, the legal representative approves by signing too, unless
 * the requester is that representative (same name and birth date, or same e-mail address).
 */
export function signingPlanFor(request: AccessRequest): SigningPlan {
  const { client, requester } = request;
  if (client.type === 'natural') {
    return { requesterSigns: true, legalRepresentativeMustApprove: false };
  }
  const representative = client.legalRepresentative;
  const requesterIsRepresentative =
    samePerson(requester, representative) || sameEmail(requester.email, representative.email);
  return { requesterSigns: true, legalRepresentativeMustApprove: !requesterIsRepresentative };
}

/**
 * The person whose signature is expected for `role`: the requester, or the company client's
 * legal representative (R6). Throws {@link SignerNotInRequestError} when asked for the legal
 * representative of a natural-person client.
 */
export function expectedSigner(request: AccessRequest, role: SignerRole): PersonWithEmail {
  if (role === 'requester') return request.requester;
  if (request.client.type === 'legal') return request.client.legalRepresentative;
  throw new SignerNotInRequestError(role, request.client.type);
}

/** The status of a request that waits for `role`'s signature (R1; R6 for the legal representative). */
export function statusAwaitingSignatureOf(role: SignerRole): 'AWAITING_SIGNATURE' | 'AWAITING_LEGAL_REPRESENTATIVE' {
  return role === 'requester' ? 'AWAITING_SIGNATURE' : 'AWAITING_LEGAL_REPRESENTATIVE';
}

/** Whose signature a request in `status` waits for, if anyone's. */
export function signerAwaitedIn(status: string): SignerRole | undefined {
  return SIGNER_ROLES.find((role) => statusAwaitingSignatureOf(role) === status);
}
