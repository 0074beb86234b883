/**
 * A company's legal representative approves by signing (R6), with her eID (R3): once the requester
 * has signed, Elif opens her signing link, is told she approves as the company's representative,
 * downloads the PDF the requester signed, signs it in her eID software (a test eID under a root
 * the stack trusts, test/support/eid-signer.ts) and uploads it through the page, which confirms
 * it; the request moves on to the grantees' activation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localTrustDir } from '../../local/local-stack.js';
import { writeRootPem } from '../../local/signing/test-pki.js';
import { textsFor } from '../../functions/messages/message-texts.js';
import { companyRequestFiledByEmployee, PEOPLE } from '../fixtures/access-request-builder.js';
import { createTestEidPki, signAsEid, type TestEidPki } from '../support/eid-signer.js';
import { uploadThroughStorage } from '../integration/support/presigned-upload.js';
import { fileRequest, latestLink, statusOf } from '../integration/support/request-story.js';
import { useTestStack } from '../integration/support/test-stack.js';
import { expectAccessibleOnPhoneAndDesktop } from './support/axe.js';
import { useBrowser } from './support/browser.js';

const stack = useTestStack();
const browser = useBrowser();
const fr = textsFor('fr').page;
const lukasz = PEOPLE.lukasz();
const elif = PEOPLE.elif();
let eid: TestEidPki;

beforeAll(async () => {
  eid = await createTestEidPki('Test Belgium Root CA E2E');
  await writeRootPem(localTrustDir(stack.dataDir), 'test-belgium-root-ca-e2e', eid.root);
});

async function download(url: string): Promise<Uint8Array> {
  const answer = await fetch(url);
  expect(answer.status, url).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

describe('a legal representative uploads the form signed with her eID (R3, R6)', () => {
  it('takes her eID-signed PDF through the page after the requester signed, and the request awaits activation', async () => {
    const id = await fileRequest(stack, companyRequestFiledByEmployee({ clientRef: 'C-E2E-R6', language: 'fr' }));
    // Łukasz, the employee who asked, signs first (by eID, through the API as the page would).
    const lukaszLink = await latestLink(stack, lukasz.email, 'sign');
    const signedByLukasz = await signAsEid(await download(`${lukaszLink}/form.pdf`), eid, { person: lukasz });
    const confirmed = await uploadThroughStorage(lukaszLink, 'eid', new Uint8Array(signedByLukasz));
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_LEGAL_REPRESENTATIVE');

    const elifLink = await latestLink(stack, elif.email, 'sign');
    const page = await browser.openPage('phone', { locale: 'fr-BE' });
    await page.goto(elifLink);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // R6: she is told she approves as the company's legal representative.
    await page.getByText(/représentant légal de Bakkerij Peeters BV/).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the legal representative’s signing page');

    // The document she signs is the PDF Łukasz signed (R6), offered on the page.
    const formHref = await page.getByRole('link', { name: fr.signing.formLink }).getAttribute('href');
    expect(formHref).toBeTruthy();
    const toSign = await download(new URL(formHref ?? '', elifLink).toString());
    expect(toSign).toEqual(new Uint8Array(signedByLukasz));
    const signedByElif = await signAsEid(toSign, eid, { person: elif, nationalRegisterNumber: '82061712345' });

    const withEid = page.locator('[data-method=eid]').first();
    await withEid.getByLabel(fr.signing.eid.fileLabel).setInputFiles({ name: 'formulaire-signé-eid.pdf', mimeType: 'application/pdf', buffer: Buffer.from(signedByElif) });
    await withEid.getByRole('button', { name: fr.signing.eid.button }).click();
    await page.getByText(fr.signatureReceived.title).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the legal representative’s signing page after her eID upload');

    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const received = ((await stack.broker().get(id)).body.history as { type: string; details: Record<string, unknown> }[]).filter((entry) => entry.type === 'signatureReceived');
    expect(received.map((entry) => [entry.details.role, entry.details.method])).toEqual([
      ['requester', 'eid'],
      ['legalRepresentative', 'eid'],
    ]);
  });
});
