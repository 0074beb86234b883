import { describe, expect, it } from 'vitest';

import { MAX_GRANTEES, type AccessRequestInput } from '../../../functions/domain/request-schema.js';
import { validateAccessRequest, type ValidationIssue } from '../../../functions/domain/request-validation.js';
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

  it('refuses a grantee with a malformed e-mail address (R5)', () => {
    const body = withGrantees(naturalClientRequest(), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), email: 'lukasz@' }));
    expectRefused(body, 'grantees.0.person.email', 'R5');
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
  it('refuses more grantees than one transaction can write, naming the limit (R5)', () => {
    const grantees = Array.from({ length: MAX_GRANTEES + 1 }, (_, index) =>
      otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), firstName: `Observer${index}`, email: `observer${index}@example.be` }),
    );
    const issue = expectRefused(withGrantees(naturalClientRequest(), ...grantees), 'grantees', 'R5');
    expect(issue.message).toContain(String(MAX_GRANTEES));
  });
});
