/**
 * `POST /v1/requests/{id}/remind`: the broker sends the pending e-mail again now — to the
 * signer, or to each grantee who has not activated yet — with a fresh single-use link. At most
 * one reminder an hour, so a client is not flooded.
 */
import { z } from 'zod';
import { newLink } from '../../adapters/link-store.js';
import type { LinkPurpose } from '../../adapters/link-store.js';
import { sendMail } from '../../adapters/mailer.js';
import type { OutgoingMail } from '../../adapters/mailer.js';
import { changeRequest, RequestStateConflict } from '../../adapters/request-store.js';
import type { StoredRequest } from '../../adapters/request-store.js';
import { activationLink, activationMail, signatureMail, signingLink } from '../../notifications/request-mails.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { HttpError } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { ownedRequest } from './owned-request.js';

const MIN_SECONDS_BETWEEN_REMINDERS = 3600;

export const remindRequestResponse = z.object({ id: z.string(), reminded: z.number().int().min(1).describe('How many e-mails were sent') });

/** The body of the 429 answered when the last reminder is less than an hour old. */
export const tooManyRemindersResponse = z.object({
  error: z.literal('too_many_reminders'),
  message: z.string(),
  lastReminderAt: z.string().describe('When the last reminder was sent'),
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
  const last = request.lastReminderAt;
  if (last && now.getTime() - new Date(last).getTime() < MIN_SECONDS_BETWEEN_REMINDERS * 1000) {
    throw tooManyReminders(last);
  }
  const recipients = reminderRecipients(request, now);
  if (recipients.length === 0) throw new RequestStateConflict('Nobody is waiting for an e-mail in this state', request.status);

  await changeRequest(request.id, (current) => {
    if (current.status !== request.status) throw new RequestStateConflict('The request moved on; try again', current.status);
    return {
      actor: `broker:${brokerId}`,
      set: { lastReminderAt: now.toISOString() },
      event: { type: 'reminderRequested', details: { recipients: recipients.length } },
      extra: recipients.map((recipient, index) => ({ name: `link ${index}`, item: recipient.link.item })),
    };
  });
  for (const recipient of recipients) await sendMail(recipient.mail);
  return json(202, remindRequestResponse.parse({ id: request.id, reminded: recipients.length }));
}

interface Reminder {
  readonly link: ReturnType<typeof newLink>;
  readonly mail: OutgoingMail;
}

function reminderRecipients(request: StoredRequest, now: Date): Reminder[] {
  const linkUntil = (purpose: LinkPurpose, deadline: string) => {
    return newLink({ requestId: request.id, purpose, now, expiresAt: new Date(deadline) });
  };
  if (request.status === 'AWAITING_SIGNATURE' || request.status === 'AWAITING_LEGAL_REPRESENTATIVE') {
    const role = request.status === 'AWAITING_SIGNATURE' ? 'requester' : 'legalRepresentative';
    const wait = request.waits?.[role];
    if (!wait || wait.answeredAt) return [];
    const link = linkUntil({ kind: 'sign', role }, wait.deadline);
    const mail = signatureMail(request, role, { kind: 'signatureReminder', round: wait.round, rounds: wait.round + 1 }, signingLink(link.token), new Date(wait.deadline));
    return [{ link, mail }];
  }
  if (request.status === 'AWAITING_ACTIVATION') {
    const deadline = new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString();
    return (request.grants ?? [])
      .filter((grant) => grant.status === 'pending')
      .map((grant) => {
        const link = linkUntil({ kind: 'activate', grantId: grant.grantId }, grant.activationDeadline ?? deadline);
        return { link, mail: activationMail(request, grant, 'activationReminder', activationLink(link.token), new Date(grant.activationDeadline ?? deadline)) };
      });
  }
  return [];
}
