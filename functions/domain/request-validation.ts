/**
 * Validation of an access request body: the shape (request-schema.ts), then the rules of the
 * trade, every issue collected at once, each naming the field path and the rule it breaks.
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */
import { z } from 'zod';

import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from './enterprise-number.js';
import { normalizeEmail, samePerson, type PersonIdentity } from './person-identity.js';
import {
  accessRequestShape,
  contractSchema,
  GRANTEE_RELATIONS,
  granteeSchema,
  personSchema,
  type AccessRequest,
  type Client,
  type GranteeRelation,
} from './request-schema.js';

/** One thing wrong with a request body, as answered in `400 { error: "validation", issues }`. */
export interface ValidationIssue {
  /** Dotted path into the body, e.g. `grantees.0.contracts`; empty for the body itself. */
  path: string;
  /** The rule broken (`R4.2`, `R5`, …), or `schema` for a pure shape error. */
  rule: string;
  /** A sentence for the broker, in English. */
  message: string;
}

/** The outcome of {@link validateAccessRequest}. */
export type AccessRequestValidation =
  | { ok: true; request: AccessRequest }
  | { ok: false; issues: ValidationIssue[] };

/** R5: no date of birth before this one is taken as real. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** R4: the relations a grantee may stand in, per client type. */
const RELATIONS_BY_CLIENT_TYPE: Readonly<Record<Client['type'], readonly GranteeRelation[]>> = {
  natural: ['policyholder', 'insured', 'other'],
  legal: ['legalRepresentative', 'other'],
};

/**
 * Checks a `POST /v1/requests` body against its shape and against rules R1, R4, R5 and R6,
 * and returns either the parsed request (enterprise number in its `0123.456.749` form) or
 * every issue found. Rule checks run on whatever parts of the body are well-formed, so a
 * broker sees a shape error and a rule error together rather than one round trip each.
 *
 * @param body the parsed JSON body
 * @param today the date (`YYYY-MM-DD`, the broker's calendar) against which "in the future"
 *   is judged for the request date and dates of birth (R5)
 */
export function validateAccessRequest(body: unknown, today: string): AccessRequestValidation {
  const issues: ValidationIssue[] = [];
  const parsed = accessRequestShape.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(issueFromZod(issue, body));
  }

  const view = viewOf(body);
  checkDates(view, today, issues);
  checkLegalClient(view, issues);
  checkRequester(view, issues);
  checkContractList(view, issues);
  view.grantees.forEach((grantee, index) => checkGrantee(view, grantee, index, issues));
  checkDuplicateGrantees(view, issues);

  if (!parsed.success || issues.length > 0) return { ok: false, issues: withoutRepeats(issues) };
  return { ok: true, request: normalized(parsed.data) };
}

function normalized(request: AccessRequest): AccessRequest {
  if (request.client.type !== 'legal') return request;
  return {
    ...request,
    client: { ...request.client, enterpriseNumber: normalizeEnterpriseNumber(request.client.enterpriseNumber) },
  };
}

function withoutRepeats(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.rule}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// --- A lenient view of the body: each part parsed on its own, undefined when malformed. ---

const identitySchema = personSchema.pick({ lastName: true, firstName: true, birthDate: true });

interface ClientView {
  type?: Client['type'];
  person?: PersonIdentity;
  legalRepresentative?: PersonIdentity;
  enterpriseNumber?: string;
}

interface GranteeView {
  relation?: GranteeRelation;
  person?: PersonIdentity;
  birthDate?: string;
  email?: string;
  /** The `contracts` list when well-formed; undefined when omitted or malformed. */
  contracts?: string[];
  /** Whether the body carries a `contracts` key at all (R4.1 and R4.4 must omit it). */
  contractsGiven: boolean;
}

interface RequestView {
  client: ClientView;
  requester?: PersonIdentity;
  requesterBirthDate?: string;
  requestDate?: string;
  /** Refs of the request's `contracts`, by position; undefined when the list is malformed. */
  contractRefs?: (string | undefined)[];
  grantees: GranteeView[];
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function parsedOrUndefined<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function viewOf(body: unknown): RequestView {
  const client = fieldOf(body, 'client');
  const requester = fieldOf(body, 'requester');
  const contracts = fieldOf(body, 'contracts');
  const grantees = fieldOf(body, 'grantees');
  return {
    client: {
      type: parsedOrUndefined(z.enum(['natural', 'legal']), fieldOf(client, 'type')),
      person: parsedOrUndefined(identitySchema, fieldOf(client, 'person')),
      legalRepresentative: parsedOrUndefined(identitySchema, fieldOf(client, 'legalRepresentative')),
      enterpriseNumber: parsedOrUndefined(z.string(), fieldOf(client, 'enterpriseNumber')),
    },
    requester: parsedOrUndefined(identitySchema, requester),
    requesterBirthDate: parsedOrUndefined(z.iso.date(), fieldOf(requester, 'birthDate')),
    requestDate: parsedOrUndefined(z.iso.date(), fieldOf(body, 'requestDate')),
    contractRefs: Array.isArray(contracts)
      ? contracts.map((contract) => parsedOrUndefined(contractSchema.shape.ref, fieldOf(contract, 'ref')))
      : undefined,
    grantees: Array.isArray(grantees) ? grantees.map(granteeViewOf) : [],
  };
}

function granteeViewOf(grantee: unknown): GranteeView {
  const person = fieldOf(grantee, 'person');
  const contracts = fieldOf(grantee, 'contracts');
  return {
    relation: parsedOrUndefined(z.enum(GRANTEE_RELATIONS), fieldOf(grantee, 'relation')),
    person: parsedOrUndefined(identitySchema, person),
    birthDate: parsedOrUndefined(z.iso.date(), fieldOf(person, 'birthDate')),
    email: parsedOrUndefined(z.email(), fieldOf(person, 'email')),
    contracts: parsedOrUndefined(granteeSchema.shape.contracts.unwrap(), contracts),
    contractsGiven: contracts !== undefined,
  };
}

// --- The rules. ---

/** R5: the request date and every date of birth on the form are plausible. */
function checkDates(view: RequestView, today: string, issues: ValidationIssue[]): void {
  if (view.requestDate !== undefined && view.requestDate > today) {
    issues.push({
      path: 'requestDate',
      rule: 'R5',
      message: `The request date ${view.requestDate} is in the future (today is ${today})`,
    });
  }
  const birthDates: [string, string | undefined][] = [
    ['requester.birthDate', view.requesterBirthDate],
    ['client.person.birthDate', view.client.person?.birthDate],
    ['client.legalRepresentative.birthDate', view.client.legalRepresentative?.birthDate],
    ...view.grantees.map((grantee, index): [string, string | undefined] => [
      `grantees.${index}.person.birthDate`,
      grantee.birthDate,
    ]),
  ];
  for (const [path, birthDate] of birthDates) {
    if (birthDate === undefined) continue;
    if (birthDate > today) {
      issues.push({ path, rule: 'R5', message: `The date of birth ${birthDate} is in the future` });
    } else if (birthDate < EARLIEST_BIRTH_DATE) {
      issues.push({ path, rule: 'R5', message: `The date of birth ${birthDate} is before ${EARLIEST_BIRTH_DATE}` });
    }
  }
}

/** R6: a legal-person client is identified by a valid enterprise number (its representative is required by the shape). */
function checkLegalClient(view: RequestView, issues: ValidationIssue[]): void {
  const { client } = view;
  if (client.type !== 'legal' || client.enterpriseNumber === undefined) return;
  if (!isValidEnterpriseNumber(client.enterpriseNumber)) {
    issues.push({
      path: 'client.enterpriseNumber',
      rule: 'R6',
      message: `"${client.enterpriseNumber}" is not a valid enterprise number (10 digits starting with 0 or 1, e.g. 0123.456.749, whose last two digits are 97 minus the first eight mod 97)`,
    });
  }
}

/** R1: for a natural-person client, the request comes from the policyholder himself. */
function checkRequester(view: RequestView, issues: ValidationIssue[]): void {
  const { client, requester } = view;
  if (client.type !== 'natural' || client.person === undefined || requester === undefined) return;
  if (!samePerson(requester, client.person)) {
    issues.push({
      path: 'requester',
      rule: 'R1',
      message: 'The requester must be the policyholder: same surname, first name and date of birth as the client',
    });
  }
}

/** R5: the contracts on the form are named once each, so a grantee's list is unambiguous. */
function checkContractList(view: RequestView, issues: ValidationIssue[]): void {
  const seen = new Set<string>();
  view.contractRefs?.forEach((ref, index) => {
    if (ref === undefined) return;
    if (seen.has(ref)) {
      issues.push({ path: `contracts.${index}.ref`, rule: 'R5', message: `Contract "${ref}" is listed twice` });
    }
    seen.add(ref);
  });
}

/** The row of the table R4 a grantee stands in. */
function rowOf(relation: GranteeRelation, clientType: Client['type']): string {
  switch (relation) {
    case 'policyholder':
      return 'R4.1';
    case 'insured':
      return 'R4.2';
    case 'legalRepresentative':
      return 'R4.4';
    case 'other':
      return clientType === 'natural' ? 'R4.3' : 'R4.5';
  }
}

/** R4: the grantee's relation fits the client type, and his contracts fit his relation. */
function checkGrantee(view: RequestView, grantee: GranteeView, index: number, issues: ValidationIssue[]): void {
  const clientType = view.client.type;
  const { relation } = grantee;
  if (clientType === undefined || relation === undefined) return;
  const at = `grantees.${index}`;

  // R4: a natural person has a policyholder, insured persons and others; a company has legal representatives and others.
  const allowed = RELATIONS_BY_CLIENT_TYPE[clientType];
  if (!allowed.includes(relation)) {
    issues.push({
      path: `${at}.relation`,
      rule: 'R4',
      message: `A ${clientType}-person client cannot grant access as "${relation}"; allowed: ${allowed.join(', ')}`,
    });
    return;
  }

  const row = rowOf(relation, clientType);
  switch (relation) {
    case 'policyholder':
      // R4.1: the policyholder himself, no mandate, all contracts.
      checkIsPerson(grantee, view.client.person, 'the client (policyholder)', at, row, issues);
      checkNoContractList(grantee, at, row, issues);
      return;
    case 'legalRepresentative':
      // R4.4: the company's legal representative, all contracts.
      checkIsPerson(grantee, view.client.legalRepresentative, "the client's legal representative", at, row, issues);
      checkNoContractList(grantee, at, row, issues);
      return;
    case 'insured':
    case 'other':
      // R4.2: exactly the one contract he is insured on; R4.3, R4.5: an explicit, non-empty list.
      checkContractRefs(view, grantee, relation === 'insured', at, row, issues);
      return;
  }
}

function checkIsPerson(
  grantee: GranteeView,
  expected: PersonIdentity | undefined,
  who: string,
  at: string,
  row: string,
  issues: ValidationIssue[],
): void {
  if (grantee.person === undefined || expected === undefined) return;
  if (!samePerson(grantee.person, expected)) {
    issues.push({
      path: `${at}.person`,
      rule: row,
      message: `This grantee must be ${who}: same surname, first name and date of birth`,
    });
  }
}

function checkNoContractList(grantee: GranteeView, at: string, row: string, issues: ValidationIssue[]): void {
  if (!grantee.contractsGiven) return;
  issues.push({
    path: `${at}.contracts`,
    rule: row,
    message: `A "${grantee.relation}" grantee sees all contracts, current and future: omit "contracts"`,
  });
}

function checkContractRefs(
  view: RequestView,
  grantee: GranteeView,
  exactlyOne: boolean,
  at: string,
  row: string,
  issues: ValidationIssue[],
): void {
  // A list given but malformed was already reported as a shape error.
  if (grantee.contractsGiven && grantee.contracts === undefined) return;
  const refs = grantee.contracts ?? [];
  if (exactlyOne && refs.length !== 1) {
    issues.push({
      path: `${at}.contracts`,
      rule: row,
      message: `An insured grantee sees exactly the one contract he is insured on; ${refs.length} given`,
    });
  } else if (!exactlyOne && refs.length === 0) {
    issues.push({
      path: `${at}.contracts`,
      rule: row,
      message: 'This grantee sees only the contracts listed: give at least one',
    });
  }

  const known = view.contractRefs === undefined ? undefined : new Set(view.contractRefs);
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    if (seen.has(ref)) {
      issues.push({ path: `${at}.contracts.${index}`, rule: row, message: `Contract "${ref}" is listed twice` });
    } else if (known !== undefined && !known.has(ref)) {
      issues.push({
        path: `${at}.contracts.${index}`,
        rule: row,
        message: `Contract "${ref}" is not among the request's contracts`,
      });
    }
    seen.add(ref);
  });
}

/** R5: each person is granted access once per request (same e-mail address, or same person). */
function checkDuplicateGrantees(view: RequestView, issues: ValidationIssue[]): void {
  view.grantees.forEach((grantee, index) => {
    const earlier = view.grantees.findIndex(
      (other, otherIndex) =>
        otherIndex < index &&
        ((grantee.email !== undefined &&
          other.email !== undefined &&
          normalizeEmail(grantee.email) === normalizeEmail(other.email)) ||
          (grantee.person !== undefined && other.person !== undefined && samePerson(grantee.person, other.person))),
    );
    if (earlier >= 0) {
      issues.push({
        path: `grantees.${index}`,
        rule: 'R5',
        message: `This grantee repeats grantee ${earlier + 1} (same person or same e-mail address); list each person once`,
      });
    }
  });
}

// --- Shape errors, worded for the broker and tied to the rule that needs the field. ---

const FIELD_LABELS: Readonly<Record<string, string>> = {
  lastName: 'surname',
  firstName: 'first name',
  birthDate: 'date of birth',
  address: 'address',
  street: 'street',
  postalCode: 'postal code',
  city: 'city',
  country: 'country',
  email: 'e-mail address',
  enterpriseNumber: 'enterprise number',
  legalRepresentative: 'legal representative',
  requestDate: 'request date',
  clientRef: 'client reference',
  signatureMethods: 'list of signature methods',
  contracts: 'list of contracts',
  grantees: 'list of grantees',
  person: 'identity',
  ref: 'reference',
  type: 'type',
};

function ruleForPath(path: readonly PropertyKey[]): string {
  const [first, second, third] = path;
  // R5: the form carries the requester, the request date and each grantee's details.
  if (first === 'requester' || first === 'requestDate') return 'R5';
  if (first === 'grantees') {
    if (path.length <= 2 || third === 'person') return 'R5';
    // R4: the grantee's relation and his contracts.
    if (third === 'relation' || third === 'contracts') return 'R4';
  }
  // R6: a company client needs a legal representative's details and its enterprise number.
  if (first === 'client' && (second === 'legalRepresentative' || second === 'enterpriseNumber')) return 'R6';
  return 'schema';
}

function ownerOf(path: readonly PropertyKey[]): string {
  const [first, second, third] = path;
  if (first === 'requester') return 'the requester';
  if (first === 'grantees' && typeof second === 'number') return `grantee ${second + 1}`;
  if (first === 'client' && (second === 'legalRepresentative' || third === undefined)) {
    return second === 'legalRepresentative' ? "the client's legal representative" : 'the client';
  }
  if (first === 'client' && second === 'person') return 'the client';
  if (first === 'contracts' && typeof second === 'number') return `contract ${second + 1}`;
  return 'the request';
}

function describe(path: readonly PropertyKey[]): string {
  const owner = ownerOf(path);
  const last = [...path].reverse().find((key): key is string => typeof key === 'string');
  const ownerOnly =
    path.length === 0 ||
    (path.length === 1 && (path[0] === 'requester' || path[0] === 'client')) ||
    (path.length === 2 && typeof path[1] === 'number') ||
    (path.length === 2 && path[0] === 'client' && path[1] === 'legalRepresentative');
  const field = `the ${last === undefined ? 'value' : (FIELD_LABELS[last] ?? last)}`;
  const text = ownerOnly ? owner : owner === 'the request' ? field : `${field} of ${owner}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) value = fieldOf(value, String(key));
  return value;
}

function issueFromZod(issue: z.core.$ZodIssue, body: unknown): ValidationIssue {
  const path = issue.path.map(String).join('.');
  const rule = ruleForPath(issue.path);
  const what = describe(issue.path);
  if (issue.path.length === 0) {
    return { path, rule, message: `The request body must be a JSON object: ${issue.message}` };
  }
  const missing = issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined;
  const why = rule === 'schema' ? '' : ` (${rule})`;
  return { path, rule, message: missing ? `${what} is missing${why}` : `${what} is not valid: ${issue.message}${why}` };
}
