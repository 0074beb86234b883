/**
 * The local stack's token issuer, standing in for the template's Cognito user pool: it issues
 * the access tokens Cognito issues, with the same claims (docs/sign-in.md), signed RS256 as
 * Cognito signs them (an HTTP API's JWT authorizer takes RSA keys only). Its RSA key pair is made
 * once and kept as JWK files, so tokens handed out (`.local/stack.json`) keep working after a
 * restart. The HTTP front checks these tokens as the template's authorizers say
 * (local/http-front/jwt-authorizer.ts); this module only issues them.
 *
 * - A broker's token is what managed login gives the brokers' app client (authorization code):
 *   `token_use: access`, `client_id` = that client, `scope` with `brokers/requests`, and the
 *   broker office as the one group in `cognito:groups`.
 * - The portal's token is what client credentials give the portal's app client: `client_id` =
 *   `sub` = that client, `scope: portal/read`, no user claims.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';
import { BROKER_REQUESTS_SCOPE, PORTAL_READ_SCOPE } from '../infra/sign-in-claims.js';
import { LocalStackError } from './local-stack-error.js';

/** The app clients of the template's user pool, by their local ids (local/local-identity.ts). */
export interface LocalAppClients {
  /** The brokers' public client (authorization code with PKCE). */
  readonly broker: string;
  /** The portal's machine client (client credentials). */
  readonly portal: string;
}

export interface LocalJwtIssuerOptions {
  /** Directory of the key files; created if missing. The private key is written once, mode 0600. */
  readonly keyDir: string;
  /** The app clients the tokens are issued to. */
  readonly clients: LocalAppClients;
  /** The `iss` claim, the user pool's provider URL as the local stack stands it in. @default DEFAULT_LOCAL_ISSUER */
  readonly issuer?: string;
  /** Lifetime of issued tokens. @default 30 days (Cognito's tokens live an hour; a local demo token should not) */
  readonly tokenLifetimeSeconds?: number;
}

/** What a broker's token may differ in (tests of the authorizer and of brokerIdOf). */
export interface BrokerTokenOptions {
  /** The broker's user-pool groups. @default [brokerId]: the office is his one group */
  readonly groups?: readonly string[];
  /** The token's scope. @default `openid email brokers/requests` */
  readonly scopes?: readonly string[];
  /** How long it lives. @default the issuer's lifetime (30 days: `.local/stack.json`'s tokens) */
  readonly lifetimeSeconds?: number;
}

/** What the portal's token may differ in. */
export interface PortalTokenOptions {
  /** @default [`portal/read`] */
  readonly scopes?: readonly string[];
}

export interface LocalJwtIssuer {
  /** The `iss` of every token. */
  readonly issuer: string;
  /** The public key set, as the user pool's `/.well-known/jwks.json` serves it. */
  readonly jwks: JSONWebKeySet;
  readonly clients: LocalAppClients;
  /** A broker's access token: `cognito:groups` = [brokerId] (his office), `username` = brokerId. */
  issueBrokerToken(brokerId: string, options?: BrokerTokenOptions): Promise<string>;
  /** The portal's access token (client credentials). */
  issuePortalToken(options?: PortalTokenOptions): Promise<string>;
  /** Any claims, signed with the issuer's key; `iss`, `iat`, `exp` and `jti` added unless given (tokens Cognito would never issue, for tests). */
  sign(claims: JWTPayload): Promise<string>;
}

export const DEFAULT_LOCAL_ISSUER = 'http://127.0.0.1/local-issuer';
/** The local signing key; a new name, since the key became RSA (an earlier ES256 key is left alone). */
export const LOCAL_JWT_PRIVATE_KEY_FILE = 'jwt-signing-key-rs256.jwk.json';
const ALGORITHM = 'RS256';
const PUBLIC_KEYS_FILE = 'jwks.json';

/** Loads the key pair from `keyDir`, creating it on first use. */
export async function createLocalJwtIssuer(options: LocalJwtIssuerOptions): Promise<LocalJwtIssuer> {
  const issuer = options.issuer ?? DEFAULT_LOCAL_ISSUER;
  const lifetime = options.tokenLifetimeSeconds ?? 30 * 24 * 3600;
  const privateJwk = await loadOrCreatePrivateJwk(options.keyDir);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, use: 'sig', alg: ALGORITHM }] };
  await writeFile(path.join(options.keyDir, PUBLIC_KEYS_FILE), `${JSON.stringify(jwks, null, 2)}\n`);
  const signingKey = (await importJWK(privateJwk, ALGORITHM)) as CryptoKey;

  const sign = (claims: JWTPayload): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    // The given claims win, so a test can sign what Cognito never would (another iss, a past exp).
    return new SignJWT({ iss: issuer, auth_time: now, iat: now, exp: now + lifetime, jti: randomUUID(), ...claims })
      .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid ?? '' })
      .sign(signingKey);
  };

  return {
    issuer,
    jwks,
    clients: options.clients,
    issueBrokerToken: (brokerId, tokenOptions = {}) => {
      const groups = tokenOptions.groups ?? [brokerId];
      return sign({
        sub: stableUserSub(brokerId),
        // Cognito leaves the claim out for a user in no group.
        ...(groups.length > 0 ? { 'cognito:groups': [...groups] } : {}),
        token_use: 'access',
        scope: (tokenOptions.scopes ?? ['openid', 'email', BROKER_REQUESTS_SCOPE]).join(' '),
        client_id: options.clients.broker,
        origin_jti: randomUUID(),
        event_id: randomUUID(),
        username: brokerId,
        version: 2,
        ...(tokenOptions.lifetimeSeconds ? { exp: Math.floor(Date.now() / 1000) + tokenOptions.lifetimeSeconds } : {}),
      });
    },
    issuePortalToken: (tokenOptions = {}) =>
      sign({
        sub: options.clients.portal,
        token_use: 'access',
        scope: (tokenOptions.scopes ?? [PORTAL_READ_SCOPE]).join(' '),
        client_id: options.clients.portal,
        version: 2,
      }),
    sign,
  };
}

/** A user's `sub` is a UUID that never changes; locally, one derived from the demo broker's name. */
function stableUserSub(username: string): string {
  const hex = createHash('sha256').update(`local-user:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function loadOrCreatePrivateJwk(keyDir: string): Promise<JWK> {
  const file = path.join(keyDir, LOCAL_JWT_PRIVATE_KEY_FILE);
  const existing = await readJwk(file);
  if (existing) return existing;

  await mkdir(keyDir, { recursive: true });
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  // Written aside, then linked into place: link() fails if another process won the race,
  // and then its key is the one everybody uses.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  const stored = await readJwk(file);
  if (!stored) throw new LocalStackError(`could not read the JWT signing key back from ${file}`);
  return stored;
}

async function readJwk(file: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const jwk = JSON.parse(text) as JWK;
  if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string') {
    throw new LocalStackError(`${file} is not an RS256 private key (RSA JWK with "d")`);
  }
  return jwk;
}
