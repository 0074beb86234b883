/**
 * One Lambda serves a group of routes: middy with its router, header normalisation, the
 * Powertools logger's context, and {@link httpErrors} answering every failure as JSON.
 * The routes are the catalog's (catalog/route-catalog.ts): a router names only its function
 * and one handler per `operationId` the catalog gives that function, so a route cannot be
 * served by a router the catalog does not send it to. Each route's body limit is the
 * catalog's: a larger body is answered 413 before any work (docs/input-rules.md, I3).
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { ApiFunctionId } from '../../catalog/function-catalog.js';
import { maxBodyBytesOf, routesOf, type OperationIdOf, type RouteSpec } from '../../catalog/route-catalog.js';
import { config } from '../config/config.js';
import { ProductError } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';
import { brokerOfficeIn, type BrokerOfficeRefusal } from './broker-office-claim.js';
import { HttpError, httpErrors, payloadTooLarge, unauthorized, validationFailed } from './http-errors.js';
import type { HttpResult } from './http-response.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type RouteHandler = (event: ApiEvent, context: Context) => Promise<HttpResult>;

/**
 * What a router gives one route: its handler, or its handler with the 413 it answers over the
 * catalog's body limit in its own words (by default {@link payloadTooLarge}).
 */
export type RouteBinding = RouteHandler | { readonly handler: RouteHandler; readonly tooLarge: () => HttpError };

/**
 * A router's handlers: exactly one per `operationId` the catalog routes to the function `F`. A
 * missing one is a compile error, and so is an extra one in the object literal a router passes.
 */
export type RouteBindings<F extends ApiFunctionId> = { readonly [Id in OperationIdOf<F>]: RouteBinding };

/** A router's handlers do not match its function's routes in the catalog (a caller that escaped the types). */
export class RouterCatalogMismatch extends ProductError<{ functionId: string; missing: string[]; extra: string[] }> {
  override readonly name = 'RouterCatalogMismatch';
}

/**
 * The Lambda handler of the function `functionId`: each of its catalog routes served by the
 * handler bound to the route's `operationId`, behind the route's body limit (I3).
 * @throws RouterCatalogMismatch at cold start when the bindings miss a route of `functionId` or
 * name another (a caller the types did not hold, e.g. a spread object), or the catalog gives
 * `functionId` no route
 */
export function apiHandler<F extends ApiFunctionId>(functionId: F, bindings: RouteBindings<F>) {
  const routes = routesOf(functionId);
  const byOperation: Readonly<Record<string, RouteBinding | undefined>> = bindings;
  const missing = routes.map((route) => route.operationId).filter((id) => !byOperation[id]);
  const extra = Object.keys(bindings).filter((id) => !routes.some((route) => route.operationId === id));
  if (routes.length === 0 || missing.length > 0 || extra.length > 0) {
    const message = `The router of ${functionId} does not match its ${routes.length} routes in catalog/route-catalog.ts (missing: [${missing.join(', ')}], extra: [${extra.join(', ')}])`;
    throw new RouterCatalogMismatch(message, { functionId, missing, extra });
  }
  return middy<ApiEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpErrors())
    .handler(httpRouterHandler(routes.map((route) => ({ method: route.method, path: route.path, handler: bounded(route, byOperation[route.operationId]!) }))) as never);
}

/**
 * A route whose module is imported with its first request (issue 11, "cold start"): the Lambda
 * build puts the module in a chunk of its own (scripts/lambda-build.ts), which a container reads,
 * parses and evaluates only when it serves that route. `load` must be an arrow around a literal
 * `import('./…js')`, so that the bundler sees the module; Node keeps it once imported.
 */
export function onFirstRequest<Name extends string, Module extends { readonly [Key in Name]: RouteHandler }>(load: () => Promise<Module>, name: Name): RouteHandler {
  return async (event, context) => (await load())[name](event, context);
}

/** The route's handler, after its body size is checked against the catalog's limit (I3). */
function bounded(route: RouteSpec, binding: RouteBinding): RouteHandler {
  const maxBytes = maxBodyBytesOf(route);
  const { handler, tooLarge } = typeof binding === 'function' ? { handler: binding, tooLarge: () => payloadTooLarge(maxBytes) } : binding;
  return async (event, context) => {
    if (bodyBytes(event) > maxBytes) throw tooLarge();
    return handler(event, context);
  };
}

/** The body's decoded size, without decoding it (a base64 body is 4 characters per 3 bytes). */
export function bodyBytes(event: Pick<ApiEvent, 'body' | 'isBase64Encoded'>): number {
  if (!event.body) return 0;
  if (!event.isBase64Encoded) return Buffer.byteLength(event.body, 'utf8');
  const padding = event.body.endsWith('==') ? 2 : event.body.endsWith('=') ? 1 : 0;
  return Math.floor((event.body.length * 3) / 4) - padding;
}

/** What a 401 says for each reason a verified token names no usable broker office. */
const OFFICE_REFUSED: Readonly<Record<BrokerOfficeRefusal, string>> = {
  missing: 'names no broker office',
  several: 'names more than one broker office',
  malformed: "names a broker office outside the broker id's characters (I1)",
};

/**
 * The broker's id from the verified JWT (the HTTP API's JWT authorizer checked its signature,
 * issuer, audience, scope and expiry): the broker office its `claimName` claim names
 * (BROKER_ID_CLAIM: `cognito:groups` on the stack's user pool; docs/sign-in.md). A token without
 * exactly one usable office is refused with 401: the id enters keys (`BROKER#<id>`), so it must
 * keep to its character set (I1).
 */
export function brokerIdOf(event: ApiEvent, claimName: string = config().BROKER_ID_CLAIM): string {
  const office = brokerOfficeIn(event.requestContext.authorizer?.jwt?.claims, claimName);
  if ('refused' in office) throw unauthorized(`The token ${OFFICE_REFUSED[office.refused]} (its "${claimName}" claim)`);
  return office.brokerId;
}

/** A path parameter, decoded; a malformed percent-encoding is a 400 naming the parameter. */
export function pathParameter(event: ApiEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw validationFailed([{ path: `path.${name}`, rule: 'schema', message: `The path has no ${name}` }]);
  try {
    return decodeURIComponent(value);
  } catch {
    throw validationFailed([{ path: `path.${name}`, rule: 'schema', message: `The ${name} in the path is not valid percent-encoding` }]);
  }
}

export { HttpError };
