/**
 * The signing page in a browser (jsdom: its DOM, XMLHttpRequest with upload progress and CORS)
 * against the local stack: its script sends the chosen file straight to storage with a visible
 * progress bar, then confirms it; a refused signed PDF is said in the page's words and the page
 * stays usable (functions/messages/signing-page-script.ts, api-contract.md "Signer and grantee").
 */
import { JSDOM, type BrowserNode } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { textsFor } from '../../functions/messages/message-texts.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { scannedPdfOfSize } from './support/presigned-upload.js';
import { fileRequest, latestLink, statusOf } from './support/request-story.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

/** The signing page as a browser opens it from its link, script running; `fetched` lists what its script fetched. */
async function openSigningPage(link: string): Promise<{ dom: JSDOM; fetched: string[] }> {
  const html = await (await fetch(link)).text();
  const fetched: string[] = [];
  const dom = new JSDOM(html, {
    url: link,
    runScripts: 'dangerously',
    beforeParse(window) {
      (window as unknown as { fetch: typeof fetch }).fetch = (input, init) => {
        fetched.push(String(input));
        return fetch(new URL(String(input), link), init);
      };
    },
  });
  return { dom, fetched };
}

/** What one upload form shows over time: each status line said, each progress value, until `done(text)`. */
function watch(form: BrowserNode, done: (text: string) => boolean): Promise<{ said: string[]; progress: number[] }> {
  const status = form.querySelector('[data-status]')!;
  const progress = form.querySelector('progress')!;
  const said: string[] = [];
  const values: number[] = [];
  return new Promise((resolve) => {
    const observer = new form.ownerDocument.defaultView!.MutationObserver(() => {
      const text = status.textContent ?? '';
      if (said.at(-1) !== text) said.push(text);
      const value = Number(progress.getAttribute('value'));
      if (!progress.hidden && values.at(-1) !== value) values.push(value);
      if (done(text)) {
        observer.disconnect();
        resolve({ said, progress: values });
      }
    });
    observer.observe(form, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Chooses `bytes` as the form's file and submits the form, as the signer does. */
function chooseAndSubmit(dom: JSDOM, form: BrowserNode, bytes: Uint8Array, name: string, type: string): void {
  const input = form.querySelector('input[type=file]')!;
  const file = new dom.window.File([bytes], name, { type });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  form.dispatchEvent(new dom.window.Event('submit', { cancelable: true }));
}

async function newSigning(clientRef: string): Promise<{ id: string; link: string }> {
  const hans = { ...PEOPLE.hans(), email: `${clientRef.toLowerCase()}@example.be` };
  const id = await fileRequest(stack, naturalClientRequest({ clientRef, language: 'nl', requester: hans, grantees: [policyholderGrantee(hans)] }));
  return { id, link: await latestLink(stack, hans.email, 'sign') };
}

describe('the signing page\'s script, in a browser', () => {
  it('sends a 7 MB scan straight to storage with a progress bar, confirms it, and says it was received (R3, R9)', async () => {
    const { id, link } = await newSigning('C-PAGE-UP-1');
    const { dom, fetched } = await openSigningPage(link);
    const form = dom.window.document.querySelector('form[data-method="handwritten"]')!;
    const words = textsFor('nl').page;
    const received = form.getAttribute('data-msg-done')!;

    const shown = watch(form, (text) => text === received || text === form.getAttribute('data-msg-failed'));
    chooseAndSubmit(dom, form, scannedPdfOfSize(7 * 1024 * 1024), 'scan.pdf', 'application/pdf');
    const { said, progress } = await shown;

    expect(said).toEqual([words.signing.sending, words.signing.checking, received]);
    expect(fetched).toEqual([`${new URL(link).pathname}/uploads`, expect.stringMatching(new RegExp(`^${new URL(link).pathname}/uploads/up_[A-Za-z0-9_-]{22}/confirm$`))]);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(form.querySelector('progress')!.hidden).toBe(true);
    // Signed: no button on the page sends anything more.
    expect([...dom.window.document.querySelectorAll('form[data-send] button')].every((button) => button.disabled)).toBe(true);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
    dom.window.close();
  });

  it('says why a signed PDF was refused, in the page\'s language, and lets the signer try again (422 signature_refused)', async () => {
    const { id, link } = await newSigning('C-PAGE-UP-2');
    const form = new Uint8Array(await (await fetch(`${link}/form.pdf`)).arrayBuffer());
    const { dom } = await openSigningPage(link);
    const eidForm = dom.window.document.querySelector('form[data-method="eid"]')!;
    const refusal = textsFor('nl').page.signatureRefused;
    const expected = `${refusal.reasons.unsigned} ${refusal.tryAgain}`;

    const shown = watch(eidForm, (text) => text === expected || text === eidForm.getAttribute('data-msg-failed'));
    chooseAndSubmit(dom, eidForm, form, 'form.pdf', 'application/pdf');
    const { said } = await shown;

    expect(said.at(-1)).toBe(expected);
    expect(eidForm.querySelector('button')!.disabled).toBe(false);
    expect(eidForm.querySelector('progress')!.hidden).toBe(true);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect((await fetch(link)).status).toBe(200);
    dom.window.close();
  });

  it('refuses a file of another type or over 20 MB before sending anything', async () => {
    const { link } = await newSigning('C-PAGE-UP-3');
    const { dom, fetched } = await openSigningPage(link);
    const form = dom.window.document.querySelector('form[data-method="handwritten"]')!;
    const invalid = form.getAttribute('data-msg-invalid')!;

    for (const [bytes, name, type] of [
      [new TextEncoder().encode('plain text'), 'note.txt', 'text/plain'],
      [new Uint8Array(20 * 1024 * 1024 + 1), 'huge.pdf', 'application/pdf'],
    ] as const) {
      chooseAndSubmit(dom, form, bytes, name, type);
      expect(form.querySelector('[data-status]')!.textContent, name).toBe(invalid);
      expect(form.querySelector('button')!.disabled, name).toBe(false);
    }
    expect(fetched).toEqual([]);
    dom.window.close();
  });
});
