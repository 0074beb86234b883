/** The broker's routes (R9): file, follow, remind, review, cancel requests; revoke grants; a client's personal data. */
import { apiHandler } from './api-handler.js';
import { cancelRequest } from './broker/cancel-request.js';
import { eraseClientData, exportClientData } from './broker/client-data.js';
import { getRequestDocument } from './broker/get-document.js';
import { getRequestEvidence } from './broker/get-evidence.js';
import { getRequest } from './broker/get-request.js';
import { listRequests } from './broker/list-requests.js';
import { remindRequest } from './broker/remind-request.js';
import { reviewScan } from './broker/review-scan.js';
import { revokeGrant } from './broker/revoke-grant.js';
import { MAX_REQUEST_BODY_BYTES, submitRequest } from './broker/submit-request.js';

export const handler = apiHandler([
  { method: 'POST', path: '/v1/requests', handler: submitRequest, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  { method: 'GET', path: '/v1/requests', handler: listRequests },
  { method: 'GET', path: '/v1/requests/{id}', handler: getRequest },
  { method: 'GET', path: '/v1/requests/{id}/documents/{document}', handler: getRequestDocument },
  { method: 'GET', path: '/v1/requests/{id}/evidence', handler: getRequestEvidence },
  { method: 'POST', path: '/v1/requests/{id}/cancel', handler: cancelRequest },
  { method: 'POST', path: '/v1/requests/{id}/remind', handler: remindRequest },
  { method: 'POST', path: '/v1/requests/{id}/review', handler: reviewScan },
  { method: 'POST', path: '/v1/grants/{grantId}/revoke', handler: revokeGrant },
  { method: 'GET', path: '/v1/clients/{clientRef}/personal-data', handler: exportClientData },
  { method: 'POST', path: '/v1/clients/{clientRef}/erase', handler: eraseClientData },
]);
