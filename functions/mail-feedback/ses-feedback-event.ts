/**
 * SES's feedback on a mail, as EventBridge hands it to MailFeedback: the configuration set's
 * event destination puts each bounce and complaint on the account's default bus
 * (infra/constructs/mail.ts), `source` `aws.ses`, `detail-type` `Email Bounced` or
 * `Email Complaint Received`, and `detail` SES's event record (`eventType`, `mail`, and `bounce`
 * or `complaint`).
 *
 * Only what the product keeps is read: the message id, when SES accepted the mail, and a
 * bounce's type. The record also names the recipients' addresses and quotes the receiving
 * server's diagnostic (which may quote the address again): zod drops both, unread.
 */
import * as z from 'zod/mini';
import type { BounceType, MailFeedback } from '../domain/mail-feedback.js';
import { ProductError } from '../errors/product-error.js';

/** The event source and detail-types SES uses on EventBridge for the feedback the product subscribes to. */
export const SES_EVENT_SOURCE = 'aws.ses';
export const SES_FEEDBACK_DETAIL_TYPES = { bounce: 'Email Bounced', complaint: 'Email Complaint Received' } as const;

/** SES's bounce types, and the product's name for each. */
const BOUNCE_TYPE_OF = { Permanent: 'permanent', Transient: 'transient', Undetermined: 'undetermined' } as const satisfies Record<string, BounceType>;
type SesBounceType = keyof typeof BOUNCE_TYPE_OF;
const SES_BOUNCE_TYPES = Object.keys(BOUNCE_TYPE_OF) as [SesBounceType, ...SesBounceType[]];

const sesMail = z.object({
  messageId: z.string().check(z.minLength(1)),
  /** When SES accepted the mail (ISO 8601). */
  timestamp: z.string().check(z.minLength(1)),
});

const sesFeedbackEvent = z.object({
  source: z.literal(SES_EVENT_SOURCE),
  'detail-type': z.enum([SES_FEEDBACK_DETAIL_TYPES.bounce, SES_FEEDBACK_DETAIL_TYPES.complaint]),
  detail: z.discriminatedUnion('eventType', [
    z.object({
      eventType: z.literal('Bounce'),
      mail: sesMail,
      bounce: z.object({ bounceType: z.enum(SES_BOUNCE_TYPES), bounceSubType: z.optional(z.string()) }),
    }),
    z.object({ eventType: z.literal('Complaint'), mail: sesMail, complaint: z.object({}) }),
  ]),
});

/** SES's feedback on one message, and when SES accepted that message. */
export type ReceivedMailFeedback = MailFeedback & { readonly mailSentAt: string };

/** The function was handed an event that is not SES's bounce or complaint (a rule that matches too much). */
export class NotMailFeedback extends ProductError<{ source?: string; detailType?: string; issues: string[] }> {
  override readonly name = 'NotMailFeedback';
}

/**
 * What the product keeps of SES's feedback event: message id, kind, a bounce's type.
 * @throws NotMailFeedback for any other event (its issues name paths, never values)
 */
export function mailFeedbackOf(event: unknown): ReceivedMailFeedback {
  const parsed = sesFeedbackEvent.safeParse(event);
  if (!parsed.success) {
    const raw = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`);
    throw new NotMailFeedback('Not an SES bounce or complaint event', {
      ...(typeof raw.source === 'string' ? { source: raw.source.slice(0, 64) } : {}),
      ...(typeof raw['detail-type'] === 'string' ? { detailType: raw['detail-type'].slice(0, 64) } : {}),
      issues,
    });
  }
  const { detail } = parsed.data;
  const common = { messageId: detail.mail.messageId, mailSentAt: detail.mail.timestamp };
  return detail.eventType === 'Bounce'
    ? { kind: 'bounce', ...common, bounceType: BOUNCE_TYPE_OF[detail.bounce.bounceType] }
    : { kind: 'complaint', ...common };
}
