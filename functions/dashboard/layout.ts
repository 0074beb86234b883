/**
 * The frame of every dashboard page: a header with the office, the navigation, the language
 * choice and sign-out; a `<main>` landmark; one style sheet and, where a page needs it, one
 * script, both served by the dashboard itself (`/dashboard/assets/…`), so the
 * Content-Security-Policy allows only this origin: no inline script, no inline style.
 * Server-rendered HTML that works without the script; docs/dashboard.md says why.
 */
import type { Language } from '../domain/request-schema.js';
import { LANGUAGES } from '../domain/request-constants.js';
import { escapeHtml } from '../messages/escape-html.js';
import type { HttpResult } from '../http/http-response.js';
import { assetUrl } from './assets.js';

/** The layout's own words. */
interface LayoutTexts {
  readonly product: string;
  readonly requests: string;
  readonly newRequest: string;
  readonly signOut: string;
  readonly signedInAs: (office: string) => string;
  readonly skipToContent: string;
  readonly language: string;
  readonly mainNavigation: string;
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

const TEXTS: Readonly<Record<Language, LayoutTexts>> = {
  nl: {
    product: 'Toegangsaanvragen',
    requests: 'Aanvragen',
    newRequest: 'Nieuwe aanvraag',
    signOut: 'Afmelden',
    signedInAs: (office) => `Aangemeld voor kantoor ${office}`,
    skipToContent: 'Naar de inhoud',
    language: 'Taal',
    mainNavigation: 'Hoofdnavigatie',
  },
  fr: {
    product: "Demandes d'accès",
    requests: 'Demandes',
    newRequest: 'Nouvelle demande',
    signOut: 'Se déconnecter',
    signedInAs: (office) => `Connecté pour le bureau ${office}`,
    skipToContent: 'Aller au contenu',
    language: 'Langue',
    mainNavigation: 'Navigation principale',
  },
  de: {
    product: 'Zugangsanträge',
    requests: 'Anträge',
    newRequest: 'Neuer Antrag',
    signOut: 'Abmelden',
    signedInAs: (office) => `Angemeldet für das Büro ${office}`,
    skipToContent: 'Zum Inhalt',
    language: 'Sprache',
    mainNavigation: 'Hauptnavigation',
  },
  en: {
    product: 'Access requests',
    requests: 'Requests',
    newRequest: 'New request',
    signOut: 'Sign out',
    signedInAs: (office) => `Signed in for office ${office}`,
    skipToContent: 'Skip to content',
    language: 'Language',
    mainNavigation: 'Main navigation',
  },
};

export interface DashboardFrame {
  readonly language: Language;
  /** The page's own title (the `<title>` adds the product's name). */
  readonly title: string;
  /** Already-escaped HTML: the content of `<main>`. */
  readonly mainHtml: string;
  /** The signed-in broker: the header shows his office, the navigation and sign-out (with the session's form token). */
  readonly session?: { readonly brokerId: string; readonly formToken: string };
  /** Which navigation entry is the current page. */
  readonly current?: 'requests' | 'newRequest';
  /** The page's path and query without `lang`, for the language links. @default '/dashboard' */
  readonly path?: string;
  /** Adds the dashboard's script (functions/dashboard/client/). */
  readonly withScript?: boolean;
}

/** A whole HTML document around `frame.mainHtml`. */
export function renderDashboardPage(frame: DashboardFrame): string {
  const texts = TEXTS[frame.language];
  const path = frame.path ?? '/dashboard';
  const separator = path.includes('?') ? '&' : '?';
  const languageLinks = LANGUAGES.map((language) =>
    language === frame.language
      ? `<li><span aria-current="true" lang="${language}">${LANGUAGE_NAMES[language]}</span></li>`
      : `<li><a href="${escapeHtml(`${path}${separator}lang=${language}`)}" lang="${language}" hreflang="${language}">${LANGUAGE_NAMES[language]}</a></li>`,
  ).join('');
  const navigation = frame.session
    ? [
        `<nav aria-label="${escapeHtml(texts.mainNavigation)}"><ul class="nav">`,
        `<li><a href="/dashboard"${frame.current === 'requests' ? ' aria-current="page"' : ''}>${escapeHtml(texts.requests)}</a></li>`,
        `<li><a href="/dashboard/new-request"${frame.current === 'newRequest' ? ' aria-current="page"' : ''}>${escapeHtml(texts.newRequest)}</a></li>`,
        '</ul></nav>',
        `<p class="office">${escapeHtml(texts.signedInAs(frame.session.brokerId))}</p>`,
        `<form method="post" action="/dashboard/sign-out" class="sign-out"><input type="hidden" name="csrf" value="${escapeHtml(frame.session.formToken)}"><button type="submit" class="link-button">${escapeHtml(texts.signOut)}</button></form>`,
      ].join('')
    : '';
  return [
    '<!doctype html>',
    `<html lang="${frame.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(`${frame.title} · ${texts.product}`)}</title>`,
    `<link rel="stylesheet" href="${assetUrl('dashboard.css')}">`,
    ...(frame.withScript ? [`<script src="${assetUrl('dashboard-client.js')}" defer></script>`] : []),
    '</head>',
    '<body>',
    `<a class="skip" href="#content">${escapeHtml(texts.skipToContent)}</a>`,
    '<header class="top">',
    `<p class="product"><a href="/dashboard">${escapeHtml(texts.product)}</a></p>`,
    navigation,
    `<nav aria-label="${escapeHtml(texts.language)}"><ul class="languages">${languageLinks}</ul></nav>`,
    '</header>',
    '<main id="content" tabindex="-1">',
    frame.mainHtml,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The Content-Security-Policy of every dashboard page: its style sheet and script from this
 * origin only, `fetch` to this origin, documents framed from `frameFrom` (the bucket's presigned
 * links, for the side-by-side review), no framing of the dashboard itself.
 */
export function dashboardContentSecurityPolicy(options: { readonly frameFrom?: readonly string[] } = {}): string {
  // Only bare origins enter the header: anything else could add a directive of its own.
  const origins = (options.frameFrom ?? []).filter((origin) => /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(origin));
  return [
    "default-src 'none'",
    "style-src 'self'",
    "script-src 'self'",
    "connect-src 'self'",
    ["img-src 'self'", ...origins].join(' '),
    ...(origins.length ? [`frame-src ${origins.join(' ')}`, `object-src ${origins.join(' ')}`] : []),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A dashboard page's answer. */
export function dashboardHtml(statusCode: number, page: string, options: { readonly cookies?: readonly string[]; readonly frameFrom?: readonly string[] } = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
      'content-security-policy': dashboardContentSecurityPolicy(options),
    },
    ...(options.cookies?.length ? { cookies: [...options.cookies] } : {}),
    body: page,
  };
}
