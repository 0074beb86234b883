/**
 * The HTML of the request list (the content of `<main>`): the counts per status, the filter
 * form (a GET form: every view is a URL, and it works without script), the page of requests
 * with what each waits for and when that wait ends, and the paging. Pure: given the view, the
 * query and the language, it answers a string; every value from a request is escaped.
 *
 * Hooks for the browser tests (test/e2e/): `data-status-counts`, `data-list-filters`,
 * `data-list-errors`, `data-list-summary`, `data-request-row="<id>"`, `data-wait`, `data-ends`,
 * `data-paging`.
 */
import type { Language } from '../../domain/request-schema.js';
import { REQUEST_STATUSES } from '../../domain/request-status.js';
import { escapeHtml } from '../../messages/escape-html.js';
import { formatDate, formatDateTime } from '../../messages/format-date.js';
import { MAX_REFERENCE_LENGTH } from '../../domain/identifiers.js';
import { listUrl, MAX_SEARCH_LENGTH, type ListQuery, type ListQueryProblem } from './list-query.js';
import { listTexts, type ListField, type ListTexts } from './list-texts.js';
import { EXPIRING_SOON_DAYS, PAGE_SIZE, type ListRow, type ListView } from './list-view.js';
import type { RequestWait } from './request-wait.js';

/** The values the filter form shows: the query's, or what was sent when it was refused. */
type FormValues = Readonly<Partial<Record<ListField, string>>>;

/** The list's `<main>` content for a valid query. */
export function renderRequestList(view: ListView, query: ListQuery, language: Language): string {
  const texts = listTexts(language);
  return [
    `<h1>${escapeHtml(texts.title)}</h1>`,
    statusCounts(view, query, texts),
    filterForm(valuesOf(query), query.expiring, [], texts),
    requestTable(view, query, texts, language),
  ].join('\n');
}

/** The list's `<main>` content when the query was refused: the form as sent, each problem beside its field and in a summary. */
export function renderRefusedQuery(problems: readonly ListQueryProblem[], sent: FormValues, language: Language): string {
  const texts = listTexts(language);
  const summary = problems
    .map((problem) => `<li><a href="#filter-${problem.field}">${escapeHtml(`${texts.fieldNames[problem.field]}: ${texts.problems[problem.problem](problem.max)}`)}</a></li>`)
    .join('');
  return [
    `<h1>${escapeHtml(texts.title)}</h1>`,
    `<div class="notice error" role="alert" data-list-errors><h2>${escapeHtml(texts.invalidTitle)}</h2><p>${escapeHtml(texts.invalidIntro)}</p><ul>${summary}</ul></div>`,
    filterForm(sent, sent.expiring === 'soon', problems, texts),
    `<p><a href="/dashboard">${escapeHtml(texts.showAll)}</a></p>`,
  ].join('\n');
}

function valuesOf(query: ListQuery): FormValues {
  return {
    ...(query.q === undefined ? {} : { q: query.q }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.clientRef === undefined ? {} : { clientRef: query.clientRef }),
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  };
}

/** The counts per status, each a link to that status under the other filters; "expiring soon" beside them. */
function statusCounts(view: ListView, query: ListQuery, texts: ListTexts): string {
  const link = (href: string, label: string, count: number, current: boolean, extraClass = '') =>
    `<li><a class="count-link${extraClass}" href="${escapeHtml(href)}"${current ? ' aria-current="true"' : ''}>${escapeHtml(label)} <span class="count">${count}</span></a></li>`;
  const items = [link(listUrl(query, { status: undefined, page: 1 }), texts.allStatuses, view.countAllStatuses, query.status === undefined)];
  for (const status of REQUEST_STATUSES) {
    const count = view.counts[status];
    if (count === 0 && query.status !== status) continue;
    items.push(link(listUrl(query, { status, page: 1 }), texts.statuses[status], count, query.status === status));
  }
  const expiring = link(listUrl(query, { expiring: true, page: 1 }), texts.expiringSoon, view.countExpiring, query.expiring, ' expiring');
  return `<nav class="status-counts" aria-label="${escapeHtml(texts.byStatus)}" data-status-counts><ul>${items.join('')}${expiring}</ul></nav>`;
}

/** The GET form of the filters; `problems` marks their fields. */
function filterForm(values: FormValues, expiring: boolean, problems: readonly ListQueryProblem[], texts: ListTexts): string {
  const problemOf = (field: ListField) => problems.find((problem) => problem.field === field);
  const describedBy = (field: ListField, hint?: string) => {
    const ids = [...(hint ? [hint] : []), ...(problemOf(field) ? [`filter-${field}-error`] : [])];
    return `${ids.length ? ` aria-describedby="${ids.join(' ')}"` : ''}${problemOf(field) ? ' aria-invalid="true"' : ''}`;
  };
  const error = (field: ListField) => {
    const problem = problemOf(field);
    return problem ? `<p class="list-field-error" id="filter-${field}-error">${escapeHtml(texts.problems[problem.problem](problem.max))}</p>` : '';
  };
  const value = (field: ListField) => escapeHtml(values[field] ?? '');
  const options = [
    `<option value="">${escapeHtml(texts.allStatuses)}</option>`,
    ...REQUEST_STATUSES.map((status) => `<option value="${status}"${values.status === status ? ' selected' : ''}>${escapeHtml(texts.statuses[status])}</option>`),
  ].join('');
  return [
    `<form method="get" action="/dashboard" class="card list-filters" role="search" aria-label="${escapeHtml(texts.filters)}" data-list-filters novalidate>`,
    `<div class="list-field list-field-q"><label for="filter-q">${escapeHtml(texts.search)}</label>`,
    `<input type="search" id="filter-q" name="q" value="${value('q')}" maxlength="${MAX_SEARCH_LENGTH}" autocomplete="off"${describedBy('q', 'filter-q-hint')}>`,
    `<p class="hint" id="filter-q-hint">${escapeHtml(texts.searchHint)}</p>${error('q')}</div>`,
    `<div class="list-field"><label for="filter-status">${escapeHtml(texts.status)}</label>`,
    `<select id="filter-status" name="status"${describedBy('status')}>${options}</select>${error('status')}</div>`,
    `<div class="list-field"><label for="filter-clientRef">${escapeHtml(texts.clientRef)}</label>`,
    `<input type="text" id="filter-clientRef" name="clientRef" value="${value('clientRef')}" maxlength="${MAX_REFERENCE_LENGTH}" autocomplete="off" spellcheck="false"${describedBy('clientRef', 'filter-clientRef-hint')}>`,
    `<p class="hint" id="filter-clientRef-hint">${escapeHtml(texts.clientRefHint)}</p>${error('clientRef')}</div>`,
    `<div class="list-field"><label for="filter-from">${escapeHtml(texts.createdFrom)}</label>`,
    `<input type="date" id="filter-from" name="from" value="${value('from')}"${describedBy('from', 'filter-dates-hint')}>${error('from')}</div>`,
    `<div class="list-field"><label for="filter-to">${escapeHtml(texts.createdTo)}</label>`,
    `<input type="date" id="filter-to" name="to" value="${value('to')}"${describedBy('to', 'filter-dates-hint')}>${error('to')}</div>`,
    `<p class="hint list-dates-hint" id="filter-dates-hint">${escapeHtml(texts.dateHint)}</p>`,
    `<div class="list-field list-checkbox"><input type="checkbox" id="filter-expiring" name="expiring" value="soon"${expiring ? ' checked' : ''}${describedBy('expiring')}>`,
    `<label for="filter-expiring">${escapeHtml(texts.onlyExpiring(EXPIRING_SOON_DAYS))}</label>${error('expiring')}</div>`,
    // The page has no field of its own (paging links set it): its problem stands where the summary's link leads.
    ...(problemOf('page') ? [`<div class="list-field" id="filter-page" tabindex="-1">${error('page')}</div>`] : []),
    `<div class="list-actions"><button type="submit">${escapeHtml(texts.apply)}</button> <a class="button secondary" href="/dashboard">${escapeHtml(texts.clear)}</a></div>`,
    '</form>',
  ].join('\n');
}

function requestTable(view: ListView, query: ListQuery, texts: ListTexts, language: Language): string {
  if (view.total === 0) {
    return `<p class="list-summary" role="status" data-list-summary>${escapeHtml(view.brokerTotal === 0 ? texts.noneAtAll : texts.none)}</p>`;
  }
  const firstShown = (view.page - 1) * PAGE_SIZE + 1;
  const columns = texts.columns;
  const caption = view.byDeadline ? texts.captionByDeadline(view.page, view.pages) : texts.caption(view.page, view.pages);
  return [
    `<p class="list-summary" role="status" data-list-summary>${escapeHtml(texts.showing(firstShown, firstShown + view.rows.length - 1, view.total))}</p>`,
    '<table class="request-list">',
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(columns.client)}</th><th scope="col">${escapeHtml(columns.status)}</th><th scope="col">${escapeHtml(columns.created)}</th><th scope="col">${escapeHtml(columns.waits)}</th><th scope="col">${escapeHtml(columns.ends)}</th></tr></thead>`,
    '<tbody>',
    ...view.rows.map((row) => requestRow(row, texts, language)),
    '</tbody>',
    '</table>',
    paging(view, query, texts),
  ].join('\n');
}

function requestRow(row: ListRow, texts: ListTexts, language: Language): string {
  const { entry } = row;
  const columns = texts.columns;
  const href = `/dashboard/requests/${encodeURIComponent(entry.id)}`;
  const name = row.clientName === undefined ? `<span class="erased">${escapeHtml(texts.erased)}</span>` : escapeHtml(row.clientName);
  const ends = row.endsAt
    ? `<time datetime="${escapeHtml(row.endsAt)}">${escapeHtml(formatDateTime(new Date(row.endsAt), language))}</time>${
        row.overdue ? ` <strong class="list-badge overdue">${escapeHtml(texts.overdueBadge)}</strong>` : row.expiringSoon ? ` <strong class="list-badge soon">${escapeHtml(texts.soonBadge)}</strong>` : ''
      }`
    : `<span class="hint">${escapeHtml(texts.noDeadline)}</span>`;
  return [
    `<tr data-request-row="${escapeHtml(entry.id)}"${row.expiringSoon ? ' class="expiring-soon"' : ''}>`,
    `<th scope="row" data-label="${escapeHtml(columns.client)}"><a href="${escapeHtml(href)}">${name}</a>`,
    `<span class="ref"><span class="visually-hidden">${escapeHtml(texts.clientRefLabel)}: </span>${escapeHtml(entry.clientRef)}</span></th>`,
    `<td data-label="${escapeHtml(columns.status)}"><span class="status status-${escapeHtml(entry.status)}">${escapeHtml(texts.statuses[entry.status])}</span></td>`,
    `<td data-label="${escapeHtml(columns.created)}"><time datetime="${escapeHtml(entry.createdAt)}">${escapeHtml(formatDate(new Date(entry.createdAt), language))}</time></td>`,
    `<td data-label="${escapeHtml(columns.waits)}" data-wait="${row.wait.kind}">${escapeHtml(waitText(row.wait, texts, language))}</td>`,
    `<td data-label="${escapeHtml(columns.ends)}" data-ends>${ends}</td>`,
    '</tr>',
  ].join('');
}

/** What waits on whom and since when, as a sentence. */
export function waitText(wait: RequestWait, texts: ListTexts, language: Language): string {
  const day = (at: string) => formatDate(new Date(at), language);
  const words = texts.waits;
  switch (wait.kind) {
    case 'preparing':
      return words.preparing(day(wait.since));
    case 'processing':
      return words.processing(day(wait.since));
    case 'completing':
      return words.completing;
    case 'signature':
      if (wait.role === 'requester') return wait.reminded ? words.signatureReminded(wait.signer, day(wait.since)) : words.signature(wait.signer, day(wait.since));
      return wait.reminded ? words.representativeReminded(wait.signer, day(wait.since)) : words.representative(wait.signer, day(wait.since));
    case 'review':
      return words.review(day(wait.since));
    case 'activation':
      if (wait.name !== undefined && wait.total === 1) {
        return wait.reminded ? words.activationOneReminded(wait.name, day(wait.since)) : words.activationOne(wait.name, day(wait.since));
      }
      return wait.reminded ? words.activationSomeReminded(wait.pending, wait.total, day(wait.since)) : words.activationSome(wait.pending, wait.total, day(wait.since));
    case 'ended':
      return words.ended(day(wait.at));
  }
}

/** Previous and next, each keeping the filters. */
function paging(view: ListView, query: ListQuery, texts: ListTexts): string {
  if (view.pages <= 1) return '';
  const previous = view.page > 1 ? `<a rel="prev" href="${escapeHtml(listUrl(query, { page: view.page - 1 }))}">${escapeHtml(texts.previous)}</a>` : '';
  const next = view.page < view.pages ? `<a rel="next" href="${escapeHtml(listUrl(query, { page: view.page + 1 }))}">${escapeHtml(texts.next)}</a>` : '';
  return `<nav class="list-paging" aria-label="${escapeHtml(texts.paging)}" data-paging>${previous}<span>${escapeHtml(texts.pageOf(view.page, view.pages))}</span>${next}</nav>`;
}
