/**
 * The brokers' dashboard (docs/dashboard.md): server-rendered pages behind the brokers' sign-in,
 * in the broker's language, doing what the broker API does through its own handlers
 * (broker-routes.ts). Routes: catalog/route-catalog.ts (`auth: 'session'`).
 */
import { apiHandler } from '../http/api-handler.js';
import { assetAnswer } from './assets.js';
import { showDashboard } from './list/list-page.js';
import { showNewRequestForm, submitDashboardRequest } from './new-request/new-request-page.js';
import { openDashboardDocument, showDashboardEvidence, showDashboardRequest } from './request/request-page.js';
import { cancelFromDashboard, remindFromDashboard, reviewFromDashboard, revokeFromDashboard } from './request/request-actions.js';
import { finishDashboardSignIn, showSignedOut, signOutOfDashboard, startDashboardSignIn } from './sign-in-routes.js';

export const handler = apiHandler('DashboardApi', {
  showDashboard,
  startDashboardSignIn,
  finishDashboardSignIn,
  signOutOfDashboard,
  showSignedOut,
  showNewRequestForm,
  submitDashboardRequest,
  showDashboardRequest,
  openDashboardDocument,
  showDashboardEvidence,
  remindFromDashboard,
  cancelFromDashboard,
  reviewFromDashboard,
  revokeFromDashboard,
  dashboardAsset: async (event) => assetAnswer(event.pathParameters?.['file'] ?? '', event.queryStringParameters?.['v'], event.headers['accept-encoding']),
});
