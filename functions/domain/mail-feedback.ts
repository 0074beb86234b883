/**
 * What the product keeps of SES's feedback on a mail it sent — a bounce, a complaint — and
 * what the broker is shown of it (R9: he sees whom to call). The trail keeps whom the mail was
 * for (a signer's role or a grant), which mail it was and, for a bounce, its type; never the
 * address, nor the receiving server's words, which may quote it (docs/personal-data.md).
 * Plain TypeScript, no AWS import: SES's notification is read in functions/mail-feedback/.
 */
import type { AuditEntry, AuditEvent } from './audit-event.js';
import type { SignerRole } from './signing-plan.js';

/** Every kind of e-mail the product sends (functions/messages/mail-templates.ts, `MailKind`). */
export const MAIL_KINDS = ['signatureInvitation', 'signatureReminder', 'scanRejected', 'activationInvitation', 'activationReminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Whom a mail was for: a signer, by role, or a grantee, by grant. */
export type MailRecipient = { readonly role: SignerRole; readonly grantId?: undefined } | { readonly grantId: string; readonly role?: undefined };

/** A mail the product sent, as the lookup of its SES message id keeps it: ids and kind only. */
export interface SentMail {
  readonly requestId: string;
  readonly kind: MailKind;
  readonly recipient: MailRecipient;
}

/**
 * SES's bounce types, lower-cased: `permanent` (the address does not take mail: call the
 * person), `transient` (SES gave up retrying: a full mailbox, a server down), `undetermined`.
 */
export const BOUNCE_TYPES = ['permanent', 'transient', 'undetermined'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** SES's feedback on one message, reduced to what the product may keep of it. */
export type MailFeedback =
  | { readonly kind: 'bounce'; readonly messageId: string; readonly bounceType: BounceType }
  | { readonly kind: 'complaint'; readonly messageId: string };

/** The recipient as stored and recorded: his one key (`role` or `grantId`), without the other's empty slot. */
export function recipientFields(recipient: MailRecipient): { role: SignerRole } | { grantId: string } {
  return recipient.role !== undefined ? { role: recipient.role } : { grantId: recipient.grantId };
}

/** The audit event that records `feedback` on `sent`: whom and which mail, never the address. */
export function mailFeedbackEvent(sent: SentMail, feedback: MailFeedback): AuditEvent {
  const recipient = recipientFields(sent.recipient);
  return feedback.kind === 'bounce'
    ? { type: 'mailBounced', details: { ...recipient, mail: sent.kind, bounceType: feedback.bounceType } }
    : { type: 'mailComplained', details: { ...recipient, mail: sent.kind } };
}

/** What the broker's view flags on a signer or a grantee whose mail did not arrive well. */
export interface MailTrouble {
  /** A mail to this person bounced: the address is wrong or his mailbox refused it. */
  readonly mailBounced?: true;
  /** This person marked a mail as spam: SES will not mail him again. */
  readonly mailComplained?: true;
}

/** Each signer's and each grantee's mail trouble, read from a request's history (R9). */
export function mailTroubleOf(history: readonly Pick<AuditEntry, 'type' | 'details'>[]): {
  readonly byRole: ReadonlyMap<SignerRole, MailTrouble>;
  readonly byGrant: ReadonlyMap<string, MailTrouble>;
} {
  const byRole = new Map<SignerRole, MailTrouble>();
  const byGrant = new Map<string, MailTrouble>();
  for (const entry of history) {
    if (entry.type !== 'mailBounced' && entry.type !== 'mailComplained') continue;
    const flag: MailTrouble = entry.type === 'mailBounced' ? { mailBounced: true } : { mailComplained: true };
    const details = entry.details as { role?: SignerRole; grantId?: string };
    if (details.role !== undefined) byRole.set(details.role, { ...byRole.get(details.role), ...flag });
    else if (details.grantId !== undefined) byGrant.set(details.grantId, { ...byGrant.get(details.grantId), ...flag });
  }
  return { byRole, byGrant };
}
