/**
 * The HTTP API: one route per entry of ROUTES (catalog/route-catalog.ts), each integrated
 * with its function. Brokers and the client portal present a JWT, checked by API Gateway
 * before the function runs; signers and grantees have no account, and the single-use opaque
 * token in their link's path is the credential (checked by the function).
 */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { FunctionId } from '../../catalog/function-catalog.js';
import type { RouteAuth, RouteSpec } from '../../catalog/route-catalog.js';
import { acknowledgeNagRule } from './nag-acknowledgement.js';
import { ACCOUNT_ROUTE_THROTTLE, routeThrottleSettings } from '../route-throttles.js';

/** Who issues the JWTs a kind of caller presents, for which audience, with which scopes (infra/constructs/identity.ts). */
export interface JwtIssuerConfig {
  readonly issuer: string;
  /** Accepted `aud`, or `client_id` when a token has no `aud` (Cognito's access tokens). */
  readonly audience: readonly string[];
  /** Each of this caller's routes requires one of these scopes (`scope`/`scp`). @default none */
  readonly scopes?: readonly string[];
}

export interface PortalHttpApiProps {
  readonly functions: Readonly<Record<FunctionId, lambda.IFunction>>;
  readonly routes: readonly RouteSpec[];
  /** Tokens of brokers (their management package or the dashboard). */
  readonly brokerJwt: JwtIssuerConfig;
  /** Tokens of the client portal. */
  readonly portalJwt: JwtIssuerConfig;
  /** The API's name (infra/stage-names.ts). @default the construct's id */
  readonly apiName?: string;
  /** @default { rateLimit: 50, burstLimit: 100 } */
  readonly throttle?: apigw.ThrottleSettings;
  readonly logRetention?: logs.RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The access log's fields. The route key (`GET /sign/{token}`) is logged, never the path:
 * a path holds a signer's or grantee's link token.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

/** What stands in for an authorizer on the routes API Gateway lets through (cdk-nag's APIG4 acknowledgement). */
const UNAUTHORIZED_ROUTE_CREDENTIALS: Readonly<Partial<Record<RouteAuth, string>>> = {
  link: 'Signers and grantees have no account: the single-use 256-bit link token in the path is the credential, checked by the function.',
  session:
    "The dashboard's pages: API Gateway's JWT authorizer reads a header only, and a browser sends a cookie; the function verifies the broker's Cognito access token in the HttpOnly session cookie (signature, issuer, client, scope, expiry) on every request (functions/dashboard/session.ts).",
  hmac: 'The signing service has no account here: an HMAC-SHA256 over timestamp and body with a shared secret (Secrets Manager) is the credential, checked by the function; replays are refused.',
};

export class PortalHttpApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Every route, in the order of ROUTES. */
  readonly routes: readonly apigw.HttpRoute[];

  constructor(scope: Construct, id: string, props: PortalHttpApiProps) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'Api', {
      ...(props.apiName ? { apiName: props.apiName } : {}),
      description: 'Portal access requests: broker, signer, activation and client-portal endpoints.',
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      ...(props.logRemovalPolicy ? { removalPolicy: props.logRemovalPolicy } : {}),
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? ACCOUNT_ROUTE_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const authorizers: Readonly<Record<RouteAuth, HttpJwtAuthorizer | undefined>> = {
      broker: new HttpJwtAuthorizer('BrokerJwt', props.brokerJwt.issuer, {
        jwtAudience: [...props.brokerJwt.audience],
      }),
      portal: new HttpJwtAuthorizer('PortalJwt', props.portalJwt.issuer, {
        jwtAudience: [...props.portalJwt.audience],
      }),
      link: undefined,
      hmac: undefined,
      session: undefined,
    };
    const scopes: Readonly<Record<RouteAuth, readonly string[]>> = {
      broker: props.brokerJwt.scopes ?? [],
      portal: props.portalJwt.scopes ?? [],
      link: [],
      hmac: [],
      session: [],
    };
    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    const integrationOf = (functionId: FunctionId): HttpLambdaIntegration => {
      let integration = integrations.get(functionId);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${functionId}Integration`, props.functions[functionId]);
        integrations.set(functionId, integration);
      }
      return integration;
    };

    this.routes = props.routes.flatMap((route) => {
      const authorizer = authorizers[route.auth];
      const created = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrationOf(route.function),
        ...(authorizer ? { authorizer } : {}),
        ...(scopes[route.auth].length > 0 ? { authorizationScopes: [...scopes[route.auth]] } : {}),
      });
      const credential = UNAUTHORIZED_ROUTE_CREDENTIALS[route.auth];
      if (credential) {
        for (const httpRoute of created) acknowledgeNagRule(httpRoute, 'AwsSolutions-APIG4', credential);
      }
      return created;
    });
    // Each route's own limits, lower on the routes anyone may call (infra/route-throttles.ts).
    // CloudFormation refuses settings for a route that does not exist yet: the stage waits for them.
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = routeThrottleSettings(props.routes);
    for (const route of this.routes) this.stage.node.addDependency(route);
  }

  /** The base URL of the API's default stage (no trailing slash). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
