/**
 * The pages behind links that can no longer be used: a spent signing link, a signing link whose
 * time ran out (the stack's clock moved past the signing period: the request EXPIRED), and a link
 * that never existed. Each says why, in the request's language where it is known (all four
 * otherwise), answers 410 or 404, and offers nothing to press.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/domain/request-schema.js';
import { textsFor } from '../../functions/messages/message-texts.js';
import { DEFAULT_WORKFLOW_TIMING } from '../../workflows/workflow-timing.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink, statusOf } from '../integration/support/request-story.js';
import { uploadScan, useTestStack } from '../integration/support/test-stack.js';
import { expectAccessibleOnPhoneAndDesktop } from './support/axe.js';
import { useBrowser } from './support/browser.js';
import { keepScreenshot } from './support/screenshots.js';

const stack = useTestStack();
const browser = useBrowser();
const nl = textsFor('nl').page.linkUnusable;
const SIGNING_ROUND_MS = DEFAULT_WORKFLOW_TIMING.signatureRoundSeconds * 1000;

/** Hans's request in Dutch, with an address of its own: its id and signing link. */
async function dutchRequest(clientRef: string): Promise<{ id: string; link: string }> {
  const hans = { ...PEOPLE.hans(), email: `${clientRef.toLowerCase()}@example.be` };
  const id = await fileRequest(stack, naturalClientRequest({ clientRef, language: 'nl', requester: hans, grantees: [policyholderGrantee(hans)] }));
  return { id, link: await latestLink(stack, hans.email, 'sign') };
}

describe('links that can no longer be used', () => {
  it('says a spent signing link was used (410), in the request’s language', async () => {
    const { id, link } = await dutchRequest('C-E2E-USED');
    expect((await uploadScan(link)).status).toBe(200);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
    const page = await browser.openPage('phone', { locale: 'nl-BE' });

    const opened = await page.goto(link);

    expect(opened?.status()).toBe(410);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('heading', { level: 1, name: nl.title }).waitFor();
    await page.getByText(nl.reasons.used).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    await expectAccessibleOnPhoneAndDesktop(page, 'the used-link page');
  });

  it('says a signing link expired (410) once the signing period is over', async () => {
    const { id, link } = await dutchRequest('C-E2E-EXPIRED');
    // Round by round: each round's timer starts when the one before ran out (two reminders, then the end).
    for (let round = 0; round < DEFAULT_WORKFLOW_TIMING.signatureRounds; round++) await stack.advance(SIGNING_ROUND_MS);
    expect(await statusOf(stack, id)).toBe('EXPIRED');
    const page = await browser.openPage('phone', { locale: 'nl-BE' });

    const opened = await page.goto(link);

    expect(opened?.status()).toBe(410);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('heading', { level: 1, name: nl.title }).waitFor();
    const said = (await page.textContent('main')) ?? '';
    // The link's own expiry is the request's deadline, but the functions read the wall clock while
    // the workflow's timers run on the stack's: here only the request's EXPIRED status says so.
    expect.soft(said, 'the page says the link expired').toContain(nl.reasons.expired);
    expect(await page.getByRole('button').count()).toBe(0);
    await expectAccessibleOnPhoneAndDesktop(page, 'the expired-link page');
    await keepScreenshot(page, 'link-expired-phone');
  });

  it('says an unknown link is not valid (404), in all four languages', async () => {
    const page = await browser.openPage('desktop', { locale: 'fr-BE' });

    const opened = await page.goto(`${stack.stack.apiUrl}/sign/${randomBytes(32).toString('base64url')}`);

    expect(opened?.status()).toBe(404);
    for (const language of LANGUAGES) {
      await page.locator(`[lang=${language}]`).getByText(textsFor(language).page.linkUnusable.reasons.unknown).first().waitFor();
    }
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await expectAccessibleOnPhoneAndDesktop(page, 'the unknown-link page');
  });
});
