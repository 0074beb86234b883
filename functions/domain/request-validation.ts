/**
 * Validation of an access request body: its bounds first (I3), then the shape
 * (request-schema.ts, with I1 and I2), then the rules of the trade, every issue collected at
 * once, each naming the field path and the rule it breaks.
 *
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`; I1–I3 in `docs/input-rules.md`.
 */
import * as z from 'zod/mini';
// The issues' messages where zod words a rule itself, in English (the dashboard reads them back).
import './zod-messages.js';

import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from './enterprise-number.js';
import { personIdentityKey, samePerson, type PersonIdentity } from './person-identity.js';
import {
  accessRequestShape,
  contractSchema,
  GRANTEE_RELATIONS,
  legalClientSchema,
  personSchema,
  personWithEmailSchema,
  type AccessRequest,
  type Client,
  type GranteeRelation,
} from './request-schema.js';
import { contractRefSchema } from './identifiers.js';
import { REQUEST_BOUNDS, type Bounds } from './request-bounds.js';
import { excerpt } from './safe-text.js';
import { capped, MAX_REPORTED_ISSUES, type ValidationIssue } from './validation-issue.js';

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
 * Checks a `POST /v1/requests` body against its bounds (I3), its shape (with I1, I2) and
 * rules R1, R4, R5 and R6, and returns either the parsed request (enterprise number in its
 * `0123.456.749` form, e-mail addresses lower-cased) or the issues found, at most
 * {@link MAX_REPORTED_ISSUES} and a count of the rest.
 *
 * A body over any bound is answered with the bound issues alone: nothing else is parsed, so
 * its cost grows with its size and no faster. Within bounds, rule checks run on whatever
 * parts of the body are well-formed, so a broker sees a shape error and a rule error
 * together rather than one round trip each.
 *
 * @param body the parsed JSON body
 * @param today the date (`YYYY-MM-DD`, the broker's calendar) against which "in the future"
 *   is judged for the request date and dates of birth (R5)
 */
export function validateAccessRequest(body: unknown, today: string): AccessRequestValidation {
  const boundIssues = checkBounds(body);
  if (boundIssues.length > 0) return { ok: false, issues: capped(boundIssues) };

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

  if (!parsed.success || issues.length > 0) return { ok: false, issues: capped(withoutRepeats(issues)) };
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

const identitySchema = z.pick(personSchema, { lastName: true, firstName: true, birthDate: true });

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
  /** The well-formed refs among {@link contractRefs}, looked up once per grantee's ref. */
  knownContractRefs?: ReadonlySet<string | undefined>;
  grantees: GranteeView[];
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function parsedOrUndefined<T>(schema: z.ZodMiniType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/**
 * A list whose items all parse, or undefined. It stops at the first malformed item: the
 * shape parse has reported each one already, and a second full pass would double the work
 * a body of hundreds of malformed refs costs.
 */
function parsedItemsOrUndefined<T>(schema: z.ZodMiniType<T>, value: unknown): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const result = schema.safeParse(item);
    if (!result.success) return undefined;
    items.push(result.data);
  }
  return items;
}

function viewOf(body: unknown): RequestView {
  const client = fieldOf(body, 'client');
  const requester = fieldOf(body, 'requester');
  const contracts = fieldOf(body, 'contracts');
  const grantees = fieldOf(body, 'grantees');
  const contractRefs = Array.isArray(contracts)
    ? contracts.map((contract) => parsedOrUndefined(contractSchema.shape.ref, fieldOf(contract, 'ref')))
    : undefined;
  return {
    client: {
      type: parsedOrUndefined(z.enum(['natural', 'legal']), fieldOf(client, 'type')),
      person: parsedOrUndefined(identitySchema, fieldOf(client, 'person')),
      legalRepresentative: parsedOrUndefined(identitySchema, fieldOf(client, 'legalRepresentative')),
      enterpriseNumber: parsedOrUndefined(legalClientSchema.shape.enterpriseNumber, fieldOf(client, 'enterpriseNumber')),
    },
    requester: parsedOrUndefined(identitySchema, requester),
    requesterBirthDate: parsedOrUndefined(z.iso.date(), fieldOf(requester, 'birthDate')),
    requestDate: parsedOrUndefined(z.iso.date(), fieldOf(body, 'requestDate')),
    contractRefs,
    knownContractRefs: contractRefs === undefined ? undefined : new Set(contractRefs),
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
    email: parsedOrUndefined(personWithEmailSchema.shape.email, fieldOf(person, 'email')),
    contracts: parsedItemsOrUndefined(contractRefSchema, contracts),
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
      message: `"${excerpt(client.enterpriseNumber)}" is not a valid enterprise number (10 digits starting with 0 or 1, e.g. 0123.456.749, whose last two digits are 97 minus the first eight mod 97)`,
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
      issues.push({ path: `contracts.${index}.ref`, rule: 'R5', message: `Contract "${excerpt(ref)}" is listed twice` });
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

  const known = view.knownContractRefs;
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    if (seen.has(ref)) {
      issues.push({ path: `${at}.contracts.${index}`, rule: row, message: `Contract "${excerpt(ref)}" is listed twice` });
    } else if (known !== undefined && !known.has(ref)) {
      issues.push({
        path: `${at}.contracts.${index}`,
        rule: row,
        message: `Contract "${excerpt(ref)}" is not among the request's contracts`,
      });
    }
    seen.add(ref);
  });
}

/**
 * R5: each person is granted access once per request (same e-mail address, or same person).
 * One pass with a Map per criterion, each holding where a key first appeared: the earliest
 * grantee repeated is the nearer of the two, as a pairwise comparison would find.
 */
function checkDuplicateGrantees(view: RequestView, issues: ValidationIssue[]): void {
  const firstByEmail = new Map<string, number>();
  const firstByPerson = new Map<string, number>();
  view.grantees.forEach((grantee, index) => {
    // The view's address is already in key form (lower-cased by emailSchema).
    const emailKey = grantee.email;
    const personKey = grantee.person === undefined ? undefined : personIdentityKey(grantee.person);
    const earlier = Math.min(
      (emailKey === undefined ? undefined : firstByEmail.get(emailKey)) ?? Number.POSITIVE_INFINITY,
      (personKey === undefined ? undefined : firstByPerson.get(personKey)) ?? Number.POSITIVE_INFINITY,
    );
    if (earlier !== Number.POSITIVE_INFINITY) {
      issues.push({
        path: `grantees.${index}`,
        rule: 'R5',
        message: `This grantee repeats grantee ${earlier + 1} (same person or same e-mail address); list each person once`,
      });
    }
    if (emailKey !== undefined && !firstByEmail.has(emailKey)) firstByEmail.set(emailKey, index);
    if (personKey !== undefined && !firstByPerson.has(personKey)) firstByPerson.set(personKey, index);
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

/** Whether `path` names one of the body's own entries (`grantees.2`, `contracts.0`) rather than an item of a field's list. */
function isOwnerEntry(path: readonly PropertyKey[]): boolean {
  return path.length === 2 && typeof path[1] === 'number' && (path[0] === 'grantees' || path[0] === 'contracts');
}

function describe(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  // An item of a field's list (`grantees.0.contracts.3`, `signatureMethods.1`) is named by its place in that list.
  if (typeof last === 'number' && path.length > 1 && !isOwnerEntry(path)) {
    const list = describe(path.slice(0, -1));
    return `Entry ${last + 1} of ${list.charAt(0).toLowerCase()}${list.slice(1)}`;
  }
  const owner = ownerOf(path);
  const field = [...path].reverse().find((key): key is string => typeof key === 'string');
  const ownerOnly =
    path.length === 0 ||
    (path.length === 1 && (path[0] === 'requester' || path[0] === 'client')) ||
    isOwnerEntry(path) ||
    (path.length === 2 && path[0] === 'client' && path[1] === 'legalRepresentative');
  const what = `the ${field === undefined ? 'value' : (FIELD_LABELS[field] ?? field)}`;
  const text = ownerOnly ? owner : owner === 'the request' ? what : `${what} of ${owner}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) value = fieldOf(value, String(key));
  return value;
}

/** An input rule (I1–I3) cited at the end of a schema's message is the issue's rule: `… (I1)`. */
const CITED_INPUT_RULE = /\((I[1-3])\)$/;

function issueFromZod(issue: z.core.$ZodIssue, body: unknown): ValidationIssue {
  const path = issue.path.map(String).join('.');
  if (issue.path.length === 0) {
    return { path, rule: ruleForPath(issue.path), message: `The request body must be a JSON object: ${issue.message}` };
  }
  const what = describe(issue.path);
  const missing = issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined;
  if (missing) {
    const rule = ruleForPath(issue.path);
    return { path, rule, message: `${what} is missing${rule === 'schema' ? '' : ` (${rule})`}` };
  }
  const cited = CITED_INPUT_RULE.exec(issue.message)?.[1];
  if (cited !== undefined) return { path, rule: cited, message: `${what} is not valid: ${issue.message}` };
  // I3: checkBounds caught every bound on the text as sent; one can still be passed after NFC.
  const rule = issue.code === 'too_big' ? 'I3' : ruleForPath(issue.path);
  const why = rule === 'schema' ? '' : ` (${rule})`;
  return { path, rule, message: `${what} is not valid: ${issue.message}${why}` };
}

// --- I3: the bounds of every array and string, checked before anything else. ---

/** What a bound issue adds for the broker, by path. */
const BOUND_HINTS: Readonly<Record<string, string>> = {
  grantees: ': file several requests for more',
};

function boundIssue(path: readonly (string | number)[], size: number, max: number, unit: 'entries' | 'characters'): ValidationIssue {
  const dotted = path.join('.');
  return {
    path: dotted,
    rule: 'I3',
    message: `${describe(path)} has ${size} ${unit}; at most ${max} are accepted${BOUND_HINTS[dotted] ?? ''} (I3)`,
  };
}

/**
 * I3: every array and string of the body against its bound, following the shape only (keys
 * it does not know are not visited), and not descending into an array that is too long.
 * Lengths count the text as sent, before trimming, in UTF-16 code units.
 */
function checkBounds(body: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // One path, extended and shortened as the walk goes: a copy is made only for an issue.
  const path: (string | number)[] = [];
  const visit = (value: unknown, bounds: Bounds): void => {
    if (typeof value === 'string') {
      if (bounds.maxLength !== undefined && value.length > bounds.maxLength) {
        issues.push(boundIssue([...path], value.length, bounds.maxLength, 'characters'));
      }
    } else if (Array.isArray(value)) {
      if (bounds.maxItems !== undefined && value.length > bounds.maxItems) {
        issues.push(boundIssue([...path], value.length, bounds.maxItems, 'entries'));
        return;
      }
      if (bounds.items === undefined) return;
      for (let index = 0; index < value.length; index += 1) {
        path.push(index);
        visit(value[index], bounds.items);
        path.pop();
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(bounds.properties ?? {})) {
        if (!Object.hasOwn(value, key)) continue;
        path.push(key);
        visit((value as Record<string, unknown>)[key], inner);
        path.pop();
      }
    }
  };
  visit(body, REQUEST_BOUNDS);
  return issues;
}
