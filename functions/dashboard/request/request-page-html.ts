/**
 * The HTML of one request's page (R9): its facts, where it stands on the workflow's steps
 * (request-steps.ts), the review of a scan side by side with the generated form, the broker's
 * actions, the grantees and their grants, the documents with their SHA-256 (R8), and the history
 * with its chain's check (history-wording.ts). Forms post without script; each carries the
 * session's form token. Every value is escaped.
 */
import type { Language } from '../../domain/request-schema.js';
import type { RequestStatus } from '../../domain/request-status.js';
import { isTerminalStatus } from '../../domain/request-status.js';
import type { SignerRole } from '../../domain/signing-plan.js';
import type { RequestView } from '../../http/broker/request-view.js';
import { escapeHtml } from '../../messages/escape-html.js';
import { formatDate, formatDateTime } from '../../messages/format-date.js';
import { capitalized, historyLines } from './history-wording.js';
import { REASON_MAX_LENGTH, type Refusal } from './refusal-explanation.js';
import { drawRequestSteps, type DrawnStep } from './request-steps.js';
import { requestTexts, type DoneNotice, type RequestTexts, type SignatureMethod } from './request-texts.js';

/** Which form of the page an answer is about: its refusal is shown beside it, and what was typed is kept. */
export type PageForm = 'remind' | 'cancel' | 'approve' | 'reject' | `revoke:${string}`;

/** A document framed for the review: a short-lived link the browser may show inline. */
export interface FramedDocument {
  readonly url: string;
  readonly contentType: string;
}

/** The two documents of a scan's review (review-documents.ts). */
export interface ReviewDocuments {
  readonly role: SignerRole;
  readonly form?: FramedDocument;
  readonly scan?: FramedDocument;
}

export interface RequestPageModel {
  readonly view: RequestView;
  readonly language: Language;
  readonly formToken: string;
  /** What was just done (`?done=`), and how many e-mails a reminder sent. */
  readonly done?: { readonly notice: DoneNotice; readonly count?: number };
  /** An action refused, and the form it came from. */
  readonly refused?: { readonly refusal: Refusal; readonly form: PageForm; readonly reason?: string };
  readonly review?: ReviewDocuments;
}

/** The statuses in which somebody waits for an e-mail the broker may send again (remind-request.ts). */
const REMINDABLE: readonly RequestStatus[] = ['AWAITING_SIGNATURE', 'AWAITING_LEGAL_REPRESENTATIVE', 'AWAITING_ACTIVATION'];

/** The page's `<h1>` and `<title>`. */
export function requestPageTitle(view: Pick<RequestView, 'id' | 'clientName'>, language: Language): string {
  const texts = requestTexts(language);
  return view.clientName ? texts.pageTitle(view.clientName) : texts.erasedPageTitle(view.id);
}

/** The dashboard's path of a request, or of one of its routes. */
export function requestPath(requestId: string, rest = ''): string {
  return `/dashboard/requests/${encodeURIComponent(requestId)}${rest}`;
}

/** The content of `<main>` for the request page. */
export function renderRequestMain(model: RequestPageModel): string {
  const { view, language } = model;
  const texts = requestTexts(language);
  const erased = view.erasedAt !== undefined;
  return [
    `<p class="back"><a href="/dashboard">${escapeHtml(texts.backToList)}</a></p>`,
    `<h1 class="request-title">${escapeHtml(requestPageTitle(view, language))}</h1>`,
    answerHtml(model, texts),
    factsHtml(view, texts, language),
    erased ? `<p class="notice" data-erased="true">${escapeHtml(texts.erasedNotice)}</p>` : '',
    stepsHtml(view, texts, language),
    view.status === 'AWAITING_REVIEW' && !erased ? reviewHtml(model, texts) : '',
    erased ? '' : actionsHtml(model, texts),
    erased ? '' : granteesHtml(model, texts),
    erased ? '' : documentsHtml(view, texts, language),
    historyHtml(view, texts, language),
  ].join('\n');
}

function answerHtml(model: RequestPageModel, texts: RequestTexts): string {
  if (model.refused) {
    const { refusal } = model.refused;
    return `<div class="notice error" role="alert" data-refusal="${refusal.statusCode}"><p><strong>${escapeHtml(texts.refusal.heading)}</strong></p><p>${escapeHtml(refusal.message)}</p></div>`;
  }
  if (model.done) {
    const { notice, count } = model.done;
    const text = notice === 'reminded' ? texts.done.reminded(count ?? 1) : texts.done[notice];
    return `<div class="notice success" role="status" data-done="${notice}"><p>${escapeHtml(text)}</p></div>`;
  }
  // An empty live region, so an answer shown later is announced the same way.
  return '<div role="status" class="visually-hidden"></div>';
}

function fact(term: string, valueHtml: string): string {
  return `<div><dt>${escapeHtml(term)}</dt><dd>${valueHtml}</dd></div>`;
}

function timeHtml(iso: string, text: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
}

function statusBadge(status: string, words: string): string {
  return `<span class="status status-${escapeHtml(status)}">${escapeHtml(words)}</span>`;
}

function factsHtml(view: RequestView, texts: RequestTexts, language: Language): string {
  const t = texts.facts;
  const rows = [
    fact(t.status, statusBadge(view.status, texts.status[view.status])),
    fact(t.requestId, `<code>${escapeHtml(view.id)}</code>`),
    fact(t.clientRef, escapeHtml(view.clientRef)),
    fact(t.filedOn, timeHtml(view.createdAt, formatDateTime(new Date(view.createdAt), language))),
    view.requestDate ? fact(t.requestDate, escapeHtml(formatDate(new Date(`${view.requestDate}T12:00:00Z`), language))) : '',
    view.requester ? fact(t.requester, escapeHtml(view.requester.name)) : '',
    view.legalRepresentative ? fact(t.legalRepresentative, escapeHtml(view.legalRepresentative.name)) : '',
    view.outcome && isTerminalStatus(view.status) ? fact(t.outcome, timeHtml(view.outcome.at, formatDateTime(new Date(view.outcome.at), language))) : '',
    view.erasedAt ? fact(t.erasedOn, timeHtml(view.erasedAt, formatDateTime(new Date(view.erasedAt), language))) : '',
    view.retainUntil ? fact(t.retainUntil, timeHtml(view.retainUntil, formatDate(new Date(view.retainUntil), language))) : '',
  ];
  return `<section aria-labelledby="facts-heading"><h2 id="facts-heading" class="visually-hidden">${escapeHtml(t.heading)}</h2><dl class="request-facts">${rows.join('')}</dl></section>`;
}

/** Who the current step waits for, in words. */
function waitsFor(step: DrawnStep, view: RequestView, texts: RequestTexts): string {
  const w = texts.steps.waitsFor;
  switch (step.key) {
    case 'form':
      return w.form;
    case 'requesterSignature':
      return w.signer(texts.signerPhrase('requester', view.requester?.name));
    case 'legalRepresentativeSignature':
      return w.signer(texts.signerPhrase('legalRepresentative', view.legalRepresentative?.name));
    case 'requesterReview':
    case 'legalRepresentativeReview':
      return w.review;
    case 'grants':
      return w.grants;
    case 'activation': {
      const granted = view.grantees.filter((grantee) => grantee.grantStatus !== undefined);
      return w.activation(granted.filter((grantee) => grantee.grantStatus !== 'pending').length, granted.length);
    }
    case 'completed':
      return w.completion;
    case 'evidence':
      return w.sealing;
    default:
      return '';
  }
}

function stepHtml(step: DrawnStep, view: RequestView, texts: RequestTexts, language: Language): string {
  const name = step.key === 'ended' ? (step.endedAs ? texts.steps.ended[step.endedAs] : '') : texts.steps.names[step.key];
  const when =
    step.state === 'done' && step.at
      ? timeHtml(step.at, texts.steps.doneAt(formatDateTime(new Date(step.at), language)))
      : step.state === 'ended' && step.at
        ? timeHtml(step.at, texts.steps.endedAt(formatDateTime(new Date(step.at), language)))
        : step.state === 'current' && step.since
          ? timeHtml(step.since, texts.steps.since(formatDateTime(new Date(step.since), language)))
          : '';
  const waiting = step.state === 'current' ? waitsFor(step, view, texts) : '';
  const waitingHtml = waiting
    ? `<p class="step-waits">${step.key.endsWith('Review') ? `<a href="#review">${escapeHtml(waiting)}</a>` : escapeHtml(waiting)}</p>`
    : '';
  return [
    `<li class="step step-${step.state}" data-step="${escapeHtml(step.key === 'ended' ? `ended-${step.endedAs ?? ''}` : step.key)}" data-state="${step.state}"${step.standsHere ? ' aria-current="step"' : ''}>`,
    '<span class="step-marker" aria-hidden="true"></span>',
    `<span class="step-text"><span class="step-name">${escapeHtml(name)}</span> <span class="step-state">${escapeHtml(texts.steps.state[step.state])}</span>${when ? ` <span class="step-when">${when}</span>` : ''}${waitingHtml}</span>`,
    '</li>',
  ].join('');
}

function stepsHtml(view: RequestView, texts: RequestTexts, language: Language): string {
  const steps = drawRequestSteps(view);
  return [
    '<section aria-labelledby="steps-heading" class="card request-section">',
    `<h2 id="steps-heading">${escapeHtml(texts.steps.heading)}</h2>`,
    `<ol class="steps">${steps.map((step) => stepHtml(step, view, texts, language)).join('')}</ol>`,
    '</section>',
  ].join('\n');
}

function csrfField(formToken: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(formToken)}">`;
}

/** A reason's textarea with its label, hint and, when refused, the refusal beside it. */
function reasonField(options: {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly maxLength: number;
  readonly required: boolean;
  readonly value?: string;
  readonly error?: string;
}): string {
  const describedBy = [`${options.id}-hint`, ...(options.error ? [`${options.id}-error`] : [])].join(' ');
  return [
    `<div class="action-field"><label for="${options.id}">${escapeHtml(options.label)}</label>`,
    `<p class="hint" id="${options.id}-hint">${escapeHtml(options.hint)}</p>`,
    options.error ? `<p class="action-field-error" id="${options.id}-error">${escapeHtml(options.error)}</p>` : '',
    `<textarea id="${options.id}" name="reason" rows="3" maxlength="${options.maxLength}"${options.required ? ' required' : ''} aria-describedby="${describedBy}"${options.error ? ' aria-invalid="true"' : ''}>${escapeHtml(options.value ?? '')}</textarea></div>`,
  ].join('');
}

/** The "I confirm" checkbox of a destructive action. */
function confirmField(id: string, label: string, error: string | undefined): string {
  return [
    `<div class="action-field confirm-field">`,
    error ? `<p class="action-field-error" id="${id}-error">${escapeHtml(error)}</p>` : '',
    `<input type="checkbox" id="${id}" name="confirm" value="yes" required${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>`,
    ` <label for="${id}">${escapeHtml(label)}</label></div>`,
  ].join('');
}

/** The refusal's message for `field` of `form`, when the refusal is about it. */
function fieldError(model: RequestPageModel, form: PageForm, field: 'reason' | 'confirm'): string | undefined {
  const refused = model.refused;
  return refused && refused.form === form && refused.refusal.field?.name === field ? refused.refusal.field.message : undefined;
}

function typedReason(model: RequestPageModel, form: PageForm): string | undefined {
  return model.refused?.form === form ? model.refused.reason : undefined;
}

function documentTitle(texts: RequestTexts, role: SignerRole): string {
  return role === 'requester' ? texts.documents.requesterSignature : texts.documents.legalRepresentativeSignature;
}

/** One framed document: `<img>` for a scanned image, `<iframe>` for a PDF, and a plain link to open it. */
function framedDocumentHtml(title: string, link: string, framed: FramedDocument | undefined, texts: RequestTexts, hook: string): string {
  const frame = !framed
    ? ''
    : framed.contentType.startsWith('image/')
      ? `<img class="review-frame review-image" src="${escapeHtml(framed.url)}" alt="${escapeHtml(title)}" title="${escapeHtml(title)}">`
      : `<iframe class="review-frame" src="${escapeHtml(framed.url)}" title="${escapeHtml(title)}"></iframe>`;
  return [
    `<figure class="review-document" data-review-document="${hook}">`,
    `<figcaption><span class="review-document-title">${escapeHtml(title)}</span> <a href="${escapeHtml(link)}" target="_blank" rel="noopener">${escapeHtml(texts.review.open(title))}</a></figcaption>`,
    frame,
    '</figure>',
  ].join('');
}

function reviewHtml(model: RequestPageModel, texts: RequestTexts): string {
  const { view, review } = model;
  const role = review?.role ?? 'requester';
  const who = texts.signerPhrase(role, (role === 'requester' ? view.requester : view.legalRepresentative)?.name);
  const action = requestPath(view.id, '/review');
  const rejectError = fieldError(model, 'reject', 'reason');
  return [
    '<section aria-labelledby="review-heading" class="card request-section review" id="review">',
    `<h2 id="review-heading">${escapeHtml(texts.review.heading)}</h2>`,
    `<p>${escapeHtml(texts.review.intro(capitalized(who)))}</p>`,
    '<div class="review-pair">',
    framedDocumentHtml(texts.review.formTitle, requestPath(view.id, '/documents/form?view=inline'), review?.form, texts, 'form'),
    framedDocumentHtml(texts.review.scanTitle, requestPath(view.id, `/documents/${role}-signature?view=inline`), review?.scan, texts, 'scan'),
    '</div>',
    '<div class="review-decisions">',
    `<form method="post" action="${escapeHtml(action)}" class="review-decision" data-action="approve">${csrfField(model.formToken)}<input type="hidden" name="decision" value="approve">`,
    `<h3>${escapeHtml(texts.review.approveHeading)}</h3><p class="hint" id="approve-hint">${escapeHtml(texts.review.approveHint)}</p>`,
    `<button type="submit" aria-describedby="approve-hint">${escapeHtml(texts.review.approve)}</button></form>`,
    `<form method="post" action="${escapeHtml(action)}" class="review-decision" data-action="reject">${csrfField(model.formToken)}<input type="hidden" name="decision" value="reject">`,
    `<h3>${escapeHtml(texts.review.rejectHeading)}</h3>`,
    reasonField({
      id: 'reject-reason',
      label: texts.review.rejectLabel,
      hint: texts.review.rejectHint,
      maxLength: REASON_MAX_LENGTH.review,
      required: true,
      ...(typedReason(model, 'reject') !== undefined ? { value: typedReason(model, 'reject') } : {}),
      ...(rejectError ? { error: rejectError } : {}),
    }),
    `<button type="submit" class="danger">${escapeHtml(texts.review.reject)}</button></form>`,
    '</div>',
    '</section>',
  ].join('\n');
}

function actionsHtml(model: RequestPageModel, texts: RequestTexts): string {
  const { view } = model;
  const parts: string[] = [];
  const revocable = view.grantees.filter((grantee) => grantee.grantStatus === 'pending' || grantee.grantStatus === 'active');
  if (REMINDABLE.includes(view.status)) {
    const hint =
      view.status === 'AWAITING_ACTIVATION'
        ? texts.actions.remind.granteesHint
        : texts.actions.remind.signerHint(
            view.status === 'AWAITING_SIGNATURE'
              ? texts.signerPhrase('requester', view.requester?.name)
              : texts.signerPhrase('legalRepresentative', view.legalRepresentative?.name),
          );
    parts.push(
      `<form method="post" action="${escapeHtml(requestPath(view.id, '/remind'))}" class="action" data-action="remind">${csrfField(model.formToken)}` +
        `<p class="hint" id="remind-hint">${escapeHtml(hint)}</p><button type="submit" class="secondary" aria-describedby="remind-hint">${escapeHtml(texts.actions.remind.button)}</button></form>`,
    );
  }
  if (!isTerminalStatus(view.status)) {
    const t = texts.actions.cancel;
    const reasonError = fieldError(model, 'cancel', 'reason');
    const reason = typedReason(model, 'cancel');
    parts.push(
      [
        `<details class="confirm-step" data-action="cancel"${model.refused?.form === 'cancel' ? ' open' : ''}><summary>${escapeHtml(t.summary)}</summary>`,
        `<form method="post" action="${escapeHtml(requestPath(view.id, '/cancel'))}">${csrfField(model.formToken)}`,
        `<p>${escapeHtml(t.intro)}</p>`,
        reasonField({ id: 'cancel-reason', label: t.reasonLabel, hint: t.reasonHint, maxLength: REASON_MAX_LENGTH.cancel, required: false, ...(reason !== undefined ? { value: reason } : {}), ...(reasonError ? { error: reasonError } : {}) }),
        confirmField('cancel-confirm', t.confirm, fieldError(model, 'cancel', 'confirm')),
        `<button type="submit" class="danger">${escapeHtml(t.button)}</button></form></details>`,
      ].join(''),
    );
  }
  return [
    '<section aria-labelledby="actions-heading" class="card request-section">',
    `<h2 id="actions-heading">${escapeHtml(texts.actions.heading)}</h2>`,
    parts.length ? parts.join('\n') : `<p>${escapeHtml(texts.actions.none)}</p>`,
    // Once the request ended, an access it granted may still have to end (R9).
    revocable.length && !parts.length ? `<p><a href="#grantees-heading">${escapeHtml(texts.actions.revokeBelow)}</a></p>` : '',
    '</section>',
  ].join('\n');
}

function revokeHtml(model: RequestPageModel, grantId: string, name: string, index: number, texts: RequestTexts): string {
  const t = texts.grantees.revoke;
  const form: PageForm = `revoke:${grantId}`;
  const reason = typedReason(model, form);
  const reasonError = fieldError(model, form, 'reason');
  return [
    `<details class="confirm-step" data-action="revoke"${model.refused?.form === form ? ' open' : ''}><summary>${escapeHtml(t.summary(name))}</summary>`,
    `<form method="post" action="${escapeHtml(requestPath(model.view.id, `/grants/${encodeURIComponent(grantId)}/revoke`))}">${csrfField(model.formToken)}`,
    `<p>${escapeHtml(t.intro)}</p>`,
    reasonField({ id: `revoke-reason-${index}`, label: t.reasonLabel, hint: t.reasonHint, maxLength: REASON_MAX_LENGTH.revoke, required: true, ...(reason !== undefined ? { value: reason } : {}), ...(reasonError ? { error: reasonError } : {}) }),
    confirmField(`revoke-confirm-${index}`, t.confirm, fieldError(model, form, 'confirm')),
    `<button type="submit" class="danger">${escapeHtml(t.button)}</button></form></details>`,
  ].join('');
}

function granteesHtml(model: RequestPageModel, texts: RequestTexts): string {
  const { view, language } = model;
  const t = texts.grantees;
  const items = view.grantees.map((grantee, index) => {
    const facts = [
      fact(t.relation, escapeHtml(texts.relation[grantee.relation as keyof RequestTexts['relation']] ?? grantee.relation)),
      fact(t.contracts, escapeHtml(grantee.contracts === 'all' ? t.allContracts : grantee.contracts.join(', '))),
      fact(t.access, grantee.grantStatus ? statusBadge(grantee.grantStatus, texts.grantStatus[grantee.grantStatus]) : escapeHtml(t.noGrantYet)),
      grantee.activatedAt ? fact(t.activatedOn, timeHtml(grantee.activatedAt, formatDateTime(new Date(grantee.activatedAt), language))) : '',
      fact(t.email, escapeHtml(grantee.email)),
    ];
    const flags = [
      grantee.mailBounced ? `<p class="notice error" data-mail="bounced">${escapeHtml(t.mailBounced)}</p>` : '',
      grantee.mailComplained ? `<p class="notice error" data-mail="complained">${escapeHtml(t.mailComplained)}</p>` : '',
    ];
    const revocable = grantee.grantId && (grantee.grantStatus === 'pending' || grantee.grantStatus === 'active');
    return [
      `<li class="card grantee"${grantee.grantId ? ` data-grant-id="${escapeHtml(grantee.grantId)}"` : ''}>`,
      `<h3>${escapeHtml(grantee.name)}</h3>`,
      `<dl class="grantee-facts">${facts.join('')}</dl>`,
      flags.join(''),
      revocable && grantee.grantId ? revokeHtml(model, grantee.grantId, grantee.name, index, texts) : '',
      '</li>',
    ].join('');
  });
  return [
    '<section aria-labelledby="grantees-heading">',
    `<h2 id="grantees-heading">${escapeHtml(t.heading)}</h2>`,
    `<ul class="grantees">${items.join('\n')}</ul>`,
    '</section>',
  ].join('\n');
}

function documentItem(name: string, href: string, sha256: string | undefined, detail: string, texts: RequestTexts, hook: string): string {
  return [
    `<li class="document" data-document="${hook}">`,
    `<a href="${escapeHtml(href)}">${escapeHtml(name)}</a>`,
    detail ? ` <span class="hint">${escapeHtml(detail)}</span>` : '',
    sha256 ? `<p class="sha256"><span>${escapeHtml(texts.documents.sha256)}</span> <code>${escapeHtml(sha256)}</code></p>` : '',
    '</li>',
  ].join('');
}

function documentsHtml(view: RequestView, texts: RequestTexts, language: Language): string {
  const t = texts.documents;
  const items: string[] = [];
  if (view.documents.form) items.push(documentItem(t.form, requestPath(view.id, '/documents/form'), view.documents.form.sha256, '', texts, 'form'));
  for (const role of ['requester', 'legalRepresentative'] as const) {
    const signed = role === 'requester' ? view.documents.requesterSignature : view.documents.legalRepresentativeSignature;
    if (!signed) continue;
    const method = signed.method && signed.method in texts.method ? texts.method[signed.method as SignatureMethod] : '';
    const detail = method && signed.receivedAt ? t.received(method, formatDateTime(new Date(signed.receivedAt), language)) : method;
    items.push(documentItem(documentTitle(texts, role), requestPath(view.id, `/documents/${role}-signature`), signed.sha256, detail, texts, `${role}-signature`));
  }
  const sealed = [...view.history].reverse().find((entry) => entry.type === 'evidenceSealed');
  if (sealed) {
    const sha256 = typeof sealed.details.sha256 === 'string' ? sealed.details.sha256 : undefined;
    items.push(documentItem(t.certificate, requestPath(view.id, '/documents/completion-certificate'), sha256, '', texts, 'completion-certificate'));
    items.push(documentItem(t.evidencePackage, requestPath(view.id, '/evidence'), undefined, t.evidencePackageHint, texts, 'evidence'));
  }
  return [
    '<section aria-labelledby="documents-heading">',
    `<h2 id="documents-heading">${escapeHtml(t.heading)}</h2>`,
    items.length ? `<ul class="documents">${items.join('')}</ul>` : `<p>${escapeHtml(t.none)}</p>`,
    '</section>',
  ].join('\n');
}

function historyHtml(view: RequestView, texts: RequestTexts, language: Language): string {
  const t = texts.history;
  const rows = historyLines(view, language).map(
    (line) =>
      `<tr role="row"><th scope="row" role="rowheader">${timeHtml(line.at, line.when)}</th><td role="cell">${escapeHtml(line.who)}</td><td role="cell">${escapeHtml(line.what)}${line.note ? `<span class="history-note">${escapeHtml(line.note)}</span>` : ''}</td></tr>`,
  );
  const check = view.historyIntact
    ? `<p class="notice success chain-check" data-history-intact="true">${escapeHtml(t.intact)}</p>`
    : `<p class="notice error chain-check" role="alert" data-history-intact="false">${escapeHtml(t.broken)}</p>`;
  return [
    '<section aria-labelledby="history-heading">',
    `<h2 id="history-heading">${escapeHtml(t.heading)}</h2>`,
    check,
    '<div class="table-scroll" role="region" aria-labelledby="history-caption" tabindex="0">',
    // Explicit roles: on a phone the rows are stacked by CSS, which some browsers take as "not a table".
    `<table class="history" role="table"><caption id="history-caption">${escapeHtml(t.caption)}</caption>`,
    `<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${escapeHtml(t.when)}</th><th scope="col" role="columnheader">${escapeHtml(t.who)}</th><th scope="col" role="columnheader">${escapeHtml(t.what)}</th></tr></thead>`,
    `<tbody role="rowgroup">${rows.join('')}</tbody></table>`,
    '</div>',
    '</section>',
  ].join('\n');
}
