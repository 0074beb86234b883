/**
 * The local stack as the integration tests drive it: real servers, the synthesized workflow,
 * a manual clock for every task timeout (tests advance time, never sleep), no retry backoff.
 * Each helper speaks HTTP to the stack exactly as a broker, a signer, a grantee or the portal would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../../../local/local-stack.js';
import type { LocalStack, LocalStackOptions, LocalStackPorts } from '../../../local/local-stack.js';
import type { CapturedEmail } from '../../../local/services/ses-local.js';
import { ManualClock } from '../../../local/stepfunctions/clock.js';
import { advanceStack, settleStack } from './stack-time.js';

export interface TestStack {
  readonly stack: LocalStack;
  readonly clock: ManualClock;
  readonly dataDir: string;
  /** Lets every running step finish: after it, every execution waits on a person or a timer. */
  settle(): Promise<void>;
  /**
   * Moves the stack's clock forward (signature and activation rounds), runs the scheduled jobs
   * that became due (housekeeping, TTL, lifecycle), then settles.
   */
  advance(ms: number): Promise<void>;
  /** Stops the stack and starts it again on the same data and ports (a restart of `npm start`). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  broker(index?: 0 | 1): BrokerClient;
  portal: PortalClient;
  mails(to?: string): Promise<CapturedEmail[]>;
}

/**
 * One stack for the calling test file: started before its tests, stopped after them. The
 * answer stands for that stack (it forwards to it once started).
 */
export function useTestStack(options: TestStackOptions = {}): TestStack {
  let current: TestStack | undefined;
  beforeAll(async () => {
    current = await startTestStack(options);
  });
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as TestStack, {
    get(_target, key) {
      if (!current) throw new Error('The test stack is used before it started (use it inside a test)');
      return Reflect.get(current, key);
    },
  });
}

export interface TestStackOptions {
  /** Fault-injecting proxies between the functions and each AWS service (`stack.faults`). */
  readonly faultProxies?: boolean;
  /** The HTTP front throttles each route at the template's limits, its buckets refilled on the test's clock (429 past them). */
  readonly routeThrottling?: boolean;
  /** Webhook subscriptions (docs/events.md), read when the stack starts: e.g. the URL of a receiver the test started first. */
  readonly webhooks?: () => LocalStackOptions['webhooks'];
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portal-access-it-'));
  const clock = new ManualClock(Date.now());
  const faultProxies = options.faultProxies ?? false;
  const routeThrottling = options.routeThrottling ?? false;
  const webhooks = options.webhooks?.() ?? [];
  let stack = await startLocalStack({ dataDir, clock, retryIntervalMs: 0, faultProxies, routeThrottling, webhooks });
  let ports: LocalStackPorts = stack.ports;
  const settle = () => settleStack(stack);
  const self: TestStack = {
    get stack() {
      return stack;
    },
    clock,
    dataDir,
    settle,
    advance: (ms) => advanceStack(stack, clock, ms),
    async restart() {
      await stack.stop();
      stack = await startLocalStack({ dataDir, clock, ports, retryIntervalMs: 0, faultProxies, routeThrottling, webhooks });
      ports = stack.ports;
    },
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    broker: (index = 0) => new BrokerClient(() => stack.apiUrl, () => stack.brokers[index]?.token ?? ''),
    portal: undefined as unknown as PortalClient,
    async mails(to) {
      const all = await stack.listEmails();
      return to ? all.filter((mail) => mail.to.includes(to)) : all;
    },
  };
  Object.assign(self, { portal: new PortalClient(() => stack.apiUrl, () => stack.portalToken) });
  return self;
}

export interface JsonAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

async function jsonCall<T>(url: string, init: RequestInit): Promise<JsonAnswer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

export class BrokerClient {
  constructor(
    private readonly apiUrl: () => string,
    private readonly token: () => string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token()}`, 'content-type': 'application/json', ...extra };
  }

  submit(body: unknown, idempotencyKey?: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/requests`, {
      method: 'POST',
      headers: this.headers(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      body: JSON.stringify(body),
    });
  }

  get(id: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/requests/${id}`, { headers: this.headers() });
  }

  list(query = ''): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/requests${query}`, { headers: this.headers() });
  }

  review(id: string, decision: 'approve' | 'reject', reason?: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/requests/${id}/review`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ decision, reason }),
    });
  }

  cancel(id: string, reason?: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/requests/${id}/cancel`, { method: 'POST', headers: this.headers(), body: JSON.stringify({ reason }) });
  }

  remind(id: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/requests/${id}/remind`, { method: 'POST', headers: this.headers() });
  }

  exportClient(clientRef: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/clients/${encodeURIComponent(clientRef)}/personal-data`, { headers: this.headers() });
  }

  eraseClient(clientRef: string, reason: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/clients/${encodeURIComponent(clientRef)}/erase`, { method: 'POST', headers: this.headers(), body: JSON.stringify({ reason }) });
  }

  revoke(grantId: string, reason: string): Promise<JsonAnswer<any>> {
    return jsonCall(`${this.apiUrl()}/v1/grants/${grantId}/revoke`, { method: 'POST', headers: this.headers(), body: JSON.stringify({ reason }) });
  }
}

export class PortalClient {
  constructor(
    private readonly apiUrl: () => string,
    private readonly token: () => string,
  ) {}

  private get headers() {
    return { authorization: `Bearer ${this.token()}` };
  }

  access(email: string, clientRef: string, contract: string): Promise<JsonAnswer<{ allowed: boolean; grantId?: string }>> {
    const query = new URLSearchParams({ email, clientRef, contract });
    return jsonCall(`${this.apiUrl()}/v1/portal/access?${query}`, { headers: this.headers });
  }

  grants(email: string, status?: string): Promise<JsonAnswer<{ items: any[] }>> {
    const query = new URLSearchParams({ email, ...(status ? { status } : {}) });
    return jsonCall(`${this.apiUrl()}/v1/portal/grants?${query}`, { headers: this.headers });
  }

  form(grantId: string): Promise<Response> {
    return fetch(`${this.apiUrl()}/v1/portal/grants/${grantId}/form`, { headers: this.headers });
  }
}

/** The single link of a given kind in an e-mail's text. */
export function linkIn(mail: CapturedEmail, kind: 'sign' | 'activate'): string {
  const match = mail.text?.match(new RegExp(`https?://[^\\s]+/${kind}/[A-Za-z0-9_-]{43}`));
  if (!match) throw new Error(`No /${kind}/ link in the e-mail "${mail.subject}"`);
  return match[0];
}

/** A small but real PDF, standing in for the scan of a form signed by hand. */
export const SCANNED_FORM = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export async function uploadScan(signLink: string, bytes: Uint8Array = SCANNED_FORM, contentType = 'application/pdf'): Promise<Response> {
  return fetch(`${signLink}/scan`, { method: 'POST', headers: { 'content-type': contentType, accept: 'application/json' }, body: bytes });
}

export async function activate(activateLink: string): Promise<Response> {
  return fetch(activateLink, { method: 'POST', headers: { accept: 'application/json' } });
}

export async function decline(signLink: string, reason: string): Promise<Response> {
  return fetch(`${signLink}/decline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ reason }),
  });
}
