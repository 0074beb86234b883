/** The local issuer: Cognito's access tokens for the brokers' and the portal's app clients, RS256, its key kept on disk. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJwtIssuer, DEFAULT_LOCAL_ISSUER, LOCAL_JWT_PRIVATE_KEY_FILE } from '../../local/local-jwt.js';

const CLIENTS = { broker: 'brokerclient0000000000000a', portal: 'portalclient000000000000b' };

describe('local JWT issuer', () => {
  let keyDir: string;

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'local-jwt-'));
  });

  afterAll(async () => {
    await rm(keyDir, { recursive: true, force: true });
  });

  it("issues a broker's access token as Cognito does after managed login: his office as his one group, the brokers' client, its scope", async () => {
    const issuer = await createLocalJwtIssuer({ keyDir, clients: CLIENTS });

    const token = await issuer.issueBrokerToken('broker-a');
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks), { issuer: DEFAULT_LOCAL_ISSUER });

    expect(protectedHeader).toEqual({ alg: 'RS256', kid: issuer.jwks.keys[0]?.kid });
    expect(payload).toMatchObject({
      iss: DEFAULT_LOCAL_ISSUER,
      token_use: 'access',
      client_id: CLIENTS.broker,
      scope: 'openid email brokers/requests',
      'cognito:groups': ['broker-a'],
      username: 'broker-a',
      sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    // Cognito's access tokens name their client in client_id, never in aud.
    expect(payload).not.toHaveProperty('aud');
    // "Far enough": about 30 days.
    expect(payload.exp! - payload.iat!).toBe(30 * 24 * 3600);
    // The same broker is the same user: one sub.
    const again = await jwtVerify(await issuer.issueBrokerToken('broker-a'), createLocalJWKSet(issuer.jwks));
    expect(again.payload.sub).toBe(payload.sub);
  });

  it("issues the portal's client-credentials token: the portal's client as client_id and sub, scope portal/read, no user claims", async () => {
    const issuer = await createLocalJwtIssuer({ keyDir, clients: CLIENTS });

    const { payload } = await jwtVerify(await issuer.issuePortalToken(), createLocalJWKSet(issuer.jwks));

    expect(payload).toMatchObject({ token_use: 'access', client_id: CLIENTS.portal, sub: CLIENTS.portal, scope: 'portal/read' });
    for (const userClaim of ['aud', 'username', 'cognito:groups']) expect(payload).not.toHaveProperty(userClaim);
  });

  it('issues the tokens a test needs and Cognito would give only to another setup: no group, other scopes, any claims', async () => {
    const issuer = await createLocalJwtIssuer({ keyDir, clients: CLIENTS });
    const keys = createLocalJWKSet(issuer.jwks);

    const noOffice = (await jwtVerify(await issuer.issueBrokerToken('broker-a', { groups: [] }), keys)).payload;
    const portalWithoutScope = (await jwtVerify(await issuer.issuePortalToken({ scopes: [] }), keys)).payload;
    const signed = await issuer.sign({ aud: 'portal', sub: 'x' });

    expect(noOffice).not.toHaveProperty('cognito:groups');
    expect(portalWithoutScope.scope).toBe('');
    expect((await jwtVerify(signed, keys)).payload).toMatchObject({ iss: DEFAULT_LOCAL_ISSUER, aud: 'portal', sub: 'x', exp: expect.any(Number) });
  });

  it('keeps its key in keyDir, so tokens survive a restart, and publishes only the public key', async () => {
    const first = await createLocalJwtIssuer({ keyDir, clients: CLIENTS });
    const token = await first.issueBrokerToken('broker-b');

    const second = await createLocalJwtIssuer({ keyDir, clients: CLIENTS });
    const published = JSON.parse(await readFile(path.join(keyDir, 'jwks.json'), 'utf8'));

    expect(second.jwks).toEqual(first.jwks);
    expect(published).toEqual(first.jwks);
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(first.jwks.keys[0]).not.toHaveProperty(privatePart);
    await expect(jwtVerify(token, createLocalJWKSet(second.jwks))).resolves.toMatchObject({ payload: { 'cognito:groups': ['broker-b'] } });
  });

  it('leaves the ES256 key of an earlier local stack alone and makes its RSA key beside it', async () => {
    const dir = path.join(keyDir, 'earlier');
    await createLocalJwtIssuer({ keyDir: dir, clients: CLIENTS }).then(() => rm(path.join(dir, LOCAL_JWT_PRIVATE_KEY_FILE)));
    await writeFile(path.join(dir, 'jwt-signing-key.jwk.json'), JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }));

    const issuer = await createLocalJwtIssuer({ keyDir: dir, clients: CLIENTS });

    expect(decodeProtectedHeader(await issuer.issuePortalToken()).alg).toBe('RS256');
  });

  it('creates one key even when two issuers start at once', async () => {
    const dir = path.join(keyDir, 'race');
    const [a, b] = await Promise.all([createLocalJwtIssuer({ keyDir: dir, clients: CLIENTS }), createLocalJwtIssuer({ keyDir: dir, clients: CLIENTS })]);

    await expect(jwtVerify(await a.issuePortalToken(), createLocalJWKSet(b.jwks))).resolves.toMatchObject({ payload: { sub: CLIENTS.portal } });
  });
});
