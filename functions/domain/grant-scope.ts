/**
 * What a grant lets its grantee see in the client portal (R4, R8), and who is an observer (R5).
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */
import { samePerson } from './person-identity.js';
import type { AccessRequest, Grantee } from './request-schema.js';

/**
 * The contracts a grant covers: `all` of the client's contracts, current and future, or
 * exactly the listed refs. The same shape is served by the portal API.
 */
export type GrantScope = { type: 'all' } | { type: 'contracts'; refs: string[] };

/**
 * The scope a grantee receives for his relation (the table R4).
 * R4.1 (the policyholder) and R4.4 (a legal representative): all contracts.
 * R4.2 (an insured person), R4.3 and R4.5 (anyone else): exactly the listed contracts.
 */
export function grantScopeFor(grantee: Grantee): GrantScope {
  switch (grantee.relation) {
    case 'policyholder':
    case 'legalRepresentative':
      return { type: 'all' };
    case 'insured':
    case 'other':
      return { type: 'contracts', refs: [...new Set(grantee.contracts ?? [])] };
  }
}

/**
 * True when the scope lets its grantee consult `contractRef`.
 * R4/R8: "all" means current and future contracts, so it covers a contract created after the
 * grant; a list means exactly those contracts, never one added later.
 */
export function grantCoversContract(scope: GrantScope, contractRef: string): boolean {
  if (scope.type === 'all') return true;
  return scope.refs.includes(contractRef);
}

/**
 * True when the grantee is an observer: anyone other than the client himself (R5). Only a
 * natural-person client can be a grantee himself (as policyholder, R4.1); for a legal-person
 * client every grantee, the legal representative included, is a natural person other than
 * the client.
 */
export function isObserver(request: AccessRequest, grantee: Grantee): boolean {
  if (request.client.type === 'legal') return true;
  return !samePerson(grantee.person, request.client.person);
}
