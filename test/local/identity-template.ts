/**
 * A synthesized template's sign-in part, as CDK writes it (logical ids shortened): the user pool,
 * its two app clients, the two JWT authorizers, a route of each kind and two functions with
 * their BROKER_ID_CLAIM. The local identity's and the authorizers' reader's tests share it.
 */

/** The user pool, its clients, authorizers, routes and a function, as CDK synthesizes them (logical ids shortened). */
export const COGNITO_TEMPLATE = {
  Resources: {
    IdentityUserPool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolTier: 'PLUS' } },
    IdentityUserPoolBrokerClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { AllowedOAuthFlows: ['code'], GenerateSecret: false, UserPoolId: { Ref: 'IdentityUserPool' } },
    },
    IdentityUserPoolPortalClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { AllowedOAuthFlows: ['client_credentials'], GenerateSecret: true, UserPoolId: { Ref: 'IdentityUserPool' } },
    },
    ApiBrokerJwt: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        AuthorizerType: 'JWT',
        Name: 'BrokerJwt',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [{ Ref: 'IdentityUserPoolBrokerClient' }], Issuer: { 'Fn::GetAtt': ['IdentityUserPool', 'ProviderURL'] } },
      },
    },
    ApiPortalJwt: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        AuthorizerType: 'JWT',
        Name: 'PortalJwt',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [{ Ref: 'IdentityUserPoolPortalClient' }], Issuer: { 'Fn::GetAtt': ['IdentityUserPool', 'ProviderURL'] } },
      },
    },
    ApiGetRequests: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { RouteKey: 'GET /v1/requests', AuthorizationType: 'JWT', AuthorizerId: { Ref: 'ApiBrokerJwt' }, AuthorizationScopes: ['brokers/requests'] },
    },
    ApiGetPortalGrants: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { RouteKey: 'GET /v1/portal/grants', AuthorizationType: 'JWT', AuthorizerId: { Ref: 'ApiPortalJwt' }, AuthorizationScopes: ['portal/read'] },
    },
    ApiGetSign: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /sign/{token}' } },
    FunctionsBrokerApi: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { BROKER_ID_CLAIM: 'cognito:groups', TABLE_NAME: { Ref: 'Table' } } } } },
    FunctionsGenerateForm: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { BROKER_ID_CLAIM: 'cognito:groups' } } } },
  },
};

/** COGNITO_TEMPLATE with some resources replaced or added. */
export function withResources(resources: Record<string, unknown>): typeof COGNITO_TEMPLATE {
  return { Resources: { ...COGNITO_TEMPLATE.Resources, ...resources } } as typeof COGNITO_TEMPLATE;
}
