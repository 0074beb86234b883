/**
 * Advanced signatures through a signing service (R3), on the local stack with its local test
 * signing service (local/services/signing-service-local.ts): the signer is sent to the service,
 * confirms there, the service signs the form (a real PAdES signature under its own root, which the
 * stack trusts from `.local/trust/`) and calls back; the product re-reads the session from the
 * service, downloads the signed PDF and verifies it as it verifies an eID upload. The callback is
 * authenticated by its HMAC (a bad one is refused and moves nothing), a replay is refused, and a
 * second callback for a settled session moves nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTrustDir } from '../../local/local-stack.js';
import { SIGNING_SERVICE_TRUST_FILE_NAME } from '../../local/services/signing-service-local.js';
import { callbackHeaders } from '../../functions/signing-service/callback-authentication.js';
import { companyRequestFiledByEmployee, naturalClientRequest, PEOPLE } from '../fixtures/access-request-builder.js';
import { activateAll, fileRequest, historyTypes, latestLink, statusOf } from './support/request-story.js';
import { formPost, sessionIdOf, SigningServiceApi, stackSecret, startAdvancedSigning } from './support/signing-service-client.js';
import { useTestStack } from './support/test-stack.js';
import { createNssDatabase, pdfsigReport } from './support/poppler-pdfsig.js';

const stack = useTestStack();
const hans = PEOPLE.hans();

interface HistoryEntry {
  readonly type: string;
  readonly details: Record<string, unknown>;
}

async function historyOf(id: string): Promise<HistoryEntry[]> {
  return (await stack.broker().get(id)).body.history as HistoryEntry[];
}

/** Files Hans's request and sends him to the signing service: the request id, his link and the session's page. */
async function hansAtTheSigningService(clientRef: string): Promise<{ id: string; link: string; signerUrl: string; sessionId: string }> {
  const id = await fileRequest(stack, naturalClientRequest({ clientRef, requester: { ...hans }, signatureMethods: ['advanced', 'eid'] }));
  const link = await latestLink(stack, hans.email, 'sign');
  const signerUrl = await startAdvancedSigning(link);
  return { id, link, signerUrl, sessionId: sessionIdOf(signerUrl) };
}

/** The signer presses Confirm on the service's page; the service answers 303 back to the product. */
async function confirm(signerUrl: string, fields: Record<string, string> = {}): Promise<string> {
  const answer = await formPost(`${signerUrl}/confirm`, fields);
  expect(answer.status, await answer.clone().text()).toBe(303);
  return answer.headers.get('location') ?? '';
}

function callbackUrl(): string {
  return `${stack.stack.apiUrl}/v1/signing-service/callback`;
}

function postCallback(headers: Record<string, string>, body: string): Promise<Response> {
  return fetch(callbackUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('an advanced signature through the signing service (R3)', () => {
  it('takes a natural person from the signing link through the service to AWAITING_ACTIVATION and COMPLETED', async () => {
    const { id, link, signerUrl, sessionId } = await hansAtTheSigningService('C-ADV-1');
    expect(signerUrl.startsWith(`${stack.stack.signingServiceUrl}/sessions/`)).toBe(true);
    // The signing page offers the service with a plain form post (no script needed).
    expect(await (await fetch(link)).text()).toContain(`<form method="post" action="${new URL(link).pathname}/advanced">`);

    // A second press while the session is open answers the same session (as JSON for an API client).
    const again = await fetch(`${link}/advanced`, { method: 'POST', headers: { accept: 'application/json' } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ url: signerUrl });

    // The service's page names the document and the signer, and offers a plain Confirm form.
    const page = await (await fetch(signerUrl)).text();
    expect(page).toContain(`access-request-${id}.pdf`);
    expect(page).toContain('Hans Müller');
    expect(page).toContain(`action="/sessions/${sessionId}/confirm"`);

    const back = await confirm(signerUrl);
    expect(back).toBe(`${link}/advanced`);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');

    // Back at the product: the thank-you page; the signature was verified, not merely received.
    const returned = await fetch(back, { redirect: 'manual' });
    expect(returned.status).toBe(200);
    expect(returned.headers.get('content-type')).toContain('text/html');
    expect(await (await fetch(back, { headers: { accept: 'application/json' } })).json()).toEqual({ status: 'signed' });

    const received = (await historyOf(id)).filter((entry) => entry.type === 'signatureReceived');
    expect(received).toHaveLength(1);
    expect(received[0]?.details).toMatchObject({ role: 'requester', method: 'advanced', contentType: 'application/pdf', verdict: { subFilter: 'ETSI.CAdES.detached', revocation: 'not_checked' } });
    expect(String((received[0]?.details.verdict as { subject: string }).subject)).toContain('Hans Müller');

    // The service was called back once, and the product answered it 200.
    const api = await SigningServiceApi.of(stack.stack.signingServiceUrl);
    expect((await api.deliveries(sessionId)).map((delivery) => delivery.answerStatus)).toEqual([200]);

    await activateAll(stack, [hans.email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
  });

  it('refuses a replayed callback (409), and a second freshly signed callback for the settled session moves nothing (200)', async () => {
    const { id, signerUrl, sessionId } = await hansAtTheSigningService('C-ADV-2');
    await confirm(signerUrl);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const history = await historyTypes(stack, id);
    const api = await SigningServiceApi.of(stack.stack.signingServiceUrl);
    const [delivered] = await api.deliveries(sessionId);
    if (!delivered) throw new Error('The service sent no callback');

    const replayed = await postCallback(delivered.headers, delivered.body);
    expect(replayed.status).toBe(409);

    const fresh = await api.sendCallback(sessionId);
    expect(fresh.headers['x-signing-service-signature']).not.toBe(delivered.headers['x-signing-service-signature']);
    expect(fresh.answerStatus).toBe(200);
    await stack.settle();
    expect(await historyTypes(stack, id)).toEqual(history);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
  });

  it('records one signature when two callbacks for a finished session arrive at once', async () => {
    const { id, signerUrl, sessionId } = await hansAtTheSigningService('C-ADV-9');
    await confirm(signerUrl, { callback: 'hold' });
    const api = await SigningServiceApi.of(stack.stack.signingServiceUrl);
    const deliveries = await Promise.all([api.sendCallback(sessionId), api.sendCallback(sessionId)]);
    expect(deliveries.map((delivery) => delivery.answerStatus)).toEqual([200, 200]);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    expect((await historyTypes(stack, id)).filter((type) => type === 'signatureReceived')).toEqual(['signatureReceived']);
  });

  it('answers 401 to a callback with a bad MAC and changes nothing; the genuine callback then records the signature', async () => {
    const { id, signerUrl, sessionId } = await hansAtTheSigningService('C-ADV-3');
    // The service signs, but its callback is held back: only a callback can tell the product now.
    await confirm(signerUrl, { callback: 'hold' });
    const api = await SigningServiceApi.of(stack.stack.signingServiceUrl);
    expect(await api.status(sessionId)).toBe('finished');
    const history = await historyTypes(stack, id);

    const secret = await stackSecret('SIGNING_CALLBACK_SECRET_ARN');
    const body = JSON.stringify({ sessionId, status: 'finished' });
    const forgeries: [string, Record<string, string>, string][] = [
      ['signed with another secret', callbackHeaders('not the shared secret', body, new Date()), body],
      ['signed six minutes ago', callbackHeaders(secret, body, new Date(Date.now() - 6 * 60_000)), body],
      ['its body changed after signing', callbackHeaders(secret, JSON.stringify({ sessionId: 'AAAAAAAAAAAAAAAAAAAAAA', status: 'finished' }), new Date()), body],
      ['no signature at all', {}, body],
    ];
    for (const [label, headers, sent] of forgeries) {
      const answer = await postCallback(headers, sent);
      expect(answer.status, label).toBe(401);
      expect(await answer.json(), label).toMatchObject({ error: 'unauthorized' });
    }
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect(await historyTypes(stack, id)).toEqual(history);

    // The same callback, signed with the shared secret: it was the MAC alone that moved nothing.
    expect((await api.sendCallback(sessionId)).answerStatus).toBe(200);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
  });

  it('learns of a signature whose callback never came when the signer returns from the service', async () => {
    const { id, signerUrl } = await hansAtTheSigningService('C-ADV-4');
    const back = await confirm(signerUrl, { callback: 'hold' });
    const returned = await fetch(back, { headers: { accept: 'application/json' } });
    expect(await returned.json()).toEqual({ status: 'signed' });
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
  });

  it("answers the provider 200 for a PDF the product refuses, records only the refused attempt, says so to the signer, and keeps the link usable", async () => {
    const { id, link, signerUrl } = await hansAtTheSigningService('C-ADV-5');
    // The service's root taken out of the trust folder: its signature no longer chains to a trusted root.
    const trustFile = path.join(localTrustDir(stack.dataDir), `${SIGNING_SERVICE_TRUST_FILE_NAME}.pem`);
    const rootPem = await readFile(trustFile);
    await rm(trustFile);
    let back: string;
    try {
      back = await confirm(signerUrl);
    } finally {
      await writeFile(trustFile, rootPem);
    }
    const api = await SigningServiceApi.of(stack.stack.signingServiceUrl);
    expect((await api.deliveries(sessionIdOf(signerUrl))).map((delivery) => delivery.answerStatus)).toEqual([200]);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    const refused = (await historyOf(id)).filter((entry) => entry.type === 'signatureRefused');
    expect(refused.map((entry) => entry.details)).toEqual([expect.objectContaining({ role: 'requester', method: 'advanced', reason: 'untrusted' })]);
    expect((await historyTypes(stack, id)).filter((type) => type === 'signatureReceived')).toEqual([]);

    // The signer's page says it failed, and why; the link still opens the signing page.
    expect(await (await fetch(back, { headers: { accept: 'application/json' } })).json()).toEqual({ status: 'refused', reason: 'untrusted' });
    const failedPage = await fetch(back);
    expect(failedPage.status).toBe(200);
    expect(await failedPage.text()).toContain(`/sign/${link.split('/').at(-1)}`);
    expect((await fetch(link)).status).toBe(200);

    // A new press starts a new session, which, trusted again, signs.
    const secondUrl = await startAdvancedSigning(link);
    expect(secondUrl).not.toBe(signerUrl);
    await confirm(secondUrl);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
  });

  it('leaves a session the signer declined at the service to him: nothing recorded, back to the signing page, a new session on the next press', async () => {
    const { id, link, signerUrl } = await hansAtTheSigningService('C-ADV-6');
    const history = await historyTypes(stack, id);
    const declined = await formPost(`${signerUrl}/decline`);
    expect(declined.status).toBe(303);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect(await historyTypes(stack, id)).toEqual(history);

    const returned = await fetch(`${link}/advanced`, { redirect: 'manual' });
    expect(returned.status).toBe(303);
    expect(returned.headers.get('location')).toBe(link);
    expect(await (await fetch(`${link}/advanced`, { headers: { accept: 'application/json' } })).json()).toEqual({ status: 'ended' });
    expect(await startAdvancedSigning(link)).not.toBe(signerUrl);
  });

  it("has a company's legal representative sign over the requester's signature, both through the service (R6)", async () => {
    const lukasz = PEOPLE.lukasz();
    const elif = PEOPLE.elif();
    const id = await fileRequest(stack, companyRequestFiledByEmployee({ clientRef: 'C-ADV-7', signatureMethods: ['advanced'] }));
    await confirm(await startAdvancedSigning(await latestLink(stack, lukasz.email, 'sign')));
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_LEGAL_REPRESENTATIVE');

    const elifSession = sessionIdOf(await startAdvancedSigning(await latestLink(stack, elif.email, 'sign')));
    await confirm(`${stack.stack.signingServiceUrl}/sessions/${elifSession}`);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const received = (await historyOf(id)).filter((entry) => entry.type === 'signatureReceived');
    expect(received.map((entry) => [entry.details.role, entry.details.method])).toEqual([
      ['requester', 'advanced'],
      ['legalRepresentative', 'advanced'],
    ]);
    expect(String((received[1]?.details.verdict as { subject: string }).subject)).toContain('Elif Şahin');

    // Software not written here (poppler's pdfsig), trusting only the service's root, finds both signatures valid.
    const api = await SigningServiceApi.of(stack.stack.signingServiceUrl);
    const signed = await fetch(`${stack.stack.signingServiceUrl}/api/sessions/${elifSession}/signed.pdf`, { headers: { authorization: `Bearer ${await stackSecret('SIGNING_SERVICE_API_KEY_SECRET_ARN')}` } });
    expect(signed.status).toBe(200);
    expect(await api.status(elifSession)).toBe('finished');
    const dir = await mkdtemp(path.join(tmpdir(), 'portal-access-pdfsig-'));
    try {
      const rootPem = await readFile(path.join(localTrustDir(stack.dataDir), `${SIGNING_SERVICE_TRUST_FILE_NAME}.pem`), 'utf8');
      const database = await createNssDatabase(dir, [{ pem: rootPem }]);
      const file = path.join(dir, 'signed.pdf');
      await writeFile(file, new Uint8Array(await signed.arrayBuffer()));
      const report = await pdfsigReport(database, file);
      expect(report.signatures.map((signature) => [signature.commonName, signature.subFilter, signature.signatureValidation, signature.certificateValidation])).toEqual([
        ['Łukasz Wiśniewski', 'ETSI.CAdES.detached', 'Signature is Valid.', 'Certificate is Trusted.'],
        ['Elif Şahin', 'ETSI.CAdES.detached', 'Signature is Valid.', 'Certificate is Trusted.'],
      ]);
      expect(report.signatures.at(-1)?.totalDocumentSigned).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start a session for a request that does not accept an advanced signature (R3)', async () => {
    const scanOnly = { ...hans, email: 'hans.scan-only@example.be' };
    await fileRequest(stack, naturalClientRequest({ clientRef: 'C-ADV-8', requester: scanOnly, signatureMethods: ['handwritten'] }));
    const answer = await fetch(`${await latestLink(stack, scanOnly.email, 'sign')}/advanced`, { method: 'POST', headers: { accept: 'application/json' } });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { issues: { rule: string }[] }).issues[0]?.rule).toBe('R3');
  });
});
