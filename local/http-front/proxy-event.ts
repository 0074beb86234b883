/**
 * The Lambda proxy integration of an API Gateway HTTP API, payload format 2.0: the event a
 * function receives for an HTTP request, and the HTTP answer made of what it returns.
 * Pure functions of their inputs, so they are tested without a server.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { LocalStackError } from '../local-stack-error.js';
import type { RouteMatch } from './route-table.js';

/** What the HTTP server read of one request. */
export interface IncomingRequest {
  readonly method: string;
  /** The request target as sent: raw path and query, e.g. `/v1/requests?status=SUBMITTED`. */
  readonly url: string;
  /** `1.1` */
  readonly httpVersion: string;
  /** Node's `rawHeaders`: name, value, name, value… (duplicates kept, case as sent). */
  readonly rawHeaders: readonly string[];
  readonly sourceIp: string;
  /** The port the request came in on (for `x-forwarded-port`). */
  readonly localPort: number;
  readonly body: Buffer | undefined;
}

/** Everything needed of the local API besides the request itself. */
export interface ProxyEventContext {
  readonly match: RouteMatch;
  /** The JWT authorizer's output; absent on routes without an authorizer. */
  readonly authorizer: APIGatewayEventRequestContextJWTAuthorizer | undefined;
  readonly requestId: string;
  readonly now: Date;
}

/** The HTTP answer to write. */
export interface ProxyResponse {
  readonly statusCode: number;
  /** Lower-case names; a list is sent as repeated headers (`set-cookie`). */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** The function returned something API Gateway cannot turn into a response (it answers 500). */
export class InvalidProxyResultError extends LocalStackError {
  override readonly name = 'InvalidProxyResultError';

  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
  }
}

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

/** Random bytes drawn a page at a time: one `getrandom` call per 409 request ids, not one each. */
const REQUEST_ID_BYTES = 10;
let idPool = Buffer.alloc(0);
let idPoolOffset = 0;

/** An id shaped like API Gateway's (`apigw-requestid`), e.g. `JKJaXmPLvHcESHA=`. */
export function newApiRequestId(): string {
  if (idPoolOffset + REQUEST_ID_BYTES > idPool.length) {
    idPool = randomBytes(4096);
    idPoolOffset = 0;
  }
  const id = idPool.toString('base64', idPoolOffset, idPoolOffset + REQUEST_ID_BYTES);
  idPoolOffset += REQUEST_ID_BYTES;
  return id;
}

/** Content types API Gateway passes as text; every other body arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript' ||
    type === 'application/graphql'
  );
}

/** The payload format 2.0 event for one request on a matched route. */
export function buildProxyEvent(request: IncomingRequest, context: ProxyEventContext): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { headers, cookies } = foldHeaders(request.rawHeaders);
  // API Gateway adds these; handlers that build links from them then work alike.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const host = headers['host'] ?? '127.0.0.1';
  const domainPrefix = host.split(/[.:]/)[0] ?? host;

  const event: Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
    requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
      authorizer?: APIGatewayEventRequestContextJWTAuthorizer;
    };
  } = {
    version: '2.0',
    routeKey: context.match.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      domainName: host,
      domainPrefix,
      http: {
        method: request.method,
        path: safeDecodePath(rawPath),
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.match.routeKey,
      stage: '$default',
      time: formatRequestTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  const query = parseQuery(rawQueryString);
  if (query) event.queryStringParameters = query;
  if (Object.keys(context.match.pathParameters).length > 0) event.pathParameters = { ...context.match.pathParameters };
  // Routes without an authorizer get no `authorizer` at all, as on AWS.
  if (context.authorizer) event.requestContext.authorizer = context.authorizer;
  if (request.body && request.body.length > 0) {
    const asText = isTextContentType(headers['content-type']);
    event.body = request.body.toString(asText ? 'utf8' : 'base64');
    event.isBase64Encoded = !asText;
  }
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** The string claims of each claims object the authorizer verified (the same object for every call of a cached token). */
const authorizerContexts = new WeakMap<object, APIGatewayEventRequestContextJWTAuthorizer>();

/**
 * The JWT authorizer's output for verified claims. API Gateway hands claims on as strings
 * (a number as its digits, a list as `[a b]`), so handlers see here what they see on AWS.
 * Made once per claims object; each event gets copies, so a handler that changes its own
 * event's claims changes no other's.
 */
export function jwtAuthorizerContext(claims: Record<string, unknown>): APIGatewayEventRequestContextJWTAuthorizer {
  let context = authorizerContexts.get(claims);
  if (!context) {
    context = stringClaimsContext(claims);
    authorizerContexts.set(claims, context);
  }
  return { jwt: { claims: { ...context.jwt.claims }, scopes: context.jwt.scopes ? [...context.jwt.scopes] : null } };
}

function stringClaimsContext(claims: Record<string, unknown>): APIGatewayEventRequestContextJWTAuthorizer {
  const stringClaims: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    stringClaims[name] = Array.isArray(value)
      ? `[${value.join(' ')}]`
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value);
  }
  const scope = typeof claims['scope'] === 'string' ? claims['scope'] : typeof claims['scp'] === 'string' ? claims['scp'] : '';
  const scopes = scope.split(' ').filter((s) => s !== '');
  return { jwt: { claims: stringClaims, scopes: scopes.length > 0 ? scopes : null } };
}

/**
 * The HTTP answer for a function's result. A result without `statusCode` is the body of a
 * 200 JSON answer (a string as is, anything else serialized), as API Gateway assumes.
 * @throws InvalidProxyResultError when `statusCode` or `body` has the wrong type
 */
export function toHttpResponse(result: APIGatewayProxyResultV2 | undefined | null): ProxyResponse {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
  }
  const { statusCode, body, isBase64Encoded, cookies } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new InvalidProxyResultError(`statusCode must be an integer HTTP status, got ${String(statusCode)}`, result);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new InvalidProxyResultError(`body must be a string, got ${typeof body}`, result);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  // Not part of format 2.0, but harmless to honour for handlers written for format 1.0.
  const multiValueHeaders = (result as { multiValueHeaders?: Record<string, readonly unknown[]> }).multiValueHeaders;
  for (const [name, values] of Object.entries(multiValueHeaders ?? {})) {
    const key = name.toLowerCase();
    const existing = headers[key];
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    headers[key] = [...list, ...values.map(String)];
  }
  if (cookies && cookies.length > 0) {
    const existing = headers['set-cookie'];
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    headers['set-cookie'] = [...list, ...cookies];
  }
  const bytes = body ? Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  return { statusCode, headers, body: bytes };
}

/** API Gateway's own JSON error answers (`{"message": "Not Found"}` …). */
export function gatewayErrorResponse(statusCode: number, message: string): ProxyResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message }), 'utf8'),
  };
}

/** Headers lower-cased, duplicates joined by commas; the `cookie` header becomes `cookies`. */
function foldHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      for (const cookie of value.split(';')) if (cookie.trim() !== '') cookies.push(cookie.trim());
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return { headers, cookies };
}

/** Decoded query parameters, repeated names joined by commas; undefined when there are none. */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const existing = parameters[name];
    parameters[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

function safeDecodePath(rawPath: string): string {
  try {
    return decodeURI(rawPath);
  } catch {
    return rawPath;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The last second formatted: every request within one second has the same `time`. */
let lastTime = { second: Number.NaN, text: '' };

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's `requestContext.time`. */
export function formatRequestTime(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second === lastTime.second) return lastTime.text;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const text =
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
  lastTime = { second, text };
  return text;
}
