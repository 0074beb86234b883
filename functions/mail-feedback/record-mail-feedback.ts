/**
 * MailFeedback: the target of the rule that takes SES's bounces and complaints on the product's
 * mails off the account's default bus (infra/constructs/mail.ts). The lookup of the mail's SES
 * message id (functions/adapters/sent-message-store.ts) says which request and whom — a signer's
 * role or a grant — the mail was for; the request's trail gets `mailBounced` or `mailComplained`
 * (changeRequest: the entry and the lookup's "recorded" mark in one transaction), so the broker
 * sees in the history, and on the person in his view, whom to call (R9). The address and the
 * receiving server's words are never read (docs/personal-data.md).
 *
 * EventBridge may deliver the same feedback twice: the second finds it recorded and does nothing.
 */
import { changeRequest, ChangeConditionFailed, RequestErased, RequestNotFound } from '../adapters/request-store.js';
import { FEEDBACK_RECORDED_WRITE, feedbackRecordedWrite, findSentMessage } from '../adapters/sent-message-store.js';
import type { AuditEventType } from '../domain/audit-event.js';
import { isSesMessageId } from '../domain/identifiers.js';
import { mailFeedbackEvent } from '../domain/mail-feedback.js';
import { ProductError } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';
import { mailFeedbackOf, type ReceivedMailFeedback } from './ses-feedback-event.js';

/**
 * How long after SES accepted a mail its lookup may still be missing: the sender writes it just
 * after SES answered, and feedback can be that quick. Within it, the invocation fails and Lambda
 * tries it again; after it, feedback on an unknown mail is logged and dropped.
 */
export const LOOKUP_GRACE_MS = 5 * 60_000;

export type MailFeedbackOutcome =
  | { readonly recorded: true; readonly requestId: string; readonly type: AuditEventType }
  | { readonly recorded: false; readonly reason: 'unknownMessage' | 'alreadyRecorded' | 'requestGone' };

/** Feedback came before the lookup of its mail was written: Lambda runs the invocation again. */
export class SentMailNotYetKnown extends ProductError<{ messageId: string }> {
  override readonly name = 'SentMailNotYetKnown';
}

export async function handler(event: unknown): Promise<MailFeedbackOutcome> {
  return recordMailFeedback(mailFeedbackOf(event), new Date());
}

/** Records SES's feedback on one of the product's mails on its request's trail, once. */
export async function recordMailFeedback(feedback: ReceivedMailFeedback, now: Date): Promise<MailFeedbackOutcome> {
  const sent = await findSentMessage(feedback.messageId);
  if (!sent) {
    if (isSesMessageId(feedback.messageId) && now.getTime() - Date.parse(feedback.mailSentAt) < LOOKUP_GRACE_MS) {
      throw new SentMailNotYetKnown(`No lookup yet of the mail SES accepted as ${feedback.messageId}`, { messageId: feedback.messageId });
    }
    logger.warn('SES feedback on a mail the product does not know (expired or never sent)', { feedback: feedback.kind });
    return { recorded: false, reason: 'unknownMessage' };
  }

  const event = mailFeedbackEvent(sent, feedback);
  try {
    await changeRequest(sent.requestId, () => ({ actor: 'mailFeedback', event, extra: [feedbackRecordedWrite(feedback, now)] }));
  } catch (error) {
    if (error instanceof ChangeConditionFailed && error.writeName === FEEDBACK_RECORDED_WRITE) return { recorded: false, reason: 'alreadyRecorded' };
    // The request's personal data was erased since (or never existed here): nothing to tell anyone.
    if (error instanceof RequestErased || error instanceof RequestNotFound) return { recorded: false, reason: 'requestGone' };
    throw error;
  }
  logger.info('SES feedback recorded', { requestId: sent.requestId, type: event.type, details: event.details });
  return { recorded: true, requestId: sent.requestId, type: event.type };
}
