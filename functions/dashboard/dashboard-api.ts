/**
 * The brokers' dashboard (docs/dashboard.md): server-rendered pages behind the brokers' sign-in,
 * in the broker's language, doing what the broker API does through its own handlers
 * (broker-routes.ts). Routes: catalog/route-catalog.ts (`auth: 'session'`).
 *
 * Each group of pages is imported with its first request (issue 11, "cold start"): the sign-in,
 * the list, a request's page, its actions and the new-request form each come in chunks of their
 * own, so a container reads and evaluates only the pages it serves. The style sheet and the
 * script are served without loading a page.
 */
import { apiHandler, onFirstRequest } from '../http/api-handler.js';
import { assetAnswer } from './assets.js';

const listPage = () => import('./list/list-page.js');
const newRequestPage = () => import('./new-request/new-request-page.js');
const requestPage = () => import('./request/request-page.js');
const requestActions = () => import('./request/request-actions.js');
const signInRoutes = () => import('./sign-in-routes.js');

export const handler = apiHandler('DashboardApi', {
  showDashboard: onFirstRequest(listPage, 'showDashboard'),
  startDashboardSignIn: onFirstRequest(signInRoutes, 'startDashboardSignIn'),
  finishDashboardSignIn: onFirstRequest(signInRoutes, 'finishDashboardSignIn'),
  signOutOfDashboard: onFirstRequest(signInRoutes, 'signOutOfDashboard'),
  showSignedOut: onFirstRequest(signInRoutes, 'showSignedOut'),
  showNewRequestForm: onFirstRequest(newRequestPage, 'showNewRequestForm'),
  submitDashboardRequest: onFirstRequest(newRequestPage, 'submitDashboardRequest'),
  showDashboardRequest: onFirstRequest(requestPage, 'showDashboardRequest'),
  openDashboardDocument: onFirstRequest(requestPage, 'openDashboardDocument'),
  showDashboardEvidence: onFirstRequest(requestPage, 'showDashboardEvidence'),
  remindFromDashboard: onFirstRequest(requestActions, 'remindFromDashboard'),
  cancelFromDashboard: onFirstRequest(requestActions, 'cancelFromDashboard'),
  reviewFromDashboard: onFirstRequest(requestActions, 'reviewFromDashboard'),
  revokeFromDashboard: onFirstRequest(requestActions, 'revokeFromDashboard'),
  dashboardAsset: async (event) => assetAnswer(event.pathParameters?.['file'] ?? '', event.queryStringParameters?.['v'], event.headers['accept-encoding']),
});
