/** The client portal's routes (R8). */
import { apiHandler } from './api-handler.js';
import { getGrantEvidence } from './portal/grant-evidence.js';
import { checkPortalAccess, downloadSignedForm, listPortalGrants } from './portal/portal-queries.js';

export const handler = apiHandler([
  { method: 'GET', path: '/v1/portal/grants', handler: listPortalGrants },
  { method: 'GET', path: '/v1/portal/access', handler: checkPortalAccess },
  { method: 'GET', path: '/v1/portal/grants/{grantId}/form', handler: downloadSignedForm },
  { method: 'GET', path: '/v1/portal/grants/{grantId}/evidence', handler: getGrantEvidence },
]);
