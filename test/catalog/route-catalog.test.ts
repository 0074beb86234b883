/** The route catalog: the one list the HTTP API, the local front, the routers and the OpenAPI document are built from. */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { DEFAULT_MAX_BODY_BYTES, maxBodyBytesOf, MAX_DIRECT_BODY_BYTES, ROUTES, routeKeyOf, routesOf } from '../../catalog/route-catalog.js';

describe('the route catalog', () => {
  it('names each operation once, and each method and path once', () => {
    const operationIds = ROUTES.map((route) => route.operationId);
    expect(new Set(operationIds).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map(routeKeyOf)).size).toBe(ROUTES.length);
    for (const operationId of operationIds) expect(operationId).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it("sends every route to a function behind the HTTP API, and gives every such function a route", () => {
    for (const route of ROUTES) expect(FUNCTIONS[route.function].kind, routeKeyOf(route)).toBe('api');
    const apiFunctions = (Object.keys(FUNCTIONS) as FunctionId[]).filter((id) => FUNCTIONS[id].kind === 'api');
    expect(new Set(ROUTES.map((route) => route.function))).toEqual(new Set(apiFunctions));
  });

  it("lists a function's routes in catalog order", () => {
    expect(routesOf('ActivationApi').map(routeKeyOf)).toEqual(['GET /activate/{token}', 'POST /activate/{token}']);
  });

  it('bounds every body, small unless the route says otherwise (I3)', () => {
    expect(maxBodyBytesOf(ROUTES.find((route) => route.operationId === 'declineSignature')!)).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(maxBodyBytesOf(ROUTES.find((route) => route.operationId === 'uploadScan')!)).toBe(MAX_DIRECT_BODY_BYTES);
    for (const route of ROUTES) expect(maxBodyBytesOf(route), routeKeyOf(route)).toBeGreaterThan(0);
  });
});
