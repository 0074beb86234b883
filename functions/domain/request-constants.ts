/**
 * The request's fixed lists and limits (api-contract.md), apart from its schema
 * (`request-schema.ts`, which re-exports them): a module that needs only these does not build
 * the request's zod schemas when it loads (issue 11, cold start: building them took about 5 ms of
 * a small function's start, in functions that never validate a request).
 *
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`; I1–I3 in `docs/input-rules.md`.
 */

export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The signature methods a request may offer (R3). */
export const SIGNATURE_METHODS = ['advanced', 'eid', 'handwritten'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export const GRANTEE_RELATIONS = ['policyholder', 'insured', 'other', 'legalRepresentative'] as const;
export type GranteeRelation = (typeof GRANTEE_RELATIONS)[number];

/** I3: the most contracts one request lists, and so the most one grantee's list can name. */
export const MAX_CONTRACTS = 500;

/**
 * Grants are written in one DynamoDB transaction with the request (two items each, at most
 * 100 items a transaction), so one request carries at most this many grantees.
 */
export const MAX_GRANTEES = 40;
