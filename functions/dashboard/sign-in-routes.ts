/**
 * The dashboard's sign-in routes (sign-in-flow.ts): leave for the sign-in page, come back with a
 * code, sign out, the signed-out page. What a broker sees when it goes wrong is a page in his
 * language with a way to try again, never a raw error.
 */
import type { ApiEvent, RouteHandler } from '../http/api-handler.js';
import { logger } from '../observability/logger.js';
import { escapeHtml } from '../messages/escape-html.js';
import { cookiesOf, dropCookie, setCookie } from './cookies.js';
import { dashboardLanguage } from './dashboard-language.js';
import { refusalPage } from './dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from './layout.js';
import { sessionOf, sessionOfToken, SESSION_COOKIE, SIGN_IN_COOKIE } from './session.js';
import { beginSignIn, DashboardSignInNotConfigured, decodePendingSignIn, encodePendingSignIn, finishSignIn, safeReturnTo, signOutUrl } from './sign-in-flow.js';
import { signInTexts } from './sign-in-texts.js';

/** How long a sign-in may take between leaving and coming back. */
const SIGN_IN_SECONDS = 10 * 60;
const CALLBACK_PATH = '/dashboard/signed-in';

/** `GET /dashboard/sign-in?returnTo=`: to the sign-in page, remembering where to come back to. */
export const startDashboardSignIn: RouteHandler = async (event) => {
  const { cookies } = dashboardLanguage(event);
  try {
    const returnTo = safeReturnTo(event.queryStringParameters?.['returnTo'] ?? '/dashboard');
    const { url, pending } = await beginSignIn(returnTo);
    return {
      statusCode: 303,
      headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      cookies: [...cookies, setCookie(SIGN_IN_COOKIE, encodePendingSignIn(pending), { path: CALLBACK_PATH, maxAgeSeconds: SIGN_IN_SECONDS })],
      body: '',
    };
  } catch (error) {
    return signInTrouble(event, error);
  }
};

/** `GET /dashboard/signed-in?code=&state=`: the code redeemed, the token checked, the session cookie set. */
export const finishDashboardSignIn: RouteHandler = async (event) => {
  const { language } = dashboardLanguage(event);
  const texts = signInTexts(language);
  const pending = decodePendingSignIn(cookiesOf(event).get(SIGN_IN_COOKIE));
  const dropPending = dropCookie(SIGN_IN_COOKIE, CALLBACK_PATH);
  if (!pending || event.queryStringParameters?.['error'] !== undefined) {
    return { ...refusalPage(400, language, texts.signInFailed, texts.signInFailedText), cookies: [dropPending] };
  }
  try {
    const token = await finishSignIn(event.rawQueryString ?? '', pending);
    const session = await sessionOfToken(token);
    if ('refused' in session) {
      logger.warn('the sign-in gave a token the dashboard refuses', { refused: session.refused });
      return { ...refusalPage(403, language, texts.signInFailed, texts.signInFailedText), cookies: [dropPending] };
    }
    return {
      statusCode: 303,
      headers: { location: pending.returnTo, 'cache-control': 'no-store' },
      cookies: [dropPending, setCookie(SESSION_COOKIE, token, { path: '/dashboard', maxAgeSeconds: (session.expiresAt.getTime() - Date.now()) / 1000 })],
      body: '',
    };
  } catch (error) {
    return { ...(await signInTrouble(event, error)), cookies: [dropPending] };
  }
};

/** `POST /dashboard/sign-out`: the session cookie dropped, then the user pool's own sign-out. */
export const signOutOfDashboard: RouteHandler = async () => {
  // Signing out needs no form token: the worst another site can do is sign the broker out.
  return {
    statusCode: 303,
    headers: { location: signOutUrl(), 'cache-control': 'no-store' },
    cookies: [dropCookie(SESSION_COOKIE, '/dashboard')],
    body: '',
  };
};

/** `GET /dashboard/signed-out`. */
export const showSignedOut: RouteHandler = async (event) => {
  const { language, cookies } = dashboardLanguage(event);
  const texts = signInTexts(language);
  const main = `<h1>${escapeHtml(texts.signedOut)}</h1><p>${escapeHtml(texts.signedOutText)}</p><p><a class="button" href="/dashboard/sign-in">${escapeHtml(texts.signIn)}</a></p>`;
  return dashboardHtml(200, renderDashboardPage({ language, title: texts.signedOut, mainHtml: main, path: '/dashboard/signed-out' }), { cookies });
};

/** A sign-in that could not go on: not configured (503), or refused or mismatched by the issuer (400). */
async function signInTrouble(event: ApiEvent, error: unknown) {
  const { language } = dashboardLanguage(event);
  const texts = signInTexts(language);
  if (error instanceof DashboardSignInNotConfigured) return refusalPage(503, language, texts.notConfigured, texts.notConfiguredText);
  logger.warn('a dashboard sign-in did not complete', { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
  // Still signed in (a second tab came back late): the session stands.
  const session = await sessionOf(event).catch(() => undefined);
  if (session && !('refused' in session)) return { statusCode: 303, headers: { location: '/dashboard', 'cache-control': 'no-store' }, body: '' };
  return refusalPage(400, language, texts.signInFailed, texts.signInFailedText);
}
