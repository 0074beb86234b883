/**
 * The housekeeping job, run every minute by an EventBridge schedule (infra/; locally by the
 * local stack's scheduler on its clock). It does what is due by the event's time:
 * - delivers outbox entries their writer left behind (a crash between a commit and the call
 *   it owed: the workflow start of a new request, a signer's answer, a cancel's stop), so
 *   every committed change reaches the other systems (functions/adapters/outbox.ts);
 * - erases the personal data of requests whose retention ended (functions/retention/).
 * It works until its time is nearly up and leaves the rest to the next run.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { deliver, deliverRemindersWith, dueWork, postpone, readOutboxEntry } from '../adapters/outbox.js';
import { describeForLog } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';
import { sendReminders } from '../notifications/reminders.js';
import { eraseRequest } from '../retention/erase-request.js';

// Reminders a broker asked for that the function writing them could not deliver at once are delivered here (functions/adapters/outbox.ts).
deliverRemindersWith(sendReminders);

export interface HousekeepingReport {
  readonly delivered: number;
  readonly postponed: number;
  readonly abandoned: number;
  readonly erased: number;
  readonly failed: number;
}

/** Stop taking new work when less than this is left of the invocation. */
const SAFETY_MARGIN_MS = 15_000;

export async function handler(event: Pick<ScheduledEvent, 'time'>, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<HousekeepingReport> {
  const now = event.time ? new Date(event.time) : new Date();
  const report = { delivered: 0, postponed: 0, abandoned: 0, erased: 0, failed: 0 };
  const timeLeft = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  for (;;) {
    const batch = (await dueWork(now)).filter((due) => !seen.has(`${due.kind}#${due.requestId}#${due.ref}`));
    if (batch.length === 0) break;
    for (const due of batch) {
      seen.add(`${due.kind}#${due.requestId}#${due.ref}`);
      if (timeLeft() < SAFETY_MARGIN_MS) return report;
      try {
        if (due.kind === 'outbox') await deliverDue(due.requestId, due.ref, now, report);
        else if (due.kind === 'erase' && (await eraseRequest(due.requestId, 'retention', now)).erased) report.erased++;
      } catch (error) {
        report.failed++;
        logger.error('housekeeping item failed', { requestId: due.requestId, kind: due.kind, error: describeForLog(error) });
      }
    }
  }
  if (report.delivered + report.erased + report.failed > 0) logger.info('housekeeping done', { ...report });
  return report;
}

async function deliverDue(requestId: string, outboxId: string, now: Date, report: { delivered: number; postponed: number; abandoned: number }): Promise<void> {
  const entry = await readOutboxEntry(requestId, outboxId);
  if (!entry) return; // delivered by its writer after the index was read
  try {
    await deliver(entry);
    report.delivered++;
  } catch (error) {
    const outcome = await postpone(entry, now);
    report[outcome === 'abandoned' ? 'abandoned' : 'postponed']++;
    const log = outcome === 'abandoned' ? logger.error.bind(logger) : logger.warn.bind(logger);
    log(`outbox entry ${outcome}`, { requestId, outboxId, attempts: entry.attempts + 1, error: describeForLog(error) });
  }
}
