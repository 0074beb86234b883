/**
 * Who may call the API, and how API Gateway tells them apart (docs/sign-in.md).
 *
 * One Cognito user pool with its own domain (`https://<prefix>.auth.<region>.amazoncognito.com`):
 * - brokers sign in there through managed login (authorization code with PKCE, a public app
 *   client: no secret), MFA by TOTP, no self sign-up; the broker office is the one user-pool
 *   group the broker belongs to, carried in the access token as `cognito:groups`;
 * - the client portal calls as a machine: its own app client with a secret and the OAuth 2.0
 *   client-credentials grant, scope `portal/read` of the resource server `portal`.
 * A deployment whose brokers already have an OpenID Connect provider (Microsoft Entra ID…) names
 * it instead (`identity.brokers.kind = 'oidc'`); the pool then only serves the portal.
 *
 * Every authorizer checks the issuer, an audience and a scope. Cognito's access tokens carry
 * `client_id` and no `aud`; API Gateway compares `client_id` with the audience when `aud` is absent
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html),
 * so each authorizer's audience is its own app client's id: a broker's token never passes a portal
 * route and the portal's never a broker route. The scope keeps ID tokens out (they carry none):
 * AWS recommends requiring scopes for exactly that reason
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { BROKER_REQUESTS_SCOPE, BROKERS_RESOURCE_SERVER, COGNITO_BROKER_ID_CLAIM, PORTAL_READ_SCOPE, PORTAL_RESOURCE_SERVER } from '../sign-in-claims.js';
import { acknowledgeNagRule } from './nag-acknowledgement.js';

/** Whether brokers must, may or cannot add a TOTP second factor. */
export type MfaSetting = 'off' | 'optional' | 'required';

/** Brokers sign in to the stack's own user pool. */
export interface CognitoBrokerSignIn {
  readonly kind: 'cognito';
  /** @default 'required' */
  readonly mfa?: MfaSetting;
  /** Where managed login may send a signed-in broker back with the code (the dashboard, the management package's loopback). */
  readonly callbackUrls: readonly string[];
  /** Where managed login may send a broker after signing out. @default none */
  readonly logoutUrls?: readonly string[];
}

/** Brokers sign in to the deployment's own OpenID Connect provider (e.g. Microsoft Entra ID). */
export interface OidcBrokerSignIn {
  readonly kind: 'oidc';
  /** The tokens' `iss`, exactly (Entra ID: `https://login.microsoftonline.com/<tenant>/v2.0`). */
  readonly issuer: string;
  /** Accepted `aud` (or `client_id`) values: the API's application id. */
  readonly audience: readonly string[];
  /** The claim that names the broker office (I1: `BROKER_ID_PATTERN`). */
  readonly brokerIdClaim: string;
  /** Scopes a broker route requires (`scp`/`scope`), any one of them. @default none */
  readonly scopes?: readonly string[];
}

export type BrokerSignIn = CognitoBrokerSignIn | OidcBrokerSignIn;

export interface IdentityProps {
  /** The Cognito domain's prefix: unique in the region, lower-case letters, digits and hyphens. */
  readonly domainPrefix: string;
  readonly brokers: BrokerSignIn;
}

/** What an HTTP API JWT authorizer checks for one kind of caller. */
export interface JwtAuthorizerSpec {
  /** The tokens' `iss`. */
  readonly issuer: string;
  /** Accepted `aud`, or `client_id` when a token has no `aud`. */
  readonly audience: readonly string[];
  /** A route passes a token that carries any one of these (`scope` or `scp`); none: no scope check. */
  readonly scopes: readonly string[];
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  /** The Cognito domain: managed login and the `/oauth2/token` endpoint. */
  readonly domain: cognito.UserPoolDomain;
  /** The portal's machine client (client credentials, with a secret). */
  readonly portalClient: cognito.UserPoolClient;
  /** The brokers' public client (authorization code with PKCE); absent when brokers sign in elsewhere. */
  readonly brokerClient: cognito.UserPoolClient | undefined;
  /** What the broker routes' authorizer checks. */
  readonly brokerAuthorizer: JwtAuthorizerSpec;
  /** What the portal routes' authorizer checks. */
  readonly portalAuthorizer: JwtAuthorizerSpec;
  /** The claim brokerIdOf reads (BROKER_ID_CLAIM of the functions). */
  readonly brokerIdClaim: string;
  /** The user pool's issuer URL (its tokens' `iss`; OpenID discovery under it). */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const brokers = props.brokers;
    // With brokers elsewhere the pool has no users: requiring MFA costs nothing there.
    const mfa: MfaSetting = brokers.kind === 'cognito' ? (brokers.mfa ?? 'required') : 'required';

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: { off: cognito.Mfa.OFF, optional: cognito.Mfa.OPTIONAL, required: cognito.Mfa.REQUIRED }[mfa],
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Threat protection (compromised credentials, risky sign-ins) needs the Plus plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      // The brokers' accounts outlive any one deployment of the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (mfa !== 'required') {
      acknowledgeNagRule(
        this.userPool,
        'AwsSolutions-COG2',
        `MFA is "${mfa}" by this deployment's settings (identity.brokers.mfa); docs/sign-in.md says what that leaves to the brokers' own passwords.`,
      );
    }

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const portalScope = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read grants and check access (the client portal)' });
    const portalServer = this.userPool.addResourceServer('PortalResourceServer', {
      identifier: PORTAL_RESOURCE_SERVER,
      userPoolResourceServerName: 'Client portal API',
      scopes: [portalScope],
    });
    this.portalClient = this.userPool.addClient('PortalClient', {
      userPoolClientName: 'client-portal',
      generateSecret: true,
      // No user signs in through this client: of the flows only refresh-token remains, which client credentials never use.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [cognito.OAuthScope.resourceServer(portalServer, portalScope)],
      },
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    const issuer = this.userPool.userPoolProviderUrl;
    this.portalAuthorizer = { issuer, audience: [this.portalClient.userPoolClientId], scopes: [PORTAL_READ_SCOPE] };

    if (brokers.kind === 'cognito') {
      const requestsScope = new cognito.ResourceServerScope({ scopeName: 'requests', scopeDescription: "File and follow a broker office's access requests" });
      const brokersServer = this.userPool.addResourceServer('BrokersResourceServer', {
        identifier: BROKERS_RESOURCE_SERVER,
        userPoolResourceServerName: 'Broker API',
        scopes: [requestsScope],
      });
      this.brokerClient = this.userPool.addClient('BrokerClient', {
        userPoolClientName: 'brokers',
        // A public client (a browser, a desktop package): PKCE, not a secret, protects the code.
        generateSecret: false,
        // Managed login signs the broker in with his password over SRP, then asks for his TOTP code.
        authFlows: { userSrp: true },
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(brokersServer, requestsScope)],
          callbackUrls: [...brokers.callbackUrls],
          ...(brokers.logoutUrls?.length ? { logoutUrls: [...brokers.logoutUrls] } : {}),
        },
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
      });
      // Managed login shows a client's pages once it has a style: Cognito's own one.
      new cognito.CfnManagedLoginBranding(this, 'BrokerLoginBranding', {
        userPoolId: this.userPool.userPoolId,
        clientId: this.brokerClient.userPoolClientId,
        useCognitoProvidedValues: true,
      });
      this.brokerAuthorizer = { issuer, audience: [this.brokerClient.userPoolClientId], scopes: [BROKER_REQUESTS_SCOPE] };
      this.brokerIdClaim = COGNITO_BROKER_ID_CLAIM;
    } else {
      this.brokerClient = undefined;
      this.brokerAuthorizer = { issuer: brokers.issuer, audience: [...brokers.audience], scopes: [...(brokers.scopes ?? [])] };
      this.brokerIdClaim = brokers.brokerIdClaim;
    }

    this.issuer = issuer;
    const stack = Stack.of(this);
    new CfnOutput(stack, 'UserPoolId', { value: this.userPool.userPoolId, description: 'The user pool of brokers and the portal (docs/sign-in.md).' });
    new CfnOutput(stack, 'TokenEndpoint', {
      value: `${this.domain.baseUrl()}/oauth2/token`,
      description: "Where the portal exchanges its client id and secret for a token (client credentials, scope portal/read).",
    });
    new CfnOutput(stack, 'PortalClientId', { value: this.portalClient.userPoolClientId });
    if (this.brokerClient) {
      new CfnOutput(stack, 'BrokerClientId', { value: this.brokerClient.userPoolClientId });
      new CfnOutput(stack, 'BrokerSignInUrl', { value: this.domain.baseUrl(), description: "Managed login: /oauth2/authorize with the brokers' client id, PKCE and a callback URL." });
    }
  }

  /**
   * What the dashboard (functions/dashboard/) signs brokers in with, served at `dashboardBaseUrl`
   * (`<API>/dashboard`): managed login sends the broker back to its `/signed-in` and, after
   * signing out, to its `/signed-out`, so both join the brokers' client's allowed URLs. The
   * answer is the dashboard's environment (functions/config/config.ts); with brokers signing in
   * at the deployment's own OpenID Connect provider the dashboard has none and says so.
   */
  dashboardSignIn(dashboardBaseUrl: string): Record<string, string> {
    if (!this.brokerClient) return {};
    const client = this.brokerClient.node.defaultChild as cognito.CfnUserPoolClient;
    client.callbackUrLs = [...(client.callbackUrLs ?? []), `${dashboardBaseUrl}/signed-in`];
    client.logoutUrLs = [...(client.logoutUrLs ?? []), `${dashboardBaseUrl}/signed-out`];
    return {
      SIGN_IN_ISSUER: this.issuer,
      SIGN_IN_CLIENT_ID: this.brokerClient.userPoolClientId,
      // Cognito's sign-out endpoint (its discovery document names none).
      SIGN_IN_LOGOUT_URL: `${this.domain.baseUrl()}/logout`,
    };
  }
}
