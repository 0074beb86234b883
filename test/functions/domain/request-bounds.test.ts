import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { REQUEST_BOUNDS, type Bounds } from '../../../functions/domain/request-bounds.js';
import { accessRequestShape, MAX_CONTRACTS, MAX_GRANTEES } from '../../../functions/domain/request-schema.js';

/** The parts of a JSON Schema (as zod writes one) that carry bounds. */
interface BoundedJsonSchema {
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
function boundsOfJsonSchema(schema: BoundedJsonSchema): Bounds {
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

describe('the request bounds checked first (I3, functions/domain/request-bounds.ts)', () => {
  it('are the bounds the request schema declares, as its JSON Schema publishes them', () => {
    const declared = boundsOfJsonSchema(z.toJSONSchema(accessRequestShape, { io: 'input' }) as BoundedJsonSchema);

    // On a change of the schema: write this value as REQUEST_BOUNDS.
    expect(REQUEST_BOUNDS, JSON.stringify(declared, null, 2)).toEqual(declared);
  });

  it('bound the lists and the texts of a request, both kinds of client included', () => {
    expect(REQUEST_BOUNDS.properties?.grantees?.maxItems).toBe(MAX_GRANTEES);
    expect(REQUEST_BOUNDS.properties?.contracts?.maxItems).toBe(MAX_CONTRACTS);
    expect(REQUEST_BOUNDS.properties?.grantees?.items?.properties?.person?.properties?.email?.maxLength).toBe(254);
    expect(REQUEST_BOUNDS.properties?.client?.properties?.person?.properties?.lastName?.maxLength).toBe(100);
    expect(REQUEST_BOUNDS.properties?.client?.properties?.legalRepresentative?.properties?.address?.properties?.street?.maxLength).toBe(200);
  });
});
