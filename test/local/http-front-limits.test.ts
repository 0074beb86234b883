/**
 * The local HTTP front holds functions to Lambda's and the HTTP API's real limits, so nothing
 * passes locally that fails on AWS: the 6 MB invocation payload (on the event's JSON, a binary
 * body base64-encoded), the 6 MB response payload, and the 30 s integration timeout.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../catalog/function-catalog.js';
import { ROUTES } from '../../catalog/route-catalog.js';
import { LAMBDA_REQUEST_PAYLOAD_BYTES, LAMBDA_RESPONSE_PAYLOAD_BYTES, startHttpFront, type ApiHandler, type HttpFront } from '../../local/http-front.js';
import { localSignIn } from '../../local/local-identity.js';
import { synthesizedTemplate } from '../../local/synthesized-template.js';

const MB = 1024 * 1024;
const TOKEN = 'A'.repeat(43);

describe("HTTP front: Lambda's payload limits and the integration timeout", () => {
  let keyDir: string;
  let front: HttpFront;
  let quickFront: HttpFront;
  let handler: ApiHandler;
  let events: APIGatewayProxyEventV2WithJWTAuthorizer[];
  let logged: string[];

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'http-front-limits-'));
    const options = {
      routes: ROUTES,
      ...(await localSignIn(await synthesizedTemplate(), keyDir)).frontAuthorization,
      resolveHandler: async (_functionId: FunctionId): Promise<ApiHandler> => (event, context) => handler(event, context),
      logError: (message: string) => logged.push(message),
    };
    front = await startHttpFront(options);
    quickFront = await startHttpFront({ ...options, integrationTimeoutMs: 200 });
  }, 180_000);

  beforeEach(() => {
    events = [];
    logged = [];
    handler = async (event) => {
      events.push(event);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    };
  });

  afterAll(async () => {
    await front?.stop();
    await quickFront?.stop();
    await rm(keyDir, { recursive: true, force: true });
  });

  const post = (url: string, body: Uint8Array<ArrayBuffer> | string, contentType: string) =>
    fetch(`${url}/sign/${TOKEN}/scan`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('runs a function on a 4 MB binary body: its base64 event stays under 6 MB', async () => {
    const scan = randomBytes(4 * MB);

    const response = await post(front.url, scan, 'application/pdf');

    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.isBase64Encoded).toBe(true);
    expect(Buffer.from(events[0]!.body!, 'base64').equals(scan)).toBe(true);
  });

  it('refuses a 4.6 MB binary body as Lambda refuses its 6.1 MB event: 500 Internal Server Error, the function never runs', async () => {
    const scan = randomBytes(Math.round(4.6 * MB));
    expect(Math.ceil(scan.length / 3) * 4).toBeGreaterThan(LAMBDA_REQUEST_PAYLOAD_BYTES);

    const response = await post(front.url, scan, 'application/pdf');

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(events).toEqual([]);
    expect(logged.join('\n')).toMatch(/over Lambda's invocation payload of 6291456/);
  });

  it('refuses a 6.5 MB text body too (under the HTTP API\'s 10 MB, over Lambda\'s 6 MB)', async () => {
    const text = JSON.stringify({ reason: 'x'.repeat(Math.round(6.5 * MB)) });

    const response = await post(front.url, text, 'application/json');

    expect(response.status).toBe(500);
    expect(events).toEqual([]);
  });

  it("loses a function's answer over 6 MB as Lambda does: 502 Internal Server Error; one under passes", async () => {
    const answerOf = (bytes: number): ApiHandler => async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(bytes) });

    handler = answerOf(LAMBDA_RESPONSE_PAYLOAD_BYTES);
    const tooLarge = await post(front.url, '{}', 'application/json');
    handler = answerOf(5 * MB);
    const fits = await post(front.url, '{}', 'application/json');

    expect(tooLarge.status).toBe(502);
    expect(await tooLarge.json()).toEqual({ message: 'Internal Server Error' });
    expect(logged.join('\n')).toMatch(/over Lambda's response payload of 6291556/);
    expect(fits.status).toBe(200);
    expect((await fits.text()).length).toBe(5 * MB);
  });

  it('answers 503 Service Unavailable when the function outlasts the integration timeout, and drops its late answer', async () => {
    let finish: (() => void) | undefined;
    let finished = false;
    handler = () =>
      new Promise((resolve) => {
        finish = () => {
          finished = true;
          resolve({ statusCode: 200, body: 'too late' });
        };
      });

    const response = await post(quickFront.url, '{}', 'application/json');
    finish?.();

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect(finished).toBe(true);
    expect(logged.join('\n')).toMatch(/no answer within the integration timeout of 200 ms/);
  });

  it('answers a function that finishes within the timeout as usual', async () => {
    const response = await post(quickFront.url, '{}', 'application/json');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
