/**
 * Why the broker API refused one of the broker's actions (R9), in his words: a 409 names the
 * status that blocks it, a 429 when the next reminder may go, a 400 the field and the rule it
 * broke. The API's own message (English) is the fallback for anything not known here.
 */
import { isGrantStatus, isRequestStatus } from '../../domain/request-status.js';
import type { Language } from '../../domain/request-schema.js';
import { formatDateTime } from '../../messages/format-date.js';
import type { RequestAction, RequestTexts } from './request-texts.js';
import { requestTexts } from './request-texts.js';

/**
 * The longest reason each action takes, as the API's schemas hold it (review-scan.ts,
 * cancel-request.ts, revoke-grant.ts): the forms' `maxlength`, and the refusal's words.
 */
export const REASON_MAX_LENGTH: Readonly<Record<Exclude<RequestAction, 'remind'>, number>> = { review: 1000, cancel: 500, revoke: 500 };

/** The API refuses a second reminder within the hour (remind-request.ts). */
const REMINDER_INTERVAL_MS = 3600 * 1000;

/** A form field the refusal points at. */
export type RefusedField = 'reason' | 'confirm';

/** A refusal as the page shows it. */
export interface Refusal {
  /** The answer's status: the API's, or the dashboard's own 400 for a confirmation not given. */
  readonly statusCode: number;
  /** The sentence of the page's `role="alert"`. */
  readonly message: string;
  /** The field it is about, and what to do there, shown beside it. */
  readonly field?: { readonly name: RefusedField; readonly message: string };
}

interface ApiRefusalBody {
  readonly error?: unknown;
  readonly message?: unknown;
  readonly status?: unknown;
  readonly grantStatus?: unknown;
  readonly lastReminderAt?: unknown;
  readonly issues?: unknown;
}

interface Issue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

function issuesIn(body: ApiRefusalBody): Issue[] {
  if (!Array.isArray(body.issues)) return [];
  return body.issues.flatMap((issue: unknown) => {
    const { path, rule, message } = (issue ?? {}) as Record<string, unknown>;
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', rule: typeof rule === 'string' ? rule : '', message }] : [];
  });
}

/** The words for a refused reason: unsafe character (I2), too long, or missing. */
function reasonProblem(action: Exclude<RequestAction, 'remind'>, issue: Issue, texts: RequestTexts): string {
  if (issue.rule === 'I2' || /\(I2\)$/.test(issue.message)) {
    const character = /\((U\+[0-9A-F]{4,6}[^)]*)\)/.exec(issue.message)?.[1] ?? issue.message;
    return texts.refusal.reasonUnsafe(character);
  }
  if (/too big|<=|at most|too long/i.test(issue.message)) return texts.refusal.reasonTooLong(REASON_MAX_LENGTH[action]);
  return texts.refusal.reasonMissing[action];
}

/** The dashboard's own refusal when the broker did not tick "I confirm" (nothing was sent to the API). */
export function confirmationMissing(action: 'cancel' | 'revoke', language: Language): Refusal {
  const message = requestTexts(language).refusal.confirmMissing[action];
  return { statusCode: 400, message, field: { name: 'confirm', message } };
}

/**
 * The API's refusal of `action` (`answer`: its status and JSON body, as callBrokerRoute gives it)
 * in the broker's words. A 404 is the page's to answer (the request is not his); for a revocation
 * it means the grant is not one of this request.
 */
export function explainRefusal(action: RequestAction, answer: { readonly statusCode: number; readonly body: unknown }, language: Language): Refusal {
  const texts = requestTexts(language);
  const body = (answer.body ?? {}) as ApiRefusalBody;
  const apiMessage = typeof body.message === 'string' ? body.message : `HTTP ${answer.statusCode}`;
  const statusCode = answer.statusCode;
  switch (statusCode) {
    case 400: {
      const issues = issuesIn(body);
      const reasonIssue = action !== 'remind' ? issues.find((issue) => issue.path === 'reason') : undefined;
      if (reasonIssue && action !== 'remind') {
        const message = reasonProblem(action, reasonIssue, texts);
        return { statusCode, message, field: { name: 'reason', message } };
      }
      return { statusCode, message: texts.refusal.fieldProblem(issues.map((issue) => issue.message).join(' ') || apiMessage) };
    }
    case 404:
      return { statusCode, message: action === 'revoke' ? texts.refusal.grantNotHere : texts.notFound.text };
    case 409: {
      if (typeof body.grantStatus === 'string' && isGrantStatus(body.grantStatus)) {
        return { statusCode, message: texts.refusal.blocked[action](texts.grantStatus[body.grantStatus]) };
      }
      if (typeof body.status === 'string' && isRequestStatus(body.status)) {
        return { statusCode, message: texts.refusal.blocked[action](texts.status[body.status]) };
      }
      return { statusCode, message: texts.refusal.other(apiMessage) };
    }
    case 429: {
      const last = typeof body.lastReminderAt === 'string' ? new Date(body.lastReminderAt) : undefined;
      if (last && !Number.isNaN(last.getTime())) {
        const next = new Date(last.getTime() + REMINDER_INTERVAL_MS);
        return { statusCode, message: texts.refusal.tooManyReminders(formatDateTime(last, language), formatDateTime(next, language)) };
      }
      return { statusCode, message: texts.refusal.other(apiMessage) };
    }
    case 503:
      return { statusCode, message: texts.refusal.busy };
    default:
      return { statusCode, message: texts.refusal.other(apiMessage) };
  }
}
