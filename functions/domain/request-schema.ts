/**
 * The access request as the broker files it (`POST /v1/requests`, api-contract.md): its shape
 * and types. The rules it must satisfy are checked in `request-validation.ts`.
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */
import { z } from 'zod';

export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SIGNATURE_METHODS = ['advanced', 'eid', 'handwritten'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export const GRANTEE_RELATIONS = ['policyholder', 'insured', 'other', 'legalRepresentative'] as const;
export type GranteeRelation = (typeof GRANTEE_RELATIONS)[number];

export const addressSchema = z.object({
  street: z.string().trim().min(1).max(200),
  postalCode: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(100),
  country: z.string().trim().min(2).max(100),
});

export const personSchema = z.object({
  lastName: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  birthDate: z.iso.date(),
  address: addressSchema,
});

export const personWithEmailSchema = personSchema.extend({
  email: z.email().max(254),
});

export const contractSchema = z.object({
  ref: z.string().trim().min(1).max(64),
  label: z.string().trim().min(1).max(200),
});

export const granteeSchema = z.object({
  relation: z.enum(GRANTEE_RELATIONS),
  person: personWithEmailSchema,
  /** Omitted for "all contracts" (R4.1, R4.4); refs from the request's `contracts` otherwise. */
  contracts: z.array(z.string().trim().min(1)).optional(),
});

export const naturalClientSchema = z.object({
  type: z.literal('natural'),
  person: personSchema,
});

export const legalClientSchema = z.object({
  type: z.literal('legal'),
  name: z.string().trim().min(1).max(200),
  enterpriseNumber: z.string().trim(),
  legalRepresentative: personWithEmailSchema,
});

/**
 * Grants are written in one DynamoDB transaction with the request (two items each, at most
 * 100 items a transaction), so one request carries at most this many grantees.
 */
export const MAX_GRANTEES = 40;

export const accessRequestShape = z.object({
  clientRef: z.string().trim().min(1).max(64),
  language: z.enum(LANGUAGES),
  client: z.discriminatedUnion('type', [naturalClientSchema, legalClientSchema]),
  requester: personWithEmailSchema,
  requestDate: z.iso.date(),
  contracts: z.array(contractSchema).max(500),
  grantees: z.array(granteeSchema).min(1).max(MAX_GRANTEES, `At most ${MAX_GRANTEES} grantees per request: file several requests for more`),
  signatureMethods: z.array(z.enum(SIGNATURE_METHODS)).min(1).default([...SIGNATURE_METHODS]),
});

export type Address = z.infer<typeof addressSchema>;
export type Person = z.infer<typeof personSchema>;
export type PersonWithEmail = z.infer<typeof personWithEmailSchema>;
export type Contract = z.infer<typeof contractSchema>;
export type Grantee = z.infer<typeof granteeSchema>;
export type Client = z.infer<typeof accessRequestShape>['client'];
/** A request that passed every rule: what is stored and what the form is rendered from. */
export type AccessRequest = z.infer<typeof accessRequestShape>;
/** The body as the broker may send it (`signatureMethods` optional): what fixtures build. */
export type AccessRequestInput = z.input<typeof accessRequestShape>;
