/**
 * The signing page in a browser (jsdom: its DOM, XMLHttpRequest with upload progress and CORS)
 * against the local stack: its script sends the chosen file straight to storage with a visible
 * progress bar, then confirms it; whatever goes wrong is said in the signer's words in the
 * form's alert (a wrong type names the types accepted, a file too large the limit, a refused
 * signature its reason, a lost connection that he may try again) and the page stays usable;
 * a decline needs a reason and shows the page answered (functions/messages/signing-page-script.ts,
 * api-contract.md "Signer and grantee").
 */
import { JSDOM, type BrowserNode } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../functions/domain/request-schema.js';
import { textsFor } from '../../functions/messages/message-texts.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { scannedPdfOfSize } from './support/presigned-upload.js';
import { fileRequest, latestLink, statusOf } from './support/request-story.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();
const MB = 1024 * 1024;

interface OpenedPage {
  dom: JSDOM;
  /** What the page's script fetched, in order (the storage's XMLHttpRequest not included). */
  fetched: string[];
}

/**
 * The signing page as a browser opens it from its link, script running. `offline` makes every
 * fetch of the script whose URL it matches fail as a lost connection does; `edit` changes the
 * page before its script runs.
 */
async function openSigningPage(link: string, options: { offline?: RegExp; edit?: (html: string) => string } = {}): Promise<OpenedPage> {
  const { offline, edit = (html) => html } = options;
  const html = edit(await (await fetch(link)).text());
  const fetched: string[] = [];
  const dom = new JSDOM(html, {
    url: link,
    runScripts: 'dangerously',
    beforeParse(window) {
      (window as unknown as { fetch: typeof fetch }).fetch = (input, init) => {
        fetched.push(String(input));
        if (offline?.test(String(input))) return Promise.reject(new TypeError('Failed to fetch'));
        return fetch(new URL(String(input), link), init);
      };
    },
  });
  return { dom, fetched };
}

/** The form of the section of `method` (`data-method`). */
function formOf(dom: JSDOM, method: 'handwritten' | 'eid'): BrowserNode {
  return dom.window.document.querySelector(`section[data-method="${method}"] form`)!;
}

/** What a form's live regions say now: its alert (role=alert) and its polite status line. */
function shownIn(form: BrowserNode): { alert: string; status: string } {
  return { alert: form.querySelector('[role=alert]')!.textContent ?? '', status: form.querySelector('[role=status]')!.textContent ?? '' };
}

/** What one form shows over time: each status or alert said, each progress value, until `done(shown)`. */
function watch(form: BrowserNode, done: (shown: { alert: string; status: string }) => boolean): Promise<{ said: string[]; progress: number[] }> {
  const progress = form.querySelector('progress');
  const said: string[] = [];
  const values: number[] = [];
  return new Promise((resolve) => {
    const observer = new form.ownerDocument.defaultView!.MutationObserver(() => {
      const shown = shownIn(form);
      const text = shown.alert || shown.status;
      if (text && said.at(-1) !== text) said.push(text);
      const value = Number(progress?.getAttribute('value'));
      if (progress && !progress.hidden && values.at(-1) !== value) values.push(value);
      if (done(shown)) {
        observer.disconnect();
        resolve({ said, progress: values });
      }
    });
    observer.observe(form, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Until the form says something in its alert: what it said. */
async function alertOf(form: BrowserNode): Promise<string> {
  await watch(form, (shown) => shown.alert !== '');
  return shownIn(form).alert;
}

/** Chooses `bytes` as the form's file and submits the form, as the signer does. */
function chooseAndSubmit(dom: JSDOM, form: BrowserNode, bytes: Uint8Array, name: string, type: string): void {
  const input = form.querySelector('input[type=file]')!;
  const file = new dom.window.File([bytes], name, { type });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  form.dispatchEvent(new dom.window.Event('submit', { cancelable: true }));
}

async function newSigning(clientRef: string, language: Language = 'nl'): Promise<{ id: string; link: string }> {
  const hans = { ...PEOPLE.hans(), email: `${clientRef.toLowerCase()}@example.be` };
  const id = await fileRequest(stack, naturalClientRequest({ clientRef, language, requester: hans, grantees: [policyholderGrantee(hans)] }));
  return { id, link: await latestLink(stack, hans.email, 'sign') };
}

const fr = textsFor('fr').page.signing;
/** The French alerts for a scan (PDF, JPEG, PNG) and for an eID-signed PDF. */
const FRENCH = {
  scanWrongType: 'Ce type de fichier n’est pas accepté. Types acceptés\u00a0: PDF, JPEG, PNG. 20\u00a0Mo maximum.',
  eidWrongType: 'Ce type de fichier n’est pas accepté. Types acceptés\u00a0: PDF. 20\u00a0Mo maximum.',
  tooLarge: 'Ce fichier est trop volumineux\u00a0: 20\u00a0Mo maximum.',
};

describe('the signing page\'s script, in a browser', () => {
  it('sends a 7 MB scan straight to storage with a progress bar, confirms it, and says it was received (R3, R9)', async () => {
    const { id, link } = await newSigning('C-PAGE-UP-1');
    const { dom, fetched } = await openSigningPage(link);
    const form = formOf(dom, 'handwritten');
    const words = textsFor('nl').page;
    const received = form.getAttribute('data-msg-done')!;

    const shown = watch(form, ({ alert, status }) => status === received || alert !== '');
    chooseAndSubmit(dom, form, scannedPdfOfSize(7 * MB), 'scan.pdf', 'application/pdf');
    const { said, progress } = await shown;

    expect(said).toEqual([words.signing.sending, words.signing.checking, received]);
    expect(shownIn(form).alert).toBe('');
    expect(fetched).toEqual([`${new URL(link).pathname}/uploads`, expect.stringMatching(new RegExp(`^${new URL(link).pathname}/uploads/up_[A-Za-z0-9_-]{22}/confirm$`))]);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(form.querySelector('progress')!.hidden).toBe(true);
    // Signed: no button on the page sends anything more.
    expect([...dom.window.document.querySelectorAll('main button')].every((button) => button.disabled)).toBe(true);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
    dom.window.close();
  });

  it('says why a signed PDF was refused, in an alert in the page\'s language, and lets the signer try again (422 signature_refused)', async () => {
    const { id, link } = await newSigning('C-PAGE-UP-2');
    const form = new Uint8Array(await (await fetch(`${link}/form.pdf`)).arrayBuffer());
    const { dom } = await openSigningPage(link);
    const eidForm = formOf(dom, 'eid');
    const refusal = textsFor('nl').page.signatureRefused;

    chooseAndSubmit(dom, eidForm, form, 'form.pdf', 'application/pdf');

    expect(await alertOf(eidForm)).toBe(`${refusal.reasons.unsigned} ${refusal.tryAgain}`);
    expect(shownIn(eidForm).status).toBe('');
    expect(eidForm.querySelector('button')!.disabled).toBe(false);
    expect(eidForm.querySelector('progress')!.hidden).toBe(true);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect((await fetch(link)).status).toBe(200);
    dom.window.close();
  });

  it('names the accepted types for a text file and the limit for a file over 20 MB, in French, before sending anything', async () => {
    const { link } = await newSigning('C-PAGE-UP-3', 'fr');
    const { dom, fetched } = await openSigningPage(link);
    const scan = formOf(dom, 'handwritten');
    const eid = formOf(dom, 'eid');

    for (const [form, bytes, name, type, expected] of [
      [scan, new TextEncoder().encode('Je signe.'), 'formulaire.txt', 'text/plain', FRENCH.scanWrongType],
      [scan, new Uint8Array(20 * MB + 1), 'scan.pdf', 'application/pdf', FRENCH.tooLarge],
      [scan, new Uint8Array(0), 'scan.png', 'image/png', fr.emptyFile],
      // No type from the browser: the extension says what the file is.
      [scan, new TextEncoder().encode('Je signe.'), 'formulaire.docx', '', FRENCH.scanWrongType],
      [eid, scannedPdfOfSize(1000), 'photo.jpg', 'image/jpeg', FRENCH.eidWrongType],
    ] as const) {
      chooseAndSubmit(dom, form, bytes, name, type);
      expect(shownIn(form), name).toEqual({ alert: expected, status: '' });
      expect(form.querySelector('button')!.disabled, name).toBe(false);
      expect(dom.window.document.activeElement, name).toBe(form.querySelector('input[type=file]'));
    }
    expect(fetched).toEqual([]);
    dom.window.close();
  });

  it('names the accepted types when the server finds a text file sent as a scan, not "sending failed" (400 on confirm)', async () => {
    const { id, link } = await newSigning('C-PAGE-UP-4', 'fr');
    const { dom, fetched } = await openSigningPage(link);
    const scan = formOf(dom, 'handwritten');

    // Named and typed as a PDF, so it passes the page's own check: the server reads its bytes.
    chooseAndSubmit(dom, scan, new TextEncoder().encode('Je signe.'), 'formulaire.pdf', 'application/pdf');

    expect(await alertOf(scan)).toBe(FRENCH.scanWrongType);
    expect(scan.getAttribute('data-msg-failed')).not.toBe(FRENCH.scanWrongType);
    expect(fetched.at(-1)).toMatch(/\/uploads\/up_[A-Za-z0-9_-]{22}\/confirm$/);
    expect(scan.querySelector('button')!.disabled).toBe(false);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    dom.window.close();
  });

  it('says the server\'s refusal to open an upload in the signer\'s words: the types for a type, the limit for a size (400)', async () => {
    const { link } = await newSigning('C-PAGE-UP-5', 'fr');
    // A page whose own checks let more through than the server takes.
    const lenient = (html: string): string =>
      html.replace('data-types="application/pdf,image/jpeg,image/png"', 'data-types="application/pdf,image/jpeg,image/png,text/plain"').replace(/data-max-bytes="\d+"/g, `data-max-bytes="${100 * MB}"`);
    const { dom } = await openSigningPage(link, { edit: lenient });
    const scan = formOf(dom, 'handwritten');
    expect(scan.getAttribute('data-types')).toContain('text/plain');

    chooseAndSubmit(dom, scan, new TextEncoder().encode('Je signe.'), 'formulaire.txt', 'text/plain');
    expect(await alertOf(scan)).toBe(FRENCH.scanWrongType);

    chooseAndSubmit(dom, scan, new Uint8Array(21 * MB), 'scan.pdf', 'application/pdf');
    expect(await alertOf(scan)).toBe(FRENCH.tooLarge);
    dom.window.close();
  });

  it('says the connection failed and that the signer may try again when the network is down', async () => {
    const { id, link } = await newSigning('C-PAGE-UP-6', 'fr');
    const { dom, fetched } = await openSigningPage(link, { offline: /\/uploads$/ });
    const scan = formOf(dom, 'handwritten');

    chooseAndSubmit(dom, scan, scannedPdfOfSize(2000), 'scan.pdf', 'application/pdf');

    expect(await alertOf(scan)).toBe(fr.connectionFailed);
    expect(fr.connectionFailed).toContain('réessayez');
    expect(fetched).toHaveLength(1);
    expect(scan.querySelector('button')!.disabled).toBe(false);
    expect(scan.querySelector('progress')!.hidden).toBe(true);
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    dom.window.close();
  });

  it('asks for a reason before declining, then shows the declined page, with the broker to contact after a mistake', async () => {
    const { id, link } = await newSigning('C-PAGE-DECLINE', 'fr');
    const { dom, fetched } = await openSigningPage(link);
    const document = dom.window.document;
    const form = document.querySelector('form[data-send="json"]')!;
    const reason = form.querySelector('textarea')!;
    const declined = textsFor('fr').page.declined;

    reason.value = '   ';
    form.dispatchEvent(new dom.window.Event('submit', { cancelable: true }));
    expect(shownIn(form)).toEqual({ alert: fr.decline.noReason, status: '' });
    expect(document.activeElement).toBe(reason);
    expect(fetched).toEqual([]);

    reason.value = 'Je n’ai rien demandé.';
    const answered = new Promise<void>((resolve) => {
      const observer = new dom.window.MutationObserver(() => {
        if (document.querySelector('h1')?.textContent === declined.title) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document, { subtree: true, childList: true });
    });
    form.dispatchEvent(new dom.window.Event('submit', { cancelable: true }));
    await answered;

    expect(fetched).toEqual([`${link}/decline`]);
    expect(document.querySelector('main')!.textContent).toContain(declined.text);
    expect(document.querySelector('main')!.textContent).toMatch(/Vous avez refusé par erreur\u00a0\? Prenez contact avec .+\u00a0: une nouvelle demande sera nécessaire\./);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('DECLINED');
    dom.window.close();
  });
});
