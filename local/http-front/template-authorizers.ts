/**
 * The JWT authorizer of each route of the synthesized template, as API Gateway runs it: the
 * authorizer's issuer, audience and identity source (`AWS::ApiGatewayV2::Authorizer`) and the
 * route's scopes (`AuthorizationScopes` of its `AWS::ApiGatewayV2::Route`), with their intrinsic
 * functions resolved to the local stack's values (local/local-identity.ts).
 */
import { LocalStackError } from '../local-stack-error.js';

/** What the HTTP front checks before a route's function runs. */
export interface RouteJwtAuthorizer {
  /** The authorizer's name (`BrokerJwt`, `PortalJwt`). */
  readonly name: string;
  /** The header that carries the token, lower-case (`$request.header.Authorization` → `authorization`). */
  readonly header: string;
  /** The `iss` a token must have, exactly. */
  readonly issuer: string;
  /** `aud`, or `client_id` when there is no `aud`, must be one of these. */
  readonly audience: readonly string[];
  /** The token must carry one of these in `scope` or `scp`; empty: no scope check. */
  readonly scopes: readonly string[];
}

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
}

/**
 * Route key (`GET /v1/portal/grants`) → its JWT authorizer; a route without one is absent.
 * @throws LocalStackError on an authorization the local front cannot apply as API Gateway does
 */
export function readTemplateAuthorizers(template: unknown, resolve: (value: unknown) => unknown): ReadonlyMap<string, RouteJwtAuthorizer> {
  const resources = (template as { Resources?: Record<string, TemplateResource> }).Resources ?? {};
  const authorizers = new Map<string, RouteJwtAuthorizer>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const props = resource.Properties ?? {};
    const routeKey = String(props['RouteKey']);
    const type = (props['AuthorizationType'] as string | undefined) ?? 'NONE';
    if (type === 'NONE') continue;
    if (type !== 'JWT') throw new LocalStackError(`${routeKey}: the local HTTP front applies JWT authorizers only, not ${type}`);
    const authorizerRef = (props['AuthorizerId'] as { Ref?: string } | undefined)?.Ref;
    const authorizer = authorizerRef ? resources[authorizerRef] : undefined;
    if (!authorizer || authorizer.Type !== 'AWS::ApiGatewayV2::Authorizer') throw new LocalStackError(`${routeKey}: its AuthorizerId names no authorizer of the template`);
    authorizers.set(routeKey, {
      ...jwtAuthorizer(routeKey, authorizer.Properties ?? {}, resolve),
      scopes: strings(resolve(props['AuthorizationScopes'] ?? []), `${routeKey}: AuthorizationScopes`),
    });
  }
  return authorizers;
}

function jwtAuthorizer(routeKey: string, props: Record<string, unknown>, resolve: (value: unknown) => unknown): Omit<RouteJwtAuthorizer, 'scopes'> {
  const name = String(props['Name']);
  if (props['AuthorizerType'] !== 'JWT') throw new LocalStackError(`${routeKey}: authorizer ${name} is not a JWT authorizer`);
  const sources = strings(props['IdentitySource'] ?? [], `authorizer ${name}: IdentitySource`);
  const header = sources.length === 1 ? /^\$request\.header\.([A-Za-z0-9-]+)$/.exec(sources[0] ?? '')?.[1] : undefined;
  if (!header) throw new LocalStackError(`authorizer ${name}: the local HTTP front reads the token from one header, not ${JSON.stringify(sources)}`);
  const config = (props['JwtConfiguration'] ?? {}) as Record<string, unknown>;
  const issuer = resolve(config['Issuer']);
  if (typeof issuer !== 'string' || issuer === '') throw new LocalStackError(`authorizer ${name}: JwtConfiguration.Issuer is missing`);
  const audience = strings(resolve(config['Audience'] ?? []), `authorizer ${name}: JwtConfiguration.Audience`);
  return { name, header: header.toLowerCase(), issuer, audience };
}

function strings(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw new LocalStackError(`${what} must be a list of strings`);
  return value;
}
