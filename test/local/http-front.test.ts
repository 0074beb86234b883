import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../catalog/function-catalog.js';
import { ROUTES } from '../../catalog/route-catalog.js';
import { startHttpFront, type ApiHandler, type HttpFront } from '../../local/http-front.js';
import { localSignIn, type LocalSignIn } from '../../local/local-identity.js';
import { synthesizedTemplate } from '../../local/synthesized-template.js';

/** The last event and context each in-test handler saw. */
interface Seen {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  context: Context;
  remainingMs: number;
}

describe('HTTP front (API Gateway HTTP API, payload 2.0)', () => {
  let keyDir: string;
  let signIn: LocalSignIn;
  let front: HttpFront;
  let smallFront: HttpFront;
  let brokerToken: string;
  let portalToken: string;
  let broker: Record<string, string>;
  let handlers: Partial<Record<FunctionId, ApiHandler>>;
  let resolved: FunctionId[];
  let seen: Seen | undefined;
  let logged: { message: string; error: unknown }[];

  const echo: ApiHandler = async (event, context) => {
    seen = { event, context, remainingMs: context.getRemainingTimeInMillis() };
    return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ok: true }) };
  };

  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(tmpdir(), 'http-front-'));
    // The authorizers of the synthesized template, the local issuer standing in for its user pool.
    signIn = await localSignIn(await synthesizedTemplate(), keyDir);
    brokerToken = await signIn.issuer.issueBrokerToken('broker-a');
    portalToken = await signIn.issuer.issuePortalToken();
    broker = { authorization: `Bearer ${brokerToken}` };
    const options = {
      routes: ROUTES,
      ...signIn.frontAuthorization,
      resolveHandler: async (functionId: FunctionId): Promise<ApiHandler> => {
        resolved.push(functionId);
        return (event, context) => (handlers[functionId] ?? echo)(event, context);
      },
      logError: (message: string, error: unknown) => logged.push({ message, error }),
    };
    front = await startHttpFront(options);
    smallFront = await startHttpFront({ ...options, maxPayloadBytes: 1024 });
  }, 180_000);

  beforeEach(() => {
    handlers = {};
    resolved = [];
    seen = undefined;
    logged = [];
  });

  afterAll(async () => {
    await front?.stop();
    await smallFront?.stop();
    await rm(keyDir, { recursive: true, force: true });
  });


  it('routes by method and path template, with decoded path and query parameters', async () => {
    // Act
    const response = await fetch(`${front.url}/v1/requests/req%201/documents/form.pdf?status=SUBMITTED&x=1&x=2&q=a%20b`, {
      headers: { authorization: `Bearer ${brokerToken}`, 'X-Custom': 'One', cookie: 'a=1; b=2', 'user-agent': 'vitest' },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('apigw-requestid')).toBe(seen?.event.requestContext.requestId);
    const event = seen!.event;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/requests/{id}/documents/{document}',
      rawPath: '/v1/requests/req%201/documents/form.pdf',
      rawQueryString: 'status=SUBMITTED&x=1&x=2&q=a%20b',
      pathParameters: { id: 'req 1', document: 'form.pdf' },
      queryStringParameters: { status: 'SUBMITTED', x: '1,2', q: 'a b' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        domainName: new URL(front.url).host,
        stage: '$default',
        routeKey: 'GET /v1/requests/{id}/documents/{document}',
        http: { method: 'GET', path: '/v1/requests/req 1/documents/form.pdf', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        authorizer: {
          jwt: {
            claims: { 'cognito:groups': '[broker-a]', client_id: signIn.issuer.clients.broker, token_use: 'access', username: 'broker-a' },
            scopes: ['openid', 'email', 'brokers/requests'],
          },
        },
      },
    });
    expect(event.headers['x-custom']).toBe('One');
    expect(event.headers).toMatchObject({ 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', 'x-forwarded-port': new URL(front.url).port });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.body).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000);
    // API Gateway hands JWT claims on as strings.
    expect(typeof event.requestContext.authorizer.jwt.claims['exp']).toBe('string');
    expect(seen!.context).toMatchObject({ functionName: 'BrokerApi', functionVersion: '$LATEST', awsRequestId: expect.any(String) });
    expect(seen!.remainingMs).toBeGreaterThan(0);
    expect(resolved).toEqual(['BrokerApi']);
  });

  it('answers 404 {"message":"Not Found"} for an unknown path, another method or a trailing slash', async () => {
    const answers = await Promise.all([
      fetch(`${front.url}/v1/unknown`, { headers: broker }),
      fetch(`${front.url}/v1/requests/r1/cancel`, { headers: broker }),
      fetch(`${front.url}/v1/requests/`, { headers: broker }),
      fetch(`${front.url}/v1/requests/r1/cancel`, { method: 'DELETE', headers: broker }),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({ message: 'Not Found' });
    }
    expect(seen).toBeUndefined();
  });

  it.each([
    ['no Authorization header', {}],
    ['a token that is no JWT', { authorization: 'Bearer nonsense' }],
    ['a portal token on a broker route', { authorization: 'PORTAL' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 {"message":"Unauthorized"} to %s, without calling the function', async (_case, headers: Record<string, string>) => {
    const sent = headers.authorization === 'PORTAL' ? { authorization: `Bearer ${portalToken}` } : headers;

    const response = await fetch(`${front.url}/v1/requests`, { method: 'POST', headers: sent, body: '{}' });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(seen).toBeUndefined();
  });

  it('admits the portal token on portal routes, and no token on link routes (with no authorizer)', async () => {
    const portal = await fetch(`${front.url}/v1/portal/access?email=a%40b.be&clientRef=C-1`, { headers: { authorization: `Bearer ${portalToken}` } });
    expect(portal.status).toBe(200);
    expect(seen?.event.requestContext.authorizer.jwt).toMatchObject({ claims: { sub: signIn.issuer.clients.portal, client_id: signIn.issuer.clients.portal }, scopes: ['portal/read'] });
    expect(seen?.event.queryStringParameters).toEqual({ email: 'a@b.be', clientRef: 'C-1' });

    const brokerOnPortal = await fetch(`${front.url}/v1/portal/grants`, { headers: broker });
    expect(brokerOnPortal.status).toBe(401);

    const link = await fetch(`${front.url}/activate/tok123`);
    expect(link.status).toBe(200);
    expect(seen?.event.pathParameters).toEqual({ token: 'tok123' });
    expect(seen?.event.requestContext).not.toHaveProperty('authorizer');
    expect(seen?.context.functionName).toBe('ActivationApi');
  });

  it('passes a JSON body as text and a binary body base64-encoded, byte for byte', async () => {
    // JSON
    await fetch(`${front.url}/v1/requests`, { method: 'POST', headers: { ...broker, 'content-type': 'application/json; charset=utf-8' }, body: '{"clientRef":"C-1001","naam":"Åsa"}' });
    expect(seen?.event).toMatchObject({ body: '{"clientRef":"C-1001","naam":"Åsa"}', isBase64Encoded: false, routeKey: 'POST /v1/requests' });

    // PDF, JPEG and octet-stream
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024), Buffer.from([0, 255, 0xc3, 0x28])]);
    for (const type of ['application/pdf', 'image/jpeg', 'application/octet-stream']) {
      await fetch(`${front.url}/sign/tok/scan`, { method: 'POST', headers: { 'content-type': type }, body: scan });
      expect(seen?.event.isBase64Encoded).toBe(true);
      expect(Buffer.from(seen!.event.body!, 'base64').equals(scan)).toBe(true);
    }
  });

  it('returns a binary result (isBase64Encoded) byte for byte, with its headers and cookies', async () => {
    // Prepare
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(10_000)]);
    handlers.SignerApi = async () => ({
      statusCode: 200,
      headers: { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store' },
      cookies: ['session=abc; HttpOnly', 'lang=nl'],
      isBase64Encoded: true,
      body: pdf.toString('base64'),
    });

    // Act
    const response = await fetch(`${front.url}/sign/tok/form.pdf`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual(['session=abc; HttpOnly', 'lang=nl']);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('passes status codes and empty bodies through, and makes a result without statusCode a 200 JSON body', async () => {
    handlers.BrokerApi = async (event) =>
      event.routeKey === 'POST /v1/requests/{id}/cancel' ? { statusCode: 409, body: '{"error":"conflict"}' } : { statusCode: 204 };
    // Typed handlers return a structured result; API Gateway still accepts a bare object.
    handlers.PortalApi = (async () => ({ allowed: true, grantId: 'g1' })) as unknown as ApiHandler;
    handlers.ActivationApi = async () => 'plain string';

    const conflict = await fetch(`${front.url}/v1/requests/r1/cancel`, { method: 'POST', headers: broker });
    const empty = await fetch(`${front.url}/v1/requests/r1/remind`, { method: 'POST', headers: broker });
    const inferred = await fetch(`${front.url}/v1/portal/access`, { headers: { authorization: `Bearer ${portalToken}` } });
    const text = await fetch(`${front.url}/activate/t`);

    expect([conflict.status, await conflict.text()]).toEqual([409, '{"error":"conflict"}']);
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    expect([inferred.status, inferred.headers.get('content-type'), await inferred.json()]).toEqual([200, 'application/json', { allowed: true, grantId: 'g1' }]);
    expect(await text.text()).toBe('plain string');
  });

  it('answers 500 {"message":"Internal Server Error"} when the function throws or returns nonsense, and logs it', async () => {
    handlers.SignerApi = async () => {
      throw new Error('boom');
    };
    handlers.ActivationApi = async () => ({ statusCode: 200, body: { not: 'a string' } as unknown as string });

    const thrown = await fetch(`${front.url}/sign/tok`);
    const nonsense = await fetch(`${front.url}/activate/tok`);

    expect([thrown.status, await thrown.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect([nonsense.status, await nonsense.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(logged.map((entry) => (entry.error as Error).message)).toEqual(['boom', 'body must be a string, got object']);
    expect(logged[0]?.message).toContain('GET /sign/{token}');
  });

  it('answers 413 beyond 10 MB, and admits exactly 10 MB (which Lambda then refuses: 500, test/local/http-front-limits.test.ts)', async () => {
    const limit = 10 * 1024 * 1024;
    const atLimit = await fetch(`${front.url}/sign/tok/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.alloc(limit, 1) });
    expect(atLimit.status).toBe(500);
    expect(await atLimit.json()).toEqual({ message: 'Internal Server Error' });
    expect(seen).toBeUndefined();

    seen = undefined;
    const over = await fetch(`${front.url}/sign/tok/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.alloc(limit + 1, 1) });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(seen).toBeUndefined();
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const chunks = [Buffer.alloc(600, 1), Buffer.alloc(600, 2)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });

    const response = await fetch(`${smallFront.url}/sign/tok/scan`, { method: 'POST', headers: { 'content-type': 'image/png' }, body, duplex: 'half' } as RequestInit);

    expect(response.status).toBe(413);
    expect(seen).toBeUndefined();
  });

  it('hands the function a chunked body whole (no Content-Length: the body ends with its last chunk)', async () => {
    const chunks = [Buffer.from('%PDF-1.4\n'), Buffer.from('%%EOF\n')];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });

    const response = await fetch(`${front.url}/sign/tok/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body, duplex: 'half' } as RequestInit);

    expect(response.status).toBe(200);
    expect([seen?.event.isBase64Encoded, Buffer.from(seen?.event.body ?? '', 'base64').toString()]).toEqual([true, '%PDF-1.4\n%%EOF\n']);
  });

  it('sends repeated headers (set-cookie) one by one, its own request id and the body\'s length, whatever the function says of them', async () => {
    handlers.SignerApi = async () => ({
      statusCode: 200,
      headers: { 'content-type': 'text/plain', 'content-length': '999', 'apigw-requestid': 'forged' },
      cookies: ['a=1; Path=/', 'b=2; Path=/'],
      body: 'ok',
    });

    const response = await fetch(`${front.url}/sign/tok`);

    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.headers.get('content-length')).toBe('2');
    expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{14}==$/);
    expect(await response.text()).toBe('ok');
  });

  it('resolves each function once, however many requests it serves', async () => {
    const resolutions: FunctionId[] = [];
    const own = await startHttpFront({
      routes: ROUTES,
      ...signIn.frontAuthorization,
      resolveHandler: async (functionId) => {
        resolutions.push(functionId);
        return echo;
      },
    });
    try {
      await Promise.all([fetch(`${own.url}/sign/a`), fetch(`${own.url}/sign/b`), fetch(`${own.url}/sign/c/form.pdf`)]);
      await fetch(`${own.url}/activate/d`);
      await fetch(`${own.url}/sign/e`);
    } finally {
      await own.stop();
    }

    expect(resolutions).toEqual(['SignerApi', 'ActivationApi']);
  });
});
