/** brokerIdOf: the broker id is the office the configured claim names (BROKER_ID_CLAIM), or a 401 (I1). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadConfig } from '../../../functions/config/config.js';
import { brokerIdOf, type ApiEvent } from '../../../functions/http/api-handler.js';
import { HttpError } from '../../../functions/http/http-errors.js';

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
