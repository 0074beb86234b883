/**
 * The access request as the broker files it (`POST /v1/requests`, api-contract.md): its shape
 * and types. The rules it must satisfy are checked in `request-validation.ts`.
 *
 * The shape holds the input rules too: every identifier that enters a key has its character
 * set (I1), every free text refuses invisible and control characters (I2), and every array
 * and string has a maximum (I3), which `request-validation.ts` checks before anything else.
 *
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`; I1–I3 in `docs/input-rules.md`.
 */
import * as z from 'zod/mini';

import { clientRefSchema, contractRefSchema, emailSchema } from './identifiers.js';
import { safeText } from './safe-text.js';

import { GRANTEE_RELATIONS, LANGUAGES, MAX_CONTRACTS, MAX_GRANTEES, SIGNATURE_METHODS } from './request-constants.js';

export { GRANTEE_RELATIONS, LANGUAGES, MAX_CONTRACTS, MAX_GRANTEES, SIGNATURE_METHODS } from './request-constants.js';
export type { GranteeRelation, Language, SignatureMethod } from './request-constants.js';

// I2: everything printed on the form and in e-mails is safe text.
export const addressSchema = z.object({
  street: safeText(200),
  postalCode: safeText(20),
  city: safeText(100),
  country: safeText(100).check(z.minLength(2)),
});

export const personSchema = z.object({
  lastName: safeText(100),
  firstName: safeText(100),
  birthDate: z.iso.date(),
  address: addressSchema,
});

export const personWithEmailSchema = z.extend(personSchema, {
  // I1: the address enters the grant's key, lower-cased.
  email: emailSchema,
});

export const contractSchema = z.object({
  ref: contractRefSchema,
  label: safeText(200),
});

export const granteeSchema = z.object({
  relation: z.enum(GRANTEE_RELATIONS),
  person: personWithEmailSchema,
  /** Omitted for "all contracts" (R4.1, R4.4); refs from the request's `contracts` otherwise. */
  contracts: z.optional(z.array(contractRefSchema).check(z.maxLength(MAX_CONTRACTS))),
});

export const naturalClientSchema = z.object({
  type: z.literal('natural'),
  person: personSchema,
});

export const legalClientSchema = z.object({
  type: z.literal('legal'),
  name: safeText(200),
  // R6 judges the digits; the longest accepted spelling is "BE 0123 456 749" (15), the rest is room for stray spaces.
  enterpriseNumber: z.string().check(z.trim(), z.maxLength(32)),
  legalRepresentative: personWithEmailSchema,
});

/** The signature methods a request offers (R3): some of the three, each once. */
const signatureMethodsSchema = z.array(z.enum(SIGNATURE_METHODS)).check(z.minLength(1), z.maxLength(SIGNATURE_METHODS.length), (context) => {
  context.value.forEach((method, index) => {
    if (context.value.indexOf(method) === index) return;
    context.issues.push({ code: 'custom', input: context.value, path: [index], message: `"${method}" is listed twice` });
  });
});

export const accessRequestShape = z.object({
  // I1: the client reference enters the grant's sort key.
  clientRef: clientRefSchema,
  language: z.enum(LANGUAGES),
  client: z.discriminatedUnion('type', [naturalClientSchema, legalClientSchema]),
  requester: personWithEmailSchema,
  requestDate: z.iso.date(),
  contracts: z.array(contractSchema).check(z.maxLength(MAX_CONTRACTS)),
  grantees: z.array(granteeSchema).check(z.minLength(1), z.maxLength(MAX_GRANTEES, `At most ${MAX_GRANTEES} grantees per request: file several requests for more`)),
  signatureMethods: z._default(signatureMethodsSchema, [...SIGNATURE_METHODS]),
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
