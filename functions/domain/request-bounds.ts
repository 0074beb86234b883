/**
 * I3: the bounds of the access request (request-schema.ts) that request-validation.ts checks
 * before anything else: every string's and array's maximum, by place in the body.
 *
 * They are the bounds the request's own JSON Schema declares (the one the OpenAPI document
 * publishes), written out here rather than generated at each cold start: zod's JSON Schema
 * generator would otherwise be in every function that validates a request (issue 11, "cold
 * start"). test/functions/domain/request-bounds.test.ts derives them from the schema with
 * {@link boundsOfJsonSchema} and fails, printing the value to write here, when they differ.
 */

/** The bounds at one place in the body, and the places within it. */
export interface Bounds {
  maxLength?: number;
  maxItems?: number;
  items?: Bounds;
  properties?: Readonly<Record<string, Bounds>>;
}

/** The parts of a JSON Schema (as zod writes one) that carry bounds. */
export interface BoundedJsonSchema {
  maxLength?: number;
  maxItems?: number;
  items?: BoundedJsonSchema;
  properties?: Record<string, BoundedJsonSchema>;
  oneOf?: BoundedJsonSchema[];
  anyOf?: BoundedJsonSchema[];
}

/** The looser of two bounds; a place one variant leaves unbounded stays unbounded. */
function looser(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.max(a, b);
}

/** Two variants of a union as one: a field either declares is bounded as it declares it, the looser where both do. */
function mergedBounds(a: Bounds, b: Bounds): Bounds {
  const properties: Record<string, Bounds> = { ...a.properties };
  for (const [key, inner] of Object.entries(b.properties ?? {})) {
    const declared = properties[key];
    properties[key] = declared === undefined ? inner : mergedBounds(declared, inner);
  }
  return {
    maxLength: looser(a.maxLength, b.maxLength),
    maxItems: looser(a.maxItems, b.maxItems),
    items: a.items === undefined ? b.items : b.items === undefined ? a.items : mergedBounds(a.items, b.items),
    properties,
  };
}

/** The bounds a JSON Schema declares at each place; a place without any is left out. */
export function boundsOfJsonSchema(schema: BoundedJsonSchema): Bounds {
  return compact(declaredBounds(schema));
}

function declaredBounds(schema: BoundedJsonSchema): Bounds {
  // The client is a union of its two types: the lenient view reads fields of both, so both are bounded.
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].map(declaredBounds);
  const [first, ...others] = variants;
  if (first !== undefined) return others.reduce(mergedBounds, first);
  return {
    maxLength: schema.maxLength,
    maxItems: schema.maxItems,
    items: schema.items === undefined ? undefined : declaredBounds(schema.items),
    properties: Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, inner]) => [key, declaredBounds(inner)])),
  };
}

/** `bounds` without what bounds nothing: no undefined field, no place without bounds, no empty `properties`. */
function compact(bounds: Bounds): Bounds {
  const properties = Object.entries(bounds.properties ?? {})
    .map(([key, inner]) => [key, compact(inner)] as const)
    .filter(([, inner]) => Object.keys(inner).length > 0);
  const items = bounds.items === undefined ? undefined : compact(bounds.items);
  return {
    ...(bounds.maxLength === undefined ? {} : { maxLength: bounds.maxLength }),
    ...(bounds.maxItems === undefined ? {} : { maxItems: bounds.maxItems }),
    ...(items === undefined || Object.keys(items).length === 0 ? {} : { items }),
    ...(properties.length === 0 ? {} : { properties: Object.fromEntries(properties) }),
  };
}

const ADDRESS: Bounds = { properties: { street: { maxLength: 200 }, postalCode: { maxLength: 20 }, city: { maxLength: 100 }, country: { maxLength: 100 } } };
const PERSON: Bounds = { properties: { lastName: { maxLength: 100 }, firstName: { maxLength: 100 }, address: ADDRESS } };
const PERSON_WITH_EMAIL: Bounds = { properties: { ...PERSON.properties, email: { maxLength: 254 } } };
const REFERENCE: Bounds = { maxLength: 64 };

/** The bounds of `accessRequestShape`, as {@link boundsOfJsonSchema} reads them from its JSON Schema (input). */
export const REQUEST_BOUNDS: Bounds = {
  properties: {
    clientRef: REFERENCE,
    client: { properties: { person: PERSON, name: { maxLength: 200 }, enterpriseNumber: { maxLength: 32 }, legalRepresentative: PERSON_WITH_EMAIL } },
    requester: PERSON_WITH_EMAIL,
    contracts: { maxItems: 500, items: { properties: { ref: REFERENCE, label: { maxLength: 200 } } } },
    grantees: { maxItems: 40, items: { properties: { person: PERSON_WITH_EMAIL, contracts: { maxItems: 500, items: REFERENCE } } } },
    signatureMethods: { maxItems: 3 },
  },
};
