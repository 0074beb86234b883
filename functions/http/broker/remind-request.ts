/**
 * `POST /v1/requests/{id}/remind`: the broker sends the pending e-mail again now — to the
 * signer, or to each grantee who has not activated yet — with a fresh single-use link. At most
 * one reminder an hour, so a client is not flooded: enforced in the write itself. The mails go
 * out through the outbox (functions/notifications/reminders.ts).
 */
import * as z from 'zod/mini';
import { getGrants } from '../../adapters/grant-store.js';
import { changeRequest, RequestStateConflict } from '../../adapters/request-store.js';
import { deliverRemindersWith } from '../../adapters/outbox.js';
import { reminderRecipients, sendReminders } from '../../notifications/reminders.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { HttpError } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { ownedRequest } from './owned-request.js';

// A function that writes a reminder's outbox entry delivers it at once (BrokerApi, and
// DashboardApi through request-actions.ts): whoever imports this route can send what it owes.
deliverRemindersWith(sendReminders);

const MIN_SECONDS_BETWEEN_REMINDERS = 3600;

export const remindRequestResponse = z.object({ id: z.string(), reminded: z.number().check(z.int(), z.gte(1), z.describe('How many e-mails were sent')) });

/** The body of the 429 answered when the last reminder is less than an hour old. */
export const tooManyRemindersResponse = z.object({
  error: z.literal('too_many_reminders'),
  message: z.string(),
  lastReminderAt: z.string().check(z.describe('When the last reminder was sent')),
});

/** `429 { error: "too_many_reminders", message, lastReminderAt }`. */
export function tooManyReminders(lastReminderAt: string): HttpError {
  const body: z.infer<typeof tooManyRemindersResponse> = { error: 'too_many_reminders', message: 'A reminder was sent less than an hour ago', lastReminderAt };
  return new HttpError(429, body);
}

export async function remindRequest(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const request = await ownedRequest(pathParameter(event, 'id'), brokerId);
  const now = new Date();
  const cutoff = new Date(now.getTime() - MIN_SECONDS_BETWEEN_REMINDERS * 1000).toISOString();
  const tooSoon = (last: string | undefined): last is string => last !== undefined && last > cutoff;
  if (tooSoon(request.lastReminderAt)) throw tooManyReminders(request.lastReminderAt);
  const grants = request.status === 'AWAITING_ACTIVATION' ? await getGrants(request.grantIds ?? []) : [];
  const recipients = reminderRecipients(request, grants);
  if (recipients.length === 0) throw new RequestStateConflict('Nobody is waiting for an e-mail in this state', request.status);

  const remindedAt = now.toISOString();
  await changeRequest(request.id, (current) => {
    // Re-checked on every attempt and in the write itself: ten parallel calls send one reminder.
    if (tooSoon(current.lastReminderAt)) throw tooManyReminders(current.lastReminderAt);
    if (current.status !== request.status) throw new RequestStateConflict('The request moved on; try again', current.status);
    return {
      actor: `broker:${brokerId}`,
      set: { lastReminderAt: remindedAt },
      event: { type: 'reminderRequested', details: { recipients: recipients.length } },
      condition: { expression: 'attribute_not_exists(lastReminderAt) OR lastReminderAt <= :cutoff', values: { ':cutoff': cutoff } },
      // The mails go out from the outbox: a crash after this commit still sends them.
      outbox: [{ kind: 'sendReminders', requestId: request.id, remindedAt }],
    };
  }, { current: request });
  return json(202, remindRequestResponse.parse({ id: request.id, reminded: recipients.length }));
}
