/**
 * The request list's query (`GET /dashboard?q=&status=&clientRef=&from=&to=&expiring=soon&page=`):
 * every view is a URL, made by the list's own GET form or bookmarked. Each value is checked
 * before use; a value that fails names its field and why (the page answers 400), and an empty
 * one, as a GET form sends an untouched field, means "no filter".
 */
import * as z from 'zod/mini';
import { MAX_REFERENCE_LENGTH, REFERENCE_PATTERN } from '../../domain/identifiers.js';
import { isRequestStatus, type RequestStatus } from '../../domain/request-status.js';
import { safeText } from '../../domain/safe-text.js';
import type { ListField, ListFieldProblem } from './list-texts.js';

/** The longest name search, in characters (a client's name is at most 200; nobody types that much to find one). */
export const MAX_SEARCH_LENGTH = 100;

/** The furthest page asked for that is read as a page number at all (then shown as the last page there is). */
const MAX_PAGE_DIGITS = 6;

/** The filters, search and page of one view of the list. */
export interface ListQuery {
  /** The client's name as the broker typed it (trimmed, NFC). */
  readonly q?: string;
  readonly status?: RequestStatus;
  /** The start of the client reference. */
  readonly clientRef?: string;
  /** Created on or after this day (YYYY-MM-DD, Brussels). */
  readonly from?: string;
  /** Created on or before this day (YYYY-MM-DD, Brussels). */
  readonly to?: string;
  /** Only requests whose current wait ends soon (list-view.ts, EXPIRING_SOON_DAYS). */
  readonly expiring: boolean;
  /** From 1. */
  readonly page: number;
}

export interface ListQueryProblem {
  readonly field: ListField;
  readonly problem: ListFieldProblem;
  /** The longest value the field takes (for the message). */
  readonly max: number;
}

export type ParsedListQuery =
  | { readonly ok: true; readonly query: ListQuery }
  | {
      readonly ok: false;
      readonly problems: readonly ListQueryProblem[];
      /** What was sent for each field, to show it again in the form (cut to a sensible length). */
      readonly sent: Readonly<Partial<Record<ListField, string>>>;
    };

const searchSchema = safeText(MAX_SEARCH_LENGTH);
const dateSchema = z.iso.date();

/** The query of `rawQueryString` (as a browser's GET form encodes it: `+` is a space), checked. */
export function parseListQuery(rawQueryString: string): ParsedListQuery {
  const parameters = new URLSearchParams(rawQueryString);
  const sent: Partial<Record<ListField, string>> = {};
  const value = (field: ListField): string | undefined => {
    const raw = parameters.get(field);
    if (raw === null || raw.trim() === '') return undefined;
    sent[field] = raw.slice(0, MAX_SEARCH_LENGTH * 2);
    return raw;
  };
  const problems: ListQueryProblem[] = [];
  const refuse = (field: ListField, problem: ListFieldProblem, max = 0): undefined => {
    problems.push({ field, problem, max });
    return undefined;
  };

  const rawSearch = value('q');
  let q: string | undefined;
  if (rawSearch !== undefined) {
    // The length first: a 10 KB search is refused without reading it further.
    const checked = rawSearch.length > MAX_SEARCH_LENGTH * 4 ? undefined : searchSchema.safeParse(rawSearch);
    if (checked?.success) q = checked.data;
    else refuse('q', !checked || checked.error.issues.some((issue) => issue.code === 'too_big') ? 'tooLong' : 'invalidText', MAX_SEARCH_LENGTH);
  }

  const rawStatus = value('status');
  const status = rawStatus === undefined ? undefined : isRequestStatus(rawStatus) ? rawStatus : refuse('status', 'unknownStatus');

  const rawReference = value('clientRef')?.trim();
  const clientRef = rawReference === undefined ? undefined : REFERENCE_PATTERN.test(rawReference) ? rawReference : refuse('clientRef', 'invalidReference', MAX_REFERENCE_LENGTH);

  const day = (field: 'from' | 'to'): string | undefined => {
    const raw = value(field)?.trim();
    if (raw === undefined) return undefined;
    return dateSchema.safeParse(raw).success ? raw : refuse(field, 'notADate');
  };
  const from = day('from');
  let to = day('to');
  if (from !== undefined && to !== undefined && to < from) to = refuse('to', 'beforeFrom');

  const rawExpiring = value('expiring');
  const expiring = rawExpiring === undefined ? false : rawExpiring === 'soon' ? true : (refuse('expiring', 'unknownValue'), false);

  const rawPage = value('page')?.trim();
  const page = rawPage === undefined ? 1 : new RegExp(`^[1-9][0-9]{0,${MAX_PAGE_DIGITS - 1}}$`).test(rawPage) ? Number(rawPage) : (refuse('page', 'notAPage'), 1);

  if (problems.length > 0) return { ok: false, problems, sent };
  return {
    ok: true,
    query: {
      ...(q === undefined ? {} : { q }),
      ...(status === undefined ? {} : { status }),
      ...(clientRef === undefined ? {} : { clientRef }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      expiring,
      page,
    },
  };
}

/**
 * The list's URL for `query` (with `page` and anything else of `change` replacing its own): the
 * filters in a fixed order, empty ones left out, page 1 left out. Every link of the list (status
 * counts, paging) is made here, so each keeps the others' filters.
 */
export function listUrl(query: ListQuery, change: { readonly [K in keyof ListQuery]?: ListQuery[K] | undefined } = {}): string {
  const view = { ...query, ...change };
  const parameters = new URLSearchParams();
  if (view.q) parameters.set('q', view.q);
  if (view.status) parameters.set('status', view.status);
  if (view.clientRef) parameters.set('clientRef', view.clientRef);
  if (view.from) parameters.set('from', view.from);
  if (view.to) parameters.set('to', view.to);
  if (view.expiring) parameters.set('expiring', 'soon');
  if ((view.page ?? 1) > 1) parameters.set('page', String(view.page));
  const search = parameters.toString();
  return search ? `/dashboard?${search}` : '/dashboard';
}
