/**
 * The new-request form's fields and the API's body (`POST /v1/requests`, request-schema.ts): one
 * mapping, run by the server on a plain form post and by the browser script on the same form, so
 * the two send the same body and place the API's issues on the same fields.
 *
 * A field is named by the body's own dotted path (`client.person.lastName`,
 * `grantees.1.person.email`, `contracts.0.ref`), so an issue's path names its field. Where the
 * rules make two people on the form one and the same, the form asks once and the body repeats it:
 * - R1: a natural-person client is his own requester: the requester is the client's identity,
 *   address and `client.person.email` (the address his signing link goes to);
 * - R6: a company's requester is its legal representative, or another person (`requesterIs`);
 * - R4.1, R4.4: a grantee who is the policyholder or the legal representative is that person.
 * Each such copy is an alias (`requester` → `client.person`), so an issue the API finds on the
 * copy is shown on the field it came from.
 *
 * Browser-safe: no Node import (the dashboard's script bundles it, functions/dashboard/client/).
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`.
 */
import { SIGNATURE_METHODS, type GranteeRelation, type Language } from '../../domain/request-constants.js';

/** The form's values: each field's name and its values (several for a group of checkboxes). */
export type FormFields = ReadonlyMap<string, readonly string[]>;

/** Who asks for a company (R6): its legal representative, or another person acting for it. */
export const REQUESTER_CHOICES = ['legalRepresentative', 'other'] as const;
export type RequesterChoice = (typeof REQUESTER_CHOICES)[number];

export const CLIENT_TYPES = ['natural', 'legal'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** R4: the relations a grantee may stand in, per client type, in the order the form offers them. */
export const RELATIONS_BY_CLIENT_TYPE: Readonly<Record<ClientType, readonly GranteeRelation[]>> = {
  natural: ['policyholder', 'insured', 'other'],
  legal: ['legalRepresentative', 'other'],
};

/** The person fields of the form, as named in the body. */
export const IDENTITY_KEYS = ['lastName', 'firstName', 'birthDate'] as const;
export const ADDRESS_KEYS = ['street', 'postalCode', 'city', 'country'] as const;

/** The field a form-only button posts to say what to change (a plain post without the script). */
export const FORM_ACTION_FIELD = 'formAction';
/** The hidden field carrying the filled form's Idempotency-Key. */
export const IDEMPOTENCY_KEY_FIELD = 'idempotencyKey';
/** The hidden field carrying the session's form token (functions/dashboard/dashboard-route.ts). */
export const FORM_TOKEN_FIELD = 'csrf';

/** The country a new address starts with: the brokers are Belgian. */
const DEFAULT_COUNTRY = 'BE';

/**
 * The form's fields from a post (`URLSearchParams`) or the browser's `FormData` entries; a value
 * that is not text (a file) is dropped.
 */
export function fieldsOf(entries: Iterable<readonly [string, unknown]>): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/** The first value of `name`, or '' when the form has none. */
export function valueOf(fields: FormFields, name: string): string {
  return fields.get(name)?.[0] ?? '';
}

/** The client type the form is set to (natural when unset or unknown, as the form starts). */
export function clientTypeOf(fields: FormFields): ClientType {
  return valueOf(fields, 'client.type') === 'legal' ? 'legal' : 'natural';
}

/** Who asks for a company (R6), as the form is set. */
export function requesterChoiceOf(fields: FormFields): RequesterChoice {
  return valueOf(fields, 'requesterIs') === 'other' ? 'other' : 'legalRepresentative';
}

/**
 * The relation grantee `index` stands in, as the form offers it for the client type: the value
 * set when the type allows it, else the nearest the type allows (the client himself becomes the
 * legal representative and back; an insured person, for a company, another person).
 */
export function relationOf(fields: FormFields, index: number): GranteeRelation {
  const allowed = RELATIONS_BY_CLIENT_TYPE[clientTypeOf(fields)];
  const set = valueOf(fields, `grantees.${index}.relation`) as GranteeRelation;
  if (allowed.includes(set)) return set;
  if (set === 'policyholder' || set === 'legalRepresentative') return allowed[0] ?? 'other';
  return 'other';
}

/** Whether a grantee of this relation is a person named elsewhere on the form (R4.1, R4.4). */
export function isNamedElsewhere(relation: GranteeRelation): boolean {
  return relation === 'policyholder' || relation === 'legalRepresentative';
}

/** How many rows of `list` (`contracts`, `grantees`) the form has: one more than the highest index named. */
export function rowCount(fields: FormFields, list: 'contracts' | 'grantees'): number {
  let count = 0;
  const prefix = `${list}.`;
  for (const name of fields.keys()) {
    if (!name.startsWith(prefix)) continue;
    const index = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(index) && index >= 0 && index < MAX_ROWS) count = Math.max(count, index + 1);
  }
  return count;
}

/** The most rows the form renders of one list, whatever a post names (the API's own bounds are lower). */
const MAX_ROWS = 500;

/** The contract references entered so far, in order, each once: what a grantee's list may name. */
export function contractRefsOf(fields: FormFields): string[] {
  const refs: string[] = [];
  for (let index = 0; index < rowCount(fields, 'contracts'); index++) {
    const ref = valueOf(fields, `contracts.${index}.ref`).trim();
    if (ref !== '' && !refs.includes(ref)) refs.push(ref);
  }
  return refs;
}

/** A new, empty form: the broker's language, today's date, a natural-person client, one contract row, the client himself as grantee, every signature method. */
export function initialFields(language: Language, today: string): Map<string, string[]> {
  const fields = new Map<string, string[]>([
    ['clientRef', ['']],
    ['language', [language]],
    ['requestDate', [today]],
    ['client.type', ['natural']],
    ['signatureMethods', [...SIGNATURE_METHODS]],
    ['requesterIs', ['legalRepresentative']],
  ]);
  for (const prefix of ['client.person', 'client.legalRepresentative', 'requester']) fields.set(`${prefix}.address.country`, [DEFAULT_COUNTRY]);
  return withRowAdded(withRowAdded(fields, 'contracts'), 'grantees');
}

/** What a form-only button asks: add a row, remove row `index`, or show the form for the values set. */
export type FormChange =
  | { readonly kind: 'add'; readonly list: 'contracts' | 'grantees' }
  | { readonly kind: 'remove'; readonly list: 'contracts' | 'grantees'; readonly index: number }
  | { readonly kind: 'refresh' };

/** The change a `formAction` value names (`add:contracts`, `remove:grantees:2`, `refresh`), or undefined. */
export function formChangeOf(value: string): FormChange | undefined {
  if (value === 'refresh') return { kind: 'refresh' };
  const [kind, list, index] = value.split(':');
  if (list !== 'contracts' && list !== 'grantees') return undefined;
  if (kind === 'add' && index === undefined) return { kind, list };
  if (kind === 'remove' && index !== undefined && /^\d{1,3}$/.test(index)) return { kind, list, index: Number(index) };
  return undefined;
}

/** The `formAction` value of `change`. */
export function formActionValue(change: FormChange): string {
  return change.kind === 'refresh' ? 'refresh' : change.kind === 'add' ? `add:${change.list}` : `remove:${change.list}:${change.index}`;
}

/** The form after `change`; the rows after a removed one move up, their fields renamed. */
export function withChange(fields: FormFields, change: FormChange): Map<string, string[]> {
  if (change.kind === 'add') return withRowAdded(fields, change.list);
  if (change.kind === 'remove') return withRowRemoved(fields, change.list, change.index);
  return copyOf(fields);
}

function copyOf(fields: FormFields): Map<string, string[]> {
  return new Map([...fields].map(([name, values]) => [name, [...values]]));
}

function withRowAdded(fields: FormFields, list: 'contracts' | 'grantees'): Map<string, string[]> {
  const next = copyOf(fields);
  const index = rowCount(fields, list);
  if (list === 'contracts') {
    next.set(`contracts.${index}.ref`, ['']);
    next.set(`contracts.${index}.label`, ['']);
  } else {
    // The first grantee is most often the client himself (R4.1, R4.4); later ones are others.
    next.set(`grantees.${index}.relation`, [index === 0 ? RELATIONS_BY_CLIENT_TYPE[clientTypeOf(fields)][0] ?? 'other' : 'other']);
    next.set(`grantees.${index}.person.address.country`, [DEFAULT_COUNTRY]);
  }
  return next;
}

function withRowRemoved(fields: FormFields, list: 'contracts' | 'grantees', removed: number): Map<string, string[]> {
  const next = new Map<string, string[]>();
  const row = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`);
  for (const [name, values] of fields) {
    const match = row.exec(name);
    const index = match ? Number(match[1]) : undefined;
    if (index === undefined) next.set(name, [...values]);
    else if (index < removed) next.set(name, [...values]);
    else if (index > removed) next.set(`${list}.${index - 1}${match?.[2] ?? ''}`, [...values]);
  }
  return next;
}

/** The API's body for the form, and where each copied part came from on the form. */
export interface RequestFromForm {
  /** The `POST /v1/requests` body: empty fields left out, so the API says they are missing. */
  readonly body: Record<string, unknown>;
  /** `[bodyPath, fieldPath]`: the body's part at `bodyPath` was read from the fields under `fieldPath`. */
  readonly aliases: readonly (readonly [string, string])[];
}

/** The `POST /v1/requests` body the form's fields say (see the module's comment for the copies the rules make). */
export function requestBodyOf(fields: FormFields): RequestFromForm {
  const aliases: [string, string][] = [];
  const text = (name: string): string | undefined => {
    const value = valueOf(fields, name);
    return value.trim() === '' ? undefined : value;
  };
  const person = (prefix: string, withEmail: boolean, emailFrom = `${prefix}.email`): Record<string, unknown> =>
    present({
      ...Object.fromEntries(IDENTITY_KEYS.map((key) => [key, text(`${prefix}.${key}`)])),
      address: present(Object.fromEntries(ADDRESS_KEYS.map((key) => [key, text(`${prefix}.address.${key}`)]))),
      ...(withEmail ? { email: text(emailFrom) } : {}),
    });

  const clientType = valueOf(fields, 'client.type');
  let client: Record<string, unknown>;
  let requester: Record<string, unknown>;
  if (clientType === 'legal') {
    client = present({ type: 'legal', name: text('client.name'), enterpriseNumber: text('client.enterpriseNumber'), legalRepresentative: person('client.legalRepresentative', true) });
    if (requesterChoiceOf(fields) === 'legalRepresentative') {
      // R6: the legal representative asks himself; his signature is the company's authorisation.
      requester = person('client.legalRepresentative', true);
      aliases.push(['requester', 'client.legalRepresentative']);
    } else {
      requester = person('requester', true);
    }
  } else {
    // R1: a natural person asks for himself. An unknown type is sent as it is, for the API to name.
    client = present({ type: clientType === '' ? undefined : clientType, person: person('client.person', false) });
    requester = person('client.person', true);
    aliases.push(['requester', 'client.person']);
  }

  const contracts: Record<string, unknown>[] = [];
  for (let row = 0; row < rowCount(fields, 'contracts'); row++) {
    const ref = text(`contracts.${row}.ref`);
    const label = text(`contracts.${row}.label`);
    // A row left empty is no contract: the form starts with one, and a request may list none (R4.1, R4.4).
    if (ref === undefined && label === undefined) continue;
    if (contracts.length !== row) aliases.push([`contracts.${contracts.length}`, `contracts.${row}`]);
    contracts.push(present({ ref, label }));
  }

  const grantees: Record<string, unknown>[] = [];
  for (let row = 0; row < rowCount(fields, 'grantees'); row++) {
    const relation = valueOf(fields, `grantees.${row}.relation`);
    const at = `grantees.${row}`;
    if (relation === 'policyholder') {
      // R4.1: the client himself, with the address his signing link goes to; all contracts.
      grantees.push({ relation, person: person('client.person', true) });
      aliases.push([`${at}.person`, 'client.person']);
    } else if (relation === 'legalRepresentative') {
      // R4.4: the company's legal representative; all contracts.
      grantees.push({ relation, person: person('client.legalRepresentative', true) });
      aliases.push([`${at}.person`, 'client.legalRepresentative']);
    } else {
      // R4.2, R4.3, R4.5: the contracts ticked for him, each once.
      const chosen = (fields.get(`${at}.contracts`) ?? []).filter((ref) => ref.trim() !== '');
      grantees.push(present({ relation: relation === '' ? undefined : relation, person: person(`${at}.person`, true), contracts: [...new Set(chosen)] }));
    }
  }

  const body = present({
    clientRef: text('clientRef'),
    language: text('language'),
    client,
    requester,
    requestDate: text('requestDate'),
    contracts,
    grantees,
    signatureMethods: fields.get('signatureMethods') ?? [],
  });
  return { body, aliases };
}

/** `object` without its undefined entries (the API then says which are missing). */
function present(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/**
 * Where on the form an issue at `issuePath` is shown: the field or group named by the path (its
 * copied parts followed back to the fields they came from), else its nearest enclosing one;
 * undefined for an issue of the whole request. `hasPlace` says whether the form shows a place
 * of that name.
 */
export function placeOf(issuePath: string, aliases: RequestFromForm['aliases'], hasPlace: (path: string) => boolean): string | undefined {
  let path = issuePath;
  let longest: readonly [string, string] | undefined;
  for (const alias of aliases) {
    const [from] = alias;
    if ((path === from || path.startsWith(`${from}.`)) && from.length > (longest?.[0].length ?? -1)) longest = alias;
  }
  if (longest) path = `${longest[1]}${path.slice(longest[0].length)}`;
  const segments = path === '' ? [] : path.split('.');
  while (segments.length > 0) {
    const candidate = segments.join('.');
    if (hasPlace(candidate)) return candidate;
    segments.pop();
  }
  return undefined;
}

/** The element id of the place `path` (paths are made of letters, digits and dots). */
export function placeId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/** The id of the element that says what is wrong at the place `path`. */
export function issueId(path: string): string {
  return `e-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
}
