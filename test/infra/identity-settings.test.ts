/** A stage's `identity` setting: where brokers sign in, MFA, callback URLs, the Cognito domain prefix (docs/sign-in.md). */
import { describe, expect, it } from 'vitest';
import { identitySettingsSchema } from '../../infra/identity-settings.js';
import { stageSettings } from '../../infra/portal-access-settings.js';

const COGNITO = { kind: 'cognito', callbackUrls: ['https://dashboard.janssens.be/signed-in'] };
const ENTRA = {
  kind: 'oidc',
  issuer: 'https://login.microsoftonline.com/0b5e3c1e-1111-4a2b-9c3d-222222222222/v2.0',
  audience: 'api://portal-access, 6f1c2d3e-4444-4b5c-8d9e-555555555555',
  brokerIdClaim: 'extension_brokerOffice',
};

/** The paths zod names for `identity`'s problems. */
function problemsOf(identity: unknown): string[] {
  return (identitySettingsSchema.safeParse(identity).error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('identity settings', () => {
  it('reads the test stage: brokers in the stack\'s user pool, MFA required, its callback URLs, the domain prefix left to the stage name', () => {
    const { identity } = stageSettings({ stage: 'test' });

    expect(identity).toEqual({
      brokers: { kind: 'cognito', mfa: 'required', callbackUrls: ['https://dashboard.portal-access.test/signed-in', 'http://localhost:4020/signed-in'], logoutUrls: [] },
    });
  });

  it('requires MFA unless the stage says optional or off', () => {
    expect(identitySettingsSchema.parse({ brokers: COGNITO }).brokers).toMatchObject({ mfa: 'required' });
    expect(identitySettingsSchema.parse({ brokers: { ...COGNITO, mfa: 'optional' } }).brokers).toMatchObject({ mfa: 'optional' });
    expect(problemsOf({ brokers: { ...COGNITO, mfa: 'sms' } })).toEqual(['brokers.mfa']);
  });

  it('takes callback URLs over https, or http to localhost only, and at least one', () => {
    expect(problemsOf({ brokers: { ...COGNITO, callbackUrls: ['http://localhost:4020/cb', 'https://x.janssens.be/cb'] } })).toEqual([]);
    expect(problemsOf({ brokers: { ...COGNITO, callbackUrls: ['http://dashboard.janssens.be/cb'] } })).toEqual(['brokers.callbackUrls.0']);
    expect(problemsOf({ brokers: { ...COGNITO, callbackUrls: [] } })).toEqual(['brokers.callbackUrls']);
    expect(problemsOf({ brokers: { ...COGNITO, logoutUrls: ['http://janssens.be/'] } })).toEqual(['brokers.logoutUrls.0']);
  });

  it("takes a deployment's own OpenID Connect provider: https issuer, audiences as a list or one comma-separated string, the office claim", () => {
    expect(identitySettingsSchema.parse({ brokers: ENTRA }).brokers).toEqual({
      ...ENTRA,
      audience: ['api://portal-access', '6f1c2d3e-4444-4b5c-8d9e-555555555555'],
      scopes: [],
    });
    expect(problemsOf({ brokers: { ...ENTRA, issuer: 'http://login.janssens.be/' } })).toEqual(['brokers.issuer']);
    expect(problemsOf({ brokers: { ...ENTRA, audience: ' , ' } })).toEqual(['brokers.audience']);
    const { brokerIdClaim: _claim, ...withoutClaim } = ENTRA;
    expect(problemsOf({ brokers: withoutClaim })).toEqual(['brokers.brokerIdClaim']);
  });

  it('refuses a mistyped key and an unknown kind, naming them', () => {
    expect(problemsOf({ brokers: { ...COGNITO, callbackUrl: 'https://x.be' } })).toEqual(['brokers']);
    expect(problemsOf({ brokers: { kind: 'saml' } })).toEqual(['brokers.kind']);
    expect(problemsOf({ brokers: COGNITO, domain: 'x' })).toEqual(['']);
  });

  it.each([
    ['janssens-portal-access', true],
    ['a', true],
    ['Janssens', false],
    ['-janssens', false],
    ['janssens-', false],
    ['my-aws-login', false],
    ['cognito-janssens', false],
    ['amazon1', false],
    ['x'.repeat(64), false],
  ])('takes the Cognito domain prefix %s: %s', (domainPrefix, accepted) => {
    expect(problemsOf({ domainPrefix, brokers: COGNITO })).toEqual(accepted ? [] : ['domainPrefix']);
  });
});
