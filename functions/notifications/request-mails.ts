/**
 * Who gets which e-mail about a request, composed from the stored request: the workflow's
 * steps and the broker's "remind" use the same composition. The texts are in functions/messages/.
 * E-mails carry names, the broker and the link only (no birth dates, addresses, contract lists).
 */
import { config } from '../config/config.js';
import { sendMail } from '../adapters/mailer.js';
import type { OutgoingMail } from '../adapters/mailer.js';
import { mailStillToSend, markMailSent } from '../adapters/request-store.js';
import { sentMessagePut } from '../adapters/sent-message-store.js';
import type { Grant } from '../adapters/grant-store.js';
import type { StoredRequest } from '../adapters/request-store.js';
import { clientName, personName } from '../domain/display-names.js';
import { isSesMessageId } from '../domain/identifiers.js';
import type { MailKind, MailRecipient } from '../domain/mail-feedback.js';
import { expectedSigner } from '../domain/signing-plan.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { renderMail } from '../messages/mail-templates.js';

export type SignatureMailKind =
  | { readonly kind: 'signatureInvitation' }
  | { readonly kind: 'signatureReminder'; readonly round: number; readonly rounds: number }
  /** The broker's reason (a note, read by the caller) is quoted to the signer. */
  | { readonly kind: 'scanRejected'; readonly reason: string };

export function signingLink(token: string): string {
  return `${config().PUBLIC_BASE_URL}/sign/${token}`;
}

export function activationLink(token: string): string {
  return `${config().PUBLIC_BASE_URL}/activate/${token}`;
}

export function signatureMail(request: StoredRequest, role: SignerRole, mail: SignatureMailKind, link: string, expiresAt: Date): OutgoingMail {
  const signer = expectedSigner(request.request, role);
  const common = {
    language: request.request.language,
    recipientName: personName(signer),
    brokerName: config().BROKER_DISPLAY_NAME,
    link,
    expiresAt,
  };
  const invitation = {
    ...common,
    requesterName: personName(request.request.requester),
    clientName: clientName(request.request),
    grantees: request.request.grantees.map((grantee) => personName(grantee.person)),
    role,
  };
  const rendered =
    mail.kind === 'scanRejected'
      ? renderMail({ kind: 'scanRejected', ...common, reason: mail.reason })
      : mail.kind === 'signatureReminder'
        ? renderMail({ kind: 'signatureReminder', ...invitation, round: mail.round, rounds: mail.rounds })
        : renderMail({ kind: 'signatureInvitation', ...invitation });
  return { to: signer.email, ...rendered };
}

export function activationMail(
  request: StoredRequest,
  grant: Pick<Grant, 'name' | 'email'>,
  kind: 'activationInvitation' | 'activationReminder',
  link: string,
  expiresAt: Date,
): OutgoingMail {
  const rendered = renderMail({
    kind,
    language: request.request.language,
    recipientName: grant.name,
    clientName: clientName(request.request),
    brokerName: config().BROKER_DISPLAY_NAME,
    link,
    expiresAt,
  });
  return { to: grant.email, ...rendered };
}

/** Which mail a step sends, and to whom: what SES's feedback on it is recorded against (functions/mail-feedback/). */
export interface MailAbout {
  readonly kind: MailKind;
  readonly recipient: MailRecipient;
}

/**
 * Sends a step's e-mail unless a sent-mail marker says it already went out, so a retried or
 * replayed step never mails twice (at-least-once only if the process dies between SES and the marker).
 * With the marker goes the lookup of SES's message id (`about`: whom and which mail), so a
 * bounce or a complaint on it is recorded on the request.
 */
export async function sendMailOnce(requestId: string, marker: string, mail: OutgoingMail | (() => Promise<OutgoingMail>), about: MailAbout): Promise<void> {
  if (!(await mailStillToSend(requestId, marker))) return;
  // Composed only when it is still owed (composing may mint a link).
  const messageId = await sendMail(typeof mail === 'function' ? await mail() : mail);
  const at = new Date();
  // An id SES would never answer does not enter a key (I1); its mail is only left without feedback.
  const lookup = isSesMessageId(messageId) ? [sentMessagePut(messageId, { requestId, ...about }, at)] : [];
  await markMailSent(requestId, marker, messageId, at.toISOString(), lookup);
}
