/**
 * The API's issues in the broker's words (functions/dashboard/new-request/issue-words.ts): the
 * rules are run on broken forms, and each issue they find must have the dashboard's words in nl,
 * fr, de and en, not the API's English sentence; each place is named for the list of problems.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../functions/domain/request-schema.js';
import { validateAccessRequest } from '../../../../functions/domain/request-validation.js';
import type { ValidationIssue } from '../../../../functions/domain/validation-issue.js';
import { ISSUE_KIND_NAMES, issueKindOf, issueMessage, placeLabel } from '../../../../functions/dashboard/new-request/issue-words.js';
import { failureText, newRequestTexts } from '../../../../functions/dashboard/new-request/new-request-texts.js';
import { initialFields, requestBodyOf, withChange } from '../../../../functions/dashboard/new-request/request-form-fields.js';
import { legalClientRequest, naturalClientRequestWithObservers, numberedGrantees, PEOPLE, requestForRow, TODAY } from '../../../fixtures/access-request-builder.js';
import { formFieldsFor } from './request-form-fixtures.js';

type Fields = Map<string, string[]>;

/** Broken forms, each with what is broken; together they break every rule a form can break. */
const BROKEN_FORMS: readonly [string, () => Fields][] = [
  ['an empty form (R5: every field missing)', () => initialFields('nl', TODAY)],
  [
    'text fields out of their character sets (I1, I2)',
    () =>
      set(formFieldsFor(requestForRow('R4.3')), {
        clientRef: 'C 1001',
        'client.person.email': 'hans at example',
        'client.person.lastName': 'Mül\u200bler',
        'client.person.address.country': 'B',
        'contracts.0.ref': 'POL#1',
      }),
  ],
  ['a name over its bound as typed (I3)', () => set(formFieldsFor(requestForRow('R4.1')), { 'client.person.firstName': 'H'.repeat(101) })],
  // U+0958 is one code unit as typed and two once normalized (NFC): the bound is passed only then.
  ['a name over its bound once normalized (I2, I3)', () => set(formFieldsFor(requestForRow('R4.1')), { 'client.person.firstName': '\u0958'.repeat(60) })],
  [
    'dates in the future and too long ago (R5)',
    () => set(formFieldsFor(requestForRow('R4.1')), { requestDate: '2999-01-01', 'client.person.birthDate': '1850-01-01' }),
  ],
  ['a date that is no date (R5)', () => set(formFieldsFor(requestForRow('R4.1')), { 'client.person.birthDate': '2001-02-30' })],
  ['a grantee born tomorrow (R5)', () => set(formFieldsFor(requestForRow('R4.3')), { 'grantees.0.person.birthDate': '2999-01-01' })],
  ['an enterprise number whose check digits fail (R6)', () => set(formFieldsFor(legalClientRequest()), { 'client.enterpriseNumber': '0123.456.748' })],
  [
    'contracts that do not fit the relation (R4.2, R4.3), listed twice or unknown',
    () => {
      const fields = formFieldsFor(naturalClientRequestWithObservers());
      fields.set('grantees.1.contracts', ['POL-1', 'POL-2']);
      fields.set('grantees.2.contracts', []);
      fields.set('grantees.3.contracts', ['POL-9']);
      fields.set('contracts.1.ref', ['POL-1']);
      return fields;
    },
  ],
  ['the same person twice (R5)', () => set(formFieldsFor(naturalClientRequestWithObservers()), { 'grantees.2.person.email': 'francoise.lefevre@example.be' })],
  ['no signature method (R3), no grantee', () => withChange(set(formFieldsFor(requestForRow('R4.1')), {}, ['signatureMethods']), { kind: 'remove', list: 'grantees', index: 0 })],
  ['a relation the client type does not have (R4)', () => set(formFieldsFor(legalClientRequest()), { 'grantees.0.relation': 'insured' })],
  ['an unknown client type and language', () => set(formFieldsFor(requestForRow('R4.1')), { 'client.type': 'trust', language: 'es' })],
  ['more grantees than a request takes (I3)', () => formFieldsFor({ ...requestForRow('R4.3'), grantees: numberedGrantees(41) })],
];

/** Bodies sent to the API that the form does not make (it asks each person once, offers each method once), and bodies over the API's bounds. */
const OTHER_BODIES: readonly [string, () => unknown][] = [
  ['a requester who is not the policyholder (R1)', () => ({ ...requestForRow('R4.1'), requester: PEOPLE.lukasz() })],
  ['a policyholder grantee who is someone else, with a list (R4.1)', () => ({ ...requestForRow('R4.1'), grantees: [{ relation: 'policyholder', person: PEOPLE.lukasz(), contracts: ['POL-1'] }] })],
  ['a legal representative grantee who is someone else (R4.4)', () => ({ ...legalClientRequest(), grantees: [{ relation: 'legalRepresentative', person: PEOPLE.lukasz() }] })],
  ['a signature method twice (R3)', () => ({ ...requestForRow('R4.1'), signatureMethods: ['eid', 'eid'] })],
  ['more contracts than a request takes (I3)', () => ({ ...requestForRow('R4.1'), contracts: Array.from({ length: 501 }, (_, index) => ({ ref: `P-${index}`, label: 'x' })) })],
  ['more issues than are answered (I3)', () => ({ ...requestForRow('R4.1'), contracts: Array.from({ length: 60 }, (_, index) => ({ ref: `P ${index}`, label: 'x' })) })],
];

function set(fields: Fields, values: Readonly<Record<string, string>>, emptied: readonly string[] = []): Fields {
  for (const [name, value] of Object.entries(values)) fields.set(name, [value]);
  for (const name of emptied) fields.set(name, []);
  return fields;
}

function issuesOf(fields: Fields): ValidationIssue[] {
  const result = validateAccessRequest(requestBodyOf(fields).body, TODAY);
  return result.ok ? [] : result.issues;
}

describe('the API issues of a broken form, in the broker\'s words', () => {
  it.each(BROKEN_FORMS)('has words for every issue of %s', (_name, form) => {
    const issues = issuesOf(form());
    expect(issues.length).toBeGreaterThan(0);
    const unworded = issues.filter((issue) => issueKindOf(issue) === undefined);
    expect(unworded).toEqual([]);
  });

  it.each(OTHER_BODIES)('has words for every issue of %s', (_name, body) => {
    const result = validateAccessRequest(body(), TODAY);
    const issues = result.ok ? [] : result.issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.filter((issue) => issueKindOf(issue) === undefined)).toEqual([]);
  });

  it('says each kind of issue differently from the API\'s English, in each of the four languages', () => {
    const issues = [
      ...BROKEN_FORMS.flatMap(([, form]) => issuesOf(form())),
      ...OTHER_BODIES.flatMap(([, body]) => {
        const result = validateAccessRequest(body(), TODAY);
        return result.ok ? [] : result.issues;
      }),
    ];
    // Every kind the dashboard has words for is met, so none of its patterns is dead.
    expect(new Set(issues.map(issueKindOf))).toEqual(new Set(ISSUE_KIND_NAMES));
    for (const language of LANGUAGES) {
      const texts = newRequestTexts(language);
      for (const issue of issues) {
        const said = issueMessage(issue, texts);
        expect(said, `${language}: ${issue.message}`).not.toBe(issue.message);
        expect(said.trim()).not.toBe('');
      }
    }
  });

  it('keeps what the API quotes: the contract, the grantee repeated, the bound', () => {
    const nl = newRequestTexts('nl');
    expect(issueMessage({ path: 'grantees.3.contracts.0', rule: 'R4.3', message: 'Contract "POL-9" is not among the request\'s contracts' }, nl)).toBe('Contract „POL-9” staat niet bij de contracten van de aanvraag.');
    expect(issueMessage({ path: 'grantees.2', rule: 'R5', message: 'This grantee repeats grantee 2 (same person or same e-mail address); list each person once' }, newRequestTexts('de'))).toContain('wie Person 2');
    expect(issueMessage({ path: 'client.name', rule: 'I3', message: 'The name of the client has 300 characters; at most 200 are accepted (I3)' }, newRequestTexts('fr'))).toBe('200 caractères au maximum.');
    expect(issueMessage({ path: 'client.person.lastName', rule: 'I2', message: 'The surname of the client is not valid: contains an invisible or control character (U+200B ZERO WIDTH SPACE) (I2)' }, nl)).toContain('U+200B ZERO WIDTH SPACE');
  });

  it('shows the API\'s own sentence for an issue it has no words for', () => {
    const issue = { path: 'headers.idempotency-key', rule: 'schema', message: 'Idempotency-Key must be 1 to 200 characters' };
    expect(issueKindOf(issue)).toBeUndefined();
    expect(issueMessage(issue, newRequestTexts('fr'))).toBe(issue.message);
  });
});

describe('the names of the places', () => {
  it.each([
    ['nl', 'grantees.1.person.birthDate', 'Persoon 2 – Geboortedatum'],
    ['fr', 'client.legalRepresentative.address.postalCode', 'Représentant légal – Code postal'],
    ['de', 'contracts.0.ref', 'Vertrag 1 – Vertragsnummer'],
    ['en', 'client.person.email', 'Client – E-mail address'],
    ['en', 'client.enterpriseNumber', 'Company – Enterprise number'],
    ['en', 'grantees.0.contracts', 'Person 1 – Contracts this person may consult'],
    ['nl', 'grantees.2', 'Persoon 3'],
    ['fr', 'requestDate', 'Date de la demande'],
    ['de', 'signatureMethods', 'Zugelassene Unterschriften'],
    ['en', 'client.type', 'Type of client'],
    ['en', '', 'Request'],
  ] as const)('%s: %s is "%s"', (language, path, label) => {
    expect(placeLabel(path, newRequestTexts(language))).toBe(label);
  });
});

describe('why a request was not filed', () => {
  it.each(LANGUAGES)('says each refusal other than a 400 in %s', (language) => {
    const texts = newRequestTexts(language);
    const said = [401, 403, 409, 413, 503, 500].map((status) => failureText(status, texts));
    expect(new Set(said).size).toBe(6);
    expect(failureText(500, texts)).toContain('500');
  });
});
