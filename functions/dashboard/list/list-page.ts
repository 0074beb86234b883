/** `GET /dashboard`: the broker's requests (first version: to be completed). */
import { listRequests } from '../../http/broker/list-requests.js';
import { escapeHtml } from '../../messages/escape-html.js';
import { callBrokerRoute } from '../broker-routes.js';
import { sessionPage } from '../dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from '../layout.js';

export const showDashboard = sessionPage(async ({ event, context, session, language, path }) => {
  const answer = await callBrokerRoute<{ items: { id: string; clientName?: string; status: string }[] }>(listRequests, session, event, context, { queryStringParameters: { limit: '50' } });
  const rows = answer.body.items.map((item) => `<li><a href="/dashboard/requests/${encodeURIComponent(item.id)}">${escapeHtml(item.clientName ?? item.id)}</a> <span class="status status-${escapeHtml(item.status)}">${escapeHtml(item.status)}</span></li>`);
  return dashboardHtml(200, renderDashboardPage({ language, title: 'Requests', mainHtml: `<h1>Requests</h1><ul>${rows.join('')}</ul>`, session, current: 'requests', path }));
});
