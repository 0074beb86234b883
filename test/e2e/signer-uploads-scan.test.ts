/**
 * A French-speaking signer on his phone (R3, R9): he opens the e-mailed signing link, is told which
 * files the page takes, picks one it cannot take (a .txt, then one over 20 MB) and is told why in an
 * alert; then he sends the scan of the signed form, the page confirms it, and the request waits for
 * the broker's review.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textsFor } from '../../functions/messages/message-texts.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink, statusOf } from '../integration/support/request-story.js';
import { SCANNED_FORM, useTestStack } from '../integration/support/test-stack.js';
import { expectAccessibleOnPhoneAndDesktop } from './support/axe.js';
import { useBrowser } from './support/browser.js';
import { keepScreenshot } from './support/screenshots.js';

const stack = useTestStack();
const browser = useBrowser();
const fr = textsFor('fr').page;
const hans = { ...PEOPLE.hans(), email: 'hans.e2e-scan@example.be' };
const MB = 1024 * 1024;
/** PDF, JPEG and PNG named, in any order: what a scan may be (R3). */
const ACCEPTED_SCAN_TYPES = /^(?=.*PDF)(?=.*JPEG)(?=.*PNG)/s;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'portal-access-e2e-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A PDF-looking file of `bytes` on disk (the browser reads it from there: no 21 MB through the protocol). */
async function fileOfSize(name: string, bytes: number): Promise<string> {
  const file = path.join(workDir, name);
  const content = Buffer.alloc(bytes, 0x20);
  content.write('%PDF-1.4\n');
  await writeFile(file, content);
  return file;
}

/** What the page says in its live regions once it says something: alerts, and polite statuses. */
async function messagesShown(page: Page): Promise<{ alert: string; status: string }> {
  await page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: /\S/ }).first().waitFor({ timeout: 5_000 });
  const textsOf = async (role: 'alert' | 'status') => (await page.getByRole(role).allTextContents()).map((text) => text.trim()).filter(Boolean).join(' | ');
  return { alert: await textsOf('alert'), status: await textsOf('status') };
}

describe('a signer sends the scan of the form from his phone, in French (R3, R9)', () => {
  it('names the accepted types and the 20 MB limit, in an alert for a file it cannot take, then takes the scan and moves the request to review', async () => {
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-E2E-SCAN', language: 'fr', requester: hans, grantees: [policyholderGrantee(hans)] }));
    const page = await browser.openPage('phone', { locale: 'fr-BE' });

    const opened = await page.goto(await latestLink(stack, hans.email, 'sign'));
    expect(opened?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByRole('heading', { level: 1, name: fr.signing.title }).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the signing page');
    await keepScreenshot(page, 'signing-page-phone');

    // Before anything is chosen, the page says which files it takes.
    const byHand = page.locator('[data-method=handwritten]').first();
    const guidance = (await byHand.textContent()) ?? '';
    expect.soft(guidance, 'the handwritten section names the accepted types').toMatch(ACCEPTED_SCAN_TYPES);
    expect.soft(guidance, 'the handwritten section names the 20 MB limit').toMatch(/20\s*Mo/);

    // A text file: an alert names the types the page takes, and nothing is sent.
    const scanInput = byHand.getByLabel(/scan/i);
    const sendScan = byHand.getByRole('button', { name: fr.signing.handwritten.button });
    await scanInput.setInputFiles({ name: 'formulaire.txt', mimeType: 'text/plain', buffer: Buffer.from('Je signe.') });
    await sendScan.click();
    const wrongType = await messagesShown(page);
    // Soft: what follows still runs when the page says it another way, and the report names both.
    expect.soft(wrongType.alert, `an alert (role=alert) names the accepted types; the page's status said "${wrongType.status}"`).toMatch(ACCEPTED_SCAN_TYPES);
    await expectAccessibleOnPhoneAndDesktop(page, 'the signing page after a wrong file');
    await keepScreenshot(page, 'wrong-file-type-phone');

    // A file over 20 MB: an alert names the limit.
    await scanInput.setInputFiles(await fileOfSize('scan-trop-lourd.pdf', 21 * MB));
    await sendScan.click();
    await page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: /20\s*Mo/ }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    const tooLarge = await messagesShown(page);
    expect.soft(tooLarge.alert, `an alert (role=alert) names the 20 MB limit; the page's status said "${tooLarge.status}"`).toMatch(/20\s*Mo/);
    await expectAccessibleOnPhoneAndDesktop(page, 'the signing page after a file over 20 MB');
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');

    // The scan itself: sent to storage, confirmed, and the page says it arrived.
    await scanInput.setInputFiles({ name: 'formulaire-signé.pdf', mimeType: 'application/pdf', buffer: Buffer.from(SCANNED_FORM) });
    await sendScan.click();
    await page.getByText(fr.signatureReceived.title).waitFor();
    expect((await messagesShown(page)).alert, 'the wrong-file alert is gone').toBe('');
    await expectAccessibleOnPhoneAndDesktop(page, 'the signing page after the scan');
    await keepScreenshot(page, 'scan-received-phone');

    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
    const history = (await stack.broker().get(id)).body.history as { type: string; details: Record<string, unknown> }[];
    expect(history.find((entry) => entry.type === 'signatureReceived')?.details).toMatchObject({ role: 'requester', method: 'handwritten', contentType: 'application/pdf' });
  });
});
