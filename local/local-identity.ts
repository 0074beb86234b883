/**
 * The template's Cognito user pool as the local stack stands it in: its provider URL is the
 * local issuer's, and each app client gets a local id, derived from its logical id so that it
 * stays the same across restarts (the tokens in `.local/stack.json` name it). The template's JWT
 * authorizers name the pool and its clients by `Fn::GetAtt` and `Ref`; `resolve` turns those into
 * the local values, so the HTTP front checks exactly what the authorizers on AWS check.
 */
import { createHash } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import { readTemplateAuthorizers, type RouteJwtAuthorizer } from './http-front/template-authorizers.js';
import { createLocalJwtIssuer, DEFAULT_LOCAL_ISSUER, type LocalAppClients, type LocalJwtIssuer } from './local-jwt.js';
import { LocalStackError } from './local-stack-error.js';

/** The user pool and its clients, by their local values. */
export interface LocalIdentity {
  /** The user pool's `ProviderURL`: the `iss` of its tokens. */
  readonly issuer: string;
  readonly clients: LocalAppClients;
  /** The claim the functions read the broker office from: their `BROKER_ID_CLAIM` in the template. */
  readonly brokerIdClaim: string;
  /**
   * A template value with its `Ref`s and `Fn::GetAtt`s of the user pool and its clients (and
   * `Fn::Join`s of them) replaced by the local values.
   * @throws LocalStackError on anything else the local stack has no value for
   */
  resolve(value: unknown): unknown;
}

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
}

const USER_POOL = 'AWS::Cognito::UserPool';
const USER_POOL_CLIENT = 'AWS::Cognito::UserPoolClient';

/**
 * The user pool of `template` with local values: one pool, one client with the client-credentials
 * flow (the portal) and one with the authorization-code flow (the brokers).
 * @throws LocalStackError when the template has no such pool or clients
 */
export function localIdentityFromTemplate(template: unknown, issuer: string): LocalIdentity {
  const resources = Object.entries((template as { Resources?: Record<string, TemplateResource> }).Resources ?? {});
  const pools = resources.filter(([, resource]) => resource.Type === USER_POOL).map(([logicalId]) => logicalId);
  if (pools.length !== 1) throw new LocalStackError(`The synthesized template has ${pools.length} Cognito user pools; the local stack stands in for exactly one`);
  const [poolId] = pools as [string];
  const clients = resources.filter(([, resource]) => resource.Type === USER_POOL_CLIENT);
  const clientWith = (flow: string, who: string): string => {
    const found = clients.filter(([, resource]) => (resource.Properties?.['AllowedOAuthFlows'] as unknown[] | undefined)?.includes(flow));
    if (found.length !== 1) throw new LocalStackError(`The synthesized template has ${found.length} app clients with the ${flow} flow (${who}); the local stack needs exactly one`);
    return (found[0] as [string, TemplateResource])[0];
  };
  const brokerClient = clientWith('code', "the brokers' sign-in");
  const portalClient = clientWith('client_credentials', "the portal's calls");

  const refs = new Map<string, string>([
    [poolId, localUserPoolId(poolId)],
    [brokerClient, localClientId(brokerClient)],
    [portalClient, localClientId(portalClient)],
  ]);
  const attributes = new Map<string, string>([[`${poolId}.ProviderURL`, issuer]]);

  const resolve = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(resolve);
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key === 'Ref') return known(refs.get(String(argument)), value);
    if (entries.length === 1 && key === 'Fn::GetAtt') {
      const [logicalId, attribute] = argument as [unknown, unknown];
      return known(attributes.get(`${String(logicalId)}.${String(attribute)}`), value);
    }
    if (entries.length === 1 && key === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map((part) => String(resolve(part))).join(separator);
    }
    if (entries.length === 1 && key?.startsWith('Fn::')) throw new LocalStackError(`The local stack cannot resolve ${JSON.stringify(value)}`);
    return Object.fromEntries(entries.map(([name, entry]) => [name, resolve(entry)]));
  };

  return {
    issuer,
    clients: { broker: localClientId(brokerClient), portal: localClientId(portalClient) },
    brokerIdClaim: functionsBrokerIdClaim(resources),
    resolve,
  };
}

/** The one `BROKER_ID_CLAIM` the template's functions are given. */
function functionsBrokerIdClaim(resources: readonly [string, TemplateResource][]): string {
  const claims = new Set(
    resources
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([, resource]) => (resource.Properties?.['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables?.['BROKER_ID_CLAIM'])
      .filter((claim) => claim !== undefined),
  );
  const [claim] = claims;
  if (claims.size !== 1 || typeof claim !== 'string') throw new LocalStackError(`The template's functions name ${claims.size} BROKER_ID_CLAIMs; the local stack needs exactly one`);
  return claim;
}

function known(local: string | undefined, value: unknown): string {
  if (local === undefined) throw new LocalStackError(`The local stack has no value for ${JSON.stringify(value)}`);
  return local;
}

/** 26 lower-case letters and digits, as Cognito's client ids, stable for a logical id. */
function localClientId(logicalId: string): string {
  return digits(`client:${logicalId}`, 26);
}

/** `<region>_<9 characters>`, as Cognito's pool ids. */
function localUserPoolId(logicalId: string): string {
  return `eu-west-1_${digits(`pool:${logicalId}`, 9)}`;
}

function digits(seed: string, length: number): string {
  const hash = createHash('sha256').update(seed).digest();
  return [...hash.subarray(0, length)].map((byte) => '0123456789abcdefghijklmnopqrstuvwxyz'[byte % 36]).join('');
}

/** The local issuer of the template's user pool, and what the HTTP front checks its tokens with. */
export interface LocalSignIn {
  /** Issues the brokers' and the portal's tokens (`.local/stack.json`). */
  readonly issuer: LocalJwtIssuer;
  /** The claim the functions read the broker office from (BROKER_ID_CLAIM). */
  readonly brokerIdClaim: string;
  /** The HTTP front's options: each route's authorizer as the template defines it, and the issuer's keys. */
  readonly frontAuthorization: {
    readonly authorizers: ReadonlyMap<string, RouteJwtAuthorizer>;
    readonly issuerKeys: Readonly<Record<string, JSONWebKeySet>>;
  };
}

/**
 * Sign-in on this machine for the synthesized `template`: the local issuer stands in for its
 * user pool (keys kept in `keyDir`), and the front applies its authorizers.
 */
export async function localSignIn(template: unknown, keyDir: string, issuerUrl: string = DEFAULT_LOCAL_ISSUER): Promise<LocalSignIn> {
  const identity = localIdentityFromTemplate(template, issuerUrl);
  const issuer = await createLocalJwtIssuer({ keyDir, issuer: identity.issuer, clients: identity.clients });
  return {
    issuer,
    brokerIdClaim: identity.brokerIdClaim,
    frontAuthorization: {
      authorizers: readTemplateAuthorizers(template, identity.resolve),
      issuerKeys: { [issuer.issuer]: issuer.jwks },
    },
  };
}
