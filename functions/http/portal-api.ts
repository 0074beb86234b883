/** The client portal's routes (R8). */
import { apiHandler } from './api-handler.js';
import { getGrantEvidence } from './portal/grant-evidence.js';
import { checkPortalAccess, downloadSignedForm, listPortalGrants } from './portal/portal-queries.js';

export const handler = apiHandler('PortalApi', {
  listPortalGrants,
  checkPortalAccess,
  downloadSignedForm,
  getGrantEvidence,
});
