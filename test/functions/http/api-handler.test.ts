/**
 * apiHandler: a router serves exactly its function's catalog routes, each behind the catalog's
 * body limit (I3). brokerIdOf: the broker id is the office the configured claim names
 * (BROKER_ID_CLAIM), or a 401 (I1).
 */
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, MAX_DIRECT_BODY_BYTES, routesOf } from '../../../catalog/route-catalog.js';
import { reloadConfig } from '../../../functions/config/config.js';
import { apiHandler, brokerIdOf, RouterCatalogMismatch, type ApiEvent, type RouteHandler } from '../../../functions/http/api-handler.js';
import { HttpError } from '../../../functions/http/http-errors.js';
import type { HttpResult } from '../../../functions/http/http-response.js';
import { catalogLambdaSettings, lambdaContext } from '../../../local/lambda-context.js';

/** An event whose JWT authorizer passed `claims` (API Gateway hands them on as strings). */
function eventWithClaims(claims: Record<string, string> | undefined): ApiEvent {
  return { requestContext: claims ? { authorizer: { jwt: { claims, scopes: null } } } : {} } as unknown as ApiEvent;
}

/** The status and body brokerIdOf's refusal answers. */
function refusalOf(act: () => unknown): { status: number; body: unknown } {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.statusCode, body: error.body };
    throw error;
  }
  throw new Error('brokerIdOf did not refuse');
}

const COGNITO_ACCESS_TOKEN_CLAIMS = {
  sub: '4b1e2c1a-5f7e-4d0b-9a43-0f6a3c2d9e11',
  'cognito:groups': '[broker-a]',
  client_id: '3l8kq0r1h2c4m5n6p7s9t0u1v2',
  token_use: 'access',
  scope: 'openid email brokers/requests',
  username: 'jan@janssens.be',
};

describe('brokerIdOf', () => {
  beforeEach(() => {
    // The functions' whole configuration: brokerIdOf reads BROKER_ID_CLAIM from it.
    vi.stubEnv('TABLE_NAME', 'table');
    vi.stubEnv('DOCUMENTS_BUCKET', 'bucket');
    vi.stubEnv('MAIL_FROM', 'no-reply@portal-access.test');
    vi.stubEnv('PUBLIC_BASE_URL', 'https://api.portal-access.test');
    vi.stubEnv('STATE_MACHINE_ARN', 'arn:aws:states:eu-west-1:000000000000:stateMachine:x');
    vi.stubEnv('MAC_KEY_ID', 'key');
    reloadConfig();
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    reloadConfig();
  });

  it("reads the broker office from a Cognito access token's one group, the default claim, not from sub", () => {
    expect(brokerIdOf(eventWithClaims(COGNITO_ACCESS_TOKEN_CLAIMS))).toBe('broker-a');
  });

  it('reads the claim BROKER_ID_CLAIM names (a deployment with its own OpenID Connect provider)', () => {
    vi.stubEnv('BROKER_ID_CLAIM', 'extension_brokerOffice');
    reloadConfig();

    expect(brokerIdOf(eventWithClaims({ sub: 'entra-object-id', extension_brokerOffice: 'broker-b' }))).toBe('broker-b');
    expect(brokerIdOf(eventWithClaims({ extension_brokerOffice: 'broker-c' }), 'extension_brokerOffice')).toBe('broker-c');
  });

  it.each([
    ['a token without the office claim (sub alone names no office)', { ...COGNITO_ACCESS_TOKEN_CLAIMS, 'cognito:groups': undefined }, /names no broker office/],
    ['no authorizer output at all', undefined, /names no broker office/],
    ['a broker in two offices', { ...COGNITO_ACCESS_TOKEN_CLAIMS, 'cognito:groups': '[broker-a broker-b]' }, /more than one broker office/],
    ['an office that cannot enter a key (I1)', { ...COGNITO_ACCESS_TOKEN_CLAIMS, 'cognito:groups': '[broker-a#GRANT]' }, /outside the broker id's characters \(I1\)/],
  ])('answers 401 {error: "unauthorized"} to %s, naming the claim', (_case, claims, message) => {
    const defined = claims && Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) as Record<string, string>;

    const refusal = refusalOf(() => brokerIdOf(eventWithClaims(defined)));

    expect(refusal.status).toBe(401);
    expect(refusal.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(message) });
    expect((refusal.body as { message: string }).message).toContain('"cognito:groups"');
  });
});

/** A handler that answers 200 with the name of the operation it was bound to. */
const answers = (operationId: string): RouteHandler => async () => ({ statusCode: 200, body: operationId });

/** A payload-2.0 event for `method path` with a body of `bodyBytes` bytes. */
function eventFor(method: string, path: string, bodyBytes = 0): ApiEvent {
  return {
    version: '2.0',
    rawPath: path,
    headers: {},
    body: bodyBytes > 0 ? 'x'.repeat(bodyBytes) : undefined,
    isBase64Encoded: false,
    requestContext: { http: { method, path }, requestId: 'test-request' },
  } as unknown as ApiEvent;
}

function invoke(handler: (event: ApiEvent, context: Context) => Promise<HttpResult>, event: ApiEvent): Promise<HttpResult> {
  return handler(event, lambdaContext({ functionName: 'SignerApi', region: 'eu-west-1', ...catalogLambdaSettings('SignerApi') }));
}

describe('apiHandler', () => {
  const signerRouter = apiHandler('SignerApi', {
    showSigningPage: answers('showSigningPage'),
    downloadFormToSign: answers('downloadFormToSign'),
    uploadScan: { handler: answers('uploadScan'), tooLarge: () => new HttpError(413, { error: 'too_large', message: 'send it to storage' }) },
    uploadEidSignedPdf: answers('uploadEidSignedPdf'),
    createUpload: answers('createUpload'),
    confirmUpload: answers('confirmUpload'),
    startAdvancedSigning: answers('startAdvancedSigning'),
    showAdvancedSigningOutcome: answers('showAdvancedSigningOutcome'),
    declineSignature: answers('declineSignature'),
  });

  it("routes each of its function's catalog routes to the handler bound to the route's operationId", async () => {
    for (const route of routesOf('SignerApi')) {
      const answer = await invoke(signerRouter, eventFor(route.method, route.path.replace(/\{(\w+)\}/g, 'x1')));
      expect(answer, `${route.method} ${route.path}`).toMatchObject({ statusCode: 200, body: route.operationId });
    }
  });

  it("refuses a body over the catalog's limit with 413 before the handler runs, in the route's own words where it has them (I3)", async () => {
    const overDefault = await invoke(signerRouter, eventFor('POST', '/sign/x1/decline', DEFAULT_MAX_BODY_BYTES + 1));
    expect(overDefault.statusCode).toBe(413);
    expect(JSON.parse(overDefault.body ?? '')).toEqual({ error: 'too_large', message: "This request's body may be 8 KB at most" });

    const withinDirectLimit = await invoke(signerRouter, eventFor('POST', '/sign/x1/scan', DEFAULT_MAX_BODY_BYTES + 1));
    expect(withinDirectLimit).toMatchObject({ statusCode: 200, body: 'uploadScan' });

    const overDirectLimit = await invoke(signerRouter, eventFor('POST', '/sign/x1/scan', MAX_DIRECT_BODY_BYTES + 1));
    expect(overDirectLimit.statusCode).toBe(413);
    expect(JSON.parse(overDirectLimit.body ?? '')).toEqual({ error: 'too_large', message: 'send it to storage' });
  });

  it('refuses a router that misses a route of its function or binds one of another function: at compile time, and at cold start', () => {
    const page = answers('page');

    // @ts-expect-error activateGrant, an ActivationApi route, has no handler
    const missing = () => apiHandler('ActivationApi', { showActivationPage: page });
    // @ts-expect-error uploadScan is a SignerApi route, not an ActivationApi one
    const extra = () => apiHandler('ActivationApi', { showActivationPage: page, activateGrant: page, uploadScan: page });
    // @ts-expect-error GenerateForm is a workflow step, not behind the HTTP API
    const notAnApi = () => apiHandler('GenerateForm', {});

    expect(missing).toThrow(RouterCatalogMismatch);
    expect(missing).toThrow('missing: [activateGrant], extra: []');
    expect(extra).toThrow('missing: [], extra: [uploadScan]');
    expect(notAnApi).toThrow(RouterCatalogMismatch);
  });
});
