/**
 * A grantee activates his own access (R7) from his phone: the e-mailed activation link shows what
 * he will see and for whom, one button activates it, and the page confirms; the portal then lets
 * him in and the request completes.
 */
import { describe, expect, it } from 'vitest';
import { textsFor } from '../../functions/messages/message-texts.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink, signByScanAndApprove, statusOf } from '../integration/support/request-story.js';
import { useTestStack } from '../integration/support/test-stack.js';
import { expectAccessibleOnPhoneAndDesktop } from './support/axe.js';
import { useBrowser } from './support/browser.js';
import { keepScreenshot } from './support/screenshots.js';

const stack = useTestStack();
const browser = useBrowser();
const fr = textsFor('fr').page;
const hans = { ...PEOPLE.hans(), email: 'hans.e2e-activation@example.be' };

describe('a grantee activates his access (R7)', () => {
  it('shows what the access covers, activates it with one button, confirms, and the portal lets him in', async () => {
    const clientRef = 'C-E2E-ACT';
    const id = await fileRequest(stack, naturalClientRequest({ clientRef, language: 'fr', requester: hans, grantees: [policyholderGrantee(hans)] }));
    await signByScanAndApprove(stack, id, hans.email);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const page = await browser.openPage('phone', { locale: 'fr-BE' });

    const opened = await page.goto(await latestLink(stack, hans.email, 'activate'));
    expect(opened?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: fr.activation.title }).waitFor();
    await page.getByText(fr.activation.scopeAll({ clientName: 'Hans Müller' })).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the activation page');
    await keepScreenshot(page, 'activation-page-phone');
    // Nothing is active until he presses the button.
    expect((await stack.portal.access(hans.email, clientRef, 'POL-1')).body.allowed).toBe(false);

    await page.getByRole('button', { name: fr.activation.button }).click();
    await page.getByRole('heading', { level: 1, name: fr.activationDone.title }).waitFor();
    await expectAccessibleOnPhoneAndDesktop(page, 'the page confirming the activation');
    await keepScreenshot(page, 'activation-done-phone');

    await stack.settle();
    expect((await stack.portal.access(hans.email, clientRef, 'POL-1')).body.allowed).toBe(true);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
  });
});
