/**
 * The broker's actions on one request from the dashboard (R9): remind, cancel, review a scan,
 * revoke a grant. Each runs the broker API's own route (broker-routes.ts), so every rule,
 * refusal and audit entry is the API's. Done: a 303 back to the request's page with a notice of
 * what was done (`?done=`). Refused: the request's page again, with the refusal's status and the
 * reason in the broker's words beside the form it came from (refusal-explanation.ts).
 */
import { cancelRequest } from '../../http/broker/cancel-request.js';
import { getRequest } from '../../http/broker/get-request.js';
import { remindRequest } from '../../http/broker/remind-request.js';
import type { RequestView } from '../../http/broker/request-view.js';
import { reviewScan } from '../../http/broker/review-scan.js';
import { revokeGrant } from '../../http/broker/revoke-grant.js';
import type { HttpResult } from '../../http/http-response.js';
import { seeOther } from '../../http/http-response.js';
import { callBrokerRoute, type BrokerRouteAnswer } from '../broker-routes.js';
import type { DashboardCall } from '../dashboard-route.js';
import { formFields, sessionAction } from '../dashboard-route.js';
import { confirmationMissing, explainRefusal, type Refusal } from './refusal-explanation.js';
import { requestPath, type PageForm } from './request-page-html.js';
import { answerRequestPage, requestIdOf, requestNotFoundPage } from './request-page.js';
import type { DoneNotice, RequestAction } from './request-texts.js';

/** The 303 back to the request's page, saying what was done. */
function doneAnswer(requestId: string, notice: DoneNotice, count?: number): HttpResult {
  return seeOther(`${requestPath(requestId)}?done=${notice}${count === undefined ? '' : `&sent=${count}`}`);
}

/** The request's page again with `refusal`, answered with the refusal's status. */
function refusedAnswer(call: DashboardCall, requestId: string, form: PageForm, refusal: Refusal, reason?: string): Promise<HttpResult> {
  return answerRequestPage(call, requestId, { statusCode: refusal.statusCode, refused: { refusal, form, ...(reason !== undefined ? { reason } : {}) } });
}

/** The API's refusal of `action`: a request that is not this broker's is the not-found page. */
async function apiRefusal(call: DashboardCall, requestId: string, action: RequestAction, form: PageForm, answer: BrokerRouteAnswer, reason?: string): Promise<HttpResult> {
  if (answer.statusCode === 404 && action !== 'revoke') return requestNotFoundPage(call);
  return refusedAnswer(call, requestId, form, explainRefusal(action, answer, call.language), reason);
}

/** A reason as typed, or undefined when the field was left blank. */
function typedReason(fields: URLSearchParams): string | undefined {
  const reason = fields.get('reason') ?? '';
  return reason.trim() === '' ? undefined : reason;
}

/** `POST /dashboard/requests/{id}/remind`: the pending e-mail sent again (remind-request.ts). */
export const remindFromDashboard = sessionAction(async (call) => {
  const requestId = requestIdOf(call);
  const answer = await callBrokerRoute<{ reminded?: number }>(remindRequest, call.session, call.event, call.context, { pathParameters: { id: requestId } });
  if (answer.statusCode === 202) return doneAnswer(requestId, 'reminded', answer.body.reminded);
  return apiRefusal(call, requestId, 'remind', 'remind', answer);
});

/** `POST /dashboard/requests/{id}/cancel`: only once "I confirm" is ticked (cancel-request.ts). */
export const cancelFromDashboard = sessionAction(async (call) => {
  const requestId = requestIdOf(call);
  const fields = formFields(call.event);
  const reason = typedReason(fields);
  if (fields.get('confirm') !== 'yes') return refusedAnswer(call, requestId, 'cancel', confirmationMissing('cancel', call.language), reason);
  const answer = await callBrokerRoute(cancelRequest, call.session, call.event, call.context, { pathParameters: { id: requestId }, body: reason === undefined ? {} : { reason } });
  if (answer.statusCode === 200) return doneAnswer(requestId, 'cancelled');
  return apiRefusal(call, requestId, 'cancel', 'cancel', answer, reason);
});

/**
 * `POST /dashboard/requests/{id}/review`: approve the scanned signature, or reject it with a
 * reason the signer reads (R3, R9; review-scan.ts refuses a rejection without one).
 */
export const reviewFromDashboard = sessionAction(async (call) => {
  const requestId = requestIdOf(call);
  const fields = formFields(call.event);
  const decision = fields.get('decision') ?? '';
  const reason = typedReason(fields);
  const body = decision === 'reject' ? { decision, ...(reason === undefined ? {} : { reason }) } : { decision };
  const answer = await callBrokerRoute(reviewScan, call.session, call.event, call.context, { pathParameters: { id: requestId }, body });
  if (answer.statusCode === 200) return doneAnswer(requestId, decision === 'reject' ? 'rejected' : 'approved');
  return apiRefusal(call, requestId, 'review', decision === 'reject' ? 'reject' : 'approve', answer, reason);
});

/**
 * `POST /dashboard/requests/{id}/grants/{grantId}/revoke`: one grant of this request ends at
 * once, with the broker's reason, once "I confirm" is ticked (revoke-grant.ts).
 */
export const revokeFromDashboard = sessionAction(async (call) => {
  const requestId = requestIdOf(call);
  const grantId = call.event.pathParameters?.['grantId'] ?? '';
  const form: PageForm = `revoke:${grantId}`;
  const fields = formFields(call.event);
  const reason = typedReason(fields);
  // The grant must be one of this request, the page the broker came from.
  const found = await callBrokerRoute<RequestView>(getRequest, call.session, call.event, call.context, { pathParameters: { id: requestId } });
  if (found.statusCode === 404) return requestNotFoundPage(call);
  if (found.statusCode === 200 && !found.body.grantees.some((grantee) => grantee.grantId === grantId)) {
    return refusedAnswer(call, requestId, form, explainRefusal('revoke', { statusCode: 404, body: {} }, call.language), reason);
  }
  if (fields.get('confirm') !== 'yes') return refusedAnswer(call, requestId, form, confirmationMissing('revoke', call.language), reason);
  const answer = await callBrokerRoute(revokeGrant, call.session, call.event, call.context, { pathParameters: { grantId }, body: { reason: reason ?? '' } });
  if (answer.statusCode === 200) return doneAnswer(requestId, 'revoked');
  return apiRefusal(call, requestId, 'revoke', form, answer, reason);
});
