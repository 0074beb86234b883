/**
 * The broker's language in the dashboard (nl, fr, de, en): the one he chose (`?lang=`, then kept
 * in a cookie for a year), else the first of his browser's languages the dashboard speaks, else
 * English. The same four languages as the requests (functions/domain/request-schema.ts).
 */
import { LANGUAGES, type Language } from '../domain/request-constants.js';
import type { ApiEvent } from '../http/api-handler.js';
import { cookiesOf, setCookie } from './cookies.js';

export const LANGUAGE_COOKIE = 'dashboard_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/** The page's language, and the cookie that keeps a choice made with `?lang=`. */
export function dashboardLanguage(event: Pick<ApiEvent, 'queryStringParameters' | 'cookies' | 'headers'>): { readonly language: Language; readonly cookies: string[] } {
  const chosen = event.queryStringParameters?.['lang'];
  if (isLanguage(chosen)) return { language: chosen, cookies: [setCookie(LANGUAGE_COOKIE, chosen, { path: '/dashboard', maxAgeSeconds: YEAR_SECONDS })] };
  const kept = cookiesOf(event).get(LANGUAGE_COOKIE);
  if (isLanguage(kept)) return { language: kept, cookies: [] };
  return { language: browserLanguage(event.headers['accept-language']), cookies: [] };
}

/** The first language of an `Accept-Language` header the dashboard speaks, by quality. */
export function browserLanguage(header: string | undefined): Language {
  const ranked = (header ?? '')
    .slice(0, 256)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = Number(parameters.find((parameter) => parameter.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { language: tag.trim().slice(0, 2).toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLanguage) ?? 'en';
}
