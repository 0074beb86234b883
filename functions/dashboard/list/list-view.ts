/**
 * One view of the broker's request list, computed in memory over all his requests (R9: he sees
 * every request's state): the filters and the name search, the counts per status (each count
 * under the other filters, so a count is what its link shows), "expiring soon", and the page.
 * One pass over the requests; only the page's rows are kept whole.
 */
import type { RequestListEntry } from '../../adapters/request-store.js';
import { personName } from '../../domain/display-names.js';
import { REQUEST_STATUSES, type RequestStatus } from '../../domain/request-status.js';
import { MESSAGE_TIME_ZONE } from '../../messages/language-locale.js';
import type { ListQuery } from './list-query.js';
import { foldForSearch, nameMatches, searchWords } from './name-search.js';
import { currentWaitOf, waitEndsAt, type RequestWait } from './request-wait.js';

/** Requests on one page of the list. */
export const PAGE_SIZE = 50;

/** A wait that ends within this many days is "expiring soon" (highlighted, and its own filter). */
export const EXPIRING_SOON_DAYS = 3;

const DAY_MS = 24 * 3600 * 1000;

/** One row of the page. */
export interface ListRow {
  readonly entry: RequestListEntry;
  /** The client's name; absent once the personal data was erased. */
  readonly clientName?: string;
  readonly wait: RequestWait;
  /** When the current wait ends, if it has a deadline. */
  readonly endsAt?: string;
  /** The wait ends within {@link EXPIRING_SOON_DAYS} days (or has just ended and the workflow has yet to close it). */
  readonly expiringSoon: boolean;
  /** Its deadline has passed. */
  readonly overdue: boolean;
}

export interface ListView {
  readonly rows: readonly ListRow[];
  /** Requests that pass every filter. */
  readonly total: number;
  /** The page shown (the last one when a later one was asked for). */
  readonly page: number;
  readonly pages: number;
  /** Requests per status under every filter but the status. */
  readonly counts: Readonly<Record<RequestStatus, number>>;
  /** Requests under every filter but the status. */
  readonly countAllStatuses: number;
  /** Requests expiring soon under every filter but "expiring soon". */
  readonly countExpiring: number;
  /** The broker's requests, whatever the filters. */
  readonly brokerTotal: number;
  /** Sorted by when the wait ends (the "expiring soon" view), else newest first. */
  readonly byDeadline: boolean;
}

/** The view of `entries` (newest first, as the store reads them) that `query` asks for, at `now`. */
export function listView(entries: readonly RequestListEntry[], query: ListQuery, now: Date): ListView {
  const words = query.q ? searchWords(query.q) : [];
  const createdFrom = query.from ? brusselsDayStart(query.from) : undefined;
  const createdBefore = query.to ? brusselsDayStart(nextDay(query.to)) : undefined;
  const referencePrefix = query.clientRef?.toLowerCase();
  const soonUntil = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS).toISOString();
  const nowIso = now.toISOString();

  const counts = Object.fromEntries(REQUEST_STATUSES.map((status) => [status, 0])) as Record<RequestStatus, number>;
  let countAllStatuses = 0;
  let countExpiring = 0;
  const matching: { entry: RequestListEntry; wait: RequestWait; endsAt: string | undefined; expiringSoon: boolean }[] = [];

  for (const entry of entries) {
    if (referencePrefix && !entry.clientRef.toLowerCase().startsWith(referencePrefix)) continue;
    if (createdFrom && entry.createdAt < createdFrom) continue;
    if (createdBefore && entry.createdAt >= createdBefore) continue;
    if (words.length > 0) {
      const name = clientNameOf(entry);
      if (name === undefined || !nameMatches(foldForSearch(name), words)) continue;
    }
    const wait = currentWaitOf(entry);
    const endsAt = waitEndsAt(wait);
    const expiringSoon = endsAt !== undefined && endsAt <= soonUntil;
    const statusMatches = !query.status || entry.status === query.status;
    if (!query.expiring || expiringSoon) {
      counts[entry.status]++;
      countAllStatuses++;
    }
    if (statusMatches && expiringSoon) countExpiring++;
    if (statusMatches && (!query.expiring || expiringSoon)) matching.push({ entry, wait, endsAt, expiringSoon });
  }

  // The "expiring soon" view puts the wait that ends first on top; a sort that keeps newest first on a tie.
  if (query.expiring) matching.sort((a, b) => (a.endsAt ?? '').localeCompare(b.endsAt ?? ''));
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ entry, wait, endsAt, expiringSoon }): ListRow => {
    const clientName = clientNameOf(entry);
    return {
      entry,
      ...(clientName === undefined ? {} : { clientName }),
      wait,
      ...(endsAt === undefined ? {} : { endsAt }),
      expiringSoon,
      overdue: endsAt !== undefined && endsAt <= nowIso,
    };
  });
  return { rows, total: matching.length, page, pages, counts, countAllStatuses, countExpiring, brokerTotal: entries.length, byDeadline: query.expiring };
}

/** The client as the broker knows him: the company's name, or the policyholder's (as functions/domain/display-names.ts names him). */
function clientNameOf(entry: RequestListEntry): string | undefined {
  const client = entry.request?.client;
  if (!client) return undefined;
  if (client.type === 'legal') return client.name;
  return client.person ? personName(client.person) : undefined;
}

/** The day after `day` (YYYY-MM-DD). */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Made on first use, not when the module loads: the first formatter with a time zone loads ICU's
 * zone data (about 15 ms), which the dashboard's other routes (sign-in, its script, the actions)
 * need not wait for at a cold start (issue 11).
 */
let offsetFormat: Intl.DateTimeFormat | undefined;

/**
 * The instant Brussels' day `day` starts, as an ISO string comparable with stored timestamps.
 * Brussels changes its clocks at 02:00 or 03:00, so the offset at 00:00 UTC of that day is the
 * offset at its local midnight.
 */
export function brusselsDayStart(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  offsetFormat ??= new Intl.DateTimeFormat('en-GB', { timeZone: MESSAGE_TIME_ZONE, timeZoneName: 'longOffset' });
  const zone = offsetFormat.formatToParts(new Date(utcMidnight)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zone);
  const offsetMs = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  return new Date(utcMidnight - offsetMs).toISOString();
}
