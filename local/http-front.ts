/**
 * The local stand-in for the product's API Gateway HTTP API: routes each request by method
 * and path (`catalog/route-catalog.ts` ROUTES), runs each route's JWT authorizer as the
 * synthesized template defines it (issuer, audience, scopes: `http-front/jwt-authorizer.ts`), and
 * invokes the route's function (through the local Lambda runtime, local/lambda-runtime/) with a payload format 2.0 event and a Lambda context,
 * then turns its result back into HTTP.
 *
 * Like API Gateway it answers by itself 404 `{"message":"Not Found"}` (no route),
 * 401 `{"message":"Unauthorized"}` (authorizer: no valid token), 403 `{"message":"Forbidden"}`
 * (authorizer: a valid token without the route's scope), 413 (over 10 MB) and
 * 500 `{"message":"Internal Server Error"}` (the function threw or returned nonsense). And it
 * holds the function to Lambda's and the HTTP API's real limits, so nothing passes here that
 * fails on AWS:
 * - an event over Lambda's 6 MB invocation payload (measured on the event's JSON, where a
 *   binary body is base64: a 4.6 MB PDF makes a 6.1 MB event) is never run: Lambda refuses the
 *   invocation (RequestEntityTooLargeException) and API Gateway answers
 *   500 `{"message":"Internal Server Error"}`;
 * - a function's answer over Lambda's 6 MB response payload is lost (Lambda fails the
 *   invocation, "Exceeded maximum allowed payload size"): 502 `{"message":"Internal Server Error"}`;
 * - a function still running after the 30 s integration timeout: 503 `{"message":"Service Unavailable"}`;
 * - a route past its throttling limits (the stage's route settings in the template,
 *   `http-front/route-throttling.ts`), when given: 429 `{"message":"Too Many Requests"}`.
 * The statuses are the documented ones: "If the Lambda API rejects the invocation request, API
 * Gateway returns a 500 error code. If the function runs but returns an error, or returns a
 * response in the wrong format, API Gateway returns a 502"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; for HTTP APIs
 * the body is `{"message":"Internal Server Error"}`,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
 * Limits: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (6 MB each way,
 * synchronous) and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 * (payload 10 MB, integration timeout 30 s).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { FunctionId } from '../catalog/function-catalog.js';
import type { RouteSpec } from '../catalog/route-catalog.js';
import { catalogLambdaSettings, lambdaContext } from './lambda-context.js';
import type { JSONWebKeySet } from 'jose';
import { authorizeJwt } from './http-front/jwt-authorizer.js';
import type { RouteJwtAuthorizer } from './http-front/template-authorizers.js';
import { LocalStackError } from './local-stack-error.js';
import {
  buildProxyEvent,
  gatewayErrorResponse,
  jwtAuthorizerContext,
  newApiRequestId,
  toHttpResponse,
  type ProxyResponse,
} from './http-front/proxy-event.js';
import { compileRouteTable, type RouteMatch } from './http-front/route-table.js';
import { createRouteThrottler, type RouteThrottleLimits } from './http-front/route-throttling.js';
import { listenOnLoopback } from './services/listen-on-loopback.js';
import { readCappedBody } from './services/read-capped-body.js';

/** A Lambda handler behind the HTTP API. */
export type ApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface HttpFrontOptions {
  readonly routes: readonly RouteSpec[];
  /** The handler of a function; called once per function, on its first request (again after a failure). */
  resolveHandler(functionId: FunctionId): Promise<ApiHandler>;
  /**
   * The JWT authorizer of each route key, read from the synthesized template
   * (http-front/template-authorizers.ts); a route absent here has none.
   */
  readonly authorizers: ReadonlyMap<string, RouteJwtAuthorizer>;
  /** The key set each issuer publishes (its `jwks_uri`), by issuer. */
  readonly issuerKeys: Readonly<Record<string, JSONWebKeySet>>;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Larger request bodies answer 413, as API Gateway's payload limit. @default 10 MiB */
  readonly maxPayloadBytes?: number;
  /** A larger event (its JSON) is refused as Lambda refuses the invocation: 500. @default {@link LAMBDA_REQUEST_PAYLOAD_BYTES} */
  readonly maxEventBytes?: number;
  /** A larger function answer (its JSON) is lost as Lambda loses it: 502. @default {@link LAMBDA_RESPONSE_PAYLOAD_BYTES} */
  readonly maxResultBytes?: number;
  /** A function still running after this is answered 503, as API Gateway's integration timeout. @default 30 000 */
  readonly integrationTimeoutMs?: number;
  /**
   * Per-route throttling, as API Gateway applies the stage's route settings: a token bucket per
   * route key, refilled on `now`. @default none (unthrottled)
   */
  readonly throttling?: { readonly limits: RouteThrottleLimits; readonly now: () => number };
  /** Region in the function ARN. @default process.env.AWS_REGION ?? 'eu-west-1' */
  readonly region?: string;
  /** Where a failing function is reported. @default console.error (stderr) */
  logError?(message: string, error: unknown): void;
}

/**
 * A fault for the next call of one route (tests of faults): `crash` runs the function and
 * loses its answer (API Gateway answers 500), `timeout` loses it to the integration timeout
 * (503; `before` the function runs at all), and `hooks` run around the function, e.g. to arm
 * faults on the wire for that call alone.
 */
export interface RouteFault {
  readonly kind?: 'crash' | 'timeout';
  readonly when?: 'before' | 'after';
  readonly hooks?: { start(): void; end(): void };
}

export interface HttpFront {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Queues a fault for the next call of `routeKey` (`POST /sign/{token}/scan`). */
  faultNextCall(routeKey: string, fault: RouteFault): void;
  /** Stops listening and drops open connections. Safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Lambda's synchronous invocation payload: "Request must be smaller than 6291456 bytes for the InvokeFunction operation". */
export const LAMBDA_REQUEST_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** Lambda's synchronous response payload: "Exceeded maximum allowed payload size (6291556 bytes)". */
export const LAMBDA_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100;
/** An HTTP API's integration timeout; it cannot be raised. */
export const HTTP_API_INTEGRATION_TIMEOUT_MS = 30_000;

/** Starts the HTTP front and resolves once it listens. */
export async function startHttpFront(options: HttpFrontOptions): Promise<HttpFront> {
  const table = compileRouteTable(options.routes);
  assertAuthorizersMatchRoutes(options.routes, options.authorizers);
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const maxEventBytes = options.maxEventBytes ?? LAMBDA_REQUEST_PAYLOAD_BYTES;
  const maxResultBytes = options.maxResultBytes ?? LAMBDA_RESPONSE_PAYLOAD_BYTES;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? HTTP_API_INTEGRATION_TIMEOUT_MS;
  const region = options.region ?? process.env['AWS_REGION'] ?? 'eu-west-1';
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const handlers = new Map<FunctionId, Promise<ApiHandler>>();
  const throttler = options.throttling ? createRouteThrottler(options.throttling.limits, options.throttling.now) : undefined;

  const handlerFor = (functionId: FunctionId): Promise<ApiHandler> => {
    let handler = handlers.get(functionId);
    if (!handler) {
      handler = options.resolveHandler(functionId);
      handlers.set(functionId, handler);
      handler.catch(() => handlers.delete(functionId));
    }
    return handler;
  };

  const answer = async (request: IncomingMessage, requestId: string): Promise<ProxyResponse> => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const match = table.match(method, queryStart === -1 ? url : url.slice(0, queryStart));
    if (!match) return gatewayErrorResponse(404, 'Not Found');
    if (throttler && !throttler.admit(match.routeKey)) return gatewayErrorResponse(429, 'Too Many Requests');

    const declaredLength = Number(request.headers['content-length'] ?? 0);
    if (declaredLength > maxPayloadBytes) return gatewayErrorResponse(413, 'Request Entity Too Large');

    const authorizer = options.authorizers.get(match.routeKey);
    let claims: Record<string, unknown> | undefined;
    if (authorizer) {
      const header = request.headers[authorizer.header];
      const decision = await authorizeJwt(Array.isArray(header) ? header.join(',') : header, authorizer, (issuer) => options.issuerKeys[issuer], new Date());
      if (!decision.allowed) {
        const refusal = gatewayErrorResponse(decision.status, decision.status === 401 ? 'Unauthorized' : 'Forbidden');
        return decision.wwwAuthenticate ? { ...refusal, headers: { ...refusal.headers, 'www-authenticate': decision.wwwAuthenticate } } : refusal;
      }
      claims = decision.claims;
    }

    const read = hasBody(request) ? await readCappedBody(request, maxPayloadBytes) : undefined;
    if (read === 'too-large') return gatewayErrorResponse(413, 'Request Entity Too Large');
    const body = read === undefined || read.length === 0 ? undefined : read;

    const event = buildProxyEvent(
      {
        method,
        url,
        httpVersion: request.httpVersion,
        rawHeaders: request.rawHeaders,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        localPort: request.socket.localPort ?? 0,
        body,
      },
      { match, authorizer: claims ? jwtAuthorizerContext(claims) : undefined, requestId, now: new Date() },
    );
    return invoke(match, event);
  };

  const faults = new Map<string, RouteFault[]>();
  const takeFault = (routeKey: string): RouteFault | undefined => {
    const queue = faults.get(routeKey);
    const fault = queue?.shift();
    if (queue && queue.length === 0) faults.delete(routeKey);
    return fault;
  };

  const invoke = async (match: RouteMatch, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<ProxyResponse> => {
    const functionId = match.route.function;
    const fault = takeFault(match.routeKey);
    const where = `${match.routeKey} (${functionId}, request ${event.requestContext.requestId})`;
    try {
      const eventBytes = jsonBytesOver(event, maxEventBytes);
      if (eventBytes !== undefined) {
        // Lambda refuses the invocation before the function runs (RequestEntityTooLargeException).
        logError(`[http-front] ${where}: the event is ${eventBytes} bytes, over Lambda's invocation payload of ${maxEventBytes}`, undefined);
        return gatewayErrorResponse(500, 'Internal Server Error');
      }
      const handler = await handlerFor(functionId);
      const context = lambdaContext({ functionName: functionId, region, ...catalogLambdaSettings(functionId) });
      if (fault?.kind === 'timeout' && fault.when === 'before') return gatewayErrorResponse(503, 'Service Unavailable');
      const running = (async () => {
        fault?.hooks?.start();
        try {
          return await handler(event, context);
        } finally {
          fault?.hooks?.end();
        }
      })();
      const result = await withinTimeout(running, integrationTimeoutMs);
      if (result === TIMED_OUT) {
        // API Gateway stops waiting; the function runs on to its own timeout, and what it answers is lost.
        running.catch((error: unknown) => logError(`[http-front] ${where} failed after its integration timed out:`, error));
        logError(`[http-front] ${where}: no answer within the integration timeout of ${integrationTimeoutMs} ms`, undefined);
        return gatewayErrorResponse(503, 'Service Unavailable');
      }
      // The function did its work but its answer was lost: it crashed on the way out, or ran out of time.
      if (fault?.kind === 'crash') return gatewayErrorResponse(500, 'Internal Server Error');
      if (fault?.kind === 'timeout') return gatewayErrorResponse(503, 'Service Unavailable');
      const resultBytes = jsonBytesOver(result, maxResultBytes);
      if (resultBytes !== undefined) {
        logError(`[http-front] ${where}: the answer is ${resultBytes} bytes, over Lambda's response payload of ${maxResultBytes}`, undefined);
        return gatewayErrorResponse(502, 'Internal Server Error');
      }
      return toHttpResponse(result);
    } catch (error) {
      logError(`[http-front] ${where} failed:`, error);
      return gatewayErrorResponse(500, 'Internal Server Error');
    }
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const requestId = newApiRequestId();
    answer(request, requestId)
      .catch((error: unknown): ProxyResponse | undefined => {
        // A client that hung up mid-upload needs no answer and is no failure of ours.
        if (request.destroyed && !request.complete) return undefined;
        logError(`[http-front] ${request.method} ${request.url} (request ${requestId}) failed:`, error);
        return gatewayErrorResponse(500, 'Internal Server Error');
      })
      .then((result) => {
        if (result) writeResponse(response, result, requestId);
      });
  });

  const listening = await listenOnLoopback(server, { port: options.port, host: options.host });
  return {
    url: listening.endpoint,
    faultNextCall: (routeKey, fault) => void faults.set(routeKey, [...(faults.get(routeKey) ?? []), fault]),
    stop: () => listening.close(),
  };
}

/**
 * A request without `Content-Length` and `Transfer-Encoding` has no body (RFC 9112 §6.3), and
 * neither has one that announces 0 bytes: nothing to wait for.
 */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The size of `value`'s JSON when it is over `limit` bytes, else undefined. JSON writes each
 * UTF-16 unit of a string in at most 6 bytes (`\u001f`), so a value whose strings are short
 * enough is under the limit without being serialized (serializing every event and every answer
 * took about a fifth of the front's own CPU per request); only a large one (an upload, a
 * document) is measured exactly.
 */
function jsonBytesOver(value: unknown, limit: number): number | undefined {
  if (jsonBytesBound(value, limit) <= limit) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  return bytes > limit ? bytes : undefined;
}

/** An upper bound of the size of `value`'s JSON; once past `limit`, any number past it. */
function jsonBytesBound(value: unknown, limit: number): number {
  if (typeof value === 'string') return 6 * value.length + 2;
  if (typeof value !== 'object' || value === null) return 32;
  // An object that writes its own JSON (a Date) is measured exactly.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return limit + 1;
  let bound = 2;
  if (Array.isArray(value)) {
    for (const entry of value as unknown[]) {
      bound += 1 + jsonBytesBound(entry, limit);
      if (bound > limit) return bound;
    }
    return bound;
  }
  for (const key in value) {
    bound += 6 * key.length + 4 + jsonBytesBound((value as Record<string, unknown>)[key], limit);
    if (bound > limit) return bound;
  }
  return bound;
}

const TIMED_OUT = Symbol('timed out');

/** What `running` settles to, or {@link TIMED_OUT} once `ms` passed first. */
async function withinTimeout<T>(running: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The catalog's routes and the template's authorizers agree: a broker or portal route has a JWT
 * authorizer, a link or HMAC route none (the stack builds both from the catalog; this catches a
 * stale template or a hand-made one).
 * @throws LocalStackError naming the first route that disagrees
 */
function assertAuthorizersMatchRoutes(routes: readonly RouteSpec[], authorizers: ReadonlyMap<string, RouteJwtAuthorizer>): void {
  for (const route of routes) {
    const routeKey = `${route.method} ${route.path}`;
    const needsJwt = route.auth === 'broker' || route.auth === 'portal';
    if (needsJwt !== authorizers.has(routeKey)) {
      throw new LocalStackError(`${routeKey} (${route.auth}) ${needsJwt ? 'has no JWT authorizer in the template' : 'has a JWT authorizer in the template'}`);
    }
  }
}

/** Writes the answer in one go: its headers as one list (no per-header bookkeeping), then its body. */
function writeResponse(response: ServerResponse, result: ProxyResponse, requestId: string): void {
  if (response.headersSent || response.destroyed) return;
  // 204 and 304 carry neither a body nor its length.
  const bodiless = result.statusCode === 204 || result.statusCode === 304;
  const headers: string[] = [];
  for (const [name, value] of Object.entries(result.headers)) {
    if (name === 'content-length' || name === 'apigw-requestid') continue;
    if (Array.isArray(value)) for (const one of value) headers.push(name, one);
    else headers.push(name, value);
  }
  headers.push('apigw-requestid', requestId);
  if (!bodiless) headers.push('content-length', String(result.body.length));
  response.writeHead(result.statusCode, headers);
  if (bodiless) response.end();
  else response.end(result.body);
}
