/**
 * A signer who signs through the signing service (R3, advanced signature), in Dutch on a laptop:
 * the signing page's button sends him to the local test signing service, he confirms there, is
 * sent back to the product's thank-you page, and the request moves on to the grantees' activation.
 */
import { describe, expect, it } from 'vitest';
import { textsFor } from '../../functions/messages/message-texts.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink, statusOf } from '../integration/support/request-story.js';
import { useTestStack } from '../integration/support/test-stack.js';
import { expectAccessibleOnPhoneAndDesktop } from './support/axe.js';
import { useBrowser } from './support/browser.js';

const stack = useTestStack();
const browser = useBrowser();
const nl = textsFor('nl').page;
const hans = { ...PEOPLE.hans(), email: 'hans.e2e-service@example.be' };

describe('a signer signs at the signing service and comes back (R3)', () => {
  it('goes from the signing page to the service, confirms there, sees the thank-you page, and the request awaits activation', async () => {
    const id = await fileRequest(
      stack,
      naturalClientRequest({ clientRef: 'C-E2E-ADV', language: 'nl', requester: hans, grantees: [policyholderGrantee(hans)], signatureMethods: ['advanced', 'eid', 'handwritten'] }),
    );
    const link = await latestLink(stack, hans.email, 'sign');
    const page = await browser.openPage('desktop', { locale: 'nl-BE' });

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: nl.signing.title }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessibleOnPhoneAndDesktop(page, 'the Dutch signing page');

    // The service's page (a stand-in for a real provider's, so not checked here): Confirm.
    await page.getByRole('button', { name: nl.signing.advanced.button }).click();
    await page.waitForURL(`${stack.stack.signingServiceUrl}/sessions/**`);
    expect(await page.textContent('body')).toContain('Hans Müller');
    await page.getByRole('button', { name: 'Confirm' }).click();

    // Back at the product, which has verified the signed PDF.
    await page.waitForURL(`${link}/advanced`);
    await page.getByRole('heading', { level: 1, name: nl.signatureReceived.title }).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the thank-you page after the signing service');

    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const history = (await stack.broker().get(id)).body.history as { type: string; details: Record<string, unknown> }[];
    expect(history.find((entry) => entry.type === 'signatureReceived')?.details).toMatchObject({ role: 'requester', method: 'advanced' });
  });
});
