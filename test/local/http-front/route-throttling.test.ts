/**
 * The local HTTP front throttles each route at the limits of the template's stage, as API
 * Gateway does: a token bucket per route key, 429 `{"message":"Too Many Requests"}` once it is
 * empty, before the authorizer and the function; refilled at the route's rate on the clock
 * it is given (here a hand-moved one: no sleeping).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../../catalog/function-catalog.js';
import { ROUTES, routeKeyOf } from '../../../catalog/route-catalog.js';
import { ACCOUNT_ROUTE_THROTTLE, ANONYMOUS_ROUTE_THROTTLE, SESSION_ROUTE_THROTTLE } from '../../../infra/route-throttles.js';
import { startHttpFront, type ApiHandler, type HttpFront } from '../../../local/http-front.js';
import { createRouteThrottler, readTemplateRouteThrottles, type RouteThrottleLimits } from '../../../local/http-front/route-throttling.js';
import { localSignIn, type LocalSignIn } from '../../../local/local-identity.js';
import { synthesizedTemplate } from '../../../local/synthesized-template.js';

const TOKEN = 'A'.repeat(43);
const ACTIVATE = 'POST /activate/{token}';
const LIST_REQUESTS = 'GET /v1/requests';

describe('HTTP front: per-route throttling', () => {
  let keyDir: string;
  let signIn: LocalSignIn;
  let front: HttpFront | undefined;
  let nowMs: number;
  let calls: string[];

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'http-front-throttling-'));
    // The front applies the template's authorizers (after throttling, which these tests are about).
    signIn = await localSignIn(await synthesizedTemplate(), keyDir);
  }, 180_000);

  afterEach(async () => {
    await front?.stop();
    front = undefined;
  });

  afterAll(async () => {
    await rm(keyDir, { recursive: true, force: true });
  });

  async function frontWith(limits: RouteThrottleLimits): Promise<HttpFront> {
    nowMs = Date.UTC(2025, 0, 1);
    calls = [];
    front = await startHttpFront({
      routes: ROUTES,
      ...signIn.frontAuthorization,
      resolveHandler: async (_functionId: FunctionId): Promise<ApiHandler> => async (event) => {
        calls.push(event.routeKey);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
      },
      throttling: { limits, now: () => nowMs },
    });
    return front;
  }

  const activate = (url: string): Promise<Response> => fetch(`${url}/activate/${TOKEN}`, { method: 'POST', headers: { accept: 'application/json' } });

  /** Statuses of `count` calls in a row. */
  async function statuses(count: number, call: () => Promise<Response>): Promise<number[]> {
    const answered: number[] = [];
    for (let i = 0; i < count; i += 1) answered.push((await call()).status);
    return answered;
  }

  it("reads each route's limits from the template's stage: anonymous routes lower than broker and portal routes, the dashboard's its own", async () => {
    const limits = readTemplateRouteThrottles(await synthesizedTemplate());

    expect(limits.defaultLimits).toEqual(ACCOUNT_ROUTE_THROTTLE);
    for (const route of ROUTES) {
      const expected = route.auth === 'link' || route.auth === 'hmac' ? ANONYMOUS_ROUTE_THROTTLE : route.auth === 'session' ? SESSION_ROUTE_THROTTLE : ACCOUNT_ROUTE_THROTTLE;
      expect(limits.byRouteKey[routeKeyOf(route)], routeKeyOf(route)).toEqual(expected);
    }
  }, 180_000);

  it('lets a burst of the route\'s burst limit through, then answers 429 as API Gateway does, without running the function', async () => {
    const { url } = await frontWith({ defaultLimits: undefined, byRouteKey: { [ACTIVATE]: ANONYMOUS_ROUTE_THROTTLE } });

    const burst = await statuses(ANONYMOUS_ROUTE_THROTTLE.burstLimit, () => activate(url));
    const throttled = await activate(url);

    expect(burst.every((status) => status === 200)).toBe(true);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect(throttled.headers.get('content-type')).toBe('application/json');
    expect(calls).toHaveLength(ANONYMOUS_ROUTE_THROTTLE.burstLimit);
  });

  it('refills at the rate a second, never beyond the burst', async () => {
    const { url } = await frontWith({ defaultLimits: undefined, byRouteKey: { [ACTIVATE]: ANONYMOUS_ROUTE_THROTTLE } });
    await statuses(ANONYMOUS_ROUTE_THROTTLE.burstLimit, () => activate(url));

    nowMs += 1000 / ANONYMOUS_ROUTE_THROTTLE.rateLimit; // one token
    const oneMore = await statuses(2, () => activate(url));
    nowMs += 60_000; // a minute: the bucket is full again, and no fuller
    const refilled = await statuses(ANONYMOUS_ROUTE_THROTTLE.burstLimit + 1, () => activate(url));

    expect(oneMore).toEqual([200, 429]);
    expect(refilled.filter((status) => status === 200)).toHaveLength(ANONYMOUS_ROUTE_THROTTLE.burstLimit);
    expect(refilled.at(-1)).toBe(429);
  });

  it('keeps one bucket per route: an exhausted route leaves the other routes their own', async () => {
    const { url } = await frontWith({ defaultLimits: ACCOUNT_ROUTE_THROTTLE, byRouteKey: { [ACTIVATE]: { rateLimit: 1, burstLimit: 1 } } });
    await activate(url);
    expect((await activate(url)).status).toBe(429);

    const page = await fetch(`${url}/activate/${TOKEN}`);
    const callback = await fetch(`${url}/v1/signing-service/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    expect(page.status).toBe(200);
    expect(callback.status).toBe(200);
    expect(calls).toEqual([ACTIVATE, 'GET /activate/{token}', 'POST /v1/signing-service/callback']);
  });

  it('throttles before the authorizer: past the limit a call without a token is answered 429, not 401', async () => {
    const { url } = await frontWith({ defaultLimits: undefined, byRouteKey: { [LIST_REQUESTS]: { rateLimit: 1, burstLimit: 1 } } });

    const first = await fetch(`${url}/v1/requests`);
    const second = await fetch(`${url}/v1/requests`);

    expect([first.status, second.status]).toEqual([401, 429]);
  });

  it('leaves a route without settings and without a default unthrottled', () => {
    const throttler = createRouteThrottler({ defaultLimits: undefined, byRouteKey: {} }, () => 0);

    expect(Array.from({ length: 1000 }, () => throttler.admit(ACTIVATE)).every(Boolean)).toBe(true);
  });

  it('refuses every call of a route whose limits are zero (API Gateway: the route is closed)', () => {
    const throttler = createRouteThrottler({ defaultLimits: undefined, byRouteKey: { [ACTIVATE]: { rateLimit: 0, burstLimit: 0 } } }, () => 0);

    expect(throttler.admit(ACTIVATE)).toBe(false);
  });
});
