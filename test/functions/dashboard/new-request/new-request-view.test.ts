/**
 * The new-request page's HTML (functions/dashboard/new-request/new-request-view.ts,
 * request-form-render.ts): every field labelled in nl, fr, de and en; every value escaped; the
 * API's issues beside their fields (`aria-describedby`, `aria-invalid`) and listed, linked, in
 * the alert at the top; nothing inline the Content-Security-Policy would refuse.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../../functions/domain/request-schema.js';
import { validateAccessRequest } from '../../../../functions/domain/request-validation.js';
import type { ValidationIssue } from '../../../../functions/domain/validation-issue.js';
import { newRequestTexts, type NewRequestTexts } from '../../../../functions/dashboard/new-request/new-request-texts.js';
import { renderFiledMain, renderNewRequestMain } from '../../../../functions/dashboard/new-request/new-request-view.js';
import { initialFields, requestBodyOf, type FormFields } from '../../../../functions/dashboard/new-request/request-form-fields.js';
import { renderFormBody } from '../../../../functions/dashboard/new-request/request-form-render.js';
import { companyRequestFiledByEmployee, naturalClientRequestWithObservers, requestForRow, TODAY } from '../../../fixtures/access-request-builder.js';
import { formFieldsFor } from './request-form-fixtures.js';

const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e';

function page(language: Language, fields: FormFields = initialFields(language, TODAY), extra: { issues?: ValidationIssue[]; failure?: string } = {}): string {
  const { aliases } = requestBodyOf(fields);
  return renderNewRequestMain({ texts: newRequestTexts(language), fields, formToken: 'token-1', idempotencyKey: KEY, aliases, ...extra });
}

/** The ids every `<label for>` names, and the ids of every control that is not hidden. */
function labelsAndControls(html: string): { labelled: Set<string>; controls: string[] } {
  const labelled = new Set([...html.matchAll(/<label for="([^"]+)">/g)].map((match) => match[1] ?? ''));
  const controls = [...html.matchAll(/<(input|select)\b([^>]*)>/g)]
    .filter((match) => !/type="hidden"/.test(match[2] ?? ''))
    .map((match) => /\bid="([^"]+)"/.exec(match[2] ?? '')?.[1] ?? '(no id)');
  return { labelled, controls };
}

/** Every text of the texts (functions called with sample arguments), for checking that none is empty. */
function allTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return allTexts((value as (...args: unknown[]) => unknown)(2, 'POL-1'));
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(allTexts);
  return [];
}

describe('the new-request form in four languages', () => {
  it.each(LANGUAGES)('labels every control in %s, with one h1 and the form token and key', (language) => {
    const texts = newRequestTexts(language);
    for (const fields of [initialFields(language, TODAY), formFieldsFor(naturalClientRequestWithObservers()), formFieldsFor(companyRequestFiledByEmployee())]) {
      const html = page(language, fields);
      const { labelled, controls } = labelsAndControls(html);
      expect(controls.length).toBeGreaterThan(10);
      expect(controls.filter((id) => !labelled.has(id))).toEqual([]);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain(`<h1>${texts.title}</h1>`);
      expect(html).toContain('<input type="hidden" name="csrf" value="token-1">');
      expect(html).toContain(`<input type="hidden" name="idempotencyKey" value="${KEY}">`);
      expect(html).toContain('role="alert"');
    }
  });

  it.each(LANGUAGES)('shows the fields of a natural client, and of a company with its legal representative and another requester, in %s (R1, R6)', (language) => {
    const texts = newRequestTexts(language);
    const natural = page(language, formFieldsFor(requestForRow('R4.3')));
    expect(natural).toContain(`>${texts.fields.lastName}</label>`);
    expect(natural).toContain(texts.hints.naturalRequester.replace(/'/g, '&#39;'));
    expect(natural).toContain('name="client.person.email"');
    expect(natural).not.toContain('name="client.enterpriseNumber"');
    expect(natural).toContain(`>${texts.relations.insured}</option>`);

    const company = page(language, formFieldsFor(companyRequestFiledByEmployee()));
    expect(company).toContain(`>${texts.fields.enterpriseNumber.replace(/'/g, '&#39;')}</label>`);
    expect(company).toContain('name="client.legalRepresentative.email"');
    expect(company).toContain('name="requester.lastName"');
    expect(company).not.toContain('name="client.person.lastName"');
    expect(company).not.toContain(`>${texts.relations.insured}</option>`);
  });

  it('words every text in each language, none empty, and each language in its own words', () => {
    const [nl, fr, de, en] = LANGUAGES.map((language) => allTexts(newRequestTexts(language)));
    for (const texts of [nl, fr, de, en]) expect(texts?.filter((text) => text.trim() === '')).toEqual([]);
    expect(new Set([nl?.length, fr?.length, de?.length, en?.length]).size).toBe(1);
    // Beside names and references, a language's words are its own.
    const shared = (nl ?? []).filter((text, index) => text === en?.[index] && text.length > 12);
    expect(shared).toEqual([]);
  });

  it('offers the contracts entered to each grantee who sees a list, ticked as chosen (R4.3)', () => {
    const html = page('en', formFieldsFor(naturalClientRequestWithObservers()));
    expect(html).toMatch(/<input type="checkbox" id="f-grantees-2-contracts-1" name="grantees.2.contracts" value="POL-2" checked>/);
    expect(html).toMatch(/<input type="checkbox" id="f-grantees-2-contracts-0" name="grantees.2.contracts" value="POL-1">/);
    // The client himself sees everything: no list is offered (R4.1).
    expect(html).not.toContain('name="grantees.0.contracts"');
  });

  it('has nothing the Content-Security-Policy refuses: no inline script, style or handler', () => {
    const html = page('nl', formFieldsFor(naturalClientRequestWithObservers()));
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('renders the buttons that reshape the form without the script, and leaves them out for it', () => {
    const fields = formFieldsFor(naturalClientRequestWithObservers());
    const plain = renderFormBody({ fields, texts: newRequestTexts('de') }).html;
    const scripted = renderFormBody({ fields, texts: newRequestTexts('de'), scripted: true }).html;
    expect(plain).toContain('value="refresh"');
    expect(scripted).not.toContain('value="refresh"');
    expect(scripted).toContain('<button type="submit" class="secondary" name="formAction" value="remove:grantees:3" formnovalidate>Person 4 entfernen</button>');
    expect(scripted).toContain('value="add:contracts"');
  });
});

describe('escaping', () => {
  it('escapes every value entered: in fields, in the contracts offered, in the answer', () => {
    const hostile = '"><script>alert(1)</script>\'&';
    const fields = formFieldsFor(naturalClientRequestWithObservers());
    fields.set('client.person.lastName', [hostile]);
    fields.set('contracts.1.ref', [hostile]);
    fields.set('language', [hostile]);
    const html = page('fr', fields);
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&amp;"');
    expect(html).toContain('>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&amp;</label>');

    const filed = renderFiledMain(newRequestTexts('en'), { clientRef: hostile, dashboardUrl: '/dashboard/requests/req_"x' });
    expect(filed).not.toContain('<script>');
    expect(filed).toContain('href="/dashboard/requests/req_&quot;x"');
  });

  it('escapes an issue the API words itself, beside its field and in the list', () => {
    const issue = { path: 'clientRef', rule: 'schema', message: 'Odd <b>thing</b>' };
    const html = page('en', initialFields('en', TODAY), { issues: [issue] });
    expect(html).toContain('Odd &lt;b&gt;thing&lt;/b&gt;');
    expect(html).not.toContain('<b>thing');
  });
});

describe('the API\'s issues on the page', () => {
  function issuesFor(fields: FormFields): ValidationIssue[] {
    const result = validateAccessRequest(requestBodyOf(fields).body, TODAY);
    return result.ok ? [] : result.issues;
  }

  it('puts each issue beside its field, in the broker\'s words, and lists it, linked, at the top', () => {
    const fields = formFieldsFor(naturalClientRequestWithObservers());
    fields.set('grantees.1.person.birthDate', ['2999-01-01']);
    fields.set('client.person.email', ['hans at example']);
    const texts: NewRequestTexts = newRequestTexts('nl');
    const html = page('nl', fields, { issues: issuesFor(fields) });

    expect(html).toMatch(/<input type="date" id="f-grantees-1-person-birthDate" name="grantees.1.person.birthDate" value="2999-01-01" required autocomplete="off" aria-describedby="e-grantees-1-person-birthDate" aria-invalid="true">/);
    expect(html).toContain(`<p class="field-issue" id="e-grantees-1-person-birthDate">${texts.issues.birthDateInFuture}</p>`);
    // The natural client's e-mail address is the requester's and the policyholder grantee's (R1, R4.1): one field, one message.
    expect(html).toContain(`<p class="field-issue" id="e-client-person-email">${texts.issues.email}</p>`);
    expect(html).toMatch(/id="f-client-person-email" name="client.person.email" value="hans at example" required autocomplete="off" spellcheck="false" aria-describedby="h-f-client-person-email e-client-person-email" aria-invalid="true">/);

    const summary = /<div class="issue-summary" id="issue-summary" role="alert" tabindex="-1">(.*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(summary).toContain(`<h2>${texts.summary(2)}</h2>`);
    expect(summary).toContain(`<a href="#f-grantees-1-person-birthDate">Persoon 2 – Geboortedatum: ${texts.issues.birthDateInFuture}</a>`);
    expect(summary).toContain(`<a href="#f-client-person-email">Klant – E-mailadres: ${texts.issues.email}</a>`);
    // A field without a problem is neither marked nor described by an empty message.
    expect(html).toMatch(/id="f-client-person-lastName" name="client.person.lastName" value="Müller" required autocomplete="off">/);
    expect(html).toContain('<p class="field-issue" id="e-client-person-lastName" hidden></p>');
  });

  it('puts an issue of a group on the group, linked to its first choice (R3, R4.2)', () => {
    const fields = formFieldsFor(naturalClientRequestWithObservers());
    fields.set('signatureMethods', []);
    fields.set('grantees.1.contracts', ['POL-1', 'POL-2']);
    const texts = newRequestTexts('en');
    const html = page('en', fields, { issues: issuesFor(fields) });
    expect(html).toContain(`<p class="field-issue" id="e-signatureMethods">${texts.issues.atLeastOneMethod}</p>`);
    expect(html).toMatch(/<input type="checkbox" id="f-signatureMethods-0" name="signatureMethods" value="advanced" aria-describedby="e-signatureMethods" aria-invalid="true">/);
    expect(html).toContain(`<a href="#f-grantees-1-contracts-0">Person 2 – Contracts this person may consult: ${texts.issues.exactlyOneContract(2)}</a>`);
  });

  it('lists an issue of the whole request without a link, and says why a post was not filed in an alert', () => {
    const html = page('de', initialFields('de', TODAY), { issues: [{ path: '', rule: 'I3', message: 'and 7 more issues not listed' }], failure: 'Der Dienst ist beschäftigt' });
    expect(html).toContain(`<li>Antrag: ${newRequestTexts('de').issues.moreIssues(7)}</li>`);
    expect(html).toContain('<div class="form-failure" id="new-request-failure" role="alert"><p>Der Dienst ist beschäftigt</p></div>');
  });
});

describe('the request filed', () => {
  it.each(LANGUAGES)('says so in %s, in a status, with links to the request and to a new form', (language) => {
    const texts = newRequestTexts(language);
    const html = renderFiledMain(texts, { clientRef: 'C-1001', dashboardUrl: '/dashboard/requests/req_AAAAAAAAAAAAAAAAAAAA' });
    expect(html).toContain(`<div class="notice success" role="status"><p>${texts.answers.filed('C-1001').replace(/'/g, '&#39;')}</p></div>`);
    expect(html).toContain('href="/dashboard/requests/req_AAAAAAAAAAAAAAAAAAAA" data-filed-request');
    expect(html).toContain('href="/dashboard/new-request"');
  });
});
