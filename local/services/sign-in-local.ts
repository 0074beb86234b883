/**
 * The user pool's managed login as the local stack stands it in, for the brokers' dashboard:
 * OpenID Connect discovery, a sign-in page, the authorization-code flow with PKCE (S256 only,
 * as Cognito requires of a public client), the token endpoint, the published keys and a
 * sign-out endpoint. The dashboard talks to it through openid-client exactly as it talks to
 * Cognito (functions/dashboard/sign-in-flow.ts); the tokens are the local issuer's
 * (local/local-jwt.ts), which the HTTP front's authorizers and the dashboard both check.
 *
 * The demo brokers' passwords are made once and kept in `<dataDir>/sign-in/logins.json`
 * (`.local/stack.json` lists them: api-contract.md). A code lives five minutes and is redeemed
 * once; an access token an hour, as the user pool's brokers' client issues them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { escapeHtml } from '../../functions/messages/escape-html.js';
import { BROKER_REQUESTS_SCOPE } from '../../infra/sign-in-claims.js';
import type { LocalJwtIssuer } from '../local-jwt.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { readCappedBody } from './read-capped-body.js';

export interface SignInLocalOptions {
  readonly port?: number;
  /** Issues the tokens; its `issuer` must be this server's URL (discovery names it). */
  readonly issuer: LocalJwtIssuer;
  /** The broker offices that may sign in, each its own user (username = the office). */
  readonly brokers: readonly string[];
  /** Where the passwords are kept. */
  readonly dataDir: string;
  /** Origins a `redirect_uri` or `logout_uri` may point at (the dashboard's). */
  readonly allowedOrigins: readonly string[];
}

export interface SignInLocal {
  readonly url: string;
  /** Each demo broker's login (`.local/stack.json`). */
  readonly logins: readonly { readonly brokerId: string; readonly username: string; readonly password: string }[];
  stop(): Promise<void>;
}

/** What a code was issued for. */
interface PendingCode {
  readonly brokerId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly expiresAt: number;
}

const CODE_LIFETIME_MS = 5 * 60 * 1000;
const ACCESS_TOKEN_SECONDS = 3600;
const MAX_FORM_BYTES = 16 * 1024;

export async function startSignInLocal(options: SignInLocalOptions): Promise<SignInLocal> {
  const logins = await loadOrCreateLogins(options.dataDir, options.brokers);
  const codes = new Map<string, PendingCode>();
  const url = options.issuer.issuer;
  const clientId = options.issuer.clients.broker;

  const allowed = (uri: string | null): uri is string => {
    if (!uri) return false;
    try {
      return options.allowedOrigins.includes(new URL(uri).origin);
    } catch {
      return false;
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'application/json', JSON.stringify({ error: 'server_error', error_description: String(error) }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? '/', url);
    const route = `${request.method} ${requestUrl.pathname}`;
    if (route === 'GET /.well-known/openid-configuration') return send(response, 200, 'application/json', JSON.stringify(discoveryDocument(url)));
    if (route === 'GET /.well-known/jwks.json') return send(response, 200, 'application/json', JSON.stringify(options.issuer.jwks));
    if (route === 'GET /oauth2/authorize' || route === 'POST /oauth2/authorize') {
      const form = request.method === 'POST' ? await formOf(request) : undefined;
      const params = form ?? requestUrl.searchParams;
      const refusal = authorizeRefusal(params);
      if (refusal) return send(response, 400, 'text/html; charset=utf-8', signInPage(params, refusal));
      if (!form) return send(response, 200, 'text/html; charset=utf-8', signInPage(params));
      const login = logins.find((candidate) => candidate.username === form.get('username'));
      if (!login || !sameSecret(login.password, form.get('password') ?? '')) {
        return send(response, 401, 'text/html; charset=utf-8', signInPage(params, 'Incorrect username or password.'));
      }
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        brokerId: login.brokerId,
        clientId,
        redirectUri: params.get('redirect_uri') ?? '',
        codeChallenge: params.get('code_challenge') ?? '',
        scope: params.get('scope') ?? '',
        expiresAt: Date.now() + CODE_LIFETIME_MS,
      });
      const back = new URL(params.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      const state = params.get('state');
      if (state) back.searchParams.set('state', state);
      response.writeHead(302, { location: back.href, 'cache-control': 'no-store' }).end();
      return;
    }
    if (route === 'POST /oauth2/token') {
      const form = (await formOf(request)) ?? new URLSearchParams();
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code);
      const verifier = form.get('code_verifier') ?? '';
      if (
        form.get('grant_type') !== 'authorization_code' ||
        !pending ||
        pending.expiresAt < Date.now() ||
        pending.clientId !== form.get('client_id') ||
        pending.redirectUri !== form.get('redirect_uri') ||
        createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge
      ) {
        return send(response, 400, 'application/json', JSON.stringify({ error: 'invalid_grant' }));
      }
      const scopes = pending.scope.split(' ').filter(Boolean);
      const accessToken = await options.issuer.issueBrokerToken(pending.brokerId, { scopes, lifetimeSeconds: ACCESS_TOKEN_SECONDS });
      const now = Math.floor(Date.now() / 1000);
      const idToken = await options.issuer.sign({ sub: pending.brokerId, aud: clientId, token_use: 'id', 'cognito:username': pending.brokerId, iat: now, exp: now + ACCESS_TOKEN_SECONDS });
      return send(response, 200, 'application/json', JSON.stringify({ access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS }));
    }
    if (route === 'GET /logout') {
      const back = requestUrl.searchParams.get('logout_uri');
      if (requestUrl.searchParams.get('client_id') !== clientId || !allowed(back)) return send(response, 400, 'text/plain; charset=utf-8', 'Unknown client or logout_uri');
      response.writeHead(302, { location: back }).end();
      return;
    }
    send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  /** Why an authorization request is refused, as managed login refuses it; undefined when it may go on. */
  function authorizeRefusal(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== clientId) return 'Unknown client.';
    if (params.get('response_type') !== 'code') return 'Only the authorization-code flow is allowed.';
    if (!allowed(params.get('redirect_uri'))) return 'This redirect_uri is not allowed.';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE with S256 is required.';
    return undefined;
  }

  const listening = await listenOnLoopback(server, options.port ? { port: options.port } : {});
  return {
    url: listening.endpoint,
    logins,
    stop: () => listening.close(),
  };
}

function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    end_session_endpoint: `${issuer}/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', 'email', BROKER_REQUESTS_SCOPE],
  };
}

/** The sign-in page: the authorization request's parameters carried as hidden fields. */
function signInPage(params: URLSearchParams, error?: string): string {
  const hidden = ['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · local sign-in</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1b1b}main{max-width:24rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #d0d4da;border-radius:6px}label{display:block;font-weight:600;margin-top:1rem}input{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin-top:.25rem;border:1px solid #6b7078;border-radius:4px}button{margin-top:1.25rem;font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#0b4f9c;color:#fff}.error{color:#8a1c1c;font-weight:600}.hint{color:#4a4f57;font-size:.9rem}</style>
</head><body><main>
<h1>Sign in</h1>
<p class="hint">The local stand-in for the user pool's sign-in page: the demo brokers' usernames and passwords are in <code>.local/stack.json</code>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth2/authorize">${hidden}
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></main></body></html>
`;
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const body = await readCappedBody(request, MAX_FORM_BYTES);
  return new URLSearchParams(body === 'too-large' ? '' : body.toString('utf8'));
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(body);
}

function sameSecret(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The demo brokers' logins, made on first start and kept, so `.local/stack.json` stays right across restarts. */
async function loadOrCreateLogins(dataDir: string, brokers: readonly string[]): Promise<{ brokerId: string; username: string; password: string }[]> {
  const file = path.join(dataDir, 'sign-in', 'logins.json');
  let stored: Record<string, string> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    stored = {};
  }
  let changed = false;
  for (const brokerId of brokers) {
    if (typeof stored[brokerId] !== 'string') {
      stored[brokerId] = `Demo-${randomBytes(9).toString('base64url')}!`;
      changed = true;
    }
  }
  if (changed) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return brokers.map((brokerId) => ({ brokerId, username: brokerId, password: stored[brokerId] as string }));
}
