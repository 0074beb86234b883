/**
 * The local HTTP front authorizes each route as the synthesized template's authorizers say:
 * the user pool as issuer, the route's own app client as audience (Cognito's access tokens name
 * it in `client_id`), and its scope: `brokers/requests` on broker routes, `portal/read` on portal
 * routes. A broker's token never passes a portal route, nor the portal's a broker route (401); a
 * valid token without the route's scope is answered 403 `{"message":"Forbidden"}`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../catalog/function-catalog.js';
import { ROUTES, routeKeyOf, type RouteSpec } from '../../catalog/route-catalog.js';
import { startHttpFront, type HttpFront } from '../../local/http-front.js';
import { localSignIn, type LocalSignIn } from '../../local/local-identity.js';
import { synthesizedTemplate } from '../../local/synthesized-template.js';

/** A request path for a route: each `{name}` filled with a plausible value. */
const pathOf = (route: RouteSpec): string => route.path.replace(/\{(\w+)\}/g, (_all, name: string) => (name === 'grantId' ? 'g_AAAAAAAAAAAAAAAA' : 'x1'));

const BROKER_ROUTES = ROUTES.filter((route) => route.auth === 'broker');
const PORTAL_ROUTES = ROUTES.filter((route) => route.auth === 'portal');

describe('HTTP front: the JWT authorizers of the synthesized template', () => {
  let keyDir: string;
  let signIn: LocalSignIn;
  let front: HttpFront;
  let called: FunctionId[];

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'http-front-authorizers-'));
    signIn = await localSignIn(await synthesizedTemplate(), keyDir);
    front = await startHttpFront({
      routes: ROUTES,
      ...signIn.frontAuthorization,
      resolveHandler: async (functionId) => async () => {
        called.push(functionId);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
      },
    });
  }, 180_000);

  beforeEach(() => {
    called = [];
  });

  afterAll(async () => {
    await front?.stop();
    await rm(keyDir, { recursive: true, force: true });
  });

  const call = (route: RouteSpec, token: string): Promise<Response> =>
    fetch(`${front.url}${pathOf(route)}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(route.method === 'POST' ? { body: '{}' } : {}),
    });

  it("reads every broker and portal route's authorizer from the template: the pool's issuer, the route's client, its scope", () => {
    const { authorizers } = signIn.frontAuthorization;
    const { clients, issuer } = signIn.issuer;

    const expected = [
      [BROKER_ROUTES, { name: 'BrokerJwt', audience: [clients.broker], scopes: ['brokers/requests'] }],
      [PORTAL_ROUTES, { name: 'PortalJwt', audience: [clients.portal], scopes: ['portal/read'] }],
    ] as const;
    for (const [routes, authorizer] of expected) {
      for (const route of routes) {
        expect(authorizers.get(routeKeyOf(route)), routeKeyOf(route)).toEqual({ header: 'authorization', issuer, ...authorizer });
      }
    }
    expect(authorizers.size).toBe(BROKER_ROUTES.length + PORTAL_ROUTES.length);
  });

  it('passes the demo brokers on broker routes and the portal on portal routes', async () => {
    const brokerToken = await signIn.issuer.issueBrokerToken('broker-a');
    const portalToken = await signIn.issuer.issuePortalToken();

    for (const route of BROKER_ROUTES) expect((await call(route, brokerToken)).status, routeKeyOf(route)).toBe(200);
    for (const route of PORTAL_ROUTES) expect((await call(route, portalToken)).status, routeKeyOf(route)).toBe(200);
    expect(called).toHaveLength(BROKER_ROUTES.length + PORTAL_ROUTES.length);
  });

  it("answers a broker's token on every portal route 401 {\"message\":\"Unauthorized\"}, naming the audience, without calling the function", async () => {
    const brokerToken = await signIn.issuer.issueBrokerToken('broker-a');

    for (const route of PORTAL_ROUTES) {
      const answer = await call(route, brokerToken);
      expect([answer.status, await answer.json()], routeKeyOf(route)).toEqual([401, { message: 'Unauthorized' }]);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"');
    }
    expect(called).toEqual([]);
  });

  it("answers the portal's token on every broker route 401, without calling the function", async () => {
    const portalToken = await signIn.issuer.issuePortalToken();

    for (const route of BROKER_ROUTES) {
      const answer = await call(route, portalToken);
      expect([answer.status, await answer.json()], routeKeyOf(route)).toEqual([401, { message: 'Unauthorized' }]);
    }
    expect(called).toEqual([]);
  });

  it('answers a portal token without portal/read 403 {"message":"Forbidden"} on every portal route', async () => {
    const withoutScope = await signIn.issuer.issuePortalToken({ scopes: [] });

    for (const route of PORTAL_ROUTES) {
      const answer = await call(route, withoutScope);
      expect([answer.status, await answer.json()], routeKeyOf(route)).toEqual([403, { message: 'Forbidden' }]);
    }
    expect(called).toEqual([]);
  });

  it("answers 403 a broker's ID token and his self-service access token: the brokers' client, but not the API's scope", async () => {
    const idToken = await signIn.issuer.sign({ aud: signIn.issuer.clients.broker, token_use: 'id', 'cognito:groups': ['broker-a'] });
    const selfService = await signIn.issuer.issueBrokerToken('broker-a', { scopes: ['aws.cognito.signin.user.admin'] });
    const [route] = BROKER_ROUTES as [RouteSpec];

    for (const token of [idToken, selfService]) expect((await call(route, token)).status).toBe(403);
    expect(called).toEqual([]);
  });

  it("lets a broker's token without an office through the gateway (the authorizer needs none): the function answers it", async () => {
    const noOffice = await signIn.issuer.issueBrokerToken('broker-a', { groups: [] });
    const [route] = BROKER_ROUTES as [RouteSpec];

    expect((await call(route, noOffice)).status).toBe(200);
    expect(called).toEqual([route.function]);
  });
});
