/**
 * One Lambda serves a group of routes: middy with its router, header normalisation, the
 * Powertools logger's context, and {@link httpErrors} answering every failure as JSON.
 * Each route declares how large a body it takes: a larger one is answered 413 before any
 * work (docs/input-rules.md, I3).
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { config } from '../config/config.js';
import { logger } from '../observability/logger.js';
import { brokerOfficeIn, type BrokerOfficeRefusal } from './broker-office-claim.js';
import { HttpError, httpErrors, payloadTooLarge, unauthorized, validationFailed } from './http-errors.js';
import type { HttpResult } from './http-response.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type RouteHandler = (event: ApiEvent, context: Context) => Promise<HttpResult>;

/** The body a route takes when it declares none: a small JSON object. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024;

export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: RouteHandler;
  /** The largest body (decoded) this route accepts. @default DEFAULT_MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
  /** The 413 this route answers over its limit, in its own words. @default payloadTooLarge */
  readonly tooLarge?: () => HttpError;
}

export function apiHandler(routes: readonly ApiRoute[]) {
  return middy<ApiEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpErrors())
    .handler(httpRouterHandler(routes.map((route) => ({ method: route.method, path: route.path, handler: bounded(route) }))) as never);
}

/** The route's handler, after its body size is checked (I3). */
function bounded(route: ApiRoute): RouteHandler {
  const maxBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (event, context) => {
    if (bodyBytes(event) > maxBytes) throw route.tooLarge ? route.tooLarge() : payloadTooLarge(maxBytes);
    return route.handler(event, context);
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
