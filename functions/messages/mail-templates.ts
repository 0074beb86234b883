/**
 * The e-mails sent to signers, legal representatives and grantees, in the request's language.
 *
 * Privacy (GDPR, esignature-notes.md): an e-mail carries names, the broker and the link, never
 * birth dates, addresses, contract lists or national register numbers. The input types hold
 * nothing else, and only the fields named here are read.
 */
import type { Language } from '../domain/request-schema.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { formatDateTime } from './format-date.js';
import { formatList } from './format-list.js';
import { renderMailContent, type MailContent, type RenderedMail } from './mail-layout.js';
import { textsFor, type MailTexts } from './message-texts.js';

export type { RenderedMail } from './mail-layout.js';
export { UnsafeMailLinkError } from './mail-layout.js';

/** What every e-mail needs. */
interface MailBase {
  language: Language;
  recipientName: string;
  brokerName: string;
  /** The personal, single-use link (absolute http or https URL). */
  link: string;
  /** When the link stops working; shown in Brussels time. */
  expiresAt: Date;
}

/** Asks the requester to sign (R1, R2), or the legal representative to approve by signing (R6). */
export interface SignatureInvitationMail extends MailBase {
  kind: 'signatureInvitation';
  role: SignerRole;
  requesterName: string;
  clientName: string;
  /** The grantees' names only. */
  grantees: readonly string[];
}

/** A later round of {@link SignatureInvitationMail}. */
export interface SignatureReminderMail extends Omit<SignatureInvitationMail, 'kind'> {
  kind: 'signatureReminder';
  /** This round (2 for the first reminder). */
  round: number;
  /** How many rounds there are: when `round === rounds`, this is the last reminder. */
  rounds: number;
}

/** The broker did not accept the uploaded scan of a handwritten signature (R3, R9). */
export interface ScanRejectedMail extends MailBase {
  kind: 'scanRejected';
  /** The broker's words, shown as written. */
  reason: string;
}

/** Asks a grantee to activate his access (R7). */
export interface ActivationInvitationMail extends MailBase {
  kind: 'activationInvitation';
  clientName: string;
}

/** A later round of {@link ActivationInvitationMail}. */
export interface ActivationReminderMail extends Omit<ActivationInvitationMail, 'kind'> {
  kind: 'activationReminder';
  /** With `rounds`: when `round === rounds`, the e-mail says it is the last reminder. */
  round?: number;
  rounds?: number;
}

/** Every e-mail this service sends, told apart by `kind`. */
export type MailInput =
  | SignatureInvitationMail
  | SignatureReminderMail
  | ScanRejectedMail
  | ActivationInvitationMail
  | ActivationReminderMail;

/** The kinds of e-mail, e.g. for the sent-mail marker. */
export type MailKind = MailInput['kind'];

/**
 * Renders `mail` in its language: a one-line subject, a plain-text body and an HTML body
 * with every value escaped.
 * @throws {UnsafeMailLinkError} when `mail.link` is not an absolute http(s) URL.
 */
export function renderMail(mail: MailInput): RenderedMail {
  const { colon, mail: texts } = textsFor(mail.language);
  const expires = formatDateTime(mail.expiresAt, mail.language);
  const content = contentOf(mail, texts, expires);
  return renderMailContent({
    language: mail.language,
    greeting: texts.greeting(mail.recipientName),
    buttonFallback: texts.buttonFallback,
    colon,
    notes: [texts.linkIsPersonal({ expires }), texts.notExpected({ brokerName: mail.brokerName })],
    signOff: texts.signOff,
    senderName: mail.brokerName,
    ...content,
  });
}

type KindContent = Pick<MailContent, 'subject' | 'paragraphs' | 'button'>;

function contentOf(mail: MailInput, texts: MailTexts, expires: string): KindContent {
  const { brokerName, link } = mail;
  switch (mail.kind) {
    case 'signatureInvitation':
      return signatureContent(mail, texts, expires);
    case 'signatureReminder': {
      const invitation = signatureContent(mail, texts, expires);
      const reminder = texts.signatureReminder;
      return {
        subject:
          mail.role === 'legalRepresentative'
            ? reminder.legalRepresentativeSubject({ brokerName, clientName: mail.clientName })
            : reminder.requesterSubject({ brokerName }),
        paragraphs: [
          reminder.notYetSigned,
          ...invitation.paragraphs,
          ...(mail.round >= mail.rounds ? [reminder.lastReminder({ expires })] : []),
        ],
        button: invitation.button,
      };
    }
    case 'scanRejected': {
      const rejected = texts.scanRejected;
      return {
        subject: rejected.subject({ brokerName }),
        paragraphs: [
          rejected.intro({ brokerName }),
          { label: rejected.reasonLabel, quote: mail.reason },
          rejected.action({ expires }),
        ],
        button: { label: rejected.button, link },
      };
    }
    case 'activationInvitation': {
      const invitation = texts.activationInvitation;
      return {
        subject: invitation.subject({ brokerName }),
        paragraphs: [invitation.intro({ brokerName, clientName: mail.clientName }), invitation.action({ expires })],
        button: { label: invitation.button, link },
      };
    }
    case 'activationReminder': {
      const reminder = texts.activationReminder;
      const invitation = texts.activationInvitation;
      const isLast = mail.round !== undefined && mail.rounds !== undefined && mail.round >= mail.rounds;
      return {
        subject: reminder.subject({ brokerName }),
        paragraphs: [
          reminder.notYetActivated({ brokerName, clientName: mail.clientName }),
          invitation.action({ expires }),
          ...(isLast ? [reminder.lastReminder({ expires })] : []),
        ],
        button: { label: invitation.button, link },
      };
    }
  }
}

function signatureContent(
  mail: SignatureInvitationMail | SignatureReminderMail,
  texts: MailTexts,
  expires: string,
): KindContent {
  const invitation = texts.signatureInvitation;
  const { brokerName, clientName } = mail;
  const grantees = formatList(mail.grantees, mail.language);
  // R6: the legal representative approves the requester's request by signing the same form.
  const [subject, intro, action] =
    mail.role === 'legalRepresentative'
      ? [
          invitation.legalRepresentativeSubject({ brokerName, clientName }),
          invitation.legalRepresentativeIntro({ requesterName: mail.requesterName, brokerName, clientName, grantees }),
          invitation.legalRepresentativeAction({ clientName, expires }),
        ]
      : [
          invitation.requesterSubject({ brokerName }),
          invitation.requesterIntro({ brokerName, clientName, grantees }),
          invitation.requesterAction({ expires }),
        ];
  return { subject, paragraphs: [intro, action], button: { label: invitation.button, link: mail.link } };
}
