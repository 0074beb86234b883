/**
 * Every HTTP route of the product, in one list: its operation, method and path, the function
 * that serves it, how its caller is authenticated, and the largest body it takes.
 *
 * Everything about a route is built from this list: the CDK stack's HTTP API routes, JWT
 * authorizers and throttling (infra/), the local stack's HTTP front (local/), each function's
 * router (`apiHandler` in functions/http/api-handler.ts, which takes one handler per
 * `operationId` of its function), and the OpenAPI document (functions/http/openapi-document.ts,
 * which takes one operation's details per `operationId`). Plain data with no AWS import.
 */
import type { ApiFunctionId } from './function-catalog.js';

/** How a caller is authenticated before the route's function runs. */
export type RouteAuth =
  /** A broker's JWT (on AWS: the HTTP API's JWT authorizer). */
  | 'broker'
  /** The client portal's JWT (audience `portal`). */
  | 'portal'
  /** No caller identity: the opaque single-use token in the path is the credential. */
  | 'link'
  /**
   * The signing service's callback: no caller identity at the gateway; an HMAC over the
   * timestamp and body with a shared secret is the credential, checked by the function.
   */
  | 'hmac'
  /**
   * A broker in the dashboard's pages (a browser): no authorizer at the gateway, which reads a
   * JWT from a header only; the function verifies the broker's access token kept in an HttpOnly
   * session cookie (signature against the user pool's keys, issuer, client, scope, expiry) on
   * every request, and sends a browser without one to sign in (functions/dashboard/session.ts).
   */
  | 'session';

// --- The largest bodies the routes take (I3, docs/input-rules.md): over its limit, a route answers 413 before any work. ---

/** The body a route takes when it declares none: a small JSON object. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024;

/**
 * The largest body `POST /v1/requests` takes: a request with 40 grantees and their contract
 * lists fits with room to spare, and the stored request stays well under DynamoDB's 400 KB
 * item limit.
 */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

/**
 * The largest file sent as a request body through the API (`POST /sign/{token}/scan`, `/eid`):
 * a Lambda invocation carries 6 MB and API Gateway base64-encodes a binary body (4/3 larger),
 * so 4 MB leaves room for the rest of the event. Larger files go straight to storage
 * (functions/http/signer/create-upload.ts).
 */
export const MAX_DIRECT_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The dashboard's new-request form posts the same request the API takes (MAX_REQUEST_BODY_BYTES)
 * as JSON, so it takes the same limit.
 */
export const MAX_DASHBOARD_REQUEST_BODY_BYTES = MAX_REQUEST_BODY_BYTES;

/** The signing service's callback names a session and little else: anything larger is not one. */
export const MAX_CALLBACK_BODY_BYTES = 8 * 1024;

export interface RouteSpec {
  /**
   * The operation's name, unique among the routes: the OpenAPI `operationId`, and the key of
   * its handler in its function's router and of its details in the OpenAPI document.
   */
  readonly operationId: string;
  readonly method: 'GET' | 'POST';
  /** API Gateway HTTP API path syntax: `{name}` is a path parameter. */
  readonly path: string;
  /** The catalog function (`kind: 'api'`) that serves the route. */
  readonly function: ApiFunctionId;
  readonly auth: RouteAuth;
  /** The largest body (decoded) the route accepts (I3). @default DEFAULT_MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
}

const ROUTE_LIST = [
  { operationId: 'submitRequest', method: 'POST', path: '/v1/requests', function: 'BrokerApi', auth: 'broker', maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  { operationId: 'listRequests', method: 'GET', path: '/v1/requests', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'getRequest', method: 'GET', path: '/v1/requests/{id}', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'getRequestDocument', method: 'GET', path: '/v1/requests/{id}/documents/{document}', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'getRequestEvidence', method: 'GET', path: '/v1/requests/{id}/evidence', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'cancelRequest', method: 'POST', path: '/v1/requests/{id}/cancel', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'remindRequest', method: 'POST', path: '/v1/requests/{id}/remind', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'reviewScan', method: 'POST', path: '/v1/requests/{id}/review', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'revokeGrant', method: 'POST', path: '/v1/grants/{grantId}/revoke', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'exportClientData', method: 'GET', path: '/v1/clients/{clientRef}/personal-data', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'eraseClientData', method: 'POST', path: '/v1/clients/{clientRef}/erase', function: 'BrokerApi', auth: 'broker' },
  { operationId: 'showSigningPage', method: 'GET', path: '/sign/{token}', function: 'SignerApi', auth: 'link' },
  { operationId: 'downloadFormToSign', method: 'GET', path: '/sign/{token}/form.pdf', function: 'SignerApi', auth: 'link' },
  { operationId: 'uploadScan', method: 'POST', path: '/sign/{token}/scan', function: 'SignerApi', auth: 'link', maxBodyBytes: MAX_DIRECT_BODY_BYTES },
  { operationId: 'uploadEidSignedPdf', method: 'POST', path: '/sign/{token}/eid', function: 'SignerApi', auth: 'link', maxBodyBytes: MAX_DIRECT_BODY_BYTES },
  { operationId: 'createUpload', method: 'POST', path: '/sign/{token}/uploads', function: 'SignerApi', auth: 'link' },
  { operationId: 'confirmUpload', method: 'POST', path: '/sign/{token}/uploads/{uploadId}/confirm', function: 'SignerApi', auth: 'link' },
  { operationId: 'startAdvancedSigning', method: 'POST', path: '/sign/{token}/advanced', function: 'SignerApi', auth: 'link' },
  { operationId: 'showAdvancedSigningOutcome', method: 'GET', path: '/sign/{token}/advanced', function: 'SignerApi', auth: 'link' },
  { operationId: 'declineSignature', method: 'POST', path: '/sign/{token}/decline', function: 'SignerApi', auth: 'link' },
  { operationId: 'receiveSigningCallback', method: 'POST', path: '/v1/signing-service/callback', function: 'SigningServiceCallback', auth: 'hmac', maxBodyBytes: MAX_CALLBACK_BODY_BYTES },
  { operationId: 'showActivationPage', method: 'GET', path: '/activate/{token}', function: 'ActivationApi', auth: 'link' },
  { operationId: 'activateGrant', method: 'POST', path: '/activate/{token}', function: 'ActivationApi', auth: 'link' },
  { operationId: 'showDashboard', method: 'GET', path: '/dashboard', function: 'DashboardApi', auth: 'session' },
  { operationId: 'startDashboardSignIn', method: 'GET', path: '/dashboard/sign-in', function: 'DashboardApi', auth: 'session' },
  { operationId: 'finishDashboardSignIn', method: 'GET', path: '/dashboard/signed-in', function: 'DashboardApi', auth: 'session' },
  { operationId: 'signOutOfDashboard', method: 'POST', path: '/dashboard/sign-out', function: 'DashboardApi', auth: 'session' },
  { operationId: 'showSignedOut', method: 'GET', path: '/dashboard/signed-out', function: 'DashboardApi', auth: 'session' },
  { operationId: 'showNewRequestForm', method: 'GET', path: '/dashboard/new-request', function: 'DashboardApi', auth: 'session' },
  { operationId: 'submitDashboardRequest', method: 'POST', path: '/dashboard/new-request', function: 'DashboardApi', auth: 'session', maxBodyBytes: MAX_DASHBOARD_REQUEST_BODY_BYTES },
  { operationId: 'showDashboardRequest', method: 'GET', path: '/dashboard/requests/{id}', function: 'DashboardApi', auth: 'session' },
  { operationId: 'openDashboardDocument', method: 'GET', path: '/dashboard/requests/{id}/documents/{document}', function: 'DashboardApi', auth: 'session' },
  { operationId: 'showDashboardEvidence', method: 'GET', path: '/dashboard/requests/{id}/evidence', function: 'DashboardApi', auth: 'session' },
  { operationId: 'remindFromDashboard', method: 'POST', path: '/dashboard/requests/{id}/remind', function: 'DashboardApi', auth: 'session' },
  { operationId: 'cancelFromDashboard', method: 'POST', path: '/dashboard/requests/{id}/cancel', function: 'DashboardApi', auth: 'session' },
  { operationId: 'reviewFromDashboard', method: 'POST', path: '/dashboard/requests/{id}/review', function: 'DashboardApi', auth: 'session' },
  { operationId: 'revokeFromDashboard', method: 'POST', path: '/dashboard/requests/{id}/grants/{grantId}/revoke', function: 'DashboardApi', auth: 'session' },
  { operationId: 'dashboardAsset', method: 'GET', path: '/dashboard/assets/{file}', function: 'DashboardApi', auth: 'session' },
  { operationId: 'listPortalGrants', method: 'GET', path: '/v1/portal/grants', function: 'PortalApi', auth: 'portal' },
  { operationId: 'checkPortalAccess', method: 'GET', path: '/v1/portal/access', function: 'PortalApi', auth: 'portal' },
  { operationId: 'downloadSignedForm', method: 'GET', path: '/v1/portal/grants/{grantId}/form', function: 'PortalApi', auth: 'portal' },
  { operationId: 'getGrantEvidence', method: 'GET', path: '/v1/portal/grants/{grantId}/evidence', function: 'PortalApi', auth: 'portal' },
] as const satisfies readonly RouteSpec[];

/** Every route, in the order the HTTP API and the OpenAPI document list them. */
export const ROUTES: readonly RouteSpec[] = ROUTE_LIST;

type CatalogRoute = (typeof ROUTE_LIST)[number];

/** The `operationId` of every route. */
export type OperationId = CatalogRoute['operationId'];

/** The `operationId` of every route of the API (the OpenAPI document's): all but the dashboard's pages. */
export type ApiOperationId = Exclude<CatalogRoute, { readonly auth: 'session' }>['operationId'];

/** The `operationId`s of the routes the function `F` serves: the keys of its router. */
export type OperationIdOf<F extends ApiFunctionId> = Extract<CatalogRoute, { readonly function: F }>['operationId'];

/** The routes of the API (JSON and the e-mailed links' pages), the OpenAPI document's: every route but the dashboard's pages. */
export const API_ROUTES: readonly RouteSpec[] = ROUTES.filter((route) => route.auth !== 'session');

/** The routes the function `functionId` serves, in catalog order. */
export function routesOf(functionId: ApiFunctionId): readonly RouteSpec[] {
  return ROUTES.filter((route) => route.function === functionId);
}

/** The largest body (decoded) `route` accepts (I3). */
export function maxBodyBytesOf(route: Pick<RouteSpec, 'maxBodyBytes'>): number {
  return route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
}

/** `"POST /v1/requests/{id}/cancel"`, as API Gateway keys a route. */
export function routeKeyOf(route: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
