/**
 * The form signed with the Belgian eID (R3), uploaded and verified by the product itself on the
 * local stack: accepted past the broker's review when every check holds, refused with its own
 * reason otherwise (api-contract.md, `422 signature_refused`), with nothing kept but the audit
 * entry of the attempt and the link still usable.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo-table.js';
import { localTrustDir } from '../../local/local-stack.js';
import { writeRootPem } from '../../local/signing/test-pki.js';
import { MAX_RECORDED_REFUSALS } from '../../functions/http/signer/receive-signature.js';
import type { RefusalReason } from '../../functions/signatures/signature-verdict.js';
import { naturalClientRequest, PEOPLE } from '../fixtures/access-request-builder.js';
import { createTestEidPki, signAsEid, type TestEidPki } from '../support/eid-signer.js';
import { fileRequest, historyTypes, latestLink, statusOf } from './support/request-story.js';
import { uploadScan, useTestStack } from './support/test-stack.js';

const stack = useTestStack();
const hans = PEOPLE.hans();
let trusted: TestEidPki;
let untrusted: TestEidPki;

beforeAll(async () => {
  [trusted, untrusted] = await Promise.all([createTestEidPki('Test Belgium Root CA4'), createTestEidPki('Unknown Root CA')]);
  // Dropped into the running stack's trust folder: counted from the next verification on.
  await writeRootPem(localTrustDir(stack.dataDir), 'test-belgium-root-ca4', trusted.root);
});

async function formOf(link: string): Promise<Uint8Array> {
  const answer = await fetch(`${link}/form.pdf`);
  expect(answer.status).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

async function sendEid(link: string, pdf: Uint8Array): Promise<Response> {
  return fetch(`${link}/eid`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: pdf });
}

async function newSigning(clientRef: string): Promise<{ id: string; link: string; form: Uint8Array }> {
  const id = await fileRequest(stack, naturalClientRequest({ clientRef }));
  const link = await latestLink(stack, hans.email, 'sign');
  return { id, link, form: await formOf(link) };
}

describe('an eID-signed form (R3)', () => {
  it('is verified and recorded with its verdict, and the request goes on to activation without a review (R9 is for scans)', async () => {
    const { id, link, form } = await newSigning('C-EID-1');
    const signed = await signAsEid(form, trusted, { person: hans });

    const answer = await sendEid(link, signed);
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'verified', method: 'eid' });
    await stack.settle();

    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const view = (await stack.broker().get(id)).body;
    const received = (view.history as { type: string; details: Record<string, unknown> }[]).find((entry) => entry.type === 'signatureReceived');
    expect(received?.details).toMatchObject({
      method: 'eid',
      verdict: { algorithm: 'ECDSA-P384-SHA384', subFilter: 'ETSI.CAdES.detached', revocation: 'not_checked' },
    });
    expect(String((received?.details.verdict as { subject: string }).subject)).toContain('Müller');
    // The national register number is evidence kept with the request, never shown to the broker.
    expect(JSON.stringify(view)).not.toContain('85073003328');
    // The request item keeps what the signature is (its document, hash, the number); the verdict is in the trail only, written once.
    const table = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    try {
      const { Item } = await table.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: keys.request(id), ConsistentRead: true }));
      expect(Item?.signatures?.requester).toMatchObject({ method: 'eid', sha256: expect.any(String), nationalRegisterNumber: '85073003328' });
      expect(Item?.signatures?.requester).not.toHaveProperty('verdict');
    } finally {
      table.destroy();
    }
    // The link was spent by the accepted signature.
    expect((await sendEid(link, signed)).status).toBe(410);
  });

  it('accepts an older card’s RSA key with the adbe.pkcs7.detached sub-filter', async () => {
    const { link, form } = await newSigning('C-EID-2');
    const answer = await sendEid(link, await signAsEid(form, trusted, { person: hans, algorithm: 'RSA-PKCS1-SHA256', subFilter: 'adbe.pkcs7.detached' }));
    expect(answer.status, await answer.clone().text()).toBe(200);
  });
});

/** Each refusal reason of the contract, with the file that earns it. */
const REFUSALS: readonly [RefusalReason, string, (form: Uint8Array) => Promise<Uint8Array>][] = [
  ['not_pdf', 'a PNG sent as the signed form', async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
  ['unsigned', 'the form as downloaded, never signed', async (form) => form],
  ['broken', 'a signature whose value was altered', async (form) => alterSignatureValue(await signAsEid(form, trusted, { person: hans }))],
  ['modified', 'bytes appended after the signed revision', async (form) => appendBytes(await signAsEid(form, trusted, { person: hans }), '\n% changed after signing\n')],
  ['other_document', "another request's form, signed", async () => signAsEid(otherForm, trusted, { person: hans })],
  ['other_signer', 'the form signed by someone else', async (form) => signAsEid(form, trusted, { person: PEOPLE.francoise() })],
  ['untrusted', 'a certificate under a root nobody configured', async (form) => signAsEid(form, untrusted, { person: hans })],
  [
    'not_valid_at_signing',
    'a certificate that had expired when the form was signed',
    async (form) => signAsEid(form, trusted, { person: hans, notBefore: new Date(Date.now() - 3 * DAY), notAfter: new Date(Date.now() - DAY) }),
  ],
  [
    'active_content',
    'a signed form with JavaScript added after the signature',
    async (form) => appendBytes(await signAsEid(form, trusted, { person: hans }), '\n9999 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n'),
  ],
];

const DAY = 24 * 3600 * 1000;
let otherForm: Uint8Array;

describe('a signed PDF refused (R3): its own reason, nothing kept but the audit entry, the link still usable', () => {
  beforeAll(async () => {
    otherForm = (await newSigning('C-EID-OTHER')).form;
  });

  it.each(REFUSALS)('%s: %s', async (reason, _case, make) => {
    const { id, link, form } = await newSigning(`C-EID-${reason.replaceAll('_', '-').toUpperCase()}`);
    const answer = await sendEid(link, await make(form));
    const body = (await answer.json()) as { error: string; reason: string; message: string };
    expect(answer.status, JSON.stringify(body)).toBe(422);
    expect(body).toMatchObject({ error: 'signature_refused', reason });
    expect(String(body.message).length).toBeGreaterThan(10);

    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    const view = (await stack.broker().get(id)).body;
    const attempt = (view.history as { type: string; details: Record<string, unknown> }[]).find((entry) => entry.type === 'signatureRefused');
    expect(attempt?.details).toMatchObject({ role: 'requester', method: 'eid', reason });
    expect(view.documents).not.toHaveProperty('requester-signature');
    expect((await fetch(link)).status).toBe(200);

    // The same link then takes a good signature.
    const good = await sendEid(link, await signAsEid(form, trusted, { person: hans }));
    expect(good.status, await good.clone().text()).toBe(200);
  });

  it('refuses a scanned PDF whose OpenAction runs JavaScript (active_content), in the page for a browser too', async () => {
    const { id, link } = await newSigning('C-SCAN-JS');
    const scan = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj 3 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const json = await uploadScan(link, scan);
    expect(json.status).toBe(422);
    expect(await json.json()).toMatchObject({ error: 'signature_refused', reason: 'active_content' });

    const page = await fetch(`${link}/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: scan });
    expect(page.status).toBe(422);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('scripts');
    expect(await historyTypes(stack, id)).toContain('signatureRefused');
  });
});

describe('refused attempts in the trail (I3: bounded)', () => {
  it(`records at most ${MAX_RECORDED_REFUSALS} refused attempts of one signer, and still answers every later one`, async () => {
    const { id, link, form } = await newSigning('C-EID-MANY-REFUSED');
    for (let attempt = 0; attempt <= MAX_RECORDED_REFUSALS; attempt++) {
      const answer = await sendEid(link, form);
      expect(answer.status, `attempt ${attempt + 1}`).toBe(422);
    }
    const refused = (await historyTypes(stack, id)).filter((type) => type === 'signatureRefused');
    expect(refused).toHaveLength(MAX_RECORDED_REFUSALS);
    expect((await sendEid(link, await signAsEid(form, trusted, { person: hans }))).status).toBe(200);
  });
});

function appendBytes(pdf: Uint8Array, text: string): Uint8Array {
  return new Uint8Array([...pdf, ...new TextEncoder().encode(text)]);
}

/** Flips one hex digit near the end of the signature's `/Contents` (inside the signature value, before the zero padding). */
function alterSignatureValue(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const last = [...text.matchAll(/\/Contents\s*</g)].at(-1);
  if (!last) throw new Error('No /Contents in the signed PDF');
  const start = last.index + last[0].length;
  const end = text.indexOf('>', start);
  const hex = text.slice(start, end).replace(/0+$/, '');
  const at = start + hex.length - 8;
  const altered = Buffer.from(pdf);
  altered[at] = altered[at] === 0x30 ? 0x31 : 0x30;
  return new Uint8Array(altered);
}
