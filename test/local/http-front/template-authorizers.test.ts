/**
 * The local HTTP front reads each route's JWT authorizer from the template, as CDK synthesizes
 * it: the authorizer's issuer (the user pool's ProviderURL), audience (an app client's Ref) and
 * identity source, and the route's AuthorizationScopes; resolved to the local values.
 */
import { describe, expect, it } from 'vitest';
import { readTemplateAuthorizers } from '../../../local/http-front/template-authorizers.js';
import { localIdentityFromTemplate } from '../../../local/local-identity.js';
import { COGNITO_TEMPLATE, withResources } from '../identity-template.js';

const ISSUER = 'http://127.0.0.1/local-issuer';

describe('readTemplateAuthorizers', () => {
  it("gives each JWT route its authorizer's issuer, audience and header and its own scopes, in local values", () => {
    const identity = localIdentityFromTemplate(COGNITO_TEMPLATE, ISSUER);

    const authorizers = readTemplateAuthorizers(COGNITO_TEMPLATE, identity.resolve);

    expect(authorizers.get('GET /v1/requests')).toEqual({
      name: 'BrokerJwt',
      header: 'authorization',
      issuer: ISSUER,
      audience: [identity.clients.broker],
      scopes: ['brokers/requests'],
    });
    expect(authorizers.get('GET /v1/portal/grants')).toEqual({
      name: 'PortalJwt',
      header: 'authorization',
      issuer: ISSUER,
      audience: [identity.clients.portal],
      scopes: ['portal/read'],
    });
    // A link route has no authorizer.
    expect(authorizers.has('GET /sign/{token}')).toBe(false);
  });

  it("keeps an issuer the template names literally (brokers of a deployment's own OpenID Connect provider)", () => {
    const template = withResources({
      ApiBrokerJwt: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          AuthorizerType: 'JWT',
          Name: 'BrokerJwt',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: { Issuer: 'https://login.microsoftonline.com/tenant/v2.0', Audience: ['api://portal-access'] },
        },
      },
    });

    const authorizers = readTemplateAuthorizers(template, localIdentityFromTemplate(template, ISSUER).resolve);

    expect(authorizers.get('GET /v1/requests')).toMatchObject({ issuer: 'https://login.microsoftonline.com/tenant/v2.0', audience: ['api://portal-access'] });
  });

  it('refuses what it cannot apply as API Gateway does: another authorization type, a missing authorizer, another identity source', () => {
    const resolve = localIdentityFromTemplate(COGNITO_TEMPLATE, ISSUER).resolve;
    const iamRoute = withResources({ Iam: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /iam', AuthorizationType: 'AWS_IAM' } } });
    const danglingRoute = withResources({ Dangling: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /x', AuthorizationType: 'JWT', AuthorizerId: { Ref: 'Nowhere' } } } });
    const queryToken = withResources({
      ApiPortalJwt: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: { AuthorizerType: 'JWT', Name: 'PortalJwt', IdentitySource: ['$request.querystring.token'], JwtConfiguration: { Issuer: 'https://x.test', Audience: ['a'] } },
      },
    });

    expect(() => readTemplateAuthorizers(iamRoute, resolve)).toThrow(/GET \/iam: the local HTTP front applies JWT authorizers only, not AWS_IAM/);
    expect(() => readTemplateAuthorizers(danglingRoute, resolve)).toThrow(/GET \/x: its AuthorizerId names no authorizer/);
    expect(() => readTemplateAuthorizers(queryToken, resolve)).toThrow(/authorizer PortalJwt: the local HTTP front reads the token from one header/);
  });
});
