/**
 * One request in the dashboard (R9): `GET /dashboard/requests/{id}` shows it as
 * `GET /v1/requests/{id}` gives it (request-page-html.ts); its documents and its evidence package
 * are fetched through the broker API's own routes and answered as a 303 to their short-lived
 * link, or as the package itself. Another broker's request, or an unknown id, is the not-found
 * page, as the API answers 404.
 */
import { getRequestDocument } from '../../http/broker/get-document.js';
import { getRequestEvidence } from '../../http/broker/get-evidence.js';
import { getRequest } from '../../http/broker/get-request.js';
import type { RequestView } from '../../http/broker/request-view.js';
import type { DocumentLinkResponse } from '../../http/document-link.js';
import type { HttpResult } from '../../http/http-response.js';
import { seeOther } from '../../http/http-response.js';
import type { SignerRole } from '../../domain/signing-plan.js';
import { escapeHtml } from '../../messages/escape-html.js';
import { callBrokerRoute } from '../broker-routes.js';
import type { DashboardCall } from '../dashboard-route.js';
import { sessionPage } from '../dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from '../layout.js';
import { renderRequestMain, requestPageTitle, requestPath, type PageForm, type ReviewDocuments } from './request-page-html.js';
import { DONE_NOTICES, requestTexts, type DoneNotice } from './request-texts.js';
import type { Refusal } from './refusal-explanation.js';
import { inlineDocument, isInlineDocument, reviewDocuments } from './review-documents.js';

/** The request id of the route's path. */
export function requestIdOf(call: Pick<DashboardCall, 'event'>): string {
  return call.event.pathParameters?.['id'] ?? '';
}

/** What the page adds to the request: the answer of an action. */
export interface RequestPageAnswer {
  readonly statusCode: number;
  readonly done?: { readonly notice: DoneNotice; readonly count?: number };
  readonly refused?: { readonly refusal: Refusal; readonly form: PageForm; readonly reason?: string };
}

/** A page of the dashboard's frame with `mainHtml`. */
function framedPage(call: DashboardCall, statusCode: number, title: string, mainHtml: string, path: string, frameFrom: readonly string[] = []): HttpResult {
  return dashboardHtml(statusCode, renderDashboardPage({ language: call.language, title, mainHtml, session: call.session, path }), { frameFrom });
}

/** The not-found page: the request is not this broker's, or there is no such request (or document). */
export function requestNotFoundPage(call: DashboardCall, what: 'request' | 'document' = 'request'): HttpResult {
  const texts = requestTexts(call.language);
  const words = what === 'request' ? texts.notFound : texts.documentMissing;
  const back = what === 'request' ? '/dashboard' : requestPath(requestIdOf(call));
  const main = `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.text)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(words.back)}</a></p>`;
  return framedPage(call, 404, words.title, main, call.path);
}

/** The page for an API that could not answer (a passing fault, 503, or its 500): nothing changed. */
function unavailablePage(call: DashboardCall, statusCode: number): HttpResult {
  const texts = requestTexts(call.language);
  const main = `<h1>${escapeHtml(texts.unavailable.title)}</h1><p role="alert">${escapeHtml(texts.unavailable.text)}</p><p><a href="/dashboard">${escapeHtml(texts.notFound.back)}</a></p>`;
  return framedPage(call, statusCode >= 500 ? statusCode : 502, texts.unavailable.title, main, call.path);
}

/** Whose scan waits for the review: the role of the last review asked for. */
function reviewedRole(view: RequestView): SignerRole {
  const asked = view.history.findLast((entry) => entry.type === 'scanReviewRequested');
  return asked?.details.role === 'legalRepresentative' ? 'legalRepresentative' : 'requester';
}

/** The bucket origins the review's frames come from (the page's Content-Security-Policy allows them). */
function frameOrigins(review: ReviewDocuments | undefined): string[] {
  const urls = [review?.form?.url, review?.scan?.url].filter((url): url is string => url !== undefined);
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/**
 * The request page of `requestId` as the broker API shows it to this broker, with `answer`'s
 * notice or refusal: also what an action answers when it was refused (request-actions.ts).
 */
export async function answerRequestPage(call: DashboardCall, requestId: string, answer: RequestPageAnswer): Promise<HttpResult> {
  const found = await callBrokerRoute<RequestView>(getRequest, call.session, call.event, call.context, { pathParameters: { id: requestId } });
  // A malformed id (400) names no request either.
  if (found.statusCode === 404 || found.statusCode === 400) return requestNotFoundPage(call);
  if (found.statusCode !== 200) return unavailablePage(call, found.statusCode);
  const view = found.body;
  const review = view.status === 'AWAITING_REVIEW' && view.erasedAt === undefined ? await reviewDocuments(view.id, call.session.brokerId, reviewedRole(view)) : undefined;
  const main = renderRequestMain({
    view,
    language: call.language,
    formToken: call.session.formToken,
    ...(answer.done ? { done: answer.done } : {}),
    ...(answer.refused ? { refused: answer.refused } : {}),
    ...(review ? { review } : {}),
  });
  // After a post, the language links lead to the request's page, not to the action's address.
  const path = call.event.requestContext.http.method === 'GET' ? call.path : requestPath(view.id);
  return framedPage(call, answer.statusCode, requestPageTitle(view, call.language), main, path, frameOrigins(review));
}

/** `?done=reminded&sent=2`: what the action that sent the browser here did. */
export function doneNoticeOf(query: Readonly<Record<string, string | undefined>> | undefined): RequestPageAnswer['done'] {
  const notice = query?.['done'];
  if (!notice || !(DONE_NOTICES as readonly string[]).includes(notice)) return undefined;
  const sent = query['sent'];
  return { notice: notice as DoneNotice, ...(sent && /^\d{1,3}$/.test(sent) ? { count: Number(sent) } : {}) };
}

/** `GET /dashboard/requests/{id}`. */
export const showDashboardRequest = sessionPage(async (call) => {
  const done = doneNoticeOf(call.event.queryStringParameters);
  return answerRequestPage(call, requestIdOf(call), { statusCode: 200, ...(done ? { done } : {}) });
});

/**
 * `GET /dashboard/requests/{id}/documents/{document}`: the form, a signed copy or scan
 * (`getRequestDocument`), or the sealed completion certificate (from the evidence package), as a
 * 303 to its short-lived link; `?view=inline` shows the form or a scan in the browser rather
 * than downloading it (the review's "open" links).
 */
export const openDashboardDocument = sessionPage(async (call) => {
  const requestId = requestIdOf(call);
  const document = call.event.pathParameters?.['document'] ?? '';
  if (document === 'completion-certificate') {
    const evidence = await callBrokerRoute<{ documents?: { name: string; url: string }[] }>(getRequestEvidence, call.session, call.event, call.context, { pathParameters: { id: requestId } });
    if (evidence.statusCode === 404 || evidence.statusCode === 400) return requestNotFoundPage(call);
    if (evidence.statusCode >= 400 && evidence.statusCode < 500) return requestNotFoundPage(call, 'document');
    if (evidence.statusCode !== 200) return unavailablePage(call, evidence.statusCode);
    const certificate = evidence.body.documents?.find((entry) => entry.name === 'completion-certificate');
    return certificate ? seeOther(certificate.url) : requestNotFoundPage(call, 'document');
  }
  const link = await callBrokerRoute<DocumentLinkResponse & { message?: string }>(getRequestDocument, call.session, call.event, call.context, {
    pathParameters: { id: requestId, document },
    headers: { accept: 'application/json' },
  });
  // 404 or a malformed name (400); 409: the personal data, and so the document, was erased.
  if (link.statusCode >= 400 && link.statusCode < 500) return requestNotFoundPage(call, link.body?.message === 'Request not found' ? 'request' : 'document');
  if (link.statusCode !== 200) return unavailablePage(call, link.statusCode);
  if (call.event.queryStringParameters?.['view'] === 'inline' && isInlineDocument(document)) {
    // The API answered: the request is this broker's and the document exists.
    const inline = await inlineDocument(requestId, call.session.brokerId, document);
    if (inline) return seeOther(inline.url);
  }
  return seeOther(link.body.url);
});

/**
 * `GET /dashboard/requests/{id}/evidence`: the evidence package (R8) as `getRequestEvidence`
 * answers it, saved as a file, for `npm run verify-evidence` or any other offline check.
 */
export const showDashboardEvidence = sessionPage(async (call) => {
  const requestId = requestIdOf(call);
  const evidence = await callBrokerRoute(getRequestEvidence, call.session, call.event, call.context, { pathParameters: { id: requestId } });
  if (evidence.statusCode === 404 || evidence.statusCode === 400) return requestNotFoundPage(call);
  if (evidence.statusCode >= 400 && evidence.statusCode < 500) return requestNotFoundPage(call, 'document');
  if (evidence.statusCode !== 200) return unavailablePage(call, evidence.statusCode);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="evidence-${requestId.replace(/[^A-Za-z0-9_-]/g, '_')}.json"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin',
    },
    body: JSON.stringify(evidence.body, null, 2),
  };
});
