/**
 * What every dashboard route shares: the broker's session (session.ts), the page's language
 * (dashboard-language.ts), and what happens without them. A page asked for without a session
 * sends the browser to sign in and back; a post without one, or without the session's form
 * token, changes nothing and says so (401, 403).
 */
import type { Context } from 'aws-lambda';
import type { Language } from '../domain/request-schema.js';
import type { ApiEvent, RouteHandler } from '../http/api-handler.js';
import type { HttpResult } from '../http/http-response.js';
import { escapeHtml } from '../messages/escape-html.js';
import { dashboardLanguage } from './dashboard-language.js';
import { dashboardHtml, renderDashboardPage } from './layout.js';
import { formTokenMatches, sessionOf, type BrokerSession } from './session.js';
import { DashboardSignInNotConfigured } from './sign-in-flow.js';
import { signInTexts } from './sign-in-texts.js';

/** What a dashboard page or action is given. */
export interface DashboardCall {
  readonly event: ApiEvent;
  readonly context: Context;
  readonly session: BrokerSession;
  readonly language: Language;
  /** `Set-Cookie` values the answer must carry (the language chosen with `?lang=`). */
  readonly cookies: readonly string[];
  /** The page's path and query, without `lang` (the layout's language links). */
  readonly path: string;
}

export type DashboardHandler = (call: DashboardCall) => Promise<HttpResult>;

/** The path and query of `event`, without `lang`. */
export function pathOf(event: ApiEvent): string {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  query.delete('lang');
  const rest = query.toString();
  return `${event.rawPath}${rest ? `?${rest}` : ''}`;
}

/** A page (GET): without a session, a 303 to sign in that comes back here. */
export function sessionPage(page: DashboardHandler): RouteHandler {
  return async (event, context) => {
    const { language, cookies } = dashboardLanguage(event);
    const session = await sessionOrNotConfigured(event, language);
    if ('answer' in session) return session.answer;
    if ('refused' in session) {
      return { statusCode: 303, headers: { location: `/dashboard/sign-in?returnTo=${encodeURIComponent(pathOf(event))}`, 'cache-control': 'no-store' }, cookies, body: '' };
    }
    return withCookies(await page({ event, context, session, language, cookies, path: pathOf(event) }), cookies);
  };
}

/**
 * An action (POST): refused without a session (401) or without the session's form token, sent
 * as the form's `csrf` field or the `x-csrf-token` header (403); then `action` runs.
 */
export function sessionAction(action: DashboardHandler): RouteHandler {
  return async (event, context) => {
    const { language, cookies } = dashboardLanguage(event);
    const session = await sessionOrNotConfigured(event, language);
    if ('answer' in session) return session.answer;
    const texts = signInTexts(language);
    if ('refused' in session) return refusalPage(401, language, texts.sessionEnded, texts.sessionEndedText);
    const sent = event.headers['x-csrf-token'] ?? formFields(event).get('csrf') ?? undefined;
    if (!formTokenMatches(session, sent)) return refusalPage(403, language, texts.formExpired, texts.formExpiredText);
    return withCookies(await action({ event, context, session, language, cookies, path: pathOf(event) }), cookies);
  };
}

async function sessionOrNotConfigured(event: ApiEvent, language: Language): Promise<BrokerSession | { refused: string } | { answer: HttpResult }> {
  try {
    return await sessionOf(event);
  } catch (error) {
    if (error instanceof DashboardSignInNotConfigured) {
      const texts = signInTexts(language);
      return { answer: refusalPage(503, language, texts.notConfigured, texts.notConfiguredText) };
    }
    throw error;
  }
}

/** A page that says why nothing was done, with a way to sign in again. */
export function refusalPage(statusCode: number, language: Language, title: string, text: string): HttpResult {
  const texts = signInTexts(language);
  const main = `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(text)}</p><p><a class="button" href="/dashboard/sign-in">${escapeHtml(texts.signIn)}</a></p>`;
  return dashboardHtml(statusCode, renderDashboardPage({ language, title, mainHtml: main }));
}

/**
 * The fields of a form post (`application/x-www-form-urlencoded`; API Gateway may hand it over
 * base64-encoded). Its size was bounded by the route's catalog limit before any work (I3).
 */
export function formFields(event: Pick<ApiEvent, 'body' | 'isBase64Encoded' | 'headers'>): URLSearchParams {
  if (!event.body || !(event.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body);
}

function withCookies(result: HttpResult, cookies: readonly string[]): HttpResult {
  if (cookies.length === 0) return result;
  return { ...result, cookies: [...(result.cookies ?? []), ...cookies] };
}
