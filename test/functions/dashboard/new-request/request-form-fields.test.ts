/**
 * The new-request form's fields and the API's body (functions/dashboard/new-request/request-form-fields.ts):
 * a form filled in for any request is that request; each person the rules make one is asked once
 * (R1, R4.1, R4.4, R6) and an issue found on a copy comes back to the field it was read from.
 */
import { describe, expect, it } from 'vitest';
import { validateAccessRequest } from '../../../../functions/domain/request-validation.js';
import {
  fieldsOf,
  formChangeOf,
  initialFields,
  placeOf,
  requestBodyOf,
  rowCount,
  withChange,
} from '../../../../functions/dashboard/new-request/request-form-fields.js';
import {
  companyRequestFiledByEmployee,
  naturalClientRequestWithObservers,
  PEOPLE,
  R4_ROWS,
  requestForRow,
  TODAY,
  validatedRequest,
  type R4Row,
} from '../../../fixtures/access-request-builder.js';
import { formFieldsFor } from './request-form-fixtures.js';

const CASES: [string, ReturnType<typeof requestForRow>][] = [
  ...R4_ROWS.map((row: R4Row): [string, ReturnType<typeof requestForRow>] => [row, requestForRow(row)]),
  ['R4.1–R4.3 together', naturalClientRequestWithObservers()],
  ['R6, a company request filed by an employee', companyRequestFiledByEmployee()],
];

describe('the form and the API body', () => {
  it.each(CASES)('a form filled in for %s is the same request as the API body', (_name, body) => {
    const { body: sent } = requestBodyOf(formFieldsFor(body));
    expect(validatedRequest(sent as never)).toEqual(validatedRequest({ signatureMethods: ['advanced', 'eid', 'handwritten'], ...body }));
  });

  it('asks a natural client once: he is his own requester (R1) and, as policyholder grantee, himself (R4.1)', () => {
    const fields = formFieldsFor(requestForRow('R4.1'));
    const { body, aliases } = requestBodyOf(fields);
    expect(body['requester']).toEqual(PEOPLE.hans());
    expect((body['grantees'] as { person: unknown }[])[0]?.person).toEqual(PEOPLE.hans());
    expect(aliases).toEqual([
      ['requester', 'client.person'],
      ['grantees.0.person', 'client.person'],
    ]);
  });

  it("asks a company's legal representative once when he asks himself (R6) and is a grantee (R4.4)", () => {
    const { body, aliases } = requestBodyOf(formFieldsFor(requestForRow('R4.4')));
    expect(body['requester']).toEqual(PEOPLE.elif());
    expect((body['grantees'] as { person: unknown }[])[0]?.person).toEqual(PEOPLE.elif());
    expect(aliases).toContainEqual(['requester', 'client.legalRepresentative']);
  });

  it('leaves empty fields out, so the API says they are missing, and sends no contract for an empty row', () => {
    const { body } = requestBodyOf(initialFields('nl', TODAY));
    expect(body).toEqual({
      language: 'nl',
      client: { type: 'natural', person: { address: { country: 'BE' } } },
      requester: { address: { country: 'BE' } },
      requestDate: TODAY,
      contracts: [],
      grantees: [{ relation: 'policyholder', person: { address: { country: 'BE' } } }],
      signatureMethods: ['advanced', 'eid', 'handwritten'],
    });
    const result = validateAccessRequest(body, TODAY);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toContain('client.person.lastName');
  });

  it('sends a grantee the contracts ticked for him, each once, and none for the client himself (R4.1, R4.3)', () => {
    const fields = formFieldsFor(naturalClientRequestWithObservers());
    fields.set('grantees.2.contracts', ['POL-2', 'POL-2', 'POL-3']);
    fields.set('grantees.0.contracts', ['POL-1']);
    const grantees = requestBodyOf(fields).body['grantees'] as { contracts?: string[] }[];
    expect(grantees[2]?.contracts).toEqual(['POL-2', 'POL-3']);
    expect(grantees[0]).not.toHaveProperty('contracts');
  });
});

describe('where an issue is shown', () => {
  const everyPlace = (path: string) => path !== '' && !path.endsWith('.person') && path !== 'requester';

  it('follows a copied part back to its field: the natural requester is the client (R1)', () => {
    const { aliases } = requestBodyOf(formFieldsFor(requestForRow('R4.1')));
    expect(placeOf('requester.birthDate', aliases, everyPlace)).toBe('client.person.birthDate');
    expect(placeOf('grantees.0.person.email', aliases, everyPlace)).toBe('client.person.email');
  });

  it('counts contracts as sent: an issue on the second contract sent is shown on its row, after an empty one', () => {
    const fields = formFieldsFor(requestForRow('R4.1'));
    fields.set('contracts.0.ref', ['']);
    fields.set('contracts.0.label', ['']);
    fields.set('contracts.2.ref', ['POL 3']);
    const { body, aliases } = requestBodyOf(fields);
    const result = validateAccessRequest(body, TODAY);
    const issue = result.ok ? undefined : result.issues.find((found) => found.path.startsWith('contracts.'));
    expect(issue?.path).toBe('contracts.1.ref');
    expect(placeOf(issue?.path ?? '', aliases, everyPlace)).toBe('contracts.2.ref');
  });

  it('shows an issue of an item of a list on the list, and an issue of the whole request nowhere', () => {
    const has = (path: string) => ['grantees.1.contracts', 'grantees.1', 'signatureMethods'].includes(path);
    expect(placeOf('grantees.1.contracts.3', [], has)).toBe('grantees.1.contracts');
    expect(placeOf('signatureMethods.1', [], has)).toBe('signatureMethods');
    expect(placeOf('', [], has)).toBeUndefined();
    expect(placeOf('headers.idempotency-key', [], has)).toBeUndefined();
  });
});

describe('reshaping the form', () => {
  it('adds a contract row and a grantee (another person, once the client himself is listed)', () => {
    const fields = initialFields('fr', TODAY);
    expect(rowCount(fields, 'contracts')).toBe(1);
    const more = withChange(withChange(fields, { kind: 'add', list: 'contracts' }), { kind: 'add', list: 'grantees' });
    expect(rowCount(more, 'contracts')).toBe(2);
    expect(more.get('grantees.0.relation')).toEqual(['policyholder']);
    expect(more.get('grantees.1.relation')).toEqual(['other']);
    expect(more.get('grantees.1.person.address.country')).toEqual(['BE']);
  });

  it('removes a row and moves the rows after it up, their values with them', () => {
    const fields = formFieldsFor(naturalClientRequestWithObservers());
    const fewer = withChange(fields, { kind: 'remove', list: 'grantees', index: 1 });
    expect(rowCount(fewer, 'grantees')).toBe(3);
    expect(fewer.get('grantees.1.person.lastName')).toEqual([PEOPLE.lukasz().lastName]);
    expect(fewer.get('grantees.2.person.lastName')).toEqual([PEOPLE.orsted().lastName]);
    expect(fewer.has('grantees.3.relation')).toBe(false);
    expect(fewer.get('contracts.2.ref')).toEqual(['POL-3']);
  });

  it('reads a button\'s change, and refuses any other value', () => {
    expect(formChangeOf('add:contracts')).toEqual({ kind: 'add', list: 'contracts' });
    expect(formChangeOf('remove:grantees:12')).toEqual({ kind: 'remove', list: 'grantees', index: 12 });
    expect(formChangeOf('refresh')).toEqual({ kind: 'refresh' });
    for (const value of ['add:requests', 'remove:grantees', 'remove:grantees:-1', 'remove:grantees:99999', 'drop table', '']) expect(formChangeOf(value)).toBeUndefined();
  });

  it('reads a post\'s fields, several values of a name in order, and no more than 500 rows whatever the names say', () => {
    const fields = fieldsOf(new URLSearchParams('signatureMethods=eid&signatureMethods=advanced&contracts.9999999.ref=X&contracts.3.ref=Y'));
    expect(fields.get('signatureMethods')).toEqual(['eid', 'advanced']);
    expect(rowCount(fields, 'contracts')).toBe(4);
  });
});
