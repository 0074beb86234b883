/** The grantee's routes behind the e-mailed `/activate/{token}` link (R7). */
import { activateGrant, showActivationPage } from './activation/activate-grant.js';
import { apiHandler } from './api-handler.js';
import { linkRoute } from './link-pages.js';

export const handler = apiHandler('ActivationApi', {
  showActivationPage: linkRoute(showActivationPage),
  activateGrant: linkRoute(activateGrant),
});
