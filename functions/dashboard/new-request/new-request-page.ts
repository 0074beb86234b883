/**
 * `GET /dashboard/new-request`: the new-request form; `POST /dashboard/new-request`: files it
 * through the broker API's own `POST /v1/requests` handler (submitRequest, called in-process by
 * callBrokerRoute), so the rules, the refusals, the Idempotency-Key and the audit entry are the
 * API's, whichever way the broker comes.
 *
 * The post takes two shapes (after sessionAction checked the session and the form token):
 * - JSON, from the page's script: the API's body as is, the form token in `x-csrf-token`, the
 *   form's `Idempotency-Key`; answered with the API's own status and JSON, plus the request's
 *   dashboard page (`dashboardUrl`) when filed;
 * - the form's fields (`application/x-www-form-urlencoded`), from a browser without the script:
 *   turned into the same body (request-form-fields.ts) and answered with a page: the request filed,
 *   or the form again with the API's issues beside their fields. Its form-only buttons (add or
 *   remove a row, show the fields of a choice) reshape the form and file nothing.
 * The body is bounded before any work by the route's limit (MAX_DASHBOARD_REQUEST_BODY_BYTES,
 * the API's own); malformed JSON is a 400 as the API answers it.
 */
import { randomUUID } from 'node:crypto';
import { submitRequest, type SubmitRequestResponse } from '../../http/broker/submit-request.js';
import { HttpError, jsonBody } from '../../http/http-errors.js';
import { json, type HttpResult } from '../../http/http-response.js';
import type { ValidationIssue } from '../../domain/validation-issue.js';
import { callBrokerRoute } from '../broker-routes.js';
import { formFields, sessionAction, sessionPage, type DashboardCall } from '../dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from '../layout.js';
import { todayInBrussels } from './brussels-today.js';
import { failureText, newRequestTexts } from './new-request-texts.js';
import { renderFiledMain, renderNewRequestMain, type NewRequestView } from './new-request-view.js';
import {
  FORM_ACTION_FIELD,
  fieldsOf,
  formChangeOf,
  IDEMPOTENCY_KEY_FIELD,
  initialFields,
  requestBodyOf,
  valueOf,
  withChange,
} from './request-form-fields.js';

/** The dashboard page of request `id` (functions/dashboard/request/). */
function requestPagePath(id: string): string {
  return `/dashboard/requests/${encodeURIComponent(id)}`;
}

/** An Idempotency-Key the form carries: a UUID, as the page makes them. */
const FORM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const showNewRequestForm = sessionPage(async (call) => {
  const fields = initialFields(call.language, todayInBrussels(new Date()));
  return formPage(200, call, { fields, idempotencyKey: randomUUID() });
});

export const submitDashboardRequest = sessionAction(async (call) => {
  const type = (call.event.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) return submitJson(call);
  if (type.startsWith('application/x-www-form-urlencoded')) return submitForm(call);
  return json(415, { error: 'unsupported_media_type', message: 'Send the request as JSON (application/json) or as the form (application/x-www-form-urlencoded)' });
});

/** The script's post: the API's body, answered as the API answers it. */
async function submitJson(call: DashboardCall): Promise<HttpResult> {
  let body: unknown;
  try {
    body = jsonBody(call.event);
  } catch (error) {
    if (error instanceof HttpError) return json(error.statusCode, error.body);
    throw error;
  }
  const key = call.event.headers['idempotency-key'];
  const answer = await callBrokerRoute<Record<string, unknown> | undefined>(submitRequest, call.session, call.event, call.context, {
    body,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });
  const answered = answer.body ?? {};
  const filed = answer.statusCode === 201 && typeof answered['id'] === 'string' ? { dashboardUrl: requestPagePath(answered['id']) } : {};
  const retryAfter = answer.headers['retry-after'];
  return json(answer.statusCode, { ...answered, ...filed }, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
}

/** A plain post of the form's fields: a form-only button reshapes the form; else the request is filed, or the form shown again with why not. */
async function submitForm(call: DashboardCall): Promise<HttpResult> {
  const fields = fieldsOf(formFields(call.event));
  const posted = valueOf(fields, IDEMPOTENCY_KEY_FIELD);
  const idempotencyKey = FORM_KEY.test(posted) ? posted : randomUUID();
  const action = valueOf(fields, FORM_ACTION_FIELD);
  if (action !== '') {
    const change = formChangeOf(action) ?? { kind: 'refresh' };
    return formPage(200, call, { fields: withChange(fields, change), idempotencyKey });
  }

  const { body, aliases } = requestBodyOf(fields);
  const answer = await callBrokerRoute<Partial<SubmitRequestResponse> & { issues?: ValidationIssue[] }>(submitRequest, call.session, call.event, call.context, {
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });
  const texts = newRequestTexts(call.language);
  if (answer.statusCode === 201 && typeof answer.body?.id === 'string') {
    const main = renderFiledMain(texts, { clientRef: answer.body.clientRef ?? '', dashboardUrl: requestPagePath(answer.body.id) });
    const page = renderDashboardPage({ language: call.language, title: texts.answers.filedTitle, mainHtml: main, session: call.session, current: 'newRequest', path: call.path });
    const result = dashboardHtml(201, page);
    return { ...result, headers: { ...result.headers, location: requestPagePath(answer.body.id) } };
  }
  const issues = answer.statusCode === 400 && Array.isArray(answer.body?.issues) ? answer.body.issues : undefined;
  return formPage(answer.statusCode, call, { fields, idempotencyKey, aliases, ...(issues ? { issues } : { failure: failureText(answer.statusCode, texts) }) });
}

function formPage(statusCode: number, call: DashboardCall, view: Omit<NewRequestView, 'texts' | 'formToken'>): HttpResult {
  const texts = newRequestTexts(call.language);
  const main = renderNewRequestMain({ ...view, texts, formToken: call.session.formToken });
  const problems = view.issues?.length ? `${texts.summary(view.issues.length)} · ` : '';
  const page = renderDashboardPage({ language: call.language, title: `${problems}${texts.title}`, mainHtml: main, session: call.session, current: 'newRequest', path: call.path, withScript: true });
  return dashboardHtml(statusCode, page);
}
