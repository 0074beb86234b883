/**
 * One Lambda serves a group of routes: middy with its router, header normalisation, the
 * Powertools logger's context, and {@link httpErrors} answering every failure as JSON.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { logger } from '../observability/logger.js';
import { httpErrors } from './http-errors.js';
import type { HttpResult } from './http-response.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type RouteHandler = (event: ApiEvent, context: Context) => Promise<HttpResult>;

export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: RouteHandler;
}

export function apiHandler(routes: readonly ApiRoute[]) {
  return middy<ApiEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpErrors())
    .handler(httpRouterHandler(routes.map((route) => ({ ...route })) as never) as never);
}

/** The broker's id from the verified JWT (the HTTP API's JWT authorizer checked it). */
export function brokerIdOf(event: ApiEvent): string {
  const sub = event.requestContext.authorizer?.jwt?.claims?.sub;
  if (typeof sub !== 'string' || !sub) throw new Error('Broker route reached without a verified broker identity');
  return sub;
}

export function pathParameter(event: ApiEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new Error(`Route has no path parameter ${name}`);
  return decodeURIComponent(value);
}
