import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../functions/domain/request-schema.js';
import {
  activationDonePage,
  activationPage,
  declinedPage,
  linkUnusablePage,
  signatureReceivedPage,
  signingPage,
  type UnusableLinkReason,
} from '../../../functions/messages/pages.js';
import { MAX_UPLOAD_BYTES } from '../../../functions/http/signer/receive-signature.js';
import { escapeHtml } from '../../../functions/messages/escape-html.js';
import { pageContentSecurityPolicy } from '../../../functions/messages/page-layout.js';
import { textsFor } from '../../../functions/messages/message-texts.js';
import { REFUSAL_REASONS } from '../../../functions/signatures/signature-verdict.js';
import { companyRequestFiledByEmployee, PEOPLE } from '../../fixtures/access-request-builder.js';
import {
  BROKER_NAME,
  EXPIRES_AT,
  EXPIRY_DATE_TEXT,
  fullName,
  LINK_TOKEN,
  NATIONAL_REGISTER_NUMBER,
  privateValuesOf,
  signingPageFor,
} from './message-fixtures.js';


/** Every page, rendered in `language`. */
function everyPage(language: Language): Record<string, string> {
  return {
    signing: signingPage(signingPageFor(companyRequestFiledByEmployee({ language }))),
    signatureReceived: signatureReceivedPage({ language, method: 'handwritten', brokerName: BROKER_NAME }),
    activation: activationPage({
      language,
      token: LINK_TOKEN,
      granteeName: fullName(PEOPLE.lukasz()),
      clientName: 'Bakkerij Peeters BV',
      brokerName: BROKER_NAME,
      scope: ['Home insurance', 'Legal assistance'],
      expiresAt: EXPIRES_AT,
    }),
    activationDone: activationDonePage({ language, clientName: 'Bakkerij Peeters BV', brokerName: BROKER_NAME }),
    declined: declinedPage({ language, brokerName: BROKER_NAME }),
    linkUsed: linkUnusablePage({ language, reason: 'used' }),
    linkExpired: linkUnusablePage({ language, reason: 'expired' }),
    linkClosed: linkUnusablePage({ language, reason: 'closed' }),
  };
}

/** The page's words, tags and the inline script and style dropped. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&');
}

function idsOfFields(html: string): string[] {
  return [...html.matchAll(/<(?:input|textarea|select)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1] ?? '');
}

/** The opening tag of the element with `id`. */
function tagWithId(html: string, id: string): string {
  return new RegExp(`<[a-z]+ [^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? '';
}

/** The `data-msg-<key>` a form of the page carries, unescaped: what its script says. */
function messageOf(form: string, key: string): string | undefined {
  const value = new RegExp(`\\bdata-msg-${key}="([^"]*)"`).exec(form)?.[1];
  return value?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Each method's section of a signing page, by its `data-method`. */
function methodSections(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<section data-method="([a-z]+)"[\s\S]*?<\/section>/g)].map((match) => [match[1] ?? '', match[0]]));
}

describe('pages', () => {
  const rendered = LANGUAGES.map((language) => ({ language, pages: everyPage(language) }));

  it('renders every page in every language as a plain, accessible HTML document in that language', () => {
    for (const { language, pages } of rendered) {
      for (const [name, html] of Object.entries(pages)) {
        const where = `${name} in ${language}`;
        expect(html.startsWith('<!doctype html>\n'), where).toBe(true);
        expect(html, where).toContain(`<html lang="${language}">`);
        expect(html, where).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
        expect(html, where).toMatch(/<main>[\s\S]*<h1>[\s\S]*<\/main>/);
        expect(html.match(/<h1\b/g), where).toHaveLength(1);
        expect(html, where).toContain(':focus-visible');
        // No external resource: nothing loaded from elsewhere.
        expect(html, where).not.toMatch(/<link\b|\bsrc=|https?:\/\//);
        // Every field has its visible label, and what describes it exists.
        for (const id of idsOfFields(html)) {
          expect(html, `${where}: #${id}`).toContain(`<label for="${id}">`);
          const describedBy = /aria-describedby="([^"]+)"/.exec(tagWithId(html, id))?.[1]?.split(' ') ?? [];
          for (const described of describedBy) expect(tagWithId(html, described), `${where}: #${id} → #${described}`).not.toBe('');
        }
      }
    }
  });

  it('the signing page links the form, posts to the token’s endpoints and shows the deadline, in every language', () => {
    for (const { language, pages } of rendered) {
      const html = pages.signing ?? '';
      expect(html, language).toContain(`<a href="/sign/${LINK_TOKEN}/form.pdf">${escapeHtml(textsFor(language).page.signing.formLink)}</a>`);
      expect(html, language).toContain(`<form method="post" action="/sign/${LINK_TOKEN}/scan"`);
      expect(html, language).toContain(`<form method="post" action="/sign/${LINK_TOKEN}/decline"`);
      expect(html, language).toContain('accept="application/pdf,image/jpeg,image/png"');
      expect(html, language).toContain('<label for="scan-file">');
      expect(html, language).toContain('<label for="decline-reason">');
      expect(html, language).toContain('<noscript>');
      expect(html, language).toContain(EXPIRY_DATE_TEXT[language]);
    }
  });

  it('the signing page shows grantees, relations and scopes but no personal data, in every language', () => {
    const shownLabels = new Set(['Home insurance', 'Legal assistance']);
    for (const { language, pages } of rendered) {
      const html = pages.signing ?? '';
      const text = visibleText(html);
      expect(text, language).toContain(fullName(PEOPLE.elif()));
      expect(text, language).toContain(fullName(PEOPLE.lukasz()));
      for (const label of shownLabels) expect(text, language).toContain(label);
      for (const value of privateValuesOf(companyRequestFiledByEmployee({ language }))) {
        if (!shownLabels.has(value)) expect(html, `${language}: ${value}`).not.toContain(value);
      }
      expect(html, language).not.toContain(NATIONAL_REGISTER_NUMBER);
    }
  });

  it('the activation page is a standard form post to /activate/{token}, with no script, in every language (R7)', () => {
    for (const { language, pages } of rendered) {
      const html = pages.activation ?? '';
      expect(html, language).toMatch(
        new RegExp(`<form method="post" action="/activate/${LINK_TOKEN}">[\\s\\S]*<button type="submit">[^<]+</button>[\\s\\S]*</form>`),
      );
      expect(html, language).not.toContain('<script');
      expect(html, language).not.toMatch(/<button[^>]*disabled/);
      expect(visibleText(html), language).toContain('Home insurance');
      expect(visibleText(html), language).toContain(fullName(PEOPLE.lukasz()));
      expect(visibleText(html), language).toContain(EXPIRY_DATE_TEXT[language]);
    }
  });

  describe('the signing page', () => {
    const request = companyRequestFiledByEmployee({ language: 'nl' });

    it('offers the eID and the handwritten signature by default, the signing service only where one is configured (R3)', () => {
      const html = signingPage(signingPageFor(request));
      expect(html).toContain(`action="/sign/${LINK_TOKEN}/eid"`);
      expect(html).toContain(`action="/sign/${LINK_TOKEN}/scan"`);
      expect(html).not.toContain('/advanced"');
    });

    it('uploads each file straight to storage, with a progress bar, within the types and size of its method (R3)', () => {
      const html = signingPage(signingPageFor(request));
      const forms = [...html.matchAll(/<form [^>]*data-send="upload"[^>]*>[\s\S]*?<\/form>/g)].map((match) => match[0]);
      expect(forms).toHaveLength(2);
      const [eid, scan] = forms as [string, string];
      for (const form of forms) {
        expect(form).toContain(`data-uploads="/sign/${LINK_TOKEN}/uploads"`);
        expect(form).toContain(`data-max-bytes="${MAX_UPLOAD_BYTES}"`);
        expect(form).toMatch(/<progress max="100" value="0" hidden aria-label="Voortgang van het opladen"><\/progress>/);
        expect(form).toContain('data-msg-checking="Het bestand wordt gecontroleerd…"');
      }
      expect(methodSections(html).get('eid')).toContain(eid);
      expect(eid).toContain('data-types="application/pdf"');
      expect(eid).toContain('accept="application/pdf"');
      expect(methodSections(html).get('handwritten')).toContain(scan);
      expect(scan).toContain('data-types="application/pdf,image/jpeg,image/png"');
      expect(scan).toContain('accept="application/pdf,image/jpeg,image/png"');
      expect(scan).toContain('data-msg-done="Bedankt, uw handtekening is ontvangen. Makelaardij Verbeke &amp; Zonen kijkt uw scan na.');
    });

    it('carries the words for every refusal of a signed PDF, in each language, with "nothing was recorded, try again" (api-contract.md, signature_refused)', () => {
      for (const language of LANGUAGES) {
        const html = signingPage(signingPageFor(companyRequestFiledByEmployee({ language })));
        const texts = textsFor(language).page;
        for (const reason of REFUSAL_REASONS) {
          expect(html, `${language} ${reason}`).toContain(`data-msg-refused-${reason}="${escapeHtml(`${texts.signatureRefused.reasons[reason]} ${texts.signatureRefused.tryAgain}`)}"`);
        }
        for (const words of [texts.signing.uploadProgress, texts.signing.checking, texts.signing.connectionFailed, texts.signing.emptyFile]) {
          expect(html, language).toContain(escapeHtml(words));
        }
      }
    });

    it('names the accepted types for a wrong file and the limit for a file too large, per method, in French', () => {
      const sections = methodSections(signingPage(signingPageFor(companyRequestFiledByEmployee({ language: 'fr' }))));
      const scan = sections.get('handwritten') ?? '';
      const eid = sections.get('eid') ?? '';

      expect(messageOf(scan, 'wrong-type')).toBe('Ce type de fichier n’est pas accepté. Types acceptés\u00a0: PDF, JPEG, PNG. 20\u00a0Mo maximum.');
      expect(messageOf(eid, 'wrong-type')).toBe('Ce type de fichier n’est pas accepté. Types acceptés\u00a0: PDF. 20\u00a0Mo maximum.');
      for (const form of [scan, eid]) expect(messageOf(form, 'too-large')).toBe('Ce fichier est trop volumineux\u00a0: 20\u00a0Mo maximum.');
      // The same words are shown before a file is chosen.
      expect(visibleText(scan)).toContain('Types acceptés\u00a0: PDF, JPEG, PNG. 20\u00a0Mo maximum.');
    });

    it('names the accepted types and the size limit in every language, and never says "sending failed" for either', () => {
      for (const language of LANGUAGES) {
        const scan = methodSections(signingPage(signingPageFor(companyRequestFiledByEmployee({ language })))).get('handwritten') ?? '';
        const failed = messageOf(scan, 'failed');
        expect(messageOf(scan, 'wrong-type'), language).toContain('PDF, JPEG, PNG');
        expect(messageOf(scan, 'too-large'), language).toMatch(/\b20\sM[Bo]\b/);
        expect(messageOf(scan, 'empty'), language).toBe(textsFor(language).page.signing.emptyFile);
        expect(messageOf(scan, 'network'), language).toBe(textsFor(language).page.signing.connectionFailed);
        expect(messageOf(scan, 'too-many'), language).toContain(BROKER_NAME);
        for (const key of ['wrong-type', 'too-large', 'empty', 'network']) expect(messageOf(scan, key), `${language} ${key}`).not.toBe(failed);
      }
    });

    it('puts each offered method in its own section with its guidance, the signing service too when offered (R3)', () => {
      for (const language of LANGUAGES) {
        const signing = textsFor(language).page.signing;
        const html = signingPage(signingPageFor(companyRequestFiledByEmployee({ language }), { enabledMethods: ['advanced', 'eid', 'handwritten'] }));
        const sections = methodSections(html);
        expect([...sections.keys()], language).toEqual(['advanced', 'eid', 'handwritten']);
        expect(visibleText(sections.get('advanced') ?? ''), language).toContain(signing.advanced.text);
        expect(visibleText(sections.get('eid') ?? ''), language).toContain(signing.eid.text);
        for (const step of signing.handwritten.steps) expect(visibleText(sections.get('handwritten') ?? ''), language).toContain(step);
        for (const guidance of [signing.advanced.text, signing.eid.text]) {
          expect(guidance.split(/[.!?](?:\s|$)/).filter(Boolean).length, `${language}: ${guidance}`).toBeGreaterThanOrEqual(2);
        }
      }
    });

    it('says progress in a polite status line and every error in an alert that describes its field', () => {
      const html = signingPage(signingPageFor(request));
      const forms = [...html.matchAll(/<form [^>]*data-send=[\s\S]*?<\/form>/g)].map((match) => match[0]);
      expect(forms).toHaveLength(3);
      for (const form of forms) {
        expect(form).toContain('<p data-status role="status" aria-live="polite"></p>');
        const alertId = /<p id="([^"]+)" data-error role="alert"><\/p>/.exec(form)?.[1];
        expect(alertId, form).toBeDefined();
        expect(form).toMatch(new RegExp(`<(?:input|textarea) [^>]*aria-describedby="[^"]*\\b${alertId}\\b`));
        // The script speaks, not the browser (whose bubbles are in its own language).
        expect(form).toMatch(/<form [^>]*\bnovalidate\b/);
      }
    });

    it('asks for a reason to decline, required and as long as the decline route takes', () => {
      const html = signingPage(signingPageFor(request));
      expect(html).toContain('<label for="decline-reason">Reden van de weigering</label>');
      expect(tagWithId(html, 'decline-reason')).toMatch(/ maxlength="1000" required /);
      expect(html).toContain('<p id="decline-reason-hint" class="hint">Verplicht. Maximaal 1.000 tekens.</p>');
      expect(messageOf(html, 'no-reason')).toBe('Geef aan waarom u de aanvraag weigert.');
    });

    it('slots in the eID and advanced signatures when enabled (R3)', () => {
      const html = signingPage(signingPageFor(request, { enabledMethods: ['advanced', 'eid', 'handwritten'] }));
      expect(html).toContain(`<form method="post" action="/sign/${LINK_TOKEN}/advanced">`);
      expect(html).toContain(`<form method="post" action="/sign/${LINK_TOKEN}/eid"`);
      expect(html).toContain('<label for="eid-file">');
      expect(html).toContain('accept="application/pdf"');
    });

    it('never offers a method the request does not accept', () => {
      const html = signingPage(
        signingPageFor(request, { methods: ['eid'], enabledMethods: ['advanced', 'eid', 'handwritten'] }),
      );
      expect(html).toContain('/eid"');
      expect(html).not.toContain('/scan"');
      expect(html).not.toContain('/advanced"');
    });

    it('says to contact the broker when no method can be offered online', () => {
      const html = signingPage(signingPageFor(request, { methods: ['advanced'] }));
      expect(html).toContain('kan niet online ondertekend worden');
      expect(html).not.toContain('/scan"');
    });

    it('asks the legal representative to approve by signing (R6)', () => {
      const asRequester = signingPage(signingPageFor(request));
      const asRepresentative = signingPage(
        signingPageFor(request, { role: 'legalRepresentative', signerName: fullName(PEOPLE.elif()) }),
      );
      expect(asRepresentative).toContain('Als wettelijke vertegenwoordiger van Bakkerij Peeters BV keurt u');
      expect(asRequester).not.toContain('keurt u');
      // The heading says what is asked of both: signing the request.
      for (const html of [asRequester, asRepresentative]) expect(html).toContain('<h1>Aanvraag voor toegang tot het klantenportaal ondertekenen</h1>');
    });

    it('keeps upload and decline buttons disabled until the script runs', () => {
      const html = signingPage(signingPageFor(request));
      const buttons = [...html.matchAll(/<form [^>]*data-send=[\s\S]*?<button [^>]*>/g)].map((match) => match[0]);
      expect(buttons).toHaveLength(3);
      for (const button of buttons) expect(button).toMatch(/<button [^>]*disabled/);
    });

    it('runs only the script whose hash the Content-Security-Policy allows', () => {
      const html = signingPage(signingPageFor(request));
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
      const policy = pageContentSecurityPolicy();
      expect(policy).toContain(`script-src 'sha256-${hash(script)}'`);
      expect(policy).toContain(`style-src 'sha256-${hash(style)}'`);
      expect(policy).not.toContain('unsafe-inline');
      expect(html).not.toMatch(/ on[a-z]+=| style="/);
    });

    it('escapes names and encodes the token', () => {
      const html = signingPage(
        signingPageFor(request, {
          signerName: '<script>alert(1)</script>',
          brokerName: 'A "broker" & co',
          token: 'a/b?c"d',
          grantees: [{ name: '<img src=x>', relation: 'other', scope: ['<b>contract</b>'] }],
        }),
      );
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x&gt;');
      expect(html).toContain('&lt;b&gt;contract&lt;/b&gt;');
      expect(html).toContain('A &quot;broker&quot; &amp; co');
      expect(html).toContain('action="/sign/a%2Fb%3Fc%22d/scan"');
    });
  });

  it('escapes every name on the activation, result and decline pages too', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const pages = {
      activation: activationPage({ language: 'en', token: LINK_TOKEN, granteeName: hostile, clientName: hostile, brokerName: hostile, scope: [hostile], expiresAt: EXPIRES_AT }),
      activationAll: activationPage({ language: 'en', token: LINK_TOKEN, granteeName: 'A', clientName: hostile, brokerName: 'B', scope: 'all', expiresAt: EXPIRES_AT }),
      activationDone: activationDonePage({ language: 'en', clientName: hostile, brokerName: hostile, portalUrl: `/portal?x="${hostile}` }),
      signatureReceived: signatureReceivedPage({ language: 'en', method: 'eid', brokerName: hostile }),
      scanReceived: signatureReceivedPage({ language: 'en', method: 'handwritten', brokerName: hostile }),
      declined: declinedPage({ language: 'en', brokerName: hostile }),
    };
    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).not.toContain('<img');
      expect(html, name).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  describe('the unusable-link page', () => {
    const EXPECTED: Record<Language, Record<Exclude<UnusableLinkReason, 'unknown'>, string>> = {
      nl: { used: 'werd al gebruikt', expired: 'is vervallen', closed: 'is afgesloten' },
      fr: { used: 'a déjà été utilisé', expired: 'a expiré', closed: 'est clôturée' },
      de: { used: 'wurde bereits verwendet', expired: 'ist abgelaufen', closed: 'ist abgeschlossen' },
      en: { used: 'has already been used', expired: 'has expired', closed: 'is closed' },
    };

    it('says what to do next for each reason, in the request language and, for an unknown link, in all four', () => {
      for (const language of LANGUAGES) {
        for (const reason of ['used', 'expired', 'closed'] as const) {
          expect(visibleText(linkUnusablePage({ language, reason })), `${reason} in ${language}`).toContain(textsFor(language).page.linkUnusable.nextStep[reason]);
        }
        expect(visibleText(linkUnusablePage({ reason: 'unknown' })), language).toContain(textsFor(language).page.linkUnusable.nextStep.unknown);
      }
      expect(linkUnusablePage({ language: 'fr', reason: 'expired' })).toContain('demandez à votre courtier d’établir une nouvelle demande');
    });

    it('says why (used, expired, closed), and only that, in the request language', () => {
      const known = ['used', 'expired', 'closed'] as const;
      for (const language of LANGUAGES) {
        for (const reason of known) {
          const html = linkUnusablePage({ language, reason });
          const where = `${reason} in ${language}`;
          expect(html, where).toContain(`<html lang="${language}">`);
          expect(html, where).toContain(EXPECTED[language][reason]);
          for (const other of known.filter((each) => each !== reason)) expect(html, where).not.toContain(EXPECTED[language][other]);
        }
      }
    });

    it('for an unknown token, says it briefly in all four languages', () => {
      const html = linkUnusablePage({ reason: 'unknown' });
      for (const language of LANGUAGES) expect(html).toContain(`<section lang="${language}">`);
      expect(html).toContain('Deze link is ongeldig');
      expect(html).toContain('Ce lien n’est pas valable');
      expect(html).toContain('Dieser Link ist ungültig');
      expect(html).toContain('This link is not valid');
      expect(linkUnusablePage({ reason: 'unknown', language: 'fr' })).toBe(html);
    });

    it('falls back to all four languages when the language is not known', () => {
      const html = linkUnusablePage({ reason: 'expired' });
      expect(html).toContain('Deze link is vervallen.');
      expect(html).toContain('This link has expired.');
    });
  });

  describe('the result pages', () => {
    it('tell a scan apart from an electronic signature (R9: the broker checks a scan)', () => {
      const scan = signatureReceivedPage({ language: 'nl', method: 'handwritten', brokerName: BROKER_NAME });
      const eid = signatureReceivedPage({ language: 'nl', method: 'eid', brokerName: BROKER_NAME });
      expect(scan).toContain('kijkt uw scan na');
      expect(eid).not.toContain('scan');
    });

    it('link the portal after activation when its address is known', () => {
      const html = activationDonePage({
        language: 'en',
        clientName: 'Bakkerij Peeters BV',
        brokerName: BROKER_NAME,
        portalUrl: '/portal?a=1&b=2',
      });
      expect(html).toContain('<a href="/portal?a=1&amp;b=2">Go to the client portal</a>');
      expect(activationDonePage({ language: 'en', clientName: 'X', brokerName: 'Y' })).not.toContain('<a ');
    });

    it('tell the grantee how to get in once his access is active (R7)', () => {
      for (const language of LANGUAGES) {
        const html = activationDonePage({ language, clientName: 'Bakkerij Peeters BV', brokerName: BROKER_NAME });
        expect(visibleText(html), language).toContain(textsFor(language).page.activationDone.signIn);
      }
    });

    it('confirm a decline, naming the broker when given', () => {
      expect(declinedPage({ language: 'de' })).toContain('Es wird kein Zugang gewährt.');
      expect(declinedPage({ language: 'de' })).not.toContain('wird darüber informiert');
      expect(declinedPage({ language: 'de', brokerName: BROKER_NAME })).toContain('wird darüber informiert');
      // The next step after a mistake: the broker, and a new request.
      expect(visibleText(declinedPage({ language: 'en', brokerName: 'Broker B' }))).toContain('Declined by mistake? Please contact Broker B: a new request will be needed.');
    });
  });

  describe('are written in their own language', () => {
    // Not "Download": it is Dutch too ("Download het formulier").
    const ENGLISH = ['Sign the', 'Activate your', 'Dear ', 'Please', 'request', 'Upload', 'access to', 'the '];

    it('leaves no English in the Dutch, French or German pages', () => {
      for (const { language, pages } of rendered.filter((each) => each.language !== 'en')) {
        for (const [name, html] of Object.entries(pages)) {
          const text = visibleText(html).replace(/Home insurance|Legal assistance/g, '');
          for (const phrase of ENGLISH) expect(text, `${name} in ${language}: "${phrase}"`).not.toContain(phrase);
        }
      }
    });

    it('words each page differently in each language', () => {
      for (const name of Object.keys(rendered[0]?.pages ?? {})) {
        const texts = rendered.map(({ pages }) => visibleText(pages[name] ?? ''));
        expect(new Set(texts).size, name).toBe(LANGUAGES.length);
      }
    });
  });
});
