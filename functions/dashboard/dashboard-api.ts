/**
 * The brokers' dashboard (docs/dashboard.md): server-rendered pages behind the brokers' sign-in,
 * in the broker's language, doing what the broker API does through its own handlers
 * (broker-routes.ts). Routes: catalog/route-catalog.ts (`auth: 'session'`).
 *
 * Each group of pages is imported on its first request (issue 11, "cold start"): the sign-in, the
 * list, a request's page, its actions and the new-request form each come in a chunk of their own
 * (scripts/lambda-build.ts), so a container reads and evaluates only the pages it serves. Node
 * keeps each imported module, so a later request pays nothing for it.
 */
import { apiHandler } from '../http/api-handler.js';
import { assetAnswer } from './assets.js';

const listPage = () => import('./list/list-page.js');
const newRequestPage = () => import('./new-request/new-request-page.js');
const requestPage = () => import('./request/request-page.js');
const requestActions = () => import('./request/request-actions.js');
const signInRoutes = () => import('./sign-in-routes.js');

export const handler = apiHandler('DashboardApi', {
  showDashboard: async (event, context) => (await listPage()).showDashboard(event, context),
  startDashboardSignIn: async (event, context) => (await signInRoutes()).startDashboardSignIn(event, context),
  finishDashboardSignIn: async (event, context) => (await signInRoutes()).finishDashboardSignIn(event, context),
  signOutOfDashboard: async (event, context) => (await signInRoutes()).signOutOfDashboard(event, context),
  showSignedOut: async (event, context) => (await signInRoutes()).showSignedOut(event, context),
  showNewRequestForm: async (event, context) => (await newRequestPage()).showNewRequestForm(event, context),
  submitDashboardRequest: async (event, context) => (await newRequestPage()).submitDashboardRequest(event, context),
  showDashboardRequest: async (event, context) => (await requestPage()).showDashboardRequest(event, context),
  openDashboardDocument: async (event, context) => (await requestPage()).openDashboardDocument(event, context),
  showDashboardEvidence: async (event, context) => (await requestPage()).showDashboardEvidence(event, context),
  remindFromDashboard: async (event, context) => (await requestActions()).remindFromDashboard(event, context),
  cancelFromDashboard: async (event, context) => (await requestActions()).cancelFromDashboard(event, context),
  reviewFromDashboard: async (event, context) => (await requestActions()).reviewFromDashboard(event, context),
  revokeFromDashboard: async (event, context) => (await requestActions()).revokeFromDashboard(event, context),
  dashboardAsset: async (event) => assetAnswer(event.pathParameters?.['file'] ?? '', event.queryStringParameters?.['v'], event.headers['accept-encoding']),
});
