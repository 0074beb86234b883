/**
 * The dashboard does what a broker does through the API by calling the broker API's own route
 * handlers (functions/http/broker/), in-process, with the event API Gateway would hand them
 * after its JWT authorizer passed the same token: one implementation of every rule, refusal and
 * audit entry, whichever way the broker comes. Their answer (status and JSON body) is what the
 * dashboard shows, each refusal with the API's reason.
 */
import type { Context } from 'aws-lambda';
import type { ApiEvent, RouteHandler } from '../http/api-handler.js';
import { errorAnswer } from '../http/http-errors.js';
import type { BrokerSession } from './session.js';

/** What the dashboard asks of a broker route. */
export interface BrokerRouteCall {
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly queryStringParameters?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A broker route's answer: its status, and its JSON body parsed (undefined when it had none). */
export interface BrokerRouteAnswer<T = unknown> {
  readonly statusCode: number;
  readonly body: T;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Runs `route` as the broker of `session`, as API Gateway would for `event`'s caller: the
 * verified claims in `requestContext.authorizer.jwt`, the call's parameters and JSON body; a
 * thrown error answered as the API answers it.
 */
export async function callBrokerRoute<T = unknown>(
  route: RouteHandler,
  session: BrokerSession,
  event: ApiEvent,
  context: Context,
  call: BrokerRouteCall = {},
): Promise<BrokerRouteAnswer<T>> {
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const brokerEvent: ApiEvent = {
    ...event,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
    cookies: [],
    pathParameters: { ...call.pathParameters },
    queryStringParameters: { ...call.queryStringParameters },
    ...(body === undefined ? { body: undefined } : { body }),
    isBase64Encoded: false,
    requestContext: {
      ...event.requestContext,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claimsAsApiGatewayWritesThem(session.claims), scopes: [] } },
    },
  };
  let result;
  try {
    result = await route(brokerEvent, context);
  } catch (error) {
    result = errorAnswer(error);
  }
  const text = typeof result.body === 'string' ? result.body : '';
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]));
  return { statusCode: result.statusCode ?? 200, body: (text && headers['content-type']?.startsWith('application/json') ? JSON.parse(text) : undefined) as T, headers };
}

/**
 * Claims as API Gateway hands a JWT authorizer's claims to a function: strings, a list as its
 * values between brackets separated by spaces (functions/http/broker-office-claim.ts).
 */
function claimsAsApiGatewayWritesThem(claims: Readonly<Record<string, unknown>>): Record<string, string | number | boolean | string[]> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.map(String).join(' ')}]` : typeof value === 'number' || typeof value === 'boolean' ? value : String(value)]),
  );
}
