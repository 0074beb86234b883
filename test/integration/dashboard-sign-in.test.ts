/**
 * The dashboard's sign-in on the local stack (functions/dashboard/sign-in-flow.ts, session.ts):
 * the authorization-code flow with PKCE against the local sign-in page, the session cookie, what
 * a browser without one meets, the form token on posts, one broker office per session, sign-out.
 */
import { describe, expect, it } from 'vitest';
import { naturalClientRequest } from '../fixtures/access-request-builder.js';
import { fileRequest } from './support/request-story.js';
import { DashboardBrowser, hiddenFieldsOf, signInToDashboard } from './support/dashboard-session.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

describe('dashboard sign-in', () => {
  it('a page asked for without a session sends the browser to sign in, and back to that page after', async () => {
    const browser = new DashboardBrowser(stack.stack.apiUrl);
    const first = await browser.request('/dashboard?status=COMPLETED');
    expect(first.status).toBe(303);
    expect(first.location).toBe('/dashboard/sign-in?returnTo=%2Fdashboard%3Fstatus%3DCOMPLETED');

    const { page } = await signInToDashboard(stack, 0, '/dashboard?status=COMPLETED');
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname + new URL(page.url).search).toBe('/dashboard?status=COMPLETED');
    expect(page.text).toContain('broker-a');
  });

  it('the sign-in leaves with PKCE (S256) and a state, and the session cookie is HttpOnly and SameSite', async () => {
    const browser = new DashboardBrowser(stack.stack.apiUrl);
    const leaving = await browser.request('/dashboard/sign-in');
    expect(leaving.status).toBe(303);
    const authorize = new URL(leaving.location ?? '');
    // The sign-in page is the issuer's (managed login on AWS), not the dashboard's origin.
    expect(authorize.origin).not.toBe(new URL(stack.stack.apiUrl).origin);
    expect(authorize.pathname).toBe('/oauth2/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize.searchParams.get('scope')).toContain('brokers/requests');
    expect(leaving.headers.getSetCookie().join('\n')).toMatch(/dashboard_sign_in=.*HttpOnly; SameSite=Lax/);

    const { browser: signedIn } = await signInToDashboard(stack);
    expect(signedIn.jar.get('dashboard_session')).toMatch(/^ey/);
  });

  it('a wrong password is refused on the sign-in page, and no session is made', async () => {
    const browser = new DashboardBrowser(stack.stack.apiUrl);
    const signInPage = await browser.follow('/dashboard/sign-in');
    const hidden = hiddenFieldsOf(signInPage.text);
    const refused = await browser.request(new URL('/oauth2/authorize', signInPage.url).href, { form: { ...hidden, username: 'broker-a', password: 'not-the-password' } });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('role="alert"');
    expect(browser.jar.get('dashboard_session')).toBeUndefined();
  });

  it('the sign-in server redeems a code once, and only with its PKCE verifier (as managed login does)', async () => {
    const browser = new DashboardBrowser(stack.stack.apiUrl);
    const signInPage = await browser.follow('/dashboard/sign-in');
    const hidden = hiddenFieldsOf(signInPage.text);
    const login = stack.stack.brokers[0]!.login;
    const issued = await browser.request(new URL('/oauth2/authorize', signInPage.url).href, { form: { ...hidden, username: login.username, password: login.password } });
    const back = new URL(issued.location ?? '');
    const code = back.searchParams.get('code') ?? '';
    const redeem = (verifier: string) =>
      fetch(new URL('/oauth2/token', signInPage.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: hidden['client_id'] ?? '', redirect_uri: `${back.origin}${back.pathname}`, code_verifier: verifier }),
      });
    // A wrong verifier burns the code, as an authorization server should: the right one then fails too.
    expect((await redeem('not-the-verifier-not-the-verifier-not-the-verifier')).status).toBe(400);
    expect((await browser.request(back.href)).status).toBe(400);
    expect(browser.jar.get('dashboard_session')).toBeUndefined();
  });

  it('a return with another state, or without the sign-in cookie, is refused with a page that offers to sign in again', async () => {
    const browser = new DashboardBrowser(stack.stack.apiUrl);
    await browser.request('/dashboard/sign-in');
    const forged = await browser.request('/dashboard/signed-in?code=forged&state=not-the-state');
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('href="/dashboard/sign-in"');
    expect(browser.jar.get('dashboard_session')).toBeUndefined();

    const stranger = new DashboardBrowser(stack.stack.apiUrl);
    expect((await stranger.request('/dashboard/signed-in?code=x&state=y')).status).toBe(400);
  });

  it('a forged or foreign session cookie is no session: the page sends the browser to sign in', async () => {
    const browser = new DashboardBrowser(stack.stack.apiUrl);
    browser.jar.set('dashboard_session', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect((await browser.request('/dashboard')).status).toBe(303);
    // The portal's token is signed by the same issuer but is not a broker's access token for this client.
    browser.jar.set('dashboard_session', stack.stack.portalToken);
    expect((await browser.request('/dashboard')).status).toBe(303);
  });

  it("a broker sees only his office's requests; another's request answers the not-found page", async () => {
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-DASH-1' }));
    const { browser: brokerB } = await signInToDashboard(stack, 1);
    const list = await brokerB.request('/dashboard');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(id);
    expect((await brokerB.request(`/dashboard/requests/${id}`)).status).toBe(404);
  });

  it('a post without the form token changes nothing (403); without a session, 401', async () => {
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-DASH-2' }));
    const { browser } = await signInToDashboard(stack);
    const refused = await browser.request(`/dashboard/requests/${id}/cancel`, { form: {} });
    expect(refused.status).toBe(403);
    expect((await stack.broker().get(id)).body.status).not.toBe('CANCELLED');
    const stranger = new DashboardBrowser(stack.stack.apiUrl);
    expect((await stranger.request(`/dashboard/requests/${id}/cancel`, { form: { csrf: 'x' } })).status).toBe(401);
  });

  it('signing out drops the session and ends at the signed-out page through the sign-in server', async () => {
    const { browser, page } = await signInToDashboard(stack);
    const out = await browser.request('/dashboard/sign-out', { form: { csrf: DashboardBrowser.formTokenOf(page.text) } });
    expect(out.status).toBe(303);
    expect(browser.jar.get('dashboard_session')).toBeUndefined();
    const end = await browser.follow(out.location ?? '');
    expect(new URL(end.url).pathname).toBe('/dashboard/signed-out');
    expect(end.status).toBe(200);
    expect((await browser.request('/dashboard')).status).toBe(303);
  });

  it('stack.json names the dashboard and each demo broker has a login', () => {
    expect(stack.stack.dashboardUrl).toBe(`${stack.stack.apiUrl}/dashboard/sign-in`);
    for (const broker of stack.stack.brokers) expect(broker.login).toEqual({ username: broker.id, password: expect.stringMatching(/.{12,}/) });
  });
});
