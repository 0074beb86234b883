/**
 * How a broker signs in to the dashboard: OpenID Connect's authorization-code flow with PKCE,
 * by openid-client, against the user pool's managed login on AWS (docs/sign-in.md) and against
 * the local sign-in server on this machine (local/services/sign-in-local.ts), both found through
 * the issuer's discovery document. The dashboard is a public client (no secret, like the
 * brokers' management package): PKCE and the state in an HttpOnly cookie bind the code to the
 * browser that asked for it. What it keeps is the broker's access token, in the session cookie
 * (session.ts), checked on every request as the broker API's authorizer checks it.
 */
import * as oidc from 'openid-client';
import { BROKER_REQUESTS_SCOPE } from '../../infra/sign-in-claims.js';
import { config } from '../config/config.js';
import { ProductError } from '../errors/product-error.js';

/** The dashboard's sign-in is not configured (brokers sign in at another provider; docs/dashboard.md). */
export class DashboardSignInNotConfigured extends ProductError<Record<string, never>> {
  override readonly name = 'DashboardSignInNotConfigured';
}

/** What the token endpoint and the access token the dashboard keeps are checked against. */
export interface SignInSettings {
  readonly issuer: string;
  readonly clientId: string;
  /** Where the user pool sends the broker back: `<PUBLIC_BASE_URL>/dashboard/signed-in`. */
  readonly redirectUri: string;
  readonly logoutUrl: string | undefined;
}

/** The scopes the dashboard asks for: the broker API's, so its token passes the same checks. */
export const DASHBOARD_SCOPES = `openid email ${BROKER_REQUESTS_SCOPE}`;

/** @throws DashboardSignInNotConfigured when SIGN_IN_ISSUER or SIGN_IN_CLIENT_ID is missing */
export function signInSettings(): SignInSettings {
  const { SIGN_IN_ISSUER, SIGN_IN_CLIENT_ID, SIGN_IN_LOGOUT_URL, PUBLIC_BASE_URL } = config();
  if (!SIGN_IN_ISSUER || !SIGN_IN_CLIENT_ID) throw new DashboardSignInNotConfigured('SIGN_IN_ISSUER and SIGN_IN_CLIENT_ID are not set', {});
  return { issuer: SIGN_IN_ISSUER, clientId: SIGN_IN_CLIENT_ID, redirectUri: `${PUBLIC_BASE_URL}/dashboard/signed-in`, logoutUrl: SIGN_IN_LOGOUT_URL };
}

let discovered: { readonly key: string; readonly configuration: Promise<oidc.Configuration> } | undefined;

/** The issuer's discovered endpoints, fetched once per container (and again after a failure). */
export function signInConfiguration(settings: SignInSettings = signInSettings()): Promise<oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  if (discovered?.key !== key) {
    // Plain HTTP only for the local sign-in server on this machine; on AWS the issuer is HTTPS.
    const local = settings.issuer.startsWith('http://127.0.0.1') || settings.issuer.startsWith('http://localhost');
    const configuration = oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.None(), local ? { execute: [oidc.allowInsecureRequests] } : undefined);
    configuration.catch(() => {
      if (discovered?.configuration === configuration) discovered = undefined;
    });
    discovered = { key, configuration };
  }
  return discovered.configuration;
}

/** What the browser keeps between leaving for the sign-in page and coming back (the sign-in cookie). */
export interface PendingSignIn {
  readonly state: string;
  readonly codeVerifier: string;
  /** The dashboard page to show once signed in. */
  readonly returnTo: string;
}

/** The sign-in page's URL for a new sign-in, and what to keep for its return. */
export async function beginSignIn(returnTo: string): Promise<{ readonly url: string; readonly pending: PendingSignIn }> {
  const settings = signInSettings();
  const configuration = await signInConfiguration(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: DASHBOARD_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
  });
  return { url: url.href, pending: { state, codeVerifier, returnTo: safeReturnTo(returnTo) } };
}

/**
 * The access token for the code the sign-in page sent back with (`query`, the callback's raw
 * query string), after checking its state against `pending` and redeeming it with the PKCE verifier.
 * @throws whatever openid-client throws for a refused or mismatched answer (the caller shows a page)
 */
export async function finishSignIn(query: string, pending: PendingSignIn): Promise<string> {
  const settings = signInSettings();
  const configuration = await signInConfiguration(settings);
  const tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${settings.redirectUri}?${query}`), {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
  });
  return tokens.access_token;
}

/** The sign-in cookie's value: base64url JSON (its characters are cookie-safe). */
export function encodePendingSignIn(pending: PendingSignIn): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}

/** The pending sign-in of a cookie's value, or undefined when it is not one. */
export function decodePendingSignIn(value: string | undefined): PendingSignIn | undefined {
  if (!value || value.length > 2048) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if (typeof parsed.state !== 'string' || typeof parsed.codeVerifier !== 'string' || typeof parsed.returnTo !== 'string') return undefined;
    return { state: parsed.state, codeVerifier: parsed.codeVerifier, returnTo: safeReturnTo(parsed.returnTo) };
  } catch {
    return undefined;
  }
}

/** Only a dashboard path of this origin may be returned to (no open redirect). */
export function safeReturnTo(returnTo: string): string {
  return /^\/dashboard(\/[A-Za-z0-9_\-/.]*)?(\?[A-Za-z0-9_\-=&%.]*)?$/.test(returnTo) && !returnTo.includes('//') && !returnTo.includes('..') ? returnTo : '/dashboard';
}

/** Where signing out sends the browser: the user pool's sign-out, which comes back to `/dashboard/signed-out`. */
export function signOutUrl(): string {
  const { PUBLIC_BASE_URL } = config();
  const signedOut = `${PUBLIC_BASE_URL}/dashboard/signed-out`;
  let settings: SignInSettings;
  try {
    settings = signInSettings();
  } catch {
    return signedOut;
  }
  if (!settings.logoutUrl) return signedOut;
  const url = new URL(settings.logoutUrl);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('logout_uri', signedOut);
  return url.href;
}
