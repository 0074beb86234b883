/**
 * The broker's dashboard in real Chromium, the whole story of issue 10 (R3, R7, R8, R9): a
 * Dutch-speaking broker signs in on the local sign-in page (standing in for Cognito's managed
 * login), files a request in the new-request form (a wrong e-mail address is named beside its
 * field before anything is sent), the client opens his e-mailed link on his phone and uploads the
 * scan of the form he signed by hand, the broker reviews the scan beside the generated form and
 * approves it, the client activates his access, and the dashboard shows the request completed
 * with its evidence package. Every dashboard page reached is checked with axe-core at 390 and
 * 1280 px; a French browser gets the list in French, without sideways scrolling on a phone.
 */
import type { Locator, Page } from 'playwright-core';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { listTexts } from '../../functions/dashboard/list/list-texts.js';
import { newRequestTexts } from '../../functions/dashboard/new-request/new-request-texts.js';
import { issueId } from '../../functions/dashboard/new-request/request-form-fields.js';
import { requestTexts } from '../../functions/dashboard/request/request-texts.js';
import type { AccessRequestInput, Language, PersonWithEmail } from '../../functions/domain/request-schema.js';
import { evidencePackageSchema } from '../../functions/evidence/evidence-package.js';
import { textsFor } from '../../functions/messages/message-texts.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink, statusOf } from '../integration/support/request-story.js';
import { useTestStack } from '../integration/support/test-stack.js';
import { expectAccessibleOnPhoneAndDesktop, expectNoHorizontalScroll } from './support/axe.js';
import { useBrowser, VIEWPORTS } from './support/browser.js';
import { keepScreenshot } from './support/screenshots.js';

const stack = useTestStack();
const browser = useBrowser();

/** The broker's browser speaks Dutch: the dashboard answers in Dutch, and the form starts in Dutch. */
const BROKER_LOCALE = 'nl-BE';
const list = listTexts('nl');
const form = newRequestTexts('nl');
const request = requestTexts('nl');
const signer = textsFor('nl').page;

/** The client of the story: Hans Müller, his own requester and grantee (R1, R4.1). */
const hans = { ...PEOPLE.hans(), email: 'hans.e2e-dashboard@example.be' };
const CLIENT_REF = 'C-E2E-DASH';

/** A request filed through the API for another natural-person client, who asks for himself (R1) and sees all his contracts (R4.1). */
function requestOfClient(client: PersonWithEmail, clientRef: string, language: Language): AccessRequestInput {
  const { email: _email, ...person } = client;
  return naturalClientRequest({ clientRef, language, client: { type: 'natural', person }, requester: client, grantees: [policyholderGrantee(client)] });
}

/** Signs the broker in through the local sign-in page (the one managed login stands in for) and waits for the dashboard. */
async function signIn(page: Page, options: { checkSignInPage?: boolean } = {}): Promise<void> {
  const login = stack.stack.brokers[0]!.login;
  await page.goto(stack.stack.dashboardUrl);
  await page.getByLabel('Username').waitFor();
  if (options.checkSignInPage) await expectAccessibleOnPhoneAndDesktop(page, 'the local sign-in page');
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/dashboard');
}

/** The dashboard's page `path` (on the API's origin), once its h1 is there. */
async function openDashboard(page: Page, path: string): Promise<void> {
  const answer = await page.goto(new URL(path, stack.stack.apiUrl).href);
  expect(answer?.status(), `GET ${path}`).toBe(200);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** The bytes at `url` (the signing link's form), which must answer 200. */
async function download(url: string): Promise<Buffer> {
  const answer = await fetch(url);
  expect(answer.status, url).toBe(200);
  return Buffer.from(await answer.arrayBuffer());
}

/**
 * The scan the client uploads: the generated form "printed, signed by hand and scanned" (a line
 * written on its last page), so the review shows two real documents.
 */
async function scanOfSignedForm(generatedForm: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.load(new Uint8Array(generatedForm));
  const lastPage = pdf.getPages().at(-1)!;
  const font = await pdf.embedFont(StandardFonts.HelveticaOblique);
  lastPage.drawText('Hans Müller — gelezen en goedgekeurd', { x: 60, y: 90, size: 16, font, color: rgb(0.05, 0.15, 0.55) });
  return Buffer.from(await pdf.save());
}

/** The client-side form check: an input and the message shown for it. */
async function messageBeside(page: Page, field: Locator, path: string): Promise<string> {
  const message = page.locator(`#${issueId(path)}`);
  await message.filter({ hasText: /\S/ }).waitFor();
  expect(await field.getAttribute('aria-invalid'), `${path} is marked invalid`).toBe('true');
  expect((await field.getAttribute('aria-describedby')) ?? '', `${path} is described by its message`).toContain(issueId(path));
  // Beside the field: within a few lines of it, not only in a summary at the top.
  const [fieldBox, messageBox] = await Promise.all([field.boundingBox(), message.boundingBox()]);
  expect(fieldBox && messageBox, `${path} and its message are visible`).toBeTruthy();
  expect(Math.abs(messageBox!.y - fieldBox!.y), `${path}'s message is beside the field`).toBeLessThan(120);
  return (await message.textContent()) ?? '';
}

/** How many requests broker A has, through the JSON API. */
async function requestCount(): Promise<number> {
  const answer = await stack.broker().list('?limit=100');
  expect(answer.status).toBe(200);
  return (answer.body.items as unknown[]).length;
}

describe("the broker's dashboard, in Chromium (R3, R7, R8, R9)", () => {
  it('files a request in the form, reviews the scan beside the generated form, and shows the request completed with its evidence', { timeout: 180_000 }, async () => {
    // Another request already waits for its signature, so the list shows more than one state.
    await fileRequest(stack, requestOfClient(PEOPLE.francoise(), 'C-E2E-DASH-0', 'nl'));
    const page = await browser.openPage('desktop', { locale: BROKER_LOCALE });

    // Sign-in, then the list.
    await signIn(page, { checkSignInPage: true });
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('heading', { level: 1, name: list.title }).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the request list');

    // The new-request form: a wrong e-mail address is named beside its field, and nothing is sent.
    // The layout's main navigation (functions/dashboard/layout.ts), labelled in Dutch.
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: form.title }).click();
    await page.getByRole('heading', { level: 1, name: form.title }).waitFor();
    const posts: string[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && new URL(sent.url()).pathname.startsWith('/dashboard/new-request')) posts.push(sent.url());
    });
    const before = await requestCount();
    const client = page.getByRole('region', { name: form.sections.client });
    await page.getByLabel(form.fields.clientRef).fill(CLIENT_REF);
    await client.getByLabel(form.fields.lastName, { exact: true }).fill(hans.lastName);
    await client.getByLabel(form.fields.firstName, { exact: true }).fill(hans.firstName);
    await client.getByLabel(form.fields.birthDate, { exact: true }).fill(hans.birthDate);
    await client.getByLabel(form.fields.street, { exact: true }).fill(hans.address.street);
    await client.getByLabel(form.fields.postalCode, { exact: true }).fill(hans.address.postalCode);
    await client.getByLabel(form.fields.city, { exact: true }).fill(hans.address.city);
    const email = client.getByLabel(form.fields.email, { exact: true });
    await email.fill('hans.muller@');
    const contract = page.getByRole('group', { name: form.places.contract(1) });
    await contract.getByLabel(form.fields.ref, { exact: true }).fill('POL-1');
    await contract.getByLabel(form.fields.label, { exact: true }).fill('Autoverzekering');
    const send = page.getByRole('button', { name: form.buttons.send });
    await send.click();
    expect(await messageBeside(page, email, 'client.person.email')).toBe(form.issues.email);
    expect(posts, 'the form sent nothing while a field was wrong').toEqual([]);
    expect(await requestCount(), 'no request was filed').toBe(before);
    await expectAccessibleOnPhoneAndDesktop(page, 'the new-request form with a wrong e-mail address');
    await keepScreenshot(page, 'dashboard-new-request-errors-desktop');

    // Corrected, the form is sent and shows the API's answer, with a link to the request.
    await email.fill(hans.email);
    await send.click();
    const answer = page.getByRole('status').filter({ hasText: form.answers.filed(CLIENT_REF) });
    await answer.waitFor();
    const openRequest = answer.getByRole('link', { name: form.answers.openRequest });
    const href = (await openRequest.getAttribute('href')) ?? '';
    const id = /\/dashboard\/requests\/([^/?#]+)$/.exec(href)?.[1] ?? '';
    expect(id, `the answer links to the request (${href})`).not.toBe('');
    expect(await requestCount()).toBe(before + 1);
    expect((await stack.broker().get(id)).body).toMatchObject({ clientRef: CLIENT_REF, language: 'nl' });
    await expectAccessibleOnPhoneAndDesktop(page, "the new-request form with the API's answer");
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');

    // Hans opens his e-mailed link on his phone and uploads the scan of the form he signed by hand.
    const signLink = await latestLink(stack, hans.email, 'sign');
    const generatedForm = await download(`${signLink}/form.pdf`);
    const scan = await scanOfSignedForm(generatedForm);
    const phone = await browser.openPage('phone', { locale: BROKER_LOCALE });
    await phone.goto(signLink);
    const byHand = phone.locator('[data-method=handwritten]').first();
    await byHand.getByLabel(signer.signing.handwritten.fileLabel).setInputFiles({ name: 'aanvraag-ondertekend.pdf', mimeType: 'application/pdf', buffer: scan });
    await byHand.getByRole('button', { name: signer.signing.handwritten.button }).click();
    await phone.getByText(signer.signatureReceived.title).waitFor();
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');

    // The broker reviews the scan beside the generated form, and approves it.
    await openRequest.click();
    await page.getByRole('heading', { level: 2, name: request.review.heading }).waitFor();
    await expectReviewSideBySide(page, { form: generatedForm, scan });
    await keepScreenshot(page, 'dashboard-review-desktop', { fullPage: false });
    await expectAccessibleOnPhoneAndDesktop(page, 'the request page awaiting review');
    await page.getByRole('button', { name: request.review.approve }).click();
    await page.getByText(request.done.approved).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the request page after the approval');
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');

    // Hans activates his access from his phone.
    await phone.goto(await latestLink(stack, hans.email, 'activate'));
    await phone.getByRole('button', { name: signer.activation.button }).click();
    await phone.getByRole('heading', { level: 1, name: signer.activationDone.title }).waitFor();
    // Completed, then the evidence sealed (SealEvidence runs after completion).
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('COMPLETED');

    // The request page: completed, in Dutch, every step done, the evidence package linked.
    await openDashboard(page, `/dashboard/requests/${id}`);
    await expectCompletedRequestPage(page, id);
    await expectAccessibleOnPhoneAndDesktop(page, 'the completed request page');
    await keepScreenshot(page, 'dashboard-request-completed-desktop');

    // The list shows it completed.
    await openDashboard(page, '/dashboard');
    const row = page.locator(`[data-request-row="${id}"]`);
    await row.waitFor();
    expect(await row.locator('.status').textContent()).toBe(list.statuses.COMPLETED);
    expect(await row.textContent()).toContain('Hans Müller');
    await expectAccessibleOnPhoneAndDesktop(page, 'the request list with the completed request');
    await keepScreenshot(page, 'dashboard-list-desktop');

    // The same request page on the broker's phone.
    const brokerPhone = await browser.openPage('phone', { locale: BROKER_LOCALE });
    await signIn(brokerPhone);
    await openDashboard(brokerPhone, `/dashboard/requests/${id}`);
    await brokerPhone.getByText(request.status.COMPLETED).first().waitFor();
    await expectNoHorizontalScroll(brokerPhone, 'the completed request page on a phone');
    await keepScreenshot(brokerPhone, 'dashboard-request-phone');
  });

  it('speaks French to a broker whose browser is French, and the list fits a phone without sideways scrolling', async () => {
    const id = await fileRequest(stack, requestOfClient(PEOPLE.lukasz(), 'C-E2E-DASH-FR', 'fr'));
    const fr = listTexts('fr');
    const page = await browser.openPage('phone', { locale: 'fr-BE' });
    await signIn(page);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByRole('heading', { level: 1, name: fr.title }).waitFor();
    expect(await page.locator(`[data-request-row="${id}"] .status`).textContent()).toBe(fr.statuses.AWAITING_SIGNATURE);
    await page.getByRole('search', { name: fr.filters }).getByLabel(fr.search).waitFor();
    expect(page.viewportSize()?.width).toBe(VIEWPORTS.phone.width);
    await expectNoHorizontalScroll(page, 'the French request list at 390 px');
    await expectAccessibleOnPhoneAndDesktop(page, 'the French request list');
  });
});

/**
 * The review (R3, R9): the generated form and the scan, each in a frame showing exactly that
 * document, both shown by the browser (not downloaded), side by side at 1280 px; the broker
 * follows the current step's link down to it.
 */
async function expectReviewSideBySide(page: Page, shown: { form: Buffer; scan: Buffer }): Promise<void> {
  const review = page.getByRole('region', { name: request.review.heading });
  expect(await review.locator('iframe, object, embed, img').count(), 'the review shows two documents').toBe(2);
  const generated = review.locator('[data-review-document=form]').getByTitle(request.review.formTitle, { exact: true });
  const scan = review.locator('[data-review-document=scan]').getByTitle(request.review.scanTitle, { exact: true });
  await Promise.all([generated.waitFor(), scan.waitFor()]);
  expect(await framedBytes(page, generated), 'the left frame holds the generated form').toEqual(shown.form);
  expect(await framedBytes(page, scan), 'the right frame holds the scan Hans uploaded').toEqual(shown.scan);
  await Promise.all([expectPdfShown(generated, 'the generated form'), expectPdfShown(scan, 'the scan')]);
  // The current step's words lead the broker to the review.
  await page.getByRole('link', { name: request.steps.waitsFor.review }).click();
  await page.waitForURL((url) => url.hash === '#review');
  const [left, right] = await Promise.all([generated.boundingBox(), scan.boundingBox()]);
  expect(left && right, 'both documents are visible').toBeTruthy();
  expect(left!.width, 'the generated form has room to be read').toBeGreaterThan(300);
  expect(right!.width, 'the scan has room to be read').toBeGreaterThan(300);
  expect(left!.height).toBeGreaterThan(300);
  // One row: the same top, the form on the left, the scan on its right.
  expect(Math.abs(left!.y - right!.y), 'the two documents start on one row').toBeLessThan(40);
  expect(left!.x + left!.width, 'the scan is to the right of the form').toBeLessThanOrEqual(right!.x);
}

/** The bytes behind a frame's `src` (a short-lived link to the documents bucket), fetched as the page's browser would. */
async function framedBytes(page: Page, frame: Locator): Promise<Buffer> {
  const source = await frame.getAttribute('src');
  const answer = await page.request.get(new URL(source ?? '', page.url()).href);
  expect(answer.status(), `GET ${source}`).toBe(200);
  expect(answer.headers()['content-type']).toBe('application/pdf');
  return answer.body();
}

/**
 * Waits until Chromium shows the PDF in `frame`: its PDF viewer is a frame of its own inside the
 * document's frame, and takes the PDF's title once it has read it. A document the browser would
 * download instead (sent as an attachment, or of a type it cannot show) never gets there.
 */
async function expectPdfShown(frame: Locator, label: string): Promise<void> {
  const documentFrame = await (await frame.elementHandle())?.contentFrame();
  expect(documentFrame, `${label} has a frame`).toBeTruthy();
  await expect
    .poll(async () => (await documentFrame!.childFrames()[0]?.evaluate<string>('document.title').catch(() => '')) ?? '', { message: `Chromium's PDF viewer shows ${label}`, timeout: 15_000, interval: 100 })
    .not.toBe('');
}

/** The completed request: its status in the broker's language, every step done, the evidence package served. */
async function expectCompletedRequestPage(page: Page, id: string): Promise<void> {
  expect(await page.locator('.request-facts .status').textContent(), 'the status, in Dutch').toBe(request.status.COMPLETED);
  // Every step of a scan signed by hand is done, up to the sealed evidence (R3, R8).
  const steps = page.getByRole('region', { name: request.steps.heading }).locator('li[data-step]');
  const drawn = await Promise.all((await steps.all()).map(async (step) => `${await step.getAttribute('data-step')}:${await step.getAttribute('data-state')}`));
  expect(drawn, 'the steps drawn and their states').toEqual(
    ['form', 'requesterSignature', 'requesterReview', 'grants', 'activation', 'completed', 'evidence'].map((step) => `${step}:done`),
  );
  expect(await steps.last().getAttribute('aria-current'), 'the request stands at its last step').toBe('step');
  expect(await steps.last().textContent()).toContain(request.steps.state.done);
  // The evidence package (R8): linked, and served as the API's evidence of this request.
  const documents = page.getByRole('region', { name: request.documents.heading });
  const evidenceLink = documents.getByRole('link', { name: request.documents.evidencePackage, exact: true });
  const served = await page.request.get(new URL((await evidenceLink.getAttribute('href')) ?? '', page.url()).href);
  expect(served.status(), 'the evidence package is served').toBe(200);
  expect(served.headers()['content-disposition']).toMatch(/^attachment/);
  expect(evidencePackageSchema.parse(await served.json())).toMatchObject({ requestId: id, clientRef: CLIENT_REF, status: 'COMPLETED' });
  await documents.getByRole('link', { name: request.documents.certificate, exact: true }).waitFor();
  expect(await page.locator('[data-history-intact]').getAttribute('data-history-intact'), "the history's chain checks").toBe('true');
}
