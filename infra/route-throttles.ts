/**
 * How many requests a second each kind of route takes (API Gateway's per-route throttling on
 * the `$default` stage: a token bucket of `burstLimit` tokens refilled at `rateLimit` a second,
 * shared by every caller of the route; past it, API Gateway answers 429 before any function
 * runs). The local HTTP front reads the same numbers from the synthesized template.
 *
 * HTTP APIs cannot throttle per caller (no usage plans, no WAF); these limits bound what the
 * whole internet can make the product spend on one route, and keep anonymous traffic from
 * eating the account's request quota that brokers and the client portal share.
 */
import { routeKeyOf, type RouteAuth, type RouteSpec } from '../catalog/route-catalog.js';

/** One route's limits (the shape of the CDK's `ThrottleSettings`, both fields required). */
export interface RouteThrottle {
  /** Requests a second, steadily. */
  readonly rateLimit: number;
  /** Requests at once: the bucket's size. */
  readonly burstLimit: number;
}

/**
 * Routes whose callers have an account (a broker's or the client portal's JWT, checked by API
 * Gateway before the function runs): servers acting for many brokers and clients at once
 * (the management package, the portal's access checks on each page view).
 */
export const ACCOUNT_ROUTE_THROTTLE: RouteThrottle = { rateLimit: 50, burstLimit: 100 };

/**
 * Routes anyone may call without an account: a signer's or grantee's link (its token checked
 * by the function) and the signing service's callback (its HMAC checked by the function). The
 * busiest legitimate moment is a request of 40 grantees whose activation e-mails leave at once
 * (MAX_GRANTEES): even if all 40 opened and confirmed their links in the same minute, that is
 * under 2 requests a second; a signer makes a handful of requests in all. 10 a second
 * (36,000 an hour) is far above any of that, while a flood of guessed links costs at most 10
 * invocations and table reads a second per route. A burst of 20 lets a page's few requests,
 * or a batch of grantees in the same second, through at once.
 */
export const ANONYMOUS_ROUTE_THROTTLE: RouteThrottle = { rateLimit: 10, burstLimit: 20 };

/**
 * The dashboard's pages: anyone may reach them (a browser without a session is sent to sign in),
 * and a broker's page view is one request plus its script. A busy office of a few brokers makes a
 * request or two a second at most; 20 a second with a burst of 40 leaves them room while a flood
 * costs at most 20 token checks a second per route.
 */
export const SESSION_ROUTE_THROTTLE: RouteThrottle = { rateLimit: 20, burstLimit: 40 };

/** Each kind of route's limits. */
export const ROUTE_THROTTLES: Readonly<Record<RouteAuth, RouteThrottle>> = {
  broker: ACCOUNT_ROUTE_THROTTLE,
  portal: ACCOUNT_ROUTE_THROTTLE,
  link: ANONYMOUS_ROUTE_THROTTLE,
  hmac: ANONYMOUS_ROUTE_THROTTLE,
  session: SESSION_ROUTE_THROTTLE,
};

/** A stage's `RouteSettings` entry (CloudFormation `AWS::ApiGatewayV2::Stage`). */
export interface CfnRouteThrottle {
  readonly ThrottlingRateLimit: number;
  readonly ThrottlingBurstLimit: number;
}

/** The stage's `RouteSettings`: each route's limits by route key, from {@link ROUTE_THROTTLES}. */
export function routeThrottleSettings(routes: readonly RouteSpec[]): Record<string, CfnRouteThrottle> {
  return Object.fromEntries(
    routes.map((route) => {
      const { rateLimit, burstLimit } = ROUTE_THROTTLES[route.auth];
      return [routeKeyOf(route), { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }];
    }),
  );
}
