import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify, SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJwtIssuer, DEFAULT_LOCAL_ISSUER, InvalidTokenError } from '../../local/local-jwt.js';

describe('local JWT issuer', () => {
  let keyDir: string;

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'local-jwt-'));
  });

  afterAll(async () => {
    await rm(keyDir, { recursive: true, force: true });
  });

  it('issues a broker token that verifies for the brokers audience', async () => {
    const issuer = await createLocalJwtIssuer({ keyDir });

    const token = await issuer.issueBrokerToken('broker-a');
    const claims = await issuer.verify(token, 'brokers');

    expect(claims).toMatchObject({ sub: 'broker-a', aud: 'brokers', iss: DEFAULT_LOCAL_ISSUER });
    // "Far enough": about 30 days.
    expect(claims.exp! - claims.iat!).toBe(30 * 24 * 3600);
  });

  it('refuses a token of the wrong audience, a tampered one and garbage', async () => {
    const issuer = await createLocalJwtIssuer({ keyDir });
    const portalToken = await issuer.issuePortalToken();
    const [header, , signature] = (await issuer.issueBrokerToken('broker-a')).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'broker-b', aud: 'brokers', iss: DEFAULT_LOCAL_ISSUER, exp: 4e9 })).toString('base64url')}.${signature}`;

    await expect(issuer.verify(portalToken, 'brokers')).rejects.toMatchObject({ name: 'InvalidTokenError', reason: 'claims' });
    await expect(issuer.verify(forged, 'brokers')).rejects.toMatchObject({ reason: 'signature' });
    await expect(issuer.verify('not-a-jwt', 'portal')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(issuer.verify(portalToken, 'portal')).resolves.toMatchObject({ sub: 'portal', aud: 'portal' });
  });

  it('refuses an expired token and one from another key', async () => {
    const issuer = await createLocalJwtIssuer({ keyDir, tokenLifetimeSeconds: -10 });
    const expired = await issuer.issueBrokerToken('broker-a');
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('broker-a').setAudience('brokers').setIssuer(DEFAULT_LOCAL_ISSUER).setExpirationTime('1h').sign(privateKey);

    await expect(issuer.verify(expired, 'brokers')).rejects.toMatchObject({ reason: 'expired' });
    await expect(issuer.verify(foreign, 'brokers')).rejects.toMatchObject({ reason: 'signature' });
  });

  it('keeps its key in keyDir, so tokens survive a restart, and publishes the public JWKS', async () => {
    const first = await createLocalJwtIssuer({ keyDir });
    const token = await first.issueBrokerToken('broker-b');

    const second = await createLocalJwtIssuer({ keyDir });
    const published = JSON.parse(await readFile(path.join(keyDir, 'jwks.json'), 'utf8'));

    await expect(second.verify(token, 'brokers')).resolves.toMatchObject({ sub: 'broker-b' });
    expect(second.jwks).toEqual(first.jwks);
    expect(published).toEqual(first.jwks);
    expect(JSON.stringify(first.jwks)).not.toContain('"d"');
    const { payload } = await jwtVerify(token, createLocalJWKSet(first.jwks), { audience: 'brokers' });
    expect(payload.sub).toBe('broker-b');
  });

  it('creates one key even when two issuers start at once', async () => {
    const dir = path.join(keyDir, 'race');
    const [a, b] = await Promise.all([createLocalJwtIssuer({ keyDir: dir }), createLocalJwtIssuer({ keyDir: dir })]);

    await expect(b.verify(await a.issuePortalToken(), 'portal')).resolves.toMatchObject({ sub: 'portal' });
  });
});
