/**
 * `GET /dashboard`: the broker's requests (R9: he sees every request's state), filtered,
 * searched, counted and paged as the query asks (list-query.ts), with what each waits on whom
 * and since when, and what expires soon.
 *
 * The broker API's `GET /v1/requests` pages at most 100 requests and has no counts, search or
 * waits, so this page reads the broker's requests itself, once, through the store's
 * projected read (`brokerRequestList`, functions/adapters/request-store.ts: his own gsi1
 * partition only), and computes the view in memory (list-view.ts): the "1,000 requests
 * in under 200 ms on the server" is measured by `npm run bench`. A query that cannot be applied
 * is answered 400 with each field's problem, before anything is read.
 */
import { brokerRequestList } from '../../adapters/request-store.js';
import { sessionPage } from '../dashboard-route.js';
import { dashboardHtml, renderDashboardPage } from '../layout.js';
import { parseListQuery } from './list-query.js';
import { renderRefusedQuery, renderRequestList } from './list-render.js';
import { listTexts } from './list-texts.js';
import { listView } from './list-view.js';

export const showDashboard = sessionPage(async ({ event, session, language, path }) => {
  const texts = listTexts(language);
  const parsed = parseListQuery(event.rawQueryString ?? '');
  if (!parsed.ok) {
    // The language links keep no refused value (a 10 KB search is not sent back four times).
    const page = renderDashboardPage({ language, title: texts.invalidTitle, mainHtml: renderRefusedQuery(parsed.problems, parsed.sent, language), session, current: 'requests', path: '/dashboard' });
    return dashboardHtml(400, page);
  }
  const view = listView(await brokerRequestList(session.brokerId), parsed.query, new Date());
  return dashboardHtml(200, renderDashboardPage({ language, title: texts.title, mainHtml: renderRequestList(view, parsed.query, language), session, current: 'requests', path }));
});
