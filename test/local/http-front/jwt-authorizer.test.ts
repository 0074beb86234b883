/**
 * The local HTTP front's JWT authorizer decides as API Gateway's does: RSA signature by a key
 * of the issuer named by `kid`, `iss` exactly, `aud` or else `client_id` in the audience, the
 * times, then the route's scopes (401 for a bad token, 403 for a good one without the scope).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeJwt } from '../../../local/http-front/jwt-authorizer.js';
import type { RouteJwtAuthorizer } from '../../../local/http-front/template-authorizers.js';
import { createLocalJwtIssuer, type LocalJwtIssuer } from '../../../local/local-jwt.js';

const CLIENTS = { broker: 'brokerclient0000000000000a', portal: 'portalclient000000000000b' };

describe('JWT authorizer (local HTTP front)', () => {
  let keyDir: string;
  let issuer: LocalJwtIssuer;
  let brokerRoute: RouteJwtAuthorizer;
  let portalRoute: RouteJwtAuthorizer;

  const decide = (token: string | undefined, route: RouteJwtAuthorizer, now = new Date()) =>
    authorizeJwt(token === undefined ? undefined : `Bearer ${token}`, route, (iss) => (iss === issuer.issuer ? issuer.jwks : undefined), now);

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'jwt-authorizer-'));
    issuer = await createLocalJwtIssuer({ keyDir, clients: CLIENTS });
    const common = { header: 'authorization', issuer: issuer.issuer };
    brokerRoute = { ...common, name: 'BrokerJwt', audience: [CLIENTS.broker], scopes: ['brokers/requests'] };
    portalRoute = { ...common, name: 'PortalJwt', audience: [CLIENTS.portal], scopes: ['portal/read'] };
  });

  afterAll(async () => {
    await rm(keyDir, { recursive: true, force: true });
  });

  it("passes each caller's own token on its own routes, with its claims", async () => {
    const broker = await decide(await issuer.issueBrokerToken('broker-a'), brokerRoute);
    const portal = await decide(await issuer.issuePortalToken(), portalRoute);

    expect(broker).toMatchObject({ allowed: true, claims: { 'cognito:groups': ['broker-a'], client_id: CLIENTS.broker } });
    expect(portal).toMatchObject({ allowed: true, claims: { sub: CLIENTS.portal, scope: 'portal/read' } });
  });

  it("refuses 401 a broker's token on a portal route and the portal's on a broker route: client_id is not the route's audience", async () => {
    const brokerOnPortal = await decide(await issuer.issueBrokerToken('broker-a'), portalRoute);
    const portalOnBroker = await decide(await issuer.issuePortalToken(), brokerRoute);

    for (const decision of [brokerOnPortal, portalOnBroker]) {
      expect(decision).toMatchObject({
        allowed: false,
        status: 401,
        wwwAuthenticate: 'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
      });
    }
  });

  it('refuses 403 a valid token without any of the route\'s scopes', async () => {
    const portalWithoutScope = await decide(await issuer.issuePortalToken({ scopes: [] }), portalRoute);
    // What a broker signed in without managed login gets (SRP): his client, not the API's scope.
    const brokerSelfService = await decide(await issuer.issueBrokerToken('broker-a', { scopes: ['aws.cognito.signin.user.admin'] }), brokerRoute);

    expect(portalWithoutScope).toMatchObject({ allowed: false, status: 403 });
    expect(brokerSelfService).toMatchObject({ allowed: false, status: 403 });
  });

  it("refuses 403 the brokers' ID token: its aud is the brokers' client, but an ID token carries no scope", async () => {
    const idToken = await issuer.sign({ aud: CLIENTS.broker, token_use: 'id', 'cognito:groups': ['broker-a'], email: 'jan@janssens.be' });

    expect(await decide(idToken, brokerRoute)).toMatchObject({ allowed: false, status: 403 });
  });

  it('lets aud decide when a token has one, whatever its client_id says', async () => {
    const token = await issuer.sign({ aud: 'another-api', client_id: CLIENTS.portal, scope: 'portal/read' });

    expect(await decide(token, portalRoute)).toMatchObject({ allowed: false, status: 401 });
    expect(await decide(await issuer.sign({ aud: ['another-api', CLIENTS.portal], scope: 'portal/read' }), portalRoute)).toMatchObject({ allowed: true });
  });

  it('reads the scopes from scp as well (a string or a list, as other providers write them)', async () => {
    expect(await decide(await issuer.sign({ client_id: CLIENTS.portal, scp: 'portal/read' }), portalRoute)).toMatchObject({ allowed: true });
    expect(await decide(await issuer.sign({ client_id: CLIENTS.portal, scp: ['other', 'portal/read'] }), portalRoute)).toMatchObject({ allowed: true });
  });

  it('takes the token with or without "Bearer "', async () => {
    const token = await issuer.issuePortalToken();

    expect(await authorizeJwt(token, portalRoute, () => issuer.jwks, new Date())).toMatchObject({ allowed: true });
    expect(await authorizeJwt(`bearer ${token}`, portalRoute, () => issuer.jwks, new Date())).toMatchObject({ allowed: true });
  });

  it.each([
    ['no token', async () => undefined],
    ['a token that is no JWT', async () => 'nonsense'],
    ['an expired token', async () => issuer.sign({ client_id: CLIENTS.portal, scope: 'portal/read', exp: Math.floor(Date.now() / 1000) - 10 })],
    ['a token not valid yet', async () => issuer.sign({ client_id: CLIENTS.portal, scope: 'portal/read', nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['a token issued in the future', async () => issuer.sign({ client_id: CLIENTS.portal, scope: 'portal/read', iat: Math.floor(Date.now() / 1000) + 600 })],
    ['a token of another issuer', async () => issuer.sign({ client_id: CLIENTS.portal, scope: 'portal/read', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' })],
    [
      'a token signed by a key the issuer never published',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const kid = issuer.jwks.keys[0]?.kid ?? '';
        return new SignJWT({ client_id: CLIENTS.portal, scope: 'portal/read' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(issuer.issuer).setIssuedAt().setExpirationTime('1h').sign(privateKey);
      },
    ],
    [
      'a token without a kid',
      async () => {
        const [, payload, signature] = (await issuer.issuePortalToken()).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url')}.${payload}.${signature}`;
      },
    ],
    [
      'an ES256 token (API Gateway takes RSA only)',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT({ client_id: CLIENTS.portal, scope: 'portal/read' }).setProtectedHeader({ alg: 'ES256', kid: issuer.jwks.keys[0]?.kid ?? '' }).setIssuer(issuer.issuer).setIssuedAt().setExpirationTime('1h').sign(privateKey);
      },
    ],
  ])('refuses 401 %s', async (_case, tokenOf) => {
    const decision = await decide(await tokenOf(), portalRoute);

    expect(decision).toMatchObject({ allowed: false, status: 401, wwwAuthenticate: expect.stringContaining('error="invalid_token"') });
  });

  it('refuses 401 when nobody publishes keys for the authorizer\'s issuer', async () => {
    const elsewhere = { ...brokerRoute, issuer: 'https://login.microsoftonline.com/tenant/v2.0' };

    expect(await decide(await issuer.issueBrokerToken('broker-a'), elsewhere)).toMatchObject({ allowed: false, status: 401 });
  });

  it('decides on a token seen before as on a new one: the route\'s audience and scopes checked on every call', async () => {
    const token = await issuer.issuePortalToken();

    const first = await decide(token, portalRoute);
    const again = await decide(token, portalRoute);
    const onBrokerRoute = await decide(token, brokerRoute);
    const withOtherScope = await decide(token, { ...portalRoute, scopes: ['portal/write'] });

    expect(first).toMatchObject({ allowed: true });
    expect(again).toEqual(first);
    expect(onBrokerRoute).toMatchObject({ allowed: false, status: 401, reason: 'the token does not have a valid audience' });
    expect(withOtherScope).toMatchObject({ allowed: false, status: 403 });
  });

  it('refuses 401 a token it verified before, from the second it expires', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await issuer.sign({ client_id: CLIENTS.portal, scope: 'portal/read', iat: now, exp: now + 60 });

    const before = await decide(token, portalRoute, new Date((now + 59) * 1000 + 999));
    const atExpiry = await decide(token, portalRoute, new Date((now + 60) * 1000));
    const after = await decide(token, portalRoute, new Date((now + 3600) * 1000));

    expect(before).toMatchObject({ allowed: true });
    for (const decision of [atExpiry, after]) expect(decision).toMatchObject({ allowed: false, status: 401, reason: 'the token has expired' });
  });

  it('refuses 401 a token it verified before once the issuer publishes other keys under the same kid (a verified token is trusted under its own key set only)', async () => {
    const token = await issuer.issuePortalToken();
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = issuer.jwks.keys[0]?.kid ?? '';
    const rotated = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };

    const underIssued = await authorizeJwt(`Bearer ${token}`, portalRoute, () => issuer.jwks, new Date());
    const underRotated = await authorizeJwt(`Bearer ${token}`, portalRoute, () => rotated, new Date());

    expect(underIssued).toMatchObject({ allowed: true });
    expect(underRotated).toMatchObject({ allowed: false, status: 401, reason: 'the token is not signed by a key of its issuer' });
  });

  it('passes a token refused before its nbf once nbf has come', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await issuer.sign({ client_id: CLIENTS.portal, scope: 'portal/read', iat: now - 10, nbf: now + 60 });

    expect(await decide(token, portalRoute, new Date(now * 1000))).toMatchObject({ allowed: false, status: 401 });
    expect(await decide(token, portalRoute, new Date((now + 60) * 1000))).toMatchObject({ allowed: true });
    expect(await decide(token, portalRoute, new Date((now + 59) * 1000))).toMatchObject({ allowed: false, status: 401, reason: 'the token is not valid yet (nbf)' });
  });

  it('checks no scope on a route that names none', async () => {
    expect(await decide(await issuer.issuePortalToken({ scopes: [] }), { ...portalRoute, scopes: [] })).toMatchObject({ allowed: true });
  });
});
