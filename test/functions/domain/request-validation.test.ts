import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  accessRequestShape,
  MAX_CONTRACTS,
  MAX_GRANTEES,
  type AccessRequestInput,
  type Grantee,
  type PersonWithEmail,
} from '../../../functions/domain/request-schema.js';
import { DECEIVING_CHARACTERS } from '../../fixtures/deceiving-characters.js';
import { validateAccessRequest } from '../../../functions/domain/request-validation.js';
import { capped, MAX_REPORTED_ISSUES, type ValidationIssue } from '../../../functions/domain/validation-issue.js';
import {
  PEOPLE,
  R4_ROWS,
  TODAY,
  insuredGrantee,
  legalClientRequest,
  legalRepresentativeGrantee,
  naturalClientRequest,
  otherGrantee,
  policyholderGrantee,
  requestForRow,
  withGrantees,
} from '../../fixtures/access-request-builder.js';

function issuesOf(body: unknown): ValidationIssue[] {
  const result = validateAccessRequest(body, TODAY);
  if (result.ok) throw new Error('expected the request to be refused');
  return result.issues;
}

/** Asserts the body is refused with (at least) an issue at `path` citing `rule`. */
function expectRefused(body: unknown, path: string, rule: string): ValidationIssue {
  const issues = issuesOf(body);
  const issue = issues.find((candidate) => candidate.path === path && candidate.rule === rule);
  expect(issue, `issues were ${JSON.stringify(issues, null, 2)}`).toBeDefined();
  expect(issue?.message.length).toBeGreaterThan(0);
  return issue as ValidationIssue;
}

function withoutField<T extends object>(value: T, key: keyof T): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

describe('validateAccessRequest: the table R4, row by row', () => {
  it.each(R4_ROWS)('accepts the fixture request for row %s', (row) => {
    const result = validateAccessRequest(requestForRow(row), TODAY);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('accepts several grantees in one request, each in his own row (R4.1, R4.2, R4.3)', () => {
    const body = withGrantees(naturalClientRequest(), policyholderGrantee(), insuredGrantee(), otherGrantee());
    expect(validateAccessRequest(body, TODAY).ok).toBe(true);
  });

  it('accepts a company request made by an employee, with the representative among the grantees (R4.4, R4.5, R6)', () => {
    const body = withGrantees(
      legalClientRequest({ requester: PEOPLE.lukasz() }),
      legalRepresentativeGrantee(),
      otherGrantee(['POL-1']),
    );
    expect(validateAccessRequest(body, TODAY).ok).toBe(true);
  });

  it('applies the default signature methods and returns the parsed request', () => {
    const result = validateAccessRequest(naturalClientRequest(), TODAY);
    expect(result.ok && result.request.signatureMethods).toEqual(['advanced', 'eid', 'handwritten']);
  });

  it('matches the policyholder to the client regardless of case and accents (R4.1)', () => {
    const person = { ...PEOPLE.hans(), lastName: 'MULLER ', firstName: 'hans' };
    const body = naturalClientRequest({ requester: person, grantees: [policyholderGrantee(person)] });
    expect(validateAccessRequest(body, TODAY).ok).toBe(true);
  });
});

describe('validateAccessRequest: relations (R4)', () => {
  it('refuses an insured grantee for a legal-person client (R4)', () => {
    const body = withGrantees(legalClientRequest(), insuredGrantee());
    expectRefused(body, 'grantees.0.relation', 'R4');
  });

  it('refuses a policyholder grantee for a legal-person client (R4)', () => {
    const body = withGrantees(legalClientRequest(), policyholderGrantee(PEOPLE.elif()));
    expectRefused(body, 'grantees.0.relation', 'R4');
  });

  it('refuses a legal-representative grantee for a natural-person client (R4)', () => {
    const body = withGrantees(naturalClientRequest(), legalRepresentativeGrantee(PEOPLE.hans()));
    expectRefused(body, 'grantees.0.relation', 'R4');
  });

  it('refuses an unknown relation (R4)', () => {
    const body = withGrantees(naturalClientRequest(), { ...otherGrantee(), relation: 'friend' as never });
    expectRefused(body, 'grantees.0.relation', 'R4');
  });

  it('refuses a policyholder grantee who is not the client (R4.1)', () => {
    const body = withGrantees(naturalClientRequest(), policyholderGrantee(PEOPLE.lukasz()));
    expectRefused(body, 'grantees.0.person', 'R4.1');
  });

  it('refuses a policyholder grantee with a contracts list (R4.1)', () => {
    const body = withGrantees(naturalClientRequest(), { ...policyholderGrantee(), contracts: ['POL-1'] });
    expectRefused(body, 'grantees.0.contracts', 'R4.1');
  });

  it('refuses an insured grantee with two contracts (R4.2)', () => {
    const body = withGrantees(naturalClientRequest(), { ...insuredGrantee(), contracts: ['POL-1', 'POL-2'] });
    expectRefused(body, 'grantees.0.contracts', 'R4.2');
  });

  it('refuses an insured grantee with no contract (R4.2)', () => {
    const body = withGrantees(naturalClientRequest(), { ...insuredGrantee(), contracts: [] });
    expectRefused(body, 'grantees.0.contracts', 'R4.2');
  });

  it('refuses an insured grantee whose contracts are omitted (R4.2)', () => {
    const body = withGrantees(naturalClientRequest(), withoutField(insuredGrantee(), 'contracts'));
    expectRefused(body, 'grantees.0.contracts', 'R4.2');
  });

  it('refuses an insured grantee on a contract the request does not list (R4.2)', () => {
    const body = withGrantees(naturalClientRequest(), insuredGrantee('POL-9'));
    expectRefused(body, 'grantees.0.contracts.0', 'R4.2');
  });

  it('refuses another person with an empty list (R4.3)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee([]));
    expectRefused(body, 'grantees.0.contracts', 'R4.3');
  });

  it('refuses another person whose list names an unknown contract (R4.3)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1', 'POL-404']));
    expectRefused(body, 'grantees.0.contracts.1', 'R4.3');
  });

  it('refuses a list that names the same contract twice (R4.3)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-2', 'POL-2']));
    expectRefused(body, 'grantees.0.contracts.1', 'R4.3');
  });

  it("refuses a company's other grantee without a list (R4.5)", () => {
    const body = withGrantees(legalClientRequest(), withoutField(otherGrantee(), 'contracts'));
    expectRefused(body, 'grantees.0.contracts', 'R4.5');
  });

  it("refuses a company's other grantee whose list names an unknown contract (R4.5)", () => {
    const body = withGrantees(legalClientRequest(), otherGrantee(['POL-7']));
    expectRefused(body, 'grantees.0.contracts.0', 'R4.5');
  });

  it('refuses a legal-representative grantee who is not the client representative (R4.4)', () => {
    const body = withGrantees(legalClientRequest(), legalRepresentativeGrantee(PEOPLE.lukasz()));
    expectRefused(body, 'grantees.0.person', 'R4.4');
  });

  it('refuses a legal-representative grantee with a contracts list (R4.4)', () => {
    const body = withGrantees(legalClientRequest(), { ...legalRepresentativeGrantee(), contracts: ['POL-1'] });
    expectRefused(body, 'grantees.0.contracts', 'R4.4');
  });
});

describe('validateAccessRequest: form data (R5)', () => {
  it("refuses a grantee without an e-mail address (R5)", () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], withoutField(PEOPLE.lukasz(), 'email')));
    const issue = expectRefused(body, 'grantees.0.person.email', 'R5');
    expect(issue.message).toMatch(/e-mail address of grantee 1 is missing/i);
  });

  it('refuses a grantee with a malformed e-mail address (I1)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), email: 'lukasz@' }));
    expectRefused(body, 'grantees.0.person.email', 'I1');
  });

  it.each(['lastName', 'firstName', 'birthDate', 'address'] as const)(
    'refuses a grantee without %s (R5)',
    (field) => {
      const body = withGrantees(naturalClientRequest(), insuredGrantee('POL-1', withoutField(PEOPLE.francoise(), field)));
      expectRefused(body, `grantees.0.person.${field}`, 'R5');
    },
  );

  it('refuses a requester without an address (R5)', () => {
    const body = naturalClientRequest({ requester: withoutField(PEOPLE.hans(), 'address') });
    expectRefused(body, 'requester.address', 'R5');
  });

  it('refuses a request without grantees (R5)', () => {
    expectRefused(naturalClientRequest({ grantees: [] }), 'grantees', 'R5');
  });

  it('refuses a grantee born in the future (R5)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), birthDate: '2026-12-01' }));
    expectRefused(body, 'grantees.0.person.birthDate', 'R5');
  });

  it('refuses a requester born before 1900 (R5)', () => {
    const hans = { ...PEOPLE.hans(), birthDate: '1899-12-31' };
    const body = naturalClientRequest({ requester: hans });
    expectRefused(body, 'requester.birthDate', 'R5');
  });

  it('accepts a grantee born today (R5)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), birthDate: TODAY }));
    expect(validateAccessRequest(body, TODAY).ok).toBe(true);
  });

  it('refuses a request dated in the future (R5)', () => {
    expectRefused(naturalClientRequest({ requestDate: '2026-11-29' }), 'requestDate', 'R5');
  });

  it('refuses an impossible calendar date (R5)', () => {
    expectRefused(naturalClientRequest({ requestDate: '2026-02-30' }), 'requestDate', 'R5');
  });

  it('refuses the same grantee twice by e-mail address, whatever its case (R5)', () => {
    const twin = { ...PEOPLE.francoise(), email: 'Lukasz.Wisniewski@EXAMPLE.com' };
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1']), insuredGrantee('POL-2', twin));
    expectRefused(body, 'grantees.1', 'R5');
  });

  it('refuses the same person twice under two e-mail addresses (R5)', () => {
    const again = { ...PEOPLE.lukasz(), firstName: 'LUKASZ', email: 'lukasz@example.be' };
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1']), otherGrantee(['POL-2'], again));
    expectRefused(body, 'grantees.1', 'R5');
  });

  it('refuses a contract listed twice in the request (R5)', () => {
    const body = naturalClientRequest({
      contracts: [
        { ref: 'POL-1', label: 'Car insurance' },
        { ref: 'POL-1', label: 'Car insurance again' },
      ],
    });
    expectRefused(body, 'contracts.1.ref', 'R5');
  });
});

describe('validateAccessRequest: legal persons (R6)', () => {
  it('refuses a legal-person client without a legal representative (R6)', () => {
    const base = legalClientRequest();
    const client = withoutField(base.client as Extract<AccessRequestInput['client'], { type: 'legal' }>, 'legalRepresentative');
    const issue = expectRefused({ ...base, client }, 'client.legalRepresentative', 'R6');
    expect(issue.message).toMatch(/legal representative is missing/i);
  });

  it("refuses a legal representative without an e-mail address (R6)", () => {
    const base = legalClientRequest();
    const client = { ...base.client, legalRepresentative: withoutField(PEOPLE.elif(), 'email') };
    expectRefused({ ...base, client }, 'client.legalRepresentative.email', 'R6');
  });

  it('refuses an enterprise number whose check digits do not hold (R6)', () => {
    const base = legalClientRequest();
    const issue = expectRefused(
      { ...base, client: { ...base.client, enterpriseNumber: '0123.456.748' } },
      'client.enterpriseNumber',
      'R6',
    );
    expect(issue.message).toContain('0123.456.748');
  });

  it('refuses an enterprise number that does not start with 0 or 1 (R6)', () => {
    const base = legalClientRequest();
    expectRefused({ ...base, client: { ...base.client, enterpriseNumber: '2123456749' } }, 'client.enterpriseNumber', 'R6');
  });

  it('refuses a missing enterprise number (R6)', () => {
    const base = legalClientRequest();
    const client = withoutField(base.client as Extract<AccessRequestInput['client'], { type: 'legal' }>, 'enterpriseNumber');
    expectRefused({ ...base, client }, 'client.enterpriseNumber', 'R6');
  });

  it('accepts the "BE" spelling and returns the number in display form (R6)', () => {
    const base = legalClientRequest();
    const result = validateAccessRequest({ ...base, client: { ...base.client, enterpriseNumber: 'BE0123456749' } }, TODAY);
    expect(result.ok).toBe(true);
    expect(result.ok && result.request.client.type === 'legal' && result.request.client.enterpriseNumber).toBe(
      '0123.456.749',
    );
  });
});

describe('validateAccessRequest: who asks (R1)', () => {
  it('refuses a natural-person request whose requester is not the policyholder (R1)', () => {
    expectRefused(naturalClientRequest({ requester: PEOPLE.francoise() }), 'requester', 'R1');
  });

  it('refuses a requester with the right name but another date of birth (R1)', () => {
    expectRefused(naturalClientRequest({ requester: { ...PEOPLE.hans(), birthDate: '1968-04-13' } }), 'requester', 'R1');
  });

  it('lets someone other than the representative ask for a company (R1, R6)', () => {
    expect(validateAccessRequest(legalClientRequest({ requester: PEOPLE.lukasz() }), TODAY).ok).toBe(true);
  });
});

describe('validateAccessRequest: shape errors and collecting every issue', () => {
  it('refuses a body that is not an object (schema)', () => {
    expectRefused('nope', '', 'schema');
    expectRefused(null, '', 'schema');
  });

  it('refuses an unknown language (schema)', () => {
    expectRefused(naturalClientRequest({ language: 'es' as never }), 'language', 'schema');
  });

  it('refuses an unknown client type (schema)', () => {
    const base = naturalClientRequest();
    expectRefused({ ...base, client: { ...base.client, type: 'trust' } }, 'client.type', 'schema');
  });

  it('refuses an unknown signature method (schema)', () => {
    expectRefused(naturalClientRequest({ signatureMethods: ['click'] as never }), 'signatureMethods.0', 'schema');
  });

  it('reports shape and rule issues together, not just the first', () => {
    const body = withGrantees(
      naturalClientRequest({ requester: PEOPLE.francoise(), requestDate: '2027-01-01' }),
      { ...insuredGrantee(), contracts: ['POL-1', 'POL-2'] },
      otherGrantee(['POL-1'], withoutField(PEOPLE.lukasz(), 'email')),
    );
    const issues = issuesOf(body).map(({ path, rule }) => `${rule} ${path}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'R1 requester',
        'R5 requestDate',
        'R4.2 grantees.0.contracts',
        'R5 grantees.1.person.email',
      ]),
    );
  });
});

describe('validateAccessRequest: size', () => {
  it('refuses more grantees than one transaction can write, naming the limit (I3)', () => {
    const grantees = Array.from({ length: MAX_GRANTEES + 1 }, (_, index) =>
      otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), firstName: `Observer${index}`, email: `observer${index}@example.be` }),
    );
    const issue = expectRefused(withGrantees(naturalClientRequest(), ...grantees), 'grantees', 'I3');
    expect(issue.message).toContain(String(MAX_GRANTEES));
    expect(issue.message).toMatch(/file several requests/);
  });
});

// --- Hostile input: rules I1–I3 (docs/input-rules.md). ---

type LegalClientInput = Extract<AccessRequestInput['client'], { type: 'legal' }>;

/** Grantees 1..count, each someone else on POL-1 with his own name and address (R4.3). */
function observers(count: number, contracts: string[] = ['POL-1']): Grantee[] {
  return Array.from({ length: count }, (_, index) =>
    otherGrantee(contracts, { ...PEOPLE.lukasz(), firstName: `Observer${index}`, email: `observer${index}@example.be` }),
  );
}

function withLegalClient(change: Partial<LegalClientInput>): AccessRequestInput {
  const base = legalClientRequest();
  return { ...base, client: { ...(base.client as LegalClientInput), ...change } };
}

/** The issues of a refused body, checked to be few and small, whatever the body's size (I3). */
function boundedIssuesOf(body: unknown): ValidationIssue[] {
  const result = validateAccessRequest(body, TODAY);
  expect(result.ok).toBe(false);
  const issues = result.ok ? [] : result.issues;
  expect(issues.length).toBeLessThanOrEqual(MAX_REPORTED_ISSUES + 1);
  expect(JSON.stringify(result).length).toBeLessThan(20_000);
  return issues;
}

describe('validateAccessRequest: identifiers that enter keys (I1)', () => {
  it.each([
    ['a key separator', 'C-1001#GRANT#zz'],
    ['a space', 'C 1001'],
    ['a letter outside ASCII', 'Ç-1001'],
    ['a leading dash', '-C1001'],
    ['a leading dot', '.C1001'],
    ['a control character', 'C-1001\u0000'],
    ['a right-to-left override', 'C-\u202E1001'],
    ['a percent escape', 'C%231001'],
    ['nothing', ''],
  ])('refuses a clientRef carrying %s (I1)', (_what, clientRef) => {
    const issue = expectRefused(naturalClientRequest({ clientRef }), 'clientRef', 'I1');
    expect(issue.message).toMatch(/client reference.*\(I1\)$/);
  });

  it('accepts a clientRef in the package style and stores it trimmed (I1)', () => {
    const result = validateAccessRequest(naturalClientRequest({ clientRef: ' POL/2024-17.3_b ' }), TODAY);
    expect(result.ok && result.request.clientRef).toBe('POL/2024-17.3_b');
  });

  it.each([
    ['a key separator', 'POL-1#GRANT#zz'],
    ['a space', 'POL 1'],
    ['a letter outside ASCII', 'PÖL-1'],
    ['a zero-width space', 'POL-\u200B1'],
  ])("refuses a contract ref carrying %s in the request's contracts (I1)", (_what, ref) => {
    const contracts = [{ ref, label: 'Car insurance' }, ...fixtureLikeContracts().slice(1)];
    const body = withGrantees(naturalClientRequest({ contracts }), otherGrantee(['POL-2']));
    expectRefused(body, 'contracts.0.ref', 'I1');
  });

  it.each([
    ['a key separator', 'POL-1#GRANT#zz'],
    ['an asterisk', 'POL-*'],
    ['a tab', 'POL-1\tPOL-2'],
  ])("refuses a grantee's contract ref carrying %s (I1)", (_what, ref) => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-2', ref]));
    expectRefused(body, 'grantees.0.contracts.1', 'I1');
  });

  it.each([
    ['a key separator', 'lukasz#x@example.com'],
    ['a letter outside ASCII', 'łukasz@example.com'],
    ['a space inside', 'lukasz w@example.com'],
    ['a right-to-left override', 'lukasz@example.com\u202E'],
    ['two @', 'lukasz@@example.com'],
    ['a quoted local part', '"lukasz"@example.com'],
  ])('refuses an e-mail address carrying %s (I1)', (_what, email) => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), email }));
    const issue = expectRefused(body, 'grantees.0.person.email', 'I1');
    expect(issue.message).toMatch(/e-mail address of grantee 1 is not valid/);
  });

  it("refuses the legal representative's e-mail address by the same rule (I1)", () => {
    expectRefused(withLegalClient({ legalRepresentative: { ...PEOPLE.elif(), email: 'elif#1@example.be' } }), 'client.legalRepresentative.email', 'I1');
  });

  it('stores e-mail addresses as they enter keys: trimmed and lower-cased (I1)', () => {
    const person = { ...PEOPLE.lukasz(), email: '  Lukasz.Wisniewski@Example.COM ' };
    const result = validateAccessRequest(withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], person)), TODAY);
    expect(result.ok && result.request.grantees[0]?.person.email).toBe('lukasz.wisniewski@example.com');
  });
});

/** The request's contracts as the fixture has them, for tests that replace one. */
function fixtureLikeContracts(): { ref: string; label: string }[] {
  return (naturalClientRequest().contracts ?? []).map((contract) => ({ ...contract }));
}

describe('validateAccessRequest: characters that deceive (I2)', () => {
  it.each(DECEIVING_CHARACTERS)("refuses a grantee's surname carrying %s, naming it (I2)", (name, character) => {
    const person = { ...PEOPLE.lukasz(), lastName: `Wiś${character}niewski` };
    const issue = expectRefused(withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], person)), 'grantees.0.person.lastName', 'I2');
    expect(issue.message).toContain(`(${name})`);
    expect(issue.message).toMatch(/\(I2\)$/);
    expect(issue.message).not.toContain(character);
  });

  const overridden = (text: string): string => `${text.slice(0, 2)}\u202E${text.slice(2)}`;
  const withRequesterAddress = (change: Partial<PersonWithEmail['address']>): AccessRequestInput => {
    const hans = PEOPLE.hans();
    return naturalClientRequest({ requester: { ...hans, address: { ...hans.address, ...change } } });
  };

  it.each<[string, () => AccessRequestInput]>([
    ['requester.firstName', () => naturalClientRequest({ requester: { ...PEOPLE.hans(), firstName: overridden('Hans') } })],
    ['requester.address.street', () => withRequesterAddress({ street: overridden('Kerkstraat 12') })],
    ['requester.address.postalCode', () => withRequesterAddress({ postalCode: overridden('2000') })],
    ['requester.address.city', () => withRequesterAddress({ city: overridden('Antwerpen') })],
    ['requester.address.country', () => withRequesterAddress({ country: overridden('BE') })],
    ['contracts.1.label', () => naturalClientRequest({ contracts: fixtureLikeContracts().map((c, i) => (i === 1 ? { ...c, label: overridden(c.label) } : c)) })],
    ['client.name', () => withLegalClient({ name: overridden('Bakkerij Peeters BV') })],
    ['client.legalRepresentative.lastName', () => withLegalClient({ legalRepresentative: { ...PEOPLE.elif(), lastName: overridden('Şahin') } })],
    ['grantees.0.person.address.street', () => withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), address: { ...PEOPLE.lukasz().address, street: overridden('Grote Markt 3') } }))],
  ])('refuses a right-to-left override in %s (I2)', (path, body) => {
    expectRefused(body(), path, 'I2');
  });

  it('stores a name typed decomposed ("e" + U+0301) in its precomposed form (I2)', () => {
    const person = { ...PEOPLE.francoise(), lastName: 'Lefe\u0300vre', firstName: 'Franc\u0327oise' };
    const result = validateAccessRequest(withGrantees(naturalClientRequest(), insuredGrantee('POL-1', person)), TODAY);
    const stored = result.ok ? result.request.grantees[0]?.person : undefined;
    expect(stored?.lastName).toBe('Lef\u00E8vre');
    expect(stored?.firstName).toBe('Fran\u00E7oise');
  });

  it('accepts names in other scripts and with apostrophes and hyphens (I2)', () => {
    const person = { ...PEOPLE.lukasz(), lastName: "O'Brien-Müller", firstName: 'Ελένη 美咲' };
    expect(validateAccessRequest(withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], person)), TODAY).ok).toBe(true);
  });

  it('quotes an enterprise number only as a short excerpt with its hidden characters shown (I2, R6)', () => {
    const issue = expectRefused(withLegalClient({ enterpriseNumber: '0123.\u202E456.749' }), 'client.enterpriseNumber', 'R6');
    expect(issue.message).toContain('0123.\\u{202E}456.749');
    expect(issue.message).not.toContain('\u202E');
  });
});

describe('validateAccessRequest: bounds before anything else (I3)', () => {
  it('refuses 10,000 grantees with the bound issue alone, small, and no duplicate check (I3)', () => {
    const issues = boundedIssuesOf(withGrantees(naturalClientRequest({ requester: PEOPLE.francoise() }), ...observers(10_000)));
    expect(issues).toEqual([expect.objectContaining({ path: 'grantees', rule: 'I3' })]);
    expect(issues[0]?.message).toContain('10000');
  });

  it('refuses 200,000 contract refs on one grantee without echoing them (I3)', () => {
    const refs = Array.from({ length: 200_000 }, (_, index) => `POL-${index}`);
    const issues = boundedIssuesOf(withGrantees(naturalClientRequest(), otherGrantee(refs)));
    expect(issues).toEqual([expect.objectContaining({ path: 'grantees.0.contracts', rule: 'I3' })]);
    expect(issues[0]?.message).toContain(String(MAX_CONTRACTS));
    expect(issues[0]?.message).not.toContain('POL-');
  });

  it("refuses more contracts on a grantee's list than the request may list (I3)", () => {
    const refs = Array.from({ length: MAX_CONTRACTS + 1 }, (_, index) => `POL-${index}`);
    expect(boundedIssuesOf(withGrantees(naturalClientRequest(), otherGrantee(refs)))).toEqual([
      expect.objectContaining({ path: 'grantees.0.contracts', rule: 'I3' }),
    ]);
  });

  it('refuses more contracts in the request than it may list (I3)', () => {
    const contracts = Array.from({ length: MAX_CONTRACTS + 1 }, (_, index) => ({ ref: `POL-${index}`, label: 'Car insurance' }));
    expect(boundedIssuesOf(naturalClientRequest({ contracts }))).toEqual([expect.objectContaining({ path: 'contracts', rule: 'I3' })]);
  });

  it('reports only the bound issues, not the rules a body over a bound also breaks (I3)', () => {
    const body = withGrantees(naturalClientRequest({ requester: PEOPLE.francoise(), requestDate: '2030-01-01' }), ...observers(MAX_GRANTEES + 1));
    expect(boundedIssuesOf(body).map(({ rule }) => rule)).toEqual(['I3']);
  });

  it.each<[string, () => AccessRequestInput, number]>([
    ['requester.lastName', () => naturalClientRequest({ requester: { ...PEOPLE.hans(), lastName: 'M'.repeat(1_000_000) } }), 100],
    ['clientRef', () => naturalClientRequest({ clientRef: 'C'.repeat(65) }), 64],
    ['client.enterpriseNumber', () => withLegalClient({ enterpriseNumber: '0'.repeat(100_000) }), 32],
    ['client.name', () => withLegalClient({ name: 'B'.repeat(201) }), 200],
    ['contracts.2.label', () => naturalClientRequest({ contracts: fixtureLikeContracts().map((c, i) => (i === 2 ? { ...c, label: 'L'.repeat(5000) } : c)) }), 200],
    ['grantees.0.person.email', () => withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), email: `${'a'.repeat(250)}@example.be` })), 254],
    ['grantees.0.contracts.0', () => withGrantees(naturalClientRequest(), otherGrantee(['P'.repeat(65)])), 64],
  ])('refuses an over-long %s, naming the limit and not the text (I3)', (path, body, max) => {
    const issues = boundedIssuesOf(body());
    expect(issues).toEqual([expect.objectContaining({ path, rule: 'I3' })]);
    expect(issues[0]?.message).toContain(`at most ${max}`);
    expect(issues[0]?.message).not.toMatch(/(.)\1{20}/);
  });

  it('refuses more than three signature methods (I3)', () => {
    const body = naturalClientRequest({ signatureMethods: ['eid', 'eid', 'advanced', 'handwritten'] });
    expect(boundedIssuesOf(body)).toEqual([expect.objectContaining({ path: 'signatureMethods', rule: 'I3' })]);
  });

  it('refuses a signature method listed twice (schema)', () => {
    expectRefused(naturalClientRequest({ signatureMethods: ['eid', 'eid'] }), 'signatureMethods.1', 'schema');
  });

  it('lists at most 50 issues and counts the rest in one last issue (I3)', () => {
    const contracts = Array.from({ length: 120 }, (_, index) => ({ ref: `POL-${index}`, label: 'L'.repeat(201) }));
    const issues = boundedIssuesOf(naturalClientRequest({ contracts }));
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues.slice(0, -1).every((issue) => issue.rule === 'I3' && issue.path.endsWith('.label'))).toBe(true);
    expect(issues.at(-1)).toEqual({ path: '', rule: 'I3', message: 'and 70 more issues not listed' });
  });

  it('caps the issues of a body within bounds too: 40 grantees of 500 forged refs each (I1, I3)', () => {
    const forged = Array.from({ length: MAX_CONTRACTS }, (_, index) => `POL-${index}#GRANT#zz`);
    const issues = boundedIssuesOf(withGrantees(naturalClientRequest(), ...observers(MAX_GRANTEES, forged)));
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues[0]).toMatchObject({ path: 'grantees.0.contracts.0', rule: 'I1' });
    expect(issues.at(-1)).toEqual({ path: '', rule: 'I3', message: `and ${MAX_GRANTEES * MAX_CONTRACTS - MAX_REPORTED_ISSUES} more issues not listed` });
  });

  it('accepts the largest request the bounds allow (I3)', () => {
    const contracts = Array.from({ length: MAX_CONTRACTS }, (_, index) => ({ ref: `POL-${index}`, label: 'Car insurance' }));
    const refs = contracts.map((contract) => contract.ref);
    const body = withGrantees(naturalClientRequest({ contracts }), ...observers(MAX_GRANTEES, refs));
    expect(validateAccessRequest(body, TODAY).ok).toBe(true);
  });

  it('declares a maximum for every array and every free string of the body (I3)', () => {
    const unbounded: string[] = [];
    const visit = (schema: Record<string, unknown>, path: string): void => {
      for (const variant of (schema.oneOf ?? []) as Record<string, unknown>[]) visit(variant, path);
      if (schema.type === 'array') {
        if (schema.maxItems === undefined) unbounded.push(path);
        visit(schema.items as Record<string, unknown>, `${path}[]`);
      }
      // Enumerations, constants and dates are bounded by what they may be.
      if (schema.type === 'string' && schema.maxLength === undefined && !('enum' in schema || 'const' in schema || schema.format === 'date')) {
        unbounded.push(path);
      }
      for (const [key, inner] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) visit(inner, `${path}.${key}`);
    };
    visit(z.toJSONSchema(accessRequestShape, { io: 'input' }) as Record<string, unknown>, 'body');
    expect(unbounded).toEqual([]);
  });
});

describe('validateAccessRequest: each person once, found in one pass (R5)', () => {
  it('names the earliest grantee repeated, whether by e-mail address or by person (R5)', () => {
    const [first, second] = observers(2);
    const third = otherGrantee(['POL-1'], { ...(second as Grantee).person, email: (first as Grantee).person.email.toUpperCase() });
    const issue = expectRefused(withGrantees(naturalClientRequest(), first as Grantee, second as Grantee, third), 'grantees.2', 'R5');
    expect(issue.message).toContain('repeats grantee 1');
  });

  it('reports every later repeat of one person, each against the first (R5)', () => {
    const [first] = observers(1);
    const twin = (email: string): Grantee => otherGrantee(['POL-1'], { ...(first as Grantee).person, email });
    const issues = issuesOf(withGrantees(naturalClientRequest(), first as Grantee, twin('a@example.be'), twin('b@example.be')));
    expect(issues.filter((issue) => issue.rule === 'R5').map(({ path, message }) => [path, message.includes('grantee 1')])).toEqual([
      ['grantees.1', true],
      ['grantees.2', true],
    ]);
  });

  it('accepts forty different grantees (R5)', () => {
    expect(validateAccessRequest(withGrantees(naturalClientRequest(), ...observers(MAX_GRANTEES)), TODAY).ok).toBe(true);
  });
});

describe('capped issues (I3)', () => {
  const issue = (index: number): ValidationIssue => ({ path: `contracts.${index}.ref`, rule: 'I1', message: `issue ${index}` });

  it('keeps the count of the rest when a capped list is capped again (the HTTP layer caps whatever it answers)', () => {
    const once = capped(Array.from({ length: 300 }, (_, index) => issue(index)));
    expect(once).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(once.at(-1)).toEqual({ path: '', rule: 'I3', message: 'and 250 more issues not listed' });
    expect(capped(once)).toEqual(once);
    expect(capped([...once.slice(0, -1), issue(999), once.at(-1)!]).at(-1)?.message).toBe('and 251 more issues not listed');
  });

  it('leaves a short list as it is', () => {
    const few = [issue(1), issue(2)];
    expect(capped(few)).toEqual(few);
  });
});

