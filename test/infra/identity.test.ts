/**
 * Sign-in in the template (docs/sign-in.md): the user pool (no self sign-up, MFA by TOTP as the
 * stage says, threat protection), its Cognito domain with managed login, the brokers' public
 * client (code + PKCE, no secret) and the portal's machine client (client credentials, a
 * secret), the resource servers' scopes, and each JWT authorizer: the pool as issuer, its own
 * client as audience, its scope on every route. A stage whose brokers sign in to their own
 * OpenID Connect provider gets that provider's authorizer for broker routes.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Identity, type BrokerSignIn } from '../../infra/constructs/identity.js';
import { ROUTES, routeKeyOf, type RouteSpec } from '../../catalog/route-catalog.js';
import { logicalIdAt, synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };

/** The Identity construct alone in a stack, cdk-nag applied as the app applies it (acknowledgements written as metadata). */
function identityAlone(brokers: BrokerSignIn): { app: App; template: Template } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'identity-alone-')) });
  const stack = new Stack(app, 'IdentityAlone', { env: { region: 'eu-west-1' } });
  new Identity(stack, 'Identity', { domainPrefix: 'portal-access-alone', brokers });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  app.synth();
  outdirs.push(app.outdir);
  return { app, template: Template.fromStack(stack) };
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Findings cdk-nag's AwsSolutions pack reports on `app` (acknowledged ones excluded). */
function nagFindings(app: App): string[] {
  return new AwsSolutionsChecks().validateScope(app).violations.map((violation) => violation.ruleName);
}

describe('sign-in (Identity)', () => {
  let synthesized: SynthesizedPortalAccess;
  let template: Template;
  let resources: Record<string, Resource>;
  const poolId = (): string => logicalIdAt(template, 'Identity/UserPool');
  const brokerClientId = (): string => logicalIdAt(template, 'Identity/UserPool/BrokerClient');
  const portalClientId = (): string => logicalIdAt(template, 'Identity/UserPool/PortalClient');

  beforeAll(() => {
    synthesized = synthesizePortalAccess();
    template = synthesized.template;
    resources = template.toJSON().Resources as Record<string, Resource>;
  });

  afterAll(() => synthesized?.cleanUp());

  describe('the user pool', () => {
    it('lets only administrators create brokers, signs them in by e-mail, and keeps them when the stack goes', () => {
      template.resourceCountIs('AWS::Cognito::UserPool', 1);
      template.hasResource('AWS::Cognito::UserPool', {
        Properties: Match.objectLike({
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UsernameAttributes: ['email'],
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('requires MFA by TOTP (the test stage says "required"), a strong password, and enforces threat protection (Plus plan)', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true }) },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
    });

    it('has a Cognito domain derived from the stage, with managed login styled for the brokers\' client', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'portal-access-test', ManagedLoginVersion: 2, UserPoolId: { Ref: poolId() } });
      template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { ClientId: { Ref: brokerClientId() }, UseCognitoProvidedValues: true });
    });

    it('has the resource servers portal (scope read) and brokers (scope requests)', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'portal', Scopes: [Match.objectLike({ ScopeName: 'read' })] });
      template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'brokers', Scopes: [Match.objectLike({ ScopeName: 'requests' })] });
    });
  });

  describe('the app clients', () => {
    it("gives brokers a public client: authorization code (PKCE, no secret), the stage's callback URLs and the dashboard's, the brokers' scope", () => {
      const client = resources[brokerClientId()]!.Properties;
      const dashboard = (path: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdAt(template, 'Api/Api'), 'ApiEndpoint'] }, `/dashboard/${path}`]] });
      expect(client).toMatchObject({
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        GenerateSecret: false,
        CallbackURLs: ['https://dashboard.portal-access.test/signed-in', 'http://localhost:4020/signed-in', dashboard('signed-in')],
        LogoutURLs: [dashboard('signed-out')],
        SupportedIdentityProviders: ['COGNITO'],
        PreventUserExistenceErrors: 'ENABLED',
      });
      expect(JSON.stringify(client.AllowedOAuthScopes)).toContain('/requests');
      expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email']));
      expect(client.AllowedOAuthFlows).not.toContain('implicit');
    });

    it('gives the portal a machine client: client credentials only, with a secret, scope portal/read, no user sign-in', () => {
      const client = resources[portalClientId()]!.Properties;
      expect(client).toMatchObject({ AllowedOAuthFlows: ['client_credentials'], GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
      expect(client.AllowedOAuthScopes).toEqual([{ 'Fn::Join': ['', [{ Ref: logicalIdAt(template, 'Identity/UserPool/PortalResourceServer') }, '/read']] }]);
    });
  });

  it("tells the dashboard where brokers sign in: the pool's issuer, the brokers' client, Cognito's sign-out", () => {
    const dashboard = Object.values(resources).find((resource) => resource.Type === 'AWS::Lambda::Function' && String(resource.Metadata?.['aws:cdk:path']).includes('/Functions/DashboardApi/'))!;
    expect(dashboard.Properties.Environment.Variables).toMatchObject({
      SIGN_IN_ISSUER: { 'Fn::GetAtt': [poolId(), 'ProviderURL'] },
      SIGN_IN_CLIENT_ID: { Ref: brokerClientId() },
      SIGN_IN_LOGOUT_URL: expect.objectContaining({ 'Fn::Join': expect.any(Array) }),
      DASHBOARD_ASSET_DIR: '/var/task/dashboard',
    });
    expect(JSON.stringify(dashboard.Properties.Environment.Variables.SIGN_IN_LOGOUT_URL)).toContain('/logout');
  });

  describe('the JWT authorizers', () => {
    const authorizerOf = (route: RouteSpec): Resource['Properties'] => {
      const routeResource = Object.values(resources).find((resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === routeKeyOf(route))!;
      expect(routeResource.Properties.AuthorizationType, routeKeyOf(route)).toBe('JWT');
      return { ...resources[routeResource.Properties.AuthorizerId.Ref]!.Properties, scopes: routeResource.Properties.AuthorizationScopes };
    };

    it("checks broker routes against the pool as issuer, the brokers' client as audience, and scope brokers/requests", () => {
      for (const route of ROUTES.filter((candidate) => candidate.auth === 'broker')) {
        expect(authorizerOf(route), routeKeyOf(route)).toMatchObject({
          Name: 'BrokerJwt',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: { Issuer: { 'Fn::GetAtt': [poolId(), 'ProviderURL'] }, Audience: [{ Ref: brokerClientId() }] },
          scopes: ['brokers/requests'],
        });
      }
    });

    it("checks portal routes against the pool as issuer, the portal's client as audience, and scope portal/read", () => {
      for (const route of ROUTES.filter((candidate) => candidate.auth === 'portal')) {
        expect(authorizerOf(route), routeKeyOf(route)).toMatchObject({
          Name: 'PortalJwt',
          JwtConfiguration: { Issuer: { 'Fn::GetAtt': [poolId(), 'ProviderURL'] }, Audience: [{ Ref: portalClientId() }] },
          scopes: ['portal/read'],
        });
      }
    });

    it('tells every function which claim names the broker office: cognito:groups', () => {
      const functions = Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment);
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) expect(fn.Properties.Environment.Variables.BROKER_ID_CLAIM).toBe('cognito:groups');
    });

    it("names the token endpoint and the clients' ids in the stack's outputs (docs/sign-in.md)", () => {
      const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(outputs['TokenEndpoint']?.Value).toEqual({
        'Fn::Join': ['', ['https://', { Ref: logicalIdAt(template, 'Identity/UserPool/Domain') }, '.auth.eu-west-1.amazoncognito.com/oauth2/token']],
      });
      expect(outputs['PortalClientId']?.Value).toEqual({ Ref: portalClientId() });
      expect(outputs['BrokerClientId']?.Value).toEqual({ Ref: brokerClientId() });
    });
  });

  describe('MFA as the stage says', () => {
    it.each([
      ['optional', 'OPTIONAL'],
      ['off', 'OFF'],
    ] as const)('sets MFA %s, and acknowledges cdk-nag\'s MFA rule with the reason', (mfa, configuration) => {
      const { app, template: alone } = identityAlone({ kind: 'cognito', mfa, callbackUrls: ['https://dashboard.portal-access.test/signed-in'] });

      alone.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: configuration });
      expect(nagFindings(app)).toEqual([]);
      const pool = Object.values(alone.toJSON().Resources as Record<string, Resource>).find((resource) => resource.Type === 'AWS::Cognito::UserPool')!;
      expect(pool.Metadata?.cdk_nag?.rules_to_suppress).toEqual([{ id: 'AwsSolutions-COG2', reason: expect.stringContaining(`MFA is "${mfa}"`) }]);
    });

    it('needs no acknowledgement when MFA is required', () => {
      const { app, template: alone } = identityAlone({ kind: 'cognito', mfa: 'required', callbackUrls: ['https://dashboard.portal-access.test/signed-in'] });

      alone.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
      expect(nagFindings(app)).toEqual([]);
      expect(JSON.stringify(alone.toJSON())).not.toContain('AwsSolutions-COG2');
    });
  });

  describe("brokers of the office's own OpenID Connect provider (Entra ID)", () => {
    let oidc: SynthesizedPortalAccess;

    beforeAll(() => {
      oidc = synthesizePortalAccess({
        identity: {
          brokers: {
            kind: 'oidc',
            issuer: 'https://login.microsoftonline.com/0b5e3c1e-1111-4a2b-9c3d-222222222222/v2.0',
            audience: ['api://portal-access-test'],
            brokerIdClaim: 'extension_brokerOffice',
            scopes: ['access_as_broker'],
          },
        },
      });
    });

    afterAll(() => oidc?.cleanUp());

    it("checks broker routes against that provider, and still the pool's portal client on portal routes", () => {
      const json = oidc.template.toJSON() as { Resources: Record<string, Resource> };
      const authorizers = Object.values(json.Resources).filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Authorizer');
      expect(authorizers.find((authorizer) => authorizer.Properties.Name === 'BrokerJwt')!.Properties.JwtConfiguration).toEqual({
        Issuer: 'https://login.microsoftonline.com/0b5e3c1e-1111-4a2b-9c3d-222222222222/v2.0',
        Audience: ['api://portal-access-test'],
      });
      expect(authorizers.find((authorizer) => authorizer.Properties.Name === 'PortalJwt')!.Properties.JwtConfiguration.Audience).toEqual([
        { Ref: logicalIdAt(oidc.template, 'Identity/UserPool/PortalClient') },
      ]);
      const brokerRoute = Object.values(json.Resources).find((resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === 'GET /v1/requests')!;
      expect(brokerRoute.Properties.AuthorizationScopes).toEqual(['access_as_broker']);
    });

    it('has no brokers\' client, and tells the functions to read the office from the configured claim', () => {
      oidc.template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      oidc.template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
      const functions = Object.values(oidc.template.toJSON().Resources as Record<string, Resource>).filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment);
      for (const fn of functions) expect(fn.Properties.Environment.Variables.BROKER_ID_CLAIM).toBe('extension_brokerOffice');
    });
  });
});
