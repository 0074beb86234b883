/**
 * The dashboard's cookies. API Gateway (payload 2.0) hands a request's cookies over as
 * `event.cookies` (`name=value` each) and sets the answer's from its `cookies` list.
 *
 * Every cookie here is HttpOnly (no script reads it), SameSite=Lax (sent on a top-level
 * navigation, as the sign-in's return from the user pool is, never on another site's POST),
 * scoped to the dashboard's paths, and Secure whenever the dashboard is served over HTTPS,
 * which it always is on AWS (the local stack serves plain HTTP on 127.0.0.1).
 */
import { config } from '../config/config.js';

/** The cookie values of `event` by name; the first of a repeated name wins. */
export function cookiesOf(event: { readonly cookies?: readonly string[] }): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  for (const cookie of event.cookies ?? []) {
    const separator = cookie.indexOf('=');
    if (separator <= 0) continue;
    const name = cookie.slice(0, separator).trim();
    if (!cookies.has(name)) cookies.set(name, cookie.slice(separator + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  /** The path the browser sends it back to. */
  readonly path: string;
  /** Seconds until it is dropped; 0 drops it now. */
  readonly maxAgeSeconds: number;
}

/** A `Set-Cookie` value; `value` must keep to cookie-value characters (base64url, JWTs and our ids do). */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const secure = config().PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
  return `${name}=${value}; Path=${options.path}; Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}; HttpOnly; SameSite=Lax${secure}`;
}

/** A `Set-Cookie` value that drops the cookie `name` at `path`. */
export function dropCookie(name: string, path: string): string {
  return setCookie(name, '', { path, maxAgeSeconds: 0 });
}
