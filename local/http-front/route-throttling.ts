/**
 * The HTTP API's per-route throttling, as the synthesized template declares it on the
 * `$default` stage (`RouteSettings` per route key, `DefaultRouteSettings` for the rest;
 * infra/route-throttles.ts), enforced as API Gateway does: a token bucket per route key,
 * shared by every caller, holding `burstLimit` tokens and refilled at `rateLimit` a second;
 * a request that finds it empty is answered 429 `{"message":"Too Many Requests"}` before any
 * authorizer or function runs.
 *
 * Time comes from the caller (`now`): the wall clock under `npm start`, the stack's manual
 * clock in a test, where buckets refill only as the test moves time.
 */
import { isObject } from '../services/kms/json-object.js';

/** One route's limits. */
export interface RouteLimits {
  /** Tokens added a second. */
  readonly rateLimit: number;
  /** The bucket's size: requests at once. */
  readonly burstLimit: number;
}

export interface RouteThrottleLimits {
  /** Limits of a route the settings do not name; undefined: unthrottled. */
  readonly defaultLimits: RouteLimits | undefined;
  /** By route key, `"POST /activate/{token}"`. */
  readonly byRouteKey: Readonly<Record<string, RouteLimits>>;
}

/** The limits of the template's `$default` HTTP API stage (none if the template has no such stage). */
export function readTemplateRouteThrottles(template: unknown): RouteThrottleLimits {
  const resources = isObject(template) && isObject(template['Resources']) ? Object.values(template['Resources']) : [];
  const stage = resources
    .filter(isObject)
    .map((resource) => (resource['Type'] === 'AWS::ApiGatewayV2::Stage' && isObject(resource['Properties']) ? resource['Properties'] : undefined))
    .find((properties) => properties?.['StageName'] === '$default');
  const routeSettings = isObject(stage?.['RouteSettings']) ? stage['RouteSettings'] : {};
  const byRouteKey: Record<string, RouteLimits> = {};
  for (const [routeKey, settings] of Object.entries(routeSettings)) {
    const limits = limitsOf(settings);
    if (limits) byRouteKey[routeKey] = limits;
  }
  return { defaultLimits: limitsOf(stage?.['DefaultRouteSettings']), byRouteKey };
}

function limitsOf(settings: unknown): RouteLimits | undefined {
  if (!isObject(settings)) return undefined;
  const rateLimit = settings['ThrottlingRateLimit'];
  const burstLimit = settings['ThrottlingBurstLimit'];
  if (typeof rateLimit !== 'number' || typeof burstLimit !== 'number') return undefined;
  return { rateLimit, burstLimit };
}

export interface RouteThrottler {
  /** Takes a token from the route's bucket; false when it is empty (answer 429). */
  admit(routeKey: string): boolean;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/** Token buckets per route key, each starting full. */
export function createRouteThrottler(limits: RouteThrottleLimits, now: () => number): RouteThrottler {
  const buckets = new Map<string, Bucket>();
  return {
    admit(routeKey) {
      const routeLimits = limits.byRouteKey[routeKey] ?? limits.defaultLimits;
      if (!routeLimits) return true;
      const nowMs = now();
      let bucket = buckets.get(routeKey);
      if (!bucket) {
        bucket = { tokens: routeLimits.burstLimit, atMs: nowMs };
        buckets.set(routeKey, bucket);
      }
      const elapsedSeconds = Math.max(0, nowMs - bucket.atMs) / 1000;
      bucket.tokens = Math.min(routeLimits.burstLimit, bucket.tokens + elapsedSeconds * routeLimits.rateLimit);
      bucket.atMs = Math.max(bucket.atMs, nowMs);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
