import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { boundsOfJsonSchema, REQUEST_BOUNDS, type BoundedJsonSchema } from '../../../functions/domain/request-bounds.js';
import { accessRequestShape, MAX_CONTRACTS, MAX_GRANTEES } from '../../../functions/domain/request-schema.js';

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
