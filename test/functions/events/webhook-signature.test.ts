/**
 * A webhook delivery's signature (functions/events/webhook-signature.ts): the signing service's
 * callback scheme under the product's header names, each broker with a secret of his own, and a
 * body that carries only what its detail-type documents.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NotAPortalEvent, webhookBodyOf } from '../../../functions/events/deliver-webhook.js';
import { portalEvent } from '../../../functions/events/portal-event.js';
import { webhookSecretFor } from '../../../functions/events/webhook-subscription.js';
import { verifyWebhookDelivery, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, webhookSignatureHeaders } from '../../../functions/events/webhook-signature.js';
import { callbackMac } from '../../../functions/signing-service/callback-authentication.js';

const SIGNED_AT = new Date('2026-11-20T09:30:00.000Z');
const SECRET = webhookSecretFor('the-stage-signing-key', 'broker-a', 1);
const EVENT = portalEvent('Grant Activated', {
  requestId: 'req_AbCdEfGhIjKlMnOpQrSt',
  brokerId: 'broker-a',
  clientRef: 'C-1001',
  grantId: 'g_Policyholder0001',
  at: '2026-11-20T09:29:58.123Z',
  audit: { chain: 'grant', seq: 2, hash: 'f'.repeat(64) },
  from: 'pending',
  to: 'active',
});
const BODY = JSON.stringify(webhookBodyOf({ 'detail-type': EVENT.detailType, source: EVENT.source, time: EVENT.time, detail: EVENT.detail }));

/** The Node snippet of docs/events.md, "Verifying a delivery", loaded as the module a receiver would write. */
async function documentedVerifier(): Promise<(rawBody: Buffer | string, headers: Record<string, string>, secret: string, nowMs?: number) => boolean> {
  const markdown = readFileSync(fileURLToPath(new URL('../../../docs/events.md', import.meta.url)), 'utf8');
  const snippet = /```js\n(\/\/ verify-portal-access-webhook\.mjs[\s\S]*?)```/.exec(markdown)?.[1];
  if (!snippet) throw new Error('docs/events.md has no verify-portal-access-webhook.mjs snippet');
  const dir = await mkdtemp(path.join(tmpdir(), 'webhook-snippet-'));
  try {
    const file = path.join(dir, 'verify-portal-access-webhook.mjs');
    await writeFile(file, snippet);
    return ((await import(pathToFileURL(file).href)) as { verifyPortalAccessWebhook: Awaited<ReturnType<typeof documentedVerifier>> }).verifyPortalAccessWebhook;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('webhook signature', () => {
  it("signs `<timestamp>.<body>` with the callbacks' MAC function, as `sha256=<hex>`, and the timestamp in Unix seconds", () => {
    const headers = webhookSignatureHeaders(SECRET, BODY, SIGNED_AT);
    expect(headers[WEBHOOK_TIMESTAMP_HEADER]).toBe(String(SIGNED_AT.getTime() / 1000));
    expect(headers[WEBHOOK_SIGNATURE_HEADER]).toBe(`sha256=${callbackMac(SECRET, headers[WEBHOOK_TIMESTAMP_HEADER]!, BODY).toString('hex')}`);
    expect(Object.keys(headers).sort()).toEqual(['x-portal-access-signature', 'x-portal-access-timestamp']);
  });

  it('is verified within five minutes, and refused for a changed body, another broker\'s secret, or outside the window', () => {
    const headers = webhookSignatureHeaders(SECRET, BODY, SIGNED_AT);
    const verify = (body: string, secret: string, now: Date) => verifyWebhookDelivery({ headers, body, secret, now });
    expect(verify(BODY, SECRET, new Date(SIGNED_AT.getTime() + 299_000)).authentic).toBe(true);
    expect(verify(BODY.replace('"active"', '"revoked"'), SECRET, SIGNED_AT)).toEqual({ authentic: false, refusal: 'bad_signature' });
    expect(verify(BODY, webhookSecretFor('the-stage-signing-key', 'broker-b', 1), SIGNED_AT)).toEqual({ authentic: false, refusal: 'bad_signature' });
    expect(verify(BODY, SECRET, new Date(SIGNED_AT.getTime() + 301_000))).toEqual({ authentic: false, refusal: 'outside_window' });
  });

  it("the documentation's Node snippet accepts a delivery and refuses a tampered, re-signed-by-another or stale one", async () => {
    const verifyPortalAccessWebhook = await documentedVerifier();
    const headers = webhookSignatureHeaders(SECRET, BODY, SIGNED_AT);
    const now = SIGNED_AT.getTime() + 60_000;
    expect(verifyPortalAccessWebhook(Buffer.from(BODY), headers, SECRET, now)).toBe(true);
    expect(verifyPortalAccessWebhook(BODY.replace('C-1001', 'C-1002'), headers, SECRET, now)).toBe(false);
    expect(verifyPortalAccessWebhook(BODY, webhookSignatureHeaders('another secret', BODY, SIGNED_AT), SECRET, now)).toBe(false);
    expect(verifyPortalAccessWebhook(BODY, headers, SECRET, SIGNED_AT.getTime() + 301_000)).toBe(false);
    expect(verifyPortalAccessWebhook(BODY, { ...headers, [WEBHOOK_SIGNATURE_HEADER]: 'sha256=zz' }, SECRET, now)).toBe(false);
  });

  it('gives each broker and each secret version a secret of its own (64 hex digits), the same at every derivation', () => {
    const secrets = [webhookSecretFor('key', 'broker-a', 1), webhookSecretFor('key', 'broker-a', 2), webhookSecretFor('key', 'broker-b', 1), webhookSecretFor('other key', 'broker-a', 1)];
    for (const secret of secrets) expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(webhookSecretFor('key', 'broker-a', 1)).toBe(secrets[0]);
  });
});

describe('webhook body', () => {
  it('posts the event as the bus holds it, its detail reduced to the documented fields', () => {
    const smuggled = { ...EVENT.detail, email: 'hans.muller@example.be', lastName: 'Müller' };
    const body = webhookBodyOf({ 'detail-type': EVENT.detailType, source: EVENT.source, time: EVENT.time, detail: smuggled });
    expect(body).toEqual({ 'detail-type': 'Grant Activated', source: 'portal-access.grants', time: EVENT.time, detail: EVENT.detail });
    expect(JSON.stringify(body)).not.toMatch(/Müller|hans/);
  });

  it('refuses an event that is not one of the product\'s (another source, an unknown detail-type)', () => {
    expect(() => webhookBodyOf({ 'detail-type': 'Grant Activated', source: 'portal-access.requests', time: EVENT.time, detail: EVENT.detail })).toThrow(NotAPortalEvent);
    expect(() => webhookBodyOf({ 'detail-type': 'Grant Deleted', source: 'portal-access.grants', time: EVENT.time, detail: EVENT.detail })).toThrow(NotAPortalEvent);
  });
});
