/**
 * Per-route throttling on the HTTP API's stage: the routes anyone may call (links, the signing
 * service's callback) get their own, lower limits than the routes of brokers and the client
 * portal, each route keyed as API Gateway keys it.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKeyOf, type RouteAuth } from '../../catalog/route-catalog.js';
import { ACCOUNT_ROUTE_THROTTLE, ANONYMOUS_ROUTE_THROTTLE, ROUTE_THROTTLES } from '../../infra/route-throttles.js';
import { synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

describe('HTTP API route throttling', () => {
  let synthesized: SynthesizedPortalAccess;
  let template: Template;
  let stage: Resource;

  afterAll(() => synthesized?.cleanUp());

  beforeAll(() => {
    synthesized = synthesizePortalAccess();
    template = synthesized.template;
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];
    expect(stages).toHaveLength(1);
    stage = stages[0]!;
  });

  it('gives anonymous routes lower limits than routes whose callers have an account', () => {
    expect(ANONYMOUS_ROUTE_THROTTLE).toEqual({ rateLimit: 10, burstLimit: 20 });
    expect(ACCOUNT_ROUTE_THROTTLE).toEqual({ rateLimit: 50, burstLimit: 100 });
    expect(ANONYMOUS_ROUTE_THROTTLE.rateLimit).toBeLessThan(ACCOUNT_ROUTE_THROTTLE.rateLimit);
    expect(ANONYMOUS_ROUTE_THROTTLE.burstLimit).toBeLessThan(ACCOUNT_ROUTE_THROTTLE.burstLimit);
  });

  it.each([
    ['link', ANONYMOUS_ROUTE_THROTTLE],
    ['hmac', ANONYMOUS_ROUTE_THROTTLE],
    ['broker', ACCOUNT_ROUTE_THROTTLE],
    ['portal', ACCOUNT_ROUTE_THROTTLE],
  ] as const)('throttles every %s route at its kind\'s limits in the stage\'s RouteSettings', (auth: RouteAuth, limits) => {
    const routes = ROUTES.filter((route) => route.auth === auth);
    expect(routes.length, auth).toBeGreaterThan(0);
    expect(ROUTE_THROTTLES[auth]).toBe(limits);
    for (const route of routes) {
      expect(stage.Properties.RouteSettings[routeKeyOf(route)], routeKeyOf(route)).toEqual({
        ThrottlingRateLimit: limits.rateLimit,
        ThrottlingBurstLimit: limits.burstLimit,
      });
    }
  });

  it('names each route of the API in RouteSettings, and no other key', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => (route as Resource).Properties.RouteKey as string);
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(routeKeys.sort());
  });

  it('keeps the account limits as the default of a route without settings', () => {
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
  });

  it('creates the stage after every route (CloudFormation refuses settings for a route it has not created)', () => {
    const routeIds = Object.keys(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });
});
