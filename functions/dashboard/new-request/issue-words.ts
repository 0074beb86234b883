/**
 * The API's validation issues (`{ path, rule, message }`, functions/domain/request-validation.ts)
 * in the broker's language: each issue's message, written in English by the rules, is matched to
 * what it says (its kind) and said again in the dashboard's words; a message no kind matches is
 * shown as the API wrote it. Each place of the form is named for the list of problems
 * ("Person 2 – Date of birth").
 *
 * Browser-safe: the dashboard's script bundles it, so the browser's and the server's issues read alike.
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`; I1–I3 in `docs/input-rules.md`.
 */
import type { ValidationIssue } from '../../domain/validation-issue.js';
import type { FieldWords, IssueWords, NewRequestTexts } from './new-request-texts.js';

/** One kind of issue: how the rules word it, and how the dashboard says it. */
interface IssueKind {
  readonly name: string;
  /** Matches the API's message (and, where the words alone do not tell, its path). */
  readonly matches: (issue: ValidationIssue) => RegExpExecArray | null;
  readonly say: (words: IssueWords, match: RegExpExecArray) => string;
}

function onMessage(pattern: RegExp): IssueKind['matches'] {
  return (issue) => pattern.exec(issue.message);
}

function onPathAndMessage(path: RegExp, pattern: RegExp): IssueKind['matches'] {
  return (issue) => (path.test(issue.path) ? pattern.exec(issue.message) : null);
}

/**
 * Every kind, most particular first. The patterns follow the sentences of request-validation.ts,
 * request-schema.ts, identifiers.ts and safe-text.ts, and zod's own; test/functions/dashboard/
 * new-request/issue-words.test.ts runs the rules on broken forms and checks that each issue found
 * has its kind, so a reworded rule shows up there rather than in English on the page.
 */
const ISSUE_KINDS: readonly IssueKind[] = [
  { name: 'moreIssues', matches: onMessage(/^and (\d+) more issues not listed$/), say: (w, m) => w.moreIssues(Number(m[1])) },
  { name: 'tooManyGrantees', matches: onPathAndMessage(/^grantees$/, /at most (\d+) (?:are accepted|grantees)/i), say: (w, m) => w.tooManyGrantees(Number(m[1])) },
  { name: 'tooLong', matches: onMessage(/has \d+ characters; at most (\d+) are accepted/), say: (w, m) => w.tooLong(Number(m[1])) },
  { name: 'tooManyEntries', matches: onMessage(/has \d+ entries; at most (\d+) are accepted/), say: (w, m) => w.tooManyEntries(Number(m[1])) },
  { name: 'required', matches: onMessage(/ is missing(?: \([A-Z0-9.]+\))?$/), say: (w) => w.required },
  { name: 'email', matches: onMessage(/must be an e-mail address/), say: (w) => w.email },
  { name: 'reference', matches: onMessage(/must be 1 to \d+ of A–Z/), say: (w) => w.reference },
  {
    name: 'unsafeCharacter',
    matches: onMessage(/contains (?:a line break|a space other than the plain space|an unassigned, private-use or unpaired surrogate code point|an invisible or control character) \((U\+[0-9A-F]{4,6}[^)]*)\)/),
    say: (w, m) => w.unsafeCharacter(m[1] ?? ''),
  },
  { name: 'invalidDate', matches: onMessage(/Invalid ISO date/), say: (w) => w.invalidDate },
  { name: 'atLeastOneMethod', matches: onPathAndMessage(/^signatureMethods$/, /Too small: expected array to have >=1 items/), say: (w) => w.atLeastOneMethod },
  { name: 'atLeastOneGrantee', matches: onPathAndMessage(/^grantees$/, /Too small: expected array to have >=1 items/), say: (w) => w.atLeastOneGrantee },
  { name: 'tooShort', matches: onMessage(/Too small: expected string to have >=(\d+) characters/), say: (w, m) => w.tooShort(Number(m[1])) },
  { name: 'tooLongAfterNormalizing', matches: onMessage(/Too big: expected string to have <=(\d+) characters/), say: (w, m) => w.tooLong(Number(m[1])) },
  { name: 'invalidChoice', matches: onMessage(/Invalid option|Invalid discriminator value|Invalid input/), say: (w) => w.invalidChoice },
  { name: 'requestDateInFuture', matches: onMessage(/^The request date .* is in the future/), say: (w) => w.requestDateInFuture },
  { name: 'birthDateInFuture', matches: onMessage(/^The date of birth .* is in the future$/), say: (w) => w.birthDateInFuture },
  { name: 'birthDateTooEarly', matches: onMessage(/^The date of birth .* is before (\d{4}-\d{2}-\d{2})$/), say: (w, m) => w.birthDateTooEarly(m[1] ?? '') },
  { name: 'enterpriseNumber', matches: onMessage(/is not a valid enterprise number/), say: (w) => w.enterpriseNumber },
  { name: 'requesterIsPolicyholder', matches: onMessage(/^The requester must be the policyholder/), say: (w) => w.requesterIsPolicyholder },
  { name: 'relationNotAllowed', matches: onMessage(/client cannot grant access as /), say: (w) => w.relationNotAllowed },
  { name: 'mustBeClient', matches: onMessage(/^This grantee must be the client \(policyholder\)/), say: (w) => w.mustBeClient },
  { name: 'mustBeLegalRepresentative', matches: onMessage(/^This grantee must be the client's legal representative/), say: (w) => w.mustBeLegalRepresentative },
  { name: 'allContractsOnly', matches: onMessage(/sees all contracts, current and future: omit "contracts"$/), say: (w) => w.allContractsOnly },
  { name: 'exactlyOneContract', matches: onMessage(/exactly the one contract he is insured on; (\d+) given$/), say: (w, m) => w.exactlyOneContract(Number(m[1])) },
  { name: 'atLeastOneContract', matches: onMessage(/sees only the contracts listed: give at least one$/), say: (w) => w.atLeastOneContract },
  { name: 'contractTwice', matches: onMessage(/^Contract "(.*)" is listed twice$/), say: (w, m) => w.contractTwice(m[1] ?? '') },
  { name: 'contractUnknown', matches: onMessage(/^Contract "(.*)" is not among the request's contracts$/), say: (w, m) => w.contractUnknown(m[1] ?? '') },
  { name: 'granteeRepeats', matches: onMessage(/repeats grantee (\d+) \(same person or same e-mail address\)/), say: (w, m) => w.granteeRepeats(Number(m[1])) },
  { name: 'methodTwice', matches: onPathAndMessage(/^signatureMethods\.\d+$/, /" is listed twice$/), say: (w) => w.methodTwice },
];

/** The names of every kind of issue the dashboard has words for. */
export const ISSUE_KIND_NAMES: readonly string[] = ISSUE_KINDS.map((kind) => kind.name);

/** The name of the kind `issue` is (what the dashboard says for it), or undefined when it says the API's own words. */
export function issueKindOf(issue: ValidationIssue): string | undefined {
  return ISSUE_KINDS.find((kind) => kind.matches(issue) !== null)?.name;
}

/** What the form says for `issue`, in the texts' language; the API's own message when it has no words for it. */
export function issueMessage(issue: ValidationIssue, texts: NewRequestTexts): string {
  for (const kind of ISSUE_KINDS) {
    const match = kind.matches(issue);
    if (match) return kind.say(texts.issues, match);
  }
  return issue.message;
}

/** The field each last path segment names. */
const FIELD_OF_KEY: Readonly<Record<string, keyof FieldWords>> = {
  clientRef: 'clientRef',
  language: 'language',
  requestDate: 'requestDate',
  type: 'clientType',
  lastName: 'lastName',
  firstName: 'firstName',
  birthDate: 'birthDate',
  address: 'address',
  street: 'street',
  postalCode: 'postalCode',
  city: 'city',
  country: 'country',
  email: 'email',
  person: 'identity',
  name: 'companyName',
  enterpriseNumber: 'enterpriseNumber',
  ref: 'ref',
  label: 'label',
  relation: 'relation',
  signatureMethods: 'signatureMethods',
  grantees: 'grantees',
};

/**
 * The name of the form's place `path` (a field, or a group of fields) for the list of problems:
 * whose it is and which field, e.g. "Person 2 – Date of birth"; the request's for the empty path.
 */
export function placeLabel(path: string, texts: NewRequestTexts): string {
  if (path === '') return texts.places.request;
  const segments = path.split('.');
  const [first, second, third] = segments;
  let owner: string | undefined;
  let rest = segments;
  if (first === 'client' && second === 'person') [owner, rest] = [texts.places.client, segments.slice(2)];
  else if (first === 'client' && second === 'legalRepresentative') [owner, rest] = [texts.places.legalRepresentative, segments.slice(2)];
  else if (first === 'client' && second !== undefined && second !== 'type') [owner, rest] = [texts.places.company, segments.slice(1)];
  else if (first === 'client') [owner, rest] = [undefined, segments.slice(1)];
  else if (first === 'requester') [owner, rest] = [texts.places.requester, segments.slice(1)];
  else if (first === 'contracts' && second !== undefined) [owner, rest] = [texts.places.contract(Number(second) + 1), segments.slice(2)];
  else if (first === 'grantees' && second !== undefined) [owner, rest] = [texts.places.grantee(Number(second) + 1), segments.slice(2)];
  const key = [...rest].reverse().find((segment) => !/^\d+$/.test(segment));
  const field =
    key === undefined
      ? undefined
      : first === 'grantees' && third === 'contracts'
        ? texts.fields.granteeContracts
        : first === 'contracts' && key === 'contracts'
          ? texts.fields.contracts
          : FIELD_OF_KEY[key] === undefined
            ? key
            : texts.fields[FIELD_OF_KEY[key]];
  if (owner === undefined) return field ?? texts.places.request;
  return field === undefined ? owner : `${owner} – ${field}`;
}
