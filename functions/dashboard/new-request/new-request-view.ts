/**
 * The new-request page's content (`<main>`): the form with its token and Idempotency-Key, its
 * list of problems and its answer regions; and the page a plain post answers once the request is
 * filed. Pure rendering: new-request-page.ts serves it, unit tests read it.
 *
 * The form works without the script as a plain post (new-request-page.ts), and the script
 * (functions/dashboard/client/) takes it over: it checks each field with the API's rules as the
 * broker goes, reshapes the form in place, and sends it as JSON.
 */
import type { ValidationIssue } from '../../domain/validation-issue.js';
import { escapeHtml } from '../../messages/escape-html.js';
import { placeIssues } from './issue-placement.js';
import type { NewRequestTexts } from './new-request-texts.js';
import { FORM_TOKEN_FIELD, IDEMPOTENCY_KEY_FIELD, type FormFields, type RequestFromForm } from './request-form-fields.js';
import { renderFormBody, renderIssueSummary } from './request-form-render.js';

/** Where the form posts (the route `submitDashboardRequest`, catalog/route-catalog.ts). */
export const NEW_REQUEST_PATH = '/dashboard/new-request';

export interface NewRequestView {
  readonly texts: NewRequestTexts;
  readonly fields: FormFields;
  /** The session's form token (functions/dashboard/session.ts), posted as `csrf` or sent as `x-csrf-token`. */
  readonly formToken: string;
  /** This filled form's Idempotency-Key: however often it is sent, one request is filed. */
  readonly idempotencyKey: string;
  /** The API's issues with the form as posted, shown beside their fields. */
  readonly issues?: readonly ValidationIssue[];
  /** How the posted body's copied parts map back to the form's fields (request-form-fields.ts). */
  readonly aliases?: RequestFromForm['aliases'];
  /** Why the post was not filed, when it was not for the issues (already in the broker's words). */
  readonly failure?: string;
}

/** The form page's `<main>` content; with issues, each beside its field and all in the list at the top. */
export function renderNewRequestMain(view: NewRequestView): string {
  const { texts, fields } = view;
  const shape = renderFormBody({ fields, texts });
  const placed = placeIssues(view.issues ?? [], view.aliases ?? [], shape.places, texts);
  const body = placed.byPlace.size > 0 ? renderFormBody({ fields, texts, issues: placed.byPlace }).html : shape.html;
  return [
    `<h1>${escapeHtml(texts.title)}</h1>`,
    `<p>${escapeHtml(texts.intro)}</p>`,
    `<p class="hint">${escapeHtml(texts.requiredHint)}</p>`,
    `<div class="form-answer" id="new-request-answer" role="status"></div>`,
    `<div class="form-failure" id="new-request-failure" role="alert">${view.failure === undefined ? '' : `<p>${escapeHtml(view.failure)}</p>`}</div>`,
    `<form class="new-request" method="post" action="${NEW_REQUEST_PATH}" novalidate data-new-request>`,
    `<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${escapeHtml(view.formToken)}">`,
    `<input type="hidden" name="${IDEMPOTENCY_KEY_FIELD}" value="${escapeHtml(view.idempotencyKey)}">`,
    // The first submit button is the one Enter in a field presses: it must send, not add or remove a row.
    `<button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">${escapeHtml(texts.buttons.send)}</button>`,
    `<div class="issue-summary" id="issue-summary" role="alert" tabindex="-1">${renderIssueSummary(placed.summary, texts)}</div>`,
    `<div data-form-body>${body}</div>`,
    `<div class="form-actions"><button type="submit" data-send>${escapeHtml(texts.buttons.send)}</button></div>`,
    '</form>',
  ].join('');
}

/** What a plain post answers once the request is filed: the API's answer, a link to the request's page, and to a new form. */
export function renderFiledMain(texts: NewRequestTexts, filed: { readonly clientRef: string; readonly dashboardUrl: string }): string {
  return [
    `<h1>${escapeHtml(texts.answers.filedTitle)}</h1>`,
    `<div class="notice success" role="status"><p>${escapeHtml(texts.answers.filed(filed.clientRef))}</p></div>`,
    `<p><a class="button" href="${escapeHtml(filed.dashboardUrl)}" data-filed-request>${escapeHtml(texts.answers.openRequest)}</a> `,
    `<a class="button secondary" href="${NEW_REQUEST_PATH}">${escapeHtml(texts.answers.fileAnother)}</a></p>`,
  ].join('');
}
