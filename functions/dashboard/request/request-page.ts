/** `GET /dashboard/requests/{id}` and its documents (first version: to be completed). */
import { sessionPage } from '../dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from '../layout.js';

export const showDashboardRequest = sessionPage(async ({ language, session, path }) =>
  dashboardHtml(200, renderDashboardPage({ language, title: 'Request', mainHtml: '<h1>Request</h1>', session, path })),
);
export const openDashboardDocument = showDashboardRequest;
export const showDashboardEvidence = showDashboardRequest;
