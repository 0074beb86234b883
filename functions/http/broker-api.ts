/**
 * The broker's routes (R9): file, follow, remind, review, cancel requests; revoke grants; a client's personal data.
 *
 * Each route's module is imported with its first request (issue 11, "cold start"; `onFirstRequest`):
 * a container that only lists requests never evaluates the request's schemas, the idempotency
 * records or the reminders' texts in four languages.
 */
import { apiHandler, onFirstRequest } from './api-handler.js';

export const handler = apiHandler('BrokerApi', {
  submitRequest: onFirstRequest(() => import('./broker/submit-request.js'), 'submitRequest'),
  listRequests: onFirstRequest(() => import('./broker/list-requests.js'), 'listRequests'),
  getRequest: onFirstRequest(() => import('./broker/get-request.js'), 'getRequest'),
  getRequestDocument: onFirstRequest(() => import('./broker/get-document.js'), 'getRequestDocument'),
  getRequestEvidence: onFirstRequest(() => import('./broker/get-evidence.js'), 'getRequestEvidence'),
  cancelRequest: onFirstRequest(() => import('./broker/cancel-request.js'), 'cancelRequest'),
  remindRequest: onFirstRequest(() => import('./broker/remind-request.js'), 'remindRequest'),
  reviewScan: onFirstRequest(() => import('./broker/review-scan.js'), 'reviewScan'),
  revokeGrant: onFirstRequest(() => import('./broker/revoke-grant.js'), 'revokeGrant'),
  exportClientData: onFirstRequest(() => import('./broker/client-data.js'), 'exportClientData'),
  eraseClientData: onFirstRequest(() => import('./broker/client-data.js'), 'eraseClientData'),
});
