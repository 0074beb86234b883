/** `GET /dashboard/new-request` and its post (first version: to be completed). */
import { sessionAction, sessionPage } from '../dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from '../layout.js';

export const showNewRequestForm = sessionPage(async ({ language, session, path }) =>
  dashboardHtml(200, renderDashboardPage({ language, title: 'New request', mainHtml: '<h1>New request</h1>', session, current: 'newRequest', path, withScript: true })),
);
export const submitDashboardRequest = sessionAction(async () => ({ statusCode: 501, body: '' }));
