import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../functions/domain/request-schema.js';
import { renderMail, UnsafeMailLinkError, type MailInput } from '../../../functions/messages/mail-templates.js';
import {
  ACTIVATE_LINK,
  BROKER_NAME,
  EXPIRES_AT,
  EXPIRY_DATE_TEXT,
  fullName,
  mailFor,
  privateValuesOf,
  SIGN_LINK,
} from './message-fixtures.js';
import { companyRequestFiledByEmployee, PEOPLE } from '../../fixtures/access-request-builder.js';

const KINDS: readonly MailInput['kind'][] = [
  'signatureInvitation',
  'signatureReminder',
  'scanRejected',
  'activationInvitation',
  'activationReminder',
];
const CASES = LANGUAGES.flatMap((language) => KINDS.map((kind) => ({ language, kind })));

/** What the HTML part says once tags are dropped and entities read back. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderMail', () => {
  /** Every kind of e-mail in every language, rendered for the company request. */
  const rendered = CASES.map(({ language, kind }) => {
    const request = companyRequestFiledByEmployee({ language });
    const input = mailFor(kind, request);
    return { language, kind, request, input, mail: renderMail(input), name: `${kind} in ${language}` };
  });

  it('names the recipient, the broker, the link and the expiry day, in every kind and language', () => {
    for (const { language, kind, input, mail, name } of rendered) {
      const link = kind.startsWith('activation') ? ACTIVATE_LINK : SIGN_LINK;
      for (const body of [mail.text, visibleText(mail.html)]) {
        expect(body, name).toContain(input.recipientName);
        expect(body, name).toContain(BROKER_NAME);
        expect(body, name).toContain(link);
        expect(body, name).toContain(EXPIRY_DATE_TEXT[language]);
      }
      expect(mail.subject, name).toContain(BROKER_NAME);
      expect(mail.html, name).toContain(`href="${link}"`);
    }
  });

  it('shows no birth date, address, contract, e-mail or national register number, in any kind or language (GDPR)', () => {
    for (const { request, mail, name } of rendered) {
      for (const value of privateValuesOf(request)) {
        expect(mail.subject, name).not.toContain(value);
        expect(mail.text, name).not.toContain(value);
        expect(visibleText(mail.html), name).not.toContain(value);
      }
    }
  });

  it('is an HTML e-mail in the request language, with inline styles only', () => {
    for (const { language, mail, name } of rendered) {
      expect(mail.html, name).toMatch(new RegExp(`^<!doctype html>\n<html lang="${language}">`));
      expect(mail.html, name).not.toMatch(/<style|<script|class=/);
    }
  });

  it('tells the requester and the legal representative apart, in every language (R6)', () => {
    for (const language of LANGUAGES) {
      const request = companyRequestFiledByEmployee({ language });
      const asRequester = mailFor('signatureInvitation', request);
      const asRepresentative = {
        ...asRequester,
        role: 'legalRepresentative' as const,
        recipientName: fullName(PEOPLE.elif()),
      };
      const requesterMail = renderMail(asRequester);
      const representativeMail = renderMail(asRepresentative);
      expect(representativeMail.subject, language).not.toBe(requesterMail.subject);
      expect(representativeMail.text, language).toContain(fullName(PEOPLE.lukasz()));
      expect(representativeMail.text, language).toContain('Bakkerij Peeters BV');
      for (const grantee of request.grantees) expect(representativeMail.text, language).toContain(fullName(grantee.person));
    }
  });

  it('writes the grantees as one list in the language', () => {
    const nl = renderMail(mailFor('signatureInvitation', companyRequestFiledByEmployee({ language: 'nl' })));
    const fr = renderMail(mailFor('signatureInvitation', companyRequestFiledByEmployee({ language: 'fr' })));
    expect(nl.text).toContain('Elif Şahin en Łukasz Wiśniewski');
    expect(fr.text).toContain('Elif Şahin et Łukasz Wiśniewski');
  });

  it('says the link is personal and single-use, and what to do with an unexpected e-mail', () => {
    const expected: Record<Language, [string, string]> = {
      nl: ['persoonlijk en kan maar één keer gebruikt worden', 'Verwachtte u deze e-mail niet?'],
      fr: ['personnel et ne peut être utilisé qu’une seule fois', 'Vous n’attendiez pas cet e-mail'],
      de: ['persönlich und kann nur einmal verwendet werden', 'Sie haben diese E-Mail nicht erwartet?'],
      en: ['personal and can be used only once', 'If you were not expecting this e-mail'],
    };
    for (const language of LANGUAGES) {
      const mail = renderMail(mailFor('activationInvitation', companyRequestFiledByEmployee({ language })));
      for (const phrase of expected[language]) expect(mail.text).toContain(phrase);
    }
  });

  it('shows the expiry in Brussels time: 23:30 UTC on 28 November is 29 November', () => {
    const input = { ...mailFor('activationInvitation', companyRequestFiledByEmployee({ language: 'de' })), expiresAt: new Date('2026-11-28T23:30:00Z') };
    const mail = renderMail(input);
    expect(mail.text).toContain('29. November 2026 um 00:30');
    expect(mail.text).not.toContain('28. November');
  });

  it('says it is the last reminder only in the last round', () => {
    const request = companyRequestFiledByEmployee({ language: 'en' });
    const reminder = mailFor('signatureReminder', request);
    if (reminder.kind !== 'signatureReminder') throw new Error('fixture');
    expect(renderMail({ ...reminder, round: 2, rounds: 3 }).text).not.toContain('last reminder');
    expect(renderMail({ ...reminder, round: 3, rounds: 3 }).text).toContain('This is the last reminder');
    const activation = mailFor('activationReminder', request);
    if (activation.kind !== 'activationReminder') throw new Error('fixture');
    expect(renderMail(activation).text).not.toContain('last reminder');
    expect(renderMail({ ...activation, round: 3, rounds: 3 }).text).toContain('This is the last reminder');
  });

  it('quotes the broker’s reason for rejecting a scan, line breaks kept (R9)', () => {
    const input = { ...mailFor('scanRejected', companyRequestFiledByEmployee({ language: 'nl' })), reason: 'Pagina 2 ontbreekt.\nGraag opnieuw.' };
    const mail = renderMail(input);
    expect(mail.text).toContain('Reden:\nPagina 2 ontbreekt.\nGraag opnieuw.');
    expect(mail.html).toContain('white-space:pre-line">Pagina 2 ontbreekt.\nGraag opnieuw.</span>');
  });

  it('escapes every interpolated value in the HTML part', () => {
    const hostile = '<script>alert("x")</script>';
    const input: MailInput = {
      kind: 'scanRejected',
      language: 'en',
      recipientName: hostile,
      brokerName: `${hostile} & Co`,
      reason: `<img src=x onerror=alert(1)>`,
      link: 'https://portal.example.be/sign/abc?x="><script>',
      expiresAt: EXPIRES_AT,
    };
    const mail = renderMail(input);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('&amp; Co');
    expect(mail.html).toContain('href="https://portal.example.be/sign/abc?x=&quot;&gt;&lt;script&gt;"');
  });

  it('keeps the subject on one line whatever the names hold', () => {
    const input = { ...mailFor('activationInvitation', companyRequestFiledByEmployee({ language: 'fr' })), brokerName: 'Courtier\r\nBcc: x@example.com' };
    expect(renderMail(input).subject).not.toMatch(/[\r\n]/);
  });

  it('refuses any link that is not an absolute http(s) URL, and takes the local stack’s http one', () => {
    const withLink = (link: string): MailInput => ({ ...mailFor('activationInvitation', companyRequestFiledByEmployee({ language: 'nl' })), link });
    for (const link of ['javascript:alert(1)', 'data:text/html,hi', '/sign/abc', 'not a url']) {
      expect(() => renderMail(withLink(link)), link).toThrow(UnsafeMailLinkError);
    }
    expect(renderMail(withLink('http://127.0.0.1:3000/activate/abc')).html).toContain('href="http://127.0.0.1:3000/activate/abc"');
  });

  describe('is written in its own language', () => {
    const ENGLISH = ['Dear ', 'Please', 'Kind regards', 'Sign the', 'Activate your', 'request', 'the '];
    it('leaves no English in any kind of e-mail in Dutch, French or German', () => {
      for (const { mail, name } of rendered.filter((each) => each.language !== 'en')) {
        const words = `${mail.subject}\n${mail.text}`.replaceAll(SIGN_LINK, '').replaceAll(ACTIVATE_LINK, '');
        for (const phrase of ENGLISH) expect(words, `${name}: "${phrase}"`).not.toContain(phrase);
      }
    });

    it('words each kind of e-mail differently in each language', () => {
      for (const kind of KINDS) {
        const mails = rendered.filter((each) => each.kind === kind).map(({ mail }) => mail);
        expect(new Set(mails.map(({ subject }) => subject)).size, kind).toBe(LANGUAGES.length);
        expect(new Set(mails.map(({ text }) => text)).size, kind).toBe(LANGUAGES.length);
      }
    });
  });
});
