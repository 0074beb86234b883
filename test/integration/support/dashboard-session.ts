/**
 * A broker in the dashboard over plain HTTP, as a browser would be, without one: a cookie jar,
 * redirects followed by hand (so each hop can be checked), the sign-in through the local
 * sign-in page with the demo broker's login from the stack's info (`.local/stack.json`).
 * The browser tests (test/e2e/) drive the same pages in Chromium.
 */
import type { TestStack } from './test-stack.js';

export interface PageAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly headers: Headers;
  readonly text: string;
}

/** Cookies by name, as a browser keeps them for one origin (paths ignored: every dashboard cookie is under /dashboard). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keep(headers: Headers): void {
    for (const cookie of headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const maxAge = attributes.map((attribute) => attribute.trim()).find((attribute) => attribute.toLowerCase().startsWith('max-age='));
      if (maxAge && Number(maxAge.slice(8)) <= 0) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

export class DashboardBrowser {
  readonly jar = new CookieJar();
  constructor(private readonly apiUrl: string) {}

  /** One request, no redirect followed; cookies of the dashboard's origin sent and kept. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<PageAnswer> {
    const absolute = new URL(url, this.apiUrl);
    const sameOrigin = absolute.origin === new URL(this.apiUrl).origin;
    const headers: Record<string, string> = { ...init.headers };
    if (sameOrigin && this.jar.header()) headers['cookie'] = this.jar.header();
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(absolute, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    if (sameOrigin) this.jar.keep(response.headers);
    return { status: response.status, location: response.headers.get('location') ?? undefined, headers: response.headers, text: await response.text() };
  }

  /** GET `url`, following redirects (at most 10). */
  async follow(url: string): Promise<PageAnswer & { readonly url: string }> {
    let current = new URL(url, this.apiUrl).href;
    for (let hop = 0; hop < 10; hop++) {
      const answer = await this.request(current);
      if (answer.status < 300 || answer.status >= 400 || !answer.location) return { ...answer, url: current };
      current = new URL(answer.location, current).href;
    }
    throw new Error(`More than 10 redirects from ${url}`);
  }

  /** The form token of a dashboard page (its forms' hidden `csrf`). */
  static formTokenOf(page: string): string {
    const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error('The page has no form token');
    return token;
  }
}

/** Signs the demo broker `index` in through the local sign-in page; answers his browser, on the dashboard's first page. */
export async function signInToDashboard(stack: TestStack, index: 0 | 1 = 0, returnTo = '/dashboard'): Promise<{ browser: DashboardBrowser; page: PageAnswer & { url: string } }> {
  const browser = new DashboardBrowser(stack.stack.apiUrl);
  const signInPage = await browser.follow(`/dashboard/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  if (signInPage.status !== 200) throw new Error(`The sign-in page answered ${signInPage.status}`);
  const login = stack.stack.brokers[index]?.login;
  if (!login) throw new Error(`No demo broker ${index}`);
  const form = hiddenFieldsOf(signInPage.text);
  const posted = await browser.request(new URL('/oauth2/authorize', signInPage.url).href, { form: { ...form, username: login.username, password: login.password } });
  if (posted.status !== 302 || !posted.location) throw new Error(`Signing in answered ${posted.status}: ${posted.text.slice(0, 300)}`);
  const page = await browser.follow(posted.location);
  return { browser, page };
}

/** The hidden fields of a page's form (the sign-in page carries the authorization request in them), decoded. */
export function hiddenFieldsOf(page: string): Record<string, string> {
  return Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1] ?? '', decodeHtml(match[2] ?? '')]));
}

function decodeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
