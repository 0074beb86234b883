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
import { submitRequest } from './broker/submit-request.js';

export const handler = apiHandler('BrokerApi', {
  submitRequest,
  listRequests,
  getRequest,
  getRequestDocument,
  getRequestEvidence,
  cancelRequest,
  remindRequest,
  reviewScan,
  revokeGrant,
  exportClientData,
  eraseClientData,
});
