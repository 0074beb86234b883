/**
 * I3: the bounds of the access request (request-schema.ts) that request-validation.ts checks
 * before anything else: every string's and array's maximum, by place in the body.
 *
 * They are the bounds the request's own JSON Schema declares (the one the OpenAPI document
 * publishes), written out here rather than generated at each cold start: zod's JSON Schema
 * generator would otherwise be in every function that validates a request (issue 11, "cold
 * start"). test/functions/domain/request-bounds.test.ts derives them from the schema and fails,
 * printing the value to write here, when they differ.
 */
import { MAX_EMAIL_LENGTH, MAX_REFERENCE_LENGTH } from './identifiers.js';
import { MAX_CONTRACTS, MAX_GRANTEES, SIGNATURE_METHODS } from './request-constants.js';

/** The bounds at one place in the body, and the places within it. */
export interface Bounds {
  maxLength?: number;
  maxItems?: number;
  items?: Bounds;
  properties?: Readonly<Record<string, Bounds>>;
}

const ADDRESS: Bounds = { properties: { street: { maxLength: 200 }, postalCode: { maxLength: 20 }, city: { maxLength: 100 }, country: { maxLength: 100 } } };
const PERSON: Bounds = { properties: { lastName: { maxLength: 100 }, firstName: { maxLength: 100 }, address: ADDRESS } };
const PERSON_WITH_EMAIL: Bounds = { properties: { ...PERSON.properties, email: { maxLength: MAX_EMAIL_LENGTH } } };
const REFERENCE: Bounds = { maxLength: MAX_REFERENCE_LENGTH };

/** The bounds of `accessRequestShape`, as its JSON Schema (input) declares them. */
export const REQUEST_BOUNDS: Bounds = {
  properties: {
    clientRef: REFERENCE,
    client: { properties: { person: PERSON, name: { maxLength: 200 }, enterpriseNumber: { maxLength: 32 }, legalRepresentative: PERSON_WITH_EMAIL } },
    requester: PERSON_WITH_EMAIL,
    contracts: { maxItems: MAX_CONTRACTS, items: { properties: { ref: REFERENCE, label: { maxLength: 200 } } } },
    grantees: { maxItems: MAX_GRANTEES, items: { properties: { person: PERSON_WITH_EMAIL, contracts: { maxItems: MAX_CONTRACTS, items: REFERENCE } } } },
    signatureMethods: { maxItems: SIGNATURE_METHODS.length },
  },
};
