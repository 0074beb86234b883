/**
 * The new-request form's HTML, from its fields (request-form-fields.ts): rendered by the server
 * for the page and for a plain post's answer, and by the browser script each time the form's
 * shape changes (a row added or removed, another client type or relation), so both show the same
 * form. Each field and group is a *place* (`data-place` = the body path it fills) with an element
 * for what is wrong there (`e-…`), which the server fills from the API's issues and the script from
 * its own checks and from the API's answer.
 *
 * Browser-safe: no Node import. Every value is escaped (functions/messages/escape-html.ts).
 * Rules R1–R9 are defined in `../shared/mission/access-rules.md`.
 */
import { LANGUAGES, SIGNATURE_METHODS } from '../../domain/request-constants.js';
import { escapeHtml } from '../../messages/escape-html.js';
import type { NewRequestTexts } from './new-request-texts.js';
import {
  ADDRESS_KEYS,
  CLIENT_TYPES,
  clientTypeOf,
  contractRefsOf,
  FORM_ACTION_FIELD,
  formActionValue,
  IDENTITY_KEYS,
  isNamedElsewhere,
  issueId,
  placeId,
  RELATIONS_BY_CLIENT_TYPE,
  relationOf,
  REQUESTER_CHOICES,
  requesterChoiceOf,
  rowCount,
  valueOf,
  type FormChange,
  type FormFields,
} from './request-form-fields.js';

/** What is wrong at each place, in the broker's words. */
export type PlacedIssues = ReadonlyMap<string, readonly string[]>;

/** How a place shows its issue: on its one control, on a group's controls, or on a section as a whole. */
export type PlaceKind = 'field' | 'group' | 'section';

export interface FormBodyInput {
  readonly fields: FormFields;
  readonly texts: NewRequestTexts;
  readonly issues?: PlacedIssues;
  /**
   * Rendered for the script, which reshapes the form itself: no "Update the form" buttons.
   * @default false
   */
  readonly scripted?: boolean;
}

/** The form's fields as HTML, and the places it shows (the paths an issue can be put at) with their kind. */
export interface FormBody {
  readonly html: string;
  readonly places: ReadonlyMap<string, PlaceKind>;
}

/** What each part of the form is rendered with. */
interface Rendering {
  readonly fields: FormFields;
  readonly texts: NewRequestTexts;
  readonly issues: PlacedIssues;
  readonly scripted: boolean;
  readonly places: Map<string, PlaceKind>;
}

/** The inside of the form (`[data-form-body]`): its sections, fields and form-only buttons. */
export function renderFormBody(input: FormBodyInput): FormBody {
  const r: Rendering = { fields: input.fields, texts: input.texts, issues: input.issues ?? new Map(), scripted: input.scripted ?? false, places: new Map() };
  const html = [requestSection(r), clientSection(r), requesterSection(r), contractsSection(r), granteesSection(r), signatureSection(r)].join('');
  return { html, places: r.places };
}

// --- The sections. ---

function requestSection(r: Rendering): string {
  const t = r.texts;
  const languages = LANGUAGES.map((language) => [language, t.languageNames[language]] as const);
  return section('request', t.sections.request, undefined, r, [
    textField(r, 'clientRef', t.fields.clientRef, { hint: t.hints.clientRef, spellcheck: false }),
    selectField(r, 'language', t.fields.language, languages, { hint: t.hints.language }),
    textField(r, 'requestDate', t.fields.requestDate, { type: 'date', hint: t.hints.requestDate }),
  ]);
}

function clientSection(r: Rendering): string {
  const t = r.texts;
  const type = clientTypeOf(r.fields);
  const parts = [
    choiceGroup(r, 'client.type', t.fields.clientType, CLIENT_TYPES.map((value) => [value, t.clientTypes[value]] as const), type, 'radio'),
    refreshButton(r),
  ];
  if (type === 'natural') {
    parts.push(
      `<p class="hint">${escapeHtml(t.hints.naturalRequester)}</p>`,
      personFields(r, 'client.person', { emailHint: t.hints.clientEmail }),
    );
  } else {
    parts.push(
      textField(r, 'client.name', t.fields.companyName, {}),
      textField(r, 'client.enterpriseNumber', t.fields.enterpriseNumber, { hint: t.hints.enterpriseNumber, spellcheck: false }),
      fieldset(r, 'client.legalRepresentative', t.places.legalRepresentative, 'person', [personFields(r, 'client.legalRepresentative', { emailHint: t.hints.legalRepresentativeEmail })]),
    );
  }
  return section('client', t.sections.client, 'client', r, parts);
}

/** R6: for a company, who asks (R1: a natural person asks for himself, said in the client's section). */
function requesterSection(r: Rendering): string {
  if (clientTypeOf(r.fields) !== 'legal') return '';
  const t = r.texts;
  const choice = requesterChoiceOf(r.fields);
  const parts = [
    choiceGroup(r, 'requesterIs', t.fields.requesterIs, REQUESTER_CHOICES.map((value) => [value, t.requesterChoices[value]] as const), choice, 'radio'),
    refreshButton(r),
  ];
  if (choice === 'other') parts.push(personFields(r, 'requester', {}));
  return section('requester', t.sections.requester, 'requester', r, parts);
}

function contractsSection(r: Rendering): string {
  const t = r.texts;
  const rows: string[] = [];
  for (let index = 0; index < rowCount(r.fields, 'contracts'); index++) {
    const position = index + 1;
    rows.push(
      fieldset(r, `contracts.${index}`, t.places.contract(position), 'row', [
        `<div class="row-fields">`,
        // A row left empty is no contract (a request may list none, R4.1, R4.4): not required as such.
        textField(r, `contracts.${index}.ref`, t.fields.ref, { spellcheck: false, optional: true }),
        textField(r, `contracts.${index}.label`, t.fields.label, { optional: true }),
        `</div>`,
        formButton({ kind: 'remove', list: 'contracts', index }, t.buttons.removeContract(position), 'secondary'),
      ]),
    );
  }
  return section('contracts', t.sections.contracts, 'contracts', r, [
    `<p class="hint">${escapeHtml(t.hints.contracts)}</p>`,
    ...rows,
    `<div class="row-actions">${formButton({ kind: 'add', list: 'contracts' }, t.buttons.addContract, 'secondary')}${refreshButton(r, false)}</div>`,
  ]);
}

function granteesSection(r: Rendering): string {
  const t = r.texts;
  const count = rowCount(r.fields, 'grantees');
  const rows: string[] = [];
  for (let index = 0; index < count; index++) rows.push(granteeRow(r, index, count));
  return section('grantees', t.sections.grantees, 'grantees', r, [
    ...rows,
    `<div class="row-actions">${formButton({ kind: 'add', list: 'grantees' }, t.buttons.addGrantee, 'secondary')}</div>`,
  ]);
}

function granteeRow(r: Rendering, index: number, count: number): string {
  const t = r.texts;
  const at = `grantees.${index}`;
  const position = index + 1;
  const relation = relationOf(r.fields, index);
  const relations = RELATIONS_BY_CLIENT_TYPE[clientTypeOf(r.fields)].map((value) => [value, t.relations[value]] as const);
  const parts = [selectField(r, `${at}.relation`, t.fields.relation, relations, { selected: relation, reshapes: true }), refreshButton(r)];
  if (isNamedElsewhere(relation)) {
    // R4.1, R4.4: the client himself or the legal representative, named above; every contract.
    parts.push(`<p class="hint">${escapeHtml(t.namedElsewhere[relation === 'policyholder' ? 'policyholder' : 'legalRepresentative'])}</p>`, `<p>${escapeHtml(t.allContracts)}</p>`);
  } else {
    parts.push(personFields(r, `${at}.person`, { emailHint: t.hints.granteeEmail }), granteeContracts(r, index, relation === 'insured'));
  }
  if (count > 1) parts.push(`<div class="row-actions">${formButton({ kind: 'remove', list: 'grantees', index }, t.buttons.removeGrantee(position), 'secondary')}</div>`);
  return fieldset(r, at, t.places.grantee(position), 'row grantee', parts);
}

/** R4.2, R4.3, R4.5: the contracts of the request this grantee may consult, ticked. */
function granteeContracts(r: Rendering, index: number, insured: boolean): string {
  const t = r.texts;
  const refs = contractRefsOf(r.fields);
  const name = `grantees.${index}.contracts`;
  const hint = insured ? t.hints.insured : undefined;
  if (refs.length === 0) {
    // Still a place: the rules' "choose at least one" is said here.
    r.places.set(name, 'section');
    return `<div class="field" data-place="${name}" data-place-kind="section" id="${placeId(name)}" tabindex="-1"${describedBy(r, name)}><p class="label-like">${escapeHtml(t.fields.granteeContracts)}</p><p class="hint">${escapeHtml(t.hints.noContractsYet)}</p>${issueElement(r, name)}</div>`;
  }
  const chosen = new Set(r.fields.get(name) ?? []);
  return choiceGroup(r, name, t.fields.granteeContracts, refs.map((ref) => [ref, ref] as const), chosen, 'checkbox', hint);
}

function signatureSection(r: Rendering): string {
  const t = r.texts;
  const chosen = new Set(r.fields.get('signatureMethods') ?? []);
  return section('signature', t.sections.signature, undefined, r, [
    choiceGroup(r, 'signatureMethods', t.fields.signatureMethods, SIGNATURE_METHODS.map((method) => [method, t.signatureMethods[method]] as const), chosen, 'checkbox'),
  ]);
}

// --- The parts. ---

function section(id: string, heading: string, place: string | undefined, r: Rendering, parts: readonly string[]): string {
  if (place !== undefined) r.places.set(place, 'section');
  const placeAttributes = place === undefined ? '' : ` id="${placeId(place)}" data-place="${place}" data-place-kind="section" tabindex="-1"${describedBy(r, place)}`;
  return `<section class="card form-section" aria-labelledby="h-${id}"${placeAttributes}><h2 id="h-${id}">${escapeHtml(heading)}</h2>${place === undefined ? '' : issueElement(r, place)}${parts.join('')}</section>`;
}

function fieldset(r: Rendering, place: string, legend: string, className: string, parts: readonly string[]): string {
  r.places.set(place, 'section');
  return `<fieldset class="${className}" id="${placeId(place)}" data-place="${place}" data-place-kind="section" tabindex="-1"${describedBy(r, place)}><legend>${escapeHtml(legend)}</legend>${issueElement(r, place)}${parts.join('')}</fieldset>`;
}

/** A person's identity, address and (unless it is the natural client's, asked with the requester's) e-mail address. */
function personFields(r: Rendering, prefix: string, options: { readonly emailHint?: string }): string {
  const t = r.texts;
  const identity = IDENTITY_KEYS.map((key) => textField(r, `${prefix}.${key}`, t.fields[key], key === 'birthDate' ? { type: 'date' } : { autocomplete: 'off' }));
  const address = ADDRESS_KEYS.map((key) => textField(r, `${prefix}.address.${key}`, t.fields[key], { autocomplete: 'off', short: key === 'postalCode' || key === 'country' }));
  const email = textField(r, `${prefix}.email`, t.fields.email, { type: 'email', hint: options.emailHint, spellcheck: false });
  r.places.set(`${prefix}.address`, 'section');
  return [
    `<div class="person-fields">${identity.join('')}</div>`,
    `<fieldset class="address" data-place="${prefix}.address" data-place-kind="section" id="${placeId(`${prefix}.address`)}" tabindex="-1"${describedBy(r, `${prefix}.address`)}><legend>${escapeHtml(t.fields.address)}</legend>${issueElement(r, `${prefix}.address`)}<div class="address-fields">${address.join('')}</div></fieldset>`,
    email,
  ].join('');
}

interface TextFieldOptions {
  readonly type?: 'text' | 'email' | 'date';
  readonly hint?: string | undefined;
  readonly autocomplete?: string;
  readonly spellcheck?: boolean;
  /** A narrow field (postal code, country). */
  readonly short?: boolean;
  /** Not marked `required`. */
  readonly optional?: boolean;
}

function textField(r: Rendering, name: string, label: string, options: TextFieldOptions): string {
  r.places.set(name, 'field');
  const id = placeId(name);
  const type = options.type ?? 'text';
  const hint = options.hint === undefined ? '' : `<p class="hint" id="h-${id}">${escapeHtml(options.hint)}</p>`;
  const attributes = [
    `type="${type}"`,
    `id="${id}"`,
    `name="${name}"`,
    `value="${escapeHtml(valueOf(r.fields, name))}"`,
    ...(options.optional ? [] : ['required']),
    `autocomplete="${options.autocomplete ?? 'off'}"`,
    ...(options.spellcheck === false ? ['spellcheck="false"'] : []),
    ...controlState(r, name, options.hint === undefined ? [] : [`h-${id}`]),
  ];
  return `<div class="field${options.short ? ' short' : ''}" data-place="${name}" data-place-kind="field"><label for="${id}">${escapeHtml(label)}</label>${hint}<input ${attributes.join(' ')}>${issueElement(r, name)}</div>`;
}

function selectField(
  r: Rendering,
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  settings: { readonly hint?: string; readonly selected?: string; readonly reshapes?: boolean },
): string {
  r.places.set(name, 'field');
  const id = placeId(name);
  const selected = settings.selected ?? valueOf(r.fields, name);
  const hint = settings.hint === undefined ? '' : `<p class="hint" id="h-${id}">${escapeHtml(settings.hint)}</p>`;
  const optionHtml = options.map(([value, text]) => `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(text)}</option>`).join('');
  const attributes = [`id="${id}"`, `name="${name}"`, 'required', ...(settings.reshapes ? ['data-reshapes'] : []), ...controlState(r, name, settings.hint === undefined ? [] : [`h-${id}`])];
  return `<div class="field" data-place="${name}" data-place-kind="field"><label for="${id}">${escapeHtml(label)}</label>${hint}<select ${attributes.join(' ')}>${optionHtml}</select>${issueElement(r, name)}</div>`;
}

/** Radio buttons (one value) or checkboxes (a set of values) under one legend: one place. */
function choiceGroup(
  r: Rendering,
  name: string,
  legend: string,
  options: readonly (readonly [string, string])[],
  chosen: string | ReadonlySet<string>,
  type: 'radio' | 'checkbox',
  hint?: string,
): string {
  r.places.set(name, 'group');
  const id = placeId(name);
  const isChosen = (value: string): boolean => (typeof chosen === 'string' ? chosen === value : chosen.has(value));
  const hintHtml = hint === undefined ? '' : `<p class="hint" id="h-${id}">${escapeHtml(hint)}</p>`;
  const reshapes = type === 'radio' ? ' data-reshapes' : '';
  const inputs = options.map(([value, text], position) => {
    const inputId = `${id}-${position}`;
    const state = controlState(r, name, hint === undefined ? [] : [`h-${id}`]).join(' ');
    return `<div class="choice"><input type="${type}" id="${inputId}" name="${name}" value="${escapeHtml(value)}"${isChosen(value) ? ' checked' : ''}${reshapes}${state ? ` ${state}` : ''}><label for="${inputId}">${escapeHtml(text)}</label></div>`;
  });
  return `<fieldset class="choices" id="${id}" data-place="${name}" data-place-kind="group"><legend>${escapeHtml(legend)}</legend>${hintHtml}${inputs.join('')}${issueElement(r, name)}</fieldset>`;
}

/** `aria-describedby` (its hint, and what is wrong when something is) and `aria-invalid` of a place's control. */
function controlState(r: Rendering, place: string, hintIds: readonly string[]): string[] {
  const hasIssue = (r.issues.get(place)?.length ?? 0) > 0;
  const ids = [...hintIds, ...(hasIssue ? [issueId(place)] : [])];
  return [...(ids.length ? [`aria-describedby="${ids.join(' ')}"`] : []), ...(hasIssue ? ['aria-invalid="true"'] : [])];
}

function describedBy(r: Rendering, place: string): string {
  return (r.issues.get(place)?.length ?? 0) > 0 ? ` aria-describedby="${issueId(place)}"` : '';
}

/** The element that says what is wrong at `place` (empty and hidden while nothing is). */
function issueElement(r: Rendering, place: string): string {
  const messages = r.issues.get(place) ?? [];
  return `<p class="field-issue" id="${issueId(place)}"${messages.length ? '' : ' hidden'}>${messages.map(escapeHtml).join(' ')}</p>`;
}

/** A button that changes the form's shape: posted without the script, handled in the page with it. */
function formButton(change: FormChange, label: string, className: string): string {
  return `<button type="submit" class="${className}" name="${FORM_ACTION_FIELD}" value="${formActionValue(change)}" formnovalidate>${escapeHtml(label)}</button>`;
}

/** Without the script, the form shows the fields of a choice once posted: this button posts it. */
function refreshButton(r: Rendering, withHint = true): string {
  if (r.scripted) return '';
  const hint = withHint ? ` <span class="hint">${escapeHtml(r.texts.buttons.refreshHint)}</span>` : '';
  return `<div class="refresh">${formButton({ kind: 'refresh' }, r.texts.buttons.refresh, 'secondary')}${hint}</div>`;
}

/** The list of problems at the top of the form (inside its `role="alert"` element): a heading and one link per problem. */
export function renderIssueSummary(items: readonly { readonly text: string; readonly targetId: string | undefined }[], texts: NewRequestTexts): string {
  if (items.length === 0) return '';
  const entries = items.map((item) => (item.targetId === undefined ? `<li>${escapeHtml(item.text)}</li>` : `<li><a href="#${item.targetId}">${escapeHtml(item.text)}</a></li>`));
  return `<h2>${escapeHtml(texts.summary(items.length))}</h2><ul>${entries.join('')}</ul>`;
}
