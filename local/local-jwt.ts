/**
 * The local stack's token issuer, standing in for the JWT authorizers' identity provider
 * on AWS: an ES256 key pair made once and kept as JWK files, so tokens handed out
 * (`.local/stack.json`) keep working after a restart.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { LocalStackError } from './local-stack-error.js';

/** Who a token is for: the broker API's authorizer or the portal API's. */
export type JwtAudience = 'brokers' | 'portal';

/** A verified token's claims. */
export type JwtClaims = JWTPayload & { readonly sub: string; readonly aud: string | string[] };

/** What the HTTP front needs to authorize a call. */
export interface JwtVerifier {
  /** @throws InvalidTokenError */
  verify(token: string, audience: JwtAudience): Promise<JwtClaims>;
}

export interface LocalJwtIssuerOptions {
  /** Directory of the key files; created if missing. The private key is written once, mode 0600. */
  readonly keyDir: string;
  /** The `iss` claim. @default 'http://127.0.0.1/local-issuer' */
  readonly issuer?: string;
  /** Lifetime of issued tokens. @default 30 days */
  readonly tokenLifetimeSeconds?: number;
}

export interface LocalJwtIssuer extends JwtVerifier {
  readonly issuer: string;
  /** The public key set, as a JWKS endpoint would serve it. */
  readonly jwks: JSONWebKeySet;
  /** A token for the broker API: `sub` = the broker's id, `aud` = 'brokers'. */
  issueBrokerToken(brokerId: string): Promise<string>;
  /** A token for the portal API: `sub` = 'portal', `aud` = 'portal'. */
  issuePortalToken(): Promise<string>;
}

/** Why a token was refused. */
export type InvalidTokenReason = 'malformed' | 'signature' | 'expired' | 'claims';

/** A token that is missing, malformed, badly signed, expired, or for another audience or issuer. */
export class InvalidTokenError extends LocalStackError {
  override readonly name = 'InvalidTokenError';

  constructor(
    message: string,
    readonly reason: InvalidTokenReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_LOCAL_ISSUER = 'http://127.0.0.1/local-issuer';
const ALGORITHM = 'ES256';
const PRIVATE_KEY_FILE = 'jwt-signing-key.jwk.json';
const PUBLIC_KEYS_FILE = 'jwks.json';

/** Loads the key pair from `keyDir`, creating it on first use. */
export async function createLocalJwtIssuer(options: LocalJwtIssuerOptions): Promise<LocalJwtIssuer> {
  const issuer = options.issuer ?? DEFAULT_LOCAL_ISSUER;
  const lifetime = options.tokenLifetimeSeconds ?? 30 * 24 * 3600;
  const privateJwk = await loadOrCreatePrivateJwk(options.keyDir);
  const { d: _private, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, use: 'sig', alg: ALGORITHM }] };
  await writeFile(path.join(options.keyDir, PUBLIC_KEYS_FILE), `${JSON.stringify(jwks, null, 2)}\n`);

  const signingKey = (await importJWK(privateJwk, ALGORITHM)) as CryptoKey;
  const verifyingKey = (await importJWK(publicJwk, ALGORITHM)) as CryptoKey;
  const kid = privateJwk.kid;

  const issue = (subject: string, audience: JwtAudience): Promise<string> =>
    new SignJWT({})
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', ...(kid ? { kid } : {}) })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .setJti(randomUUID())
      .sign(signingKey);

  return {
    issuer,
    jwks,
    issueBrokerToken: (brokerId) => issue(brokerId, 'brokers'),
    issuePortalToken: () => issue('portal', 'portal'),
    verify: async (token, audience) => {
      try {
        const { payload } = await jwtVerify(token, verifyingKey, { algorithms: [ALGORITHM], audience, issuer, requiredClaims: ['sub', 'exp'] });
        return payload as JwtClaims;
      } catch (error) {
        throw toInvalidTokenError(error);
      }
    },
  };
}

function toInvalidTokenError(error: unknown): InvalidTokenError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof joseErrors.JWTExpired) return new InvalidTokenError(`token expired: ${message}`, 'expired', { cause: error });
  if (error instanceof joseErrors.JWTClaimValidationFailed) return new InvalidTokenError(`token refused: ${message}`, 'claims', { cause: error });
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new InvalidTokenError('token signature is invalid', 'signature', { cause: error });
  return new InvalidTokenError(`token is malformed: ${message}`, 'malformed', { cause: error });
}

async function loadOrCreatePrivateJwk(keyDir: string): Promise<JWK> {
  const file = path.join(keyDir, PRIVATE_KEY_FILE);
  const existing = await readJwk(file);
  if (existing) return existing;

  await mkdir(keyDir, { recursive: true });
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
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
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string') {
    throw new LocalStackError(`${file} is not an ES256 private key (P-256 JWK with "d")`);
  }
  return jwk;
}
