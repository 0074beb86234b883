/**
 * The words of one request's page in the dashboard (request-page.ts, request-actions.ts), per
 * language: its facts, its steps, its history (one sentence per audit entry type,
 * functions/domain/audit-event.ts), its documents, its grantees, the broker's actions, their
 * answers and every refusal (R9).
 */
import type { AuditEvent } from '../../domain/audit-event.js';
import type { BounceType, MailKind } from '../../domain/mail-feedback.js';
import type { GranteeRelation, Language } from '../../domain/request-schema.js';
import type { GrantStatus, RequestStatus } from '../../domain/request-status.js';
import type { SignerRole } from '../../domain/signing-plan.js';
import type { RefusalReason } from '../../signatures/signature-verdict.js';
import type { EndStatus, StepKey, StepState } from './request-steps.js';

export type SignatureMethod = 'advanced' | 'eid' | 'handwritten';

/** What an entry's sentence may name, already in the page's language. */
export interface EntryAbout {
  /** A signer: his name and role, or the role alone once the personal data is erased. */
  signer(role: SignerRole): string;
  /** A grantee: his name, or the grant's id once the personal data is erased. */
  grantee(grantId: string): string;
  /** Several grantees in one phrase. */
  grantees(grantIds: readonly string[]): string;
}

/** One sentence per audit entry type (functions/domain/audit-event.ts), from its typed details. */
export type EventWording = { readonly [E in AuditEvent as E['type']]: (details: E['details'], about: EntryAbout) => string };

/** The notices shown after an action was done (`?done=`). */
export const DONE_NOTICES = ['reminded', 'cancelled', 'approved', 'rejected', 'revoked'] as const;
export type DoneNotice = (typeof DONE_NOTICES)[number];

/** The actions of the page, as refusals name them. */
export type RequestAction = 'remind' | 'cancel' | 'review' | 'revoke';

export interface RequestTexts {
  readonly pageTitle: (client: string) => string;
  readonly erasedPageTitle: (requestId: string) => string;
  readonly backToList: string;
  readonly facts: {
    readonly heading: string;
    readonly requestId: string;
    readonly clientRef: string;
    readonly status: string;
    readonly filedOn: string;
    readonly requestDate: string;
    readonly requester: string;
    readonly legalRepresentative: string;
    readonly erasedOn: string;
    readonly retainUntil: string;
    readonly outcome: string;
  };
  readonly erasedNotice: string;
  readonly status: Readonly<Record<RequestStatus, string>>;
  readonly grantStatus: Readonly<Record<GrantStatus, string>>;
  readonly relation: Readonly<Record<GranteeRelation, string>>;
  readonly role: Readonly<Record<SignerRole, string>>;
  readonly method: Readonly<Record<SignatureMethod, string>>;
  readonly refusalReason: Readonly<Record<RefusalReason, string>>;
  readonly mailKind: Readonly<Record<MailKind, string>>;
  readonly bounceType: Readonly<Record<BounceType, string>>;
  /** A signer as a sentence names him: `Hans Müller (requester)`, or `the requester`. */
  readonly signerPhrase: (role: SignerRole, name: string | undefined) => string;
  readonly steps: {
    readonly heading: string;
    readonly names: Readonly<Record<StepKey, string>>;
    readonly ended: Readonly<Record<EndStatus, string>>;
    readonly state: Readonly<Record<StepState, string>>;
    readonly doneAt: (when: string) => string;
    readonly since: (when: string) => string;
    readonly endedAt: (when: string) => string;
    /** Who the current step waits for. */
    readonly waitsFor: {
      readonly form: string;
      readonly signer: (who: string) => string;
      readonly review: string;
      readonly grants: string;
      readonly activation: (answered: number, total: number) => string;
      readonly completion: string;
      readonly sealing: string;
    };
  };
  readonly history: {
    readonly heading: string;
    readonly caption: string;
    readonly when: string;
    readonly who: string;
    readonly what: string;
    readonly intact: string;
    readonly broken: string;
    readonly reason: (text: string) => string;
    readonly reasonErased: string;
    readonly unknownEntry: (type: string) => string;
  };
  readonly actor: {
    readonly workflow: string;
    readonly broker: (office: string) => string;
    readonly mailFeedback: string;
  };
  readonly events: EventWording;
  readonly documents: {
    readonly heading: string;
    readonly form: string;
    readonly requesterSignature: string;
    readonly legalRepresentativeSignature: string;
    readonly certificate: string;
    readonly evidencePackage: string;
    readonly evidencePackageHint: string;
    readonly download: (document: string) => string;
    readonly sha256: string;
    readonly received: (method: string, when: string) => string;
    readonly none: string;
  };
  readonly grantees: {
    readonly heading: string;
    readonly relation: string;
    readonly contracts: string;
    readonly allContracts: string;
    readonly access: string;
    readonly noGrantYet: string;
    readonly activatedOn: string;
    readonly email: string;
    readonly mailBounced: string;
    readonly mailComplained: string;
    readonly revoke: {
      readonly summary: (name: string) => string;
      readonly intro: string;
      readonly reasonLabel: string;
      readonly reasonHint: string;
      readonly confirm: string;
      readonly button: string;
    };
  };
  readonly actions: {
    readonly heading: string;
    readonly none: string;
    readonly revokeBelow: string;
    readonly remind: { readonly button: string; readonly signerHint: (who: string) => string; readonly granteesHint: string };
    readonly cancel: {
      readonly summary: string;
      readonly intro: string;
      readonly reasonLabel: string;
      readonly reasonHint: string;
      readonly confirm: string;
      readonly button: string;
    };
  };
  readonly review: {
    readonly heading: string;
    readonly intro: (who: string) => string;
    readonly formTitle: string;
    readonly scanTitle: string;
    readonly open: (document: string) => string;
    readonly approveHeading: string;
    readonly approveHint: string;
    readonly approve: string;
    readonly rejectHeading: string;
    readonly rejectLabel: string;
    readonly rejectHint: string;
    readonly reject: string;
  };
  readonly done: { readonly [N in DoneNotice]: N extends 'reminded' ? (count: number) => string : string };
  readonly refusal: {
    readonly heading: string;
    readonly blocked: { readonly [A in RequestAction]: (status: string) => string };
    readonly tooManyReminders: (last: string, next: string) => string;
    readonly confirmMissing: { readonly cancel: string; readonly revoke: string };
    readonly reasonMissing: { readonly review: string; readonly revoke: string; readonly cancel: string };
    readonly reasonTooLong: (max: number) => string;
    readonly reasonUnsafe: (character: string) => string;
    readonly fieldProblem: (message: string) => string;
    readonly grantNotHere: string;
    readonly busy: string;
    readonly other: (message: string) => string;
  };
  readonly notFound: { readonly title: string; readonly text: string; readonly back: string };
  readonly documentMissing: { readonly title: string; readonly text: string; readonly back: string };
  readonly unavailable: { readonly title: string; readonly text: string };
}

const en: RequestTexts = {
  pageTitle: (client) => `Request for ${client}`,
  erasedPageTitle: (requestId) => `Request ${requestId}`,
  backToList: 'All requests',
  facts: {
    heading: 'About this request',
    requestId: 'Request',
    clientRef: 'Client reference',
    status: 'Status',
    filedOn: 'Filed on',
    requestDate: 'Date of the request',
    requester: 'Requester',
    legalRepresentative: 'Legal representative',
    erasedOn: 'Personal data erased on',
    retainUntil: 'Personal data kept until',
    outcome: 'Ended on',
  },
  erasedNotice: 'The personal data of this request was erased: only its references, statuses and history remain.',
  status: {
    SUBMITTED: 'Submitted',
    AWAITING_SIGNATURE: "Waiting for the requester's signature",
    AWAITING_REVIEW: 'Waiting for your review',
    AWAITING_LEGAL_REPRESENTATIVE: 'Waiting for the legal representative',
    AWAITING_ACTIVATION: 'Waiting for activation',
    COMPLETED: 'Completed',
    DECLINED: 'Declined',
    EXPIRED: 'Expired',
    CANCELLED: 'Cancelled',
    FAILED: 'Failed',
  },
  grantStatus: { pending: 'Not activated yet', active: 'Active', revoked: 'Revoked', expired: 'Expired (never activated)' },
  relation: { policyholder: 'Policyholder', insured: 'Insured person', other: 'Mandated person', legalRepresentative: 'Legal representative' },
  role: { requester: 'requester', legalRepresentative: 'legal representative' },
  method: { advanced: 'advanced electronic signature (signing service)', eid: 'Belgian eID', handwritten: 'signed by hand and scanned' },
  refusalReason: {
    not_pdf: 'the file is not a PDF',
    unsigned: 'the PDF carries no electronic signature',
    broken: 'the electronic signature is damaged',
    modified: 'the document was changed after it was signed',
    other_document: "it is not this request's form",
    other_signer: 'it was signed by someone else',
    untrusted: 'the certificate is not a recognised one',
    not_valid_at_signing: 'the certificate was not valid when it signed',
    active_content: 'the PDF holds active content',
  },
  mailKind: {
    signatureInvitation: 'invitation to sign',
    signatureReminder: 'reminder to sign',
    scanRejected: 'rejected scan',
    activationInvitation: 'invitation to activate',
    activationReminder: 'reminder to activate',
  },
  bounceType: { permanent: 'permanent', transient: 'temporary', undetermined: 'cause unknown' },
  signerPhrase: (role, name) => (name ? `${name} (${en.role[role]})` : `the ${en.role[role]}`),
  steps: {
    heading: 'Where the request stands',
    names: {
      form: 'Form generated',
      requesterSignature: "Requester's signature",
      requesterReview: 'Your review of the scan',
      legalRepresentativeSignature: "Legal representative's signature",
      legalRepresentativeReview: "Your review of the representative's scan",
      grants: 'Accesses created',
      activation: "Grantees' activation",
      completed: 'Completed',
      evidence: 'Evidence sealed',
    },
    ended: { DECLINED: 'Declined', EXPIRED: 'Expired', CANCELLED: 'Cancelled', FAILED: 'Failed' },
    state: { done: 'Done', current: 'Current step', ahead: 'To come', ended: 'Ended here', notReached: 'Not reached' },
    doneAt: (when) => `on ${when}`,
    since: (when) => `since ${when}`,
    endedAt: (when) => `on ${when}`,
    waitsFor: {
      form: 'The form is being generated.',
      signer: (who) => `Waiting for ${who} to sign.`,
      review: 'Waiting for you: check the scan below, then approve or reject it.',
      grants: 'The accesses are being created.',
      activation: (answered, total) => `${answered} of ${total} ${total === 1 ? 'person has' : 'people have'} answered their activation e-mail.`,
      completion: 'The request is being completed.',
      sealing: 'The completion certificate is being sealed.',
    },
  },
  history: {
    heading: 'History',
    caption: 'Every step of this request, oldest first',
    when: 'When',
    who: 'Who',
    what: 'What',
    intact: 'The history is intact: every entry checks against the one before.',
    broken: 'Warning: the history does not check. An entry was changed or removed after it was written. Keep this page and contact your administrator.',
    reason: (text) => `Reason: “${text}”`,
    reasonErased: 'The reason was erased with the personal data.',
    unknownEntry: (type) => `Entry “${type}”`,
  },
  actor: { workflow: 'System', broker: (office) => `Broker (office ${office})`, mailFeedback: 'Mail service' },
  events: {
    submitted: (d) => `Request filed (client reference ${d.clientRef}; ${d.grantees} ${d.grantees === 1 ? 'person' : 'people'} to get access)`,
    formGenerated: (d) => (d.legalRepresentativeMustApprove ? 'Form generated; the legal representative must sign it too' : 'Form generated'),
    signatureRequested: (d, a) =>
      d.reminder ? `${a.signer(d.role)} was reminded to sign` : d.round > 1 ? `${a.signer(d.role)} was asked to sign again (round ${d.round})` : `${a.signer(d.role)} was asked to sign`,
    signatureReceived: (d, a) => (d.method === 'handwritten' ? `${a.signer(d.role)} sent a scan of the form signed by hand` : `${a.signer(d.role)} signed: ${en.method[d.method]}`),
    signatureRefused: (d, a) => `A signed file from ${a.signer(d.role)} was refused: ${en.refusalReason[d.reason]}`,
    scanReviewRequested: (d, a) => `The scan from ${a.signer(d.role)} waits for your review`,
    scanReviewed: (d, a) => (d.decision === 'approve' ? `The scan from ${a.signer(d.role)} was approved` : `The scan from ${a.signer(d.role)} was rejected; asked to sign again`),
    signatureDeclined: (d, a) => `${a.signer(d.role)} declined to sign`,
    grantsCreated: (d, a) => `Access created for ${a.grantees(d.grantIds)}, waiting for activation`,
    activationRequested: (d, a) =>
      d.reminder ? `${a.grantee(d.grantId)} was reminded to activate the access` : d.round > 1 ? `${a.grantee(d.grantId)} was asked again to activate the access (round ${d.round})` : `${a.grantee(d.grantId)} was asked to activate the access`,
    grantActivated: (d, a) => `${a.grantee(d.grantId)} activated the access`,
    grantExpired: (d, a) => `The access of ${a.grantee(d.grantId)} expired: it was never activated`,
    grantRevoked: (d, a) => `The access of ${a.grantee(d.grantId)} was revoked`,
    reminderRequested: (d) => `Reminder sent (${d.recipients} ${d.recipients === 1 ? 'e-mail' : 'e-mails'})`,
    mailBounced: (d, a) => `The e-mail (${en.mailKind[d.mail]}) to ${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} bounced (${en.bounceType[d.bounceType]}): check the address`,
    mailComplained: (d, a) => `${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} marked the e-mail (${en.mailKind[d.mail]}) as spam: no more e-mail reaches this person`,
    cancelled: (d, a) => (d.withdrawnGrantIds.length ? `Request cancelled; access withdrawn before activation for ${a.grantees(d.withdrawnGrantIds)}` : 'Request cancelled'),
    completed: (d) => `Request completed: ${d.activeGrants} active ${d.activeGrants === 1 ? 'access' : 'accesses'}, ${d.expiredGrants} never activated`,
    evidenceSealed: (d) => `Completion certificate sealed (SHA-256 ${d.sha256.slice(0, 12)}…)`,
    declined: (d) => (d.by === 'signer' ? 'Request declined by the signer' : 'Request declined: too many scans were rejected'),
    expired: () => 'Request expired: it was not signed in time',
    failed: (d) => `Request failed (${d.error})${d.cause ? `: ${d.cause}` : ''}`,
    erased: (d) =>
      `Personal data erased ${d.reason === 'retention' ? 'at the end of the retention period' : "at the client's request"} (${d.documents} ${d.documents === 1 ? 'document' : 'documents'})`,
  },
  documents: {
    heading: 'Documents',
    form: 'Generated form',
    requesterSignature: "Requester's signed form",
    legalRepresentativeSignature: "Legal representative's signed form",
    certificate: 'Completion certificate (sealed)',
    evidencePackage: 'Evidence package',
    evidencePackageHint: 'The whole history, the documents and the sealed certificate in one file, to check offline (npm run verify-evidence).',
    download: (document) => `Download: ${document}`,
    sha256: 'SHA-256',
    received: (method, when) => `${method}, received on ${when}`,
    none: 'No documents yet.',
  },
  grantees: {
    heading: 'Who gets access',
    relation: 'Relation',
    contracts: 'Contracts',
    allContracts: 'All contracts, current and future',
    access: 'Access',
    noGrantYet: 'Not created yet',
    activatedOn: 'Activated on',
    email: 'E-mail',
    mailBounced: 'An e-mail to this address bounced: check the address with the person.',
    mailComplained: 'This person marked our e-mail as spam: no more e-mail reaches them.',
    revoke: {
      summary: (name) => `Revoke the access of ${name}`,
      intro: 'The access ends at once. The signed form and the history are kept.',
      reasonLabel: 'Reason for revoking',
      reasonHint: 'Kept with the history (at most 500 characters).',
      confirm: 'I confirm: revoke this access now',
      button: 'Revoke access',
    },
  },
  actions: {
    heading: 'What you can do',
    none: 'The request has ended: there is nothing left to send or cancel.',
    revokeBelow: 'An access can still be revoked below, under “Who gets access”.',
    remind: {
      button: 'Send a reminder',
      signerHint: (who) => `Sends the signing e-mail to ${who} again, with a new link. At most one reminder an hour.`,
      granteesHint: 'Sends the activation e-mail again, with a new link, to each person who has not activated yet. At most one reminder an hour.',
    },
    cancel: {
      summary: 'Cancel the request',
      intro: 'The request stops for good. Accesses not yet activated are withdrawn; active accesses stay until you revoke them.',
      reasonLabel: 'Reason (optional)',
      reasonHint: 'Kept with the history (at most 500 characters).',
      confirm: 'I confirm: cancel this request',
      button: 'Confirm the cancellation',
    },
  },
  review: {
    heading: 'Review the scanned signature',
    intro: (who) => `${who} signed by hand and sent a scan. Compare it with the generated form: is it this form, complete and signed by this person?`,
    formTitle: 'Generated form',
    scanTitle: 'Scan of the signed form',
    open: (document) => `Open the ${document.toLowerCase()} in a new tab`,
    approveHeading: 'Approve',
    approveHint: 'The signature counts and the request moves on.',
    approve: 'Approve the scan',
    rejectHeading: 'Reject',
    rejectLabel: 'Reason for rejecting',
    rejectHint: 'The signer reads it in the e-mail that asks them to sign again (at most 1000 characters).',
    reject: 'Reject the scan',
  },
  done: {
    reminded: (count) => `The reminder was sent (${count} ${count === 1 ? 'e-mail' : 'e-mails'}).`,
    cancelled: 'The request was cancelled.',
    approved: 'You approved the scan. The request moves on.',
    rejected: 'You rejected the scan. The signer is asked to sign again, with your reason.',
    revoked: 'The access was revoked. It ended at once.',
  },
  refusal: {
    heading: 'Nothing was changed',
    blocked: {
      remind: (status) => `No reminder was sent: the request is “${status}”, and nobody is waiting for an e-mail in that state.`,
      cancel: (status) => `The request was not cancelled: it has already ended (“${status}”).`,
      review: (status) => `Nothing was recorded: no scan is waiting for your review (the request is “${status}”).`,
      revoke: (status) => `The access was not revoked: it is already “${status}”.`,
    },
    tooManyReminders: (last, next) => `No reminder was sent: the last one went out on ${last}. You can send the next one from ${next}.`,
    confirmMissing: { cancel: 'Tick “I confirm” to cancel the request.', revoke: 'Tick “I confirm” to revoke the access.' },
    reasonMissing: {
      review: 'Give the reason for rejecting the scan: the signer reads it.',
      revoke: 'Give the reason for revoking the access: it is kept with the history.',
      cancel: 'Give a reason, or leave the field empty.',
    },
    reasonTooLong: (max) => `The reason is too long: at most ${max} characters.`,
    reasonUnsafe: (character) => `The reason holds a character that cannot be shown safely (${character}). Remove it and try again.`,
    fieldProblem: (message) => `A field was refused: ${message}`,
    grantNotHere: 'This access is not one of this request.',
    busy: 'The service is busy. Nothing was changed; try again in a moment.',
    other: (message) => `The request refused the change: ${message}`,
  },
  notFound: {
    title: 'Request not found',
    text: 'There is no such request among your office’s requests. The link may be incomplete, or the request belongs to another office.',
    back: 'Back to all requests',
  },
  documentMissing: { title: 'Document not found', text: 'This request has no such document (yet).', back: 'Back to the request' },
  unavailable: { title: 'The request cannot be shown right now', text: 'The service is busy or met a problem. Nothing was changed; try again in a moment.' },
};

const nl: RequestTexts = {
  pageTitle: (client) => `Aanvraag voor ${client}`,
  erasedPageTitle: (requestId) => `Aanvraag ${requestId}`,
  backToList: 'Alle aanvragen',
  facts: {
    heading: 'Over deze aanvraag',
    requestId: 'Aanvraag',
    clientRef: 'Klantreferentie',
    status: 'Status',
    filedOn: 'Ingediend op',
    requestDate: 'Datum van de aanvraag',
    requester: 'Aanvrager',
    legalRepresentative: 'Wettelijke vertegenwoordiger',
    erasedOn: 'Persoonsgegevens gewist op',
    retainUntil: 'Persoonsgegevens bewaard tot',
    outcome: 'Beëindigd op',
  },
  erasedNotice: 'De persoonsgegevens van deze aanvraag zijn gewist: alleen de referenties, de statussen en de historiek blijven over.',
  status: {
    SUBMITTED: 'Ingediend',
    AWAITING_SIGNATURE: 'Wacht op handtekening aanvrager',
    AWAITING_REVIEW: 'Wacht op uw beoordeling',
    AWAITING_LEGAL_REPRESENTATIVE: 'Wacht op wettelijke vertegenwoordiger',
    AWAITING_ACTIVATION: 'Wacht op activering',
    COMPLETED: 'Afgerond',
    DECLINED: 'Geweigerd',
    EXPIRED: 'Verlopen',
    CANCELLED: 'Geannuleerd',
    FAILED: 'Mislukt',
  },
  grantStatus: { pending: 'Nog niet geactiveerd', active: 'Actief', revoked: 'Ingetrokken', expired: 'Verlopen (nooit geactiveerd)' },
  relation: { policyholder: 'Verzekeringnemer', insured: 'Verzekerde', other: 'Gevolmachtigde', legalRepresentative: 'Wettelijke vertegenwoordiger' },
  role: { requester: 'aanvrager', legalRepresentative: 'wettelijke vertegenwoordiger' },
  method: { advanced: 'geavanceerde elektronische handtekening (ondertekendienst)', eid: 'Belgische eID', handwritten: 'met de hand ondertekend en ingescand' },
  refusalReason: {
    not_pdf: 'het bestand is geen PDF',
    unsigned: 'de PDF draagt geen elektronische handtekening',
    broken: 'de elektronische handtekening is beschadigd',
    modified: 'het document werd gewijzigd na de ondertekening',
    other_document: 'het is niet het formulier van deze aanvraag',
    other_signer: 'iemand anders heeft ondertekend',
    untrusted: 'het certificaat is niet erkend',
    not_valid_at_signing: 'het certificaat was niet geldig bij de ondertekening',
    active_content: 'de PDF bevat actieve inhoud',
  },
  mailKind: {
    signatureInvitation: 'uitnodiging om te ondertekenen',
    signatureReminder: 'herinnering om te ondertekenen',
    scanRejected: 'geweigerde scan',
    activationInvitation: 'uitnodiging om te activeren',
    activationReminder: 'herinnering om te activeren',
  },
  bounceType: { permanent: 'blijvend', transient: 'tijdelijk', undetermined: 'oorzaak onbekend' },
  signerPhrase: (role, name) => (name ? `${name} (${nl.role[role]})` : `de ${nl.role[role]}`),
  steps: {
    heading: 'Waar de aanvraag staat',
    names: {
      form: 'Formulier aangemaakt',
      requesterSignature: 'Handtekening van de aanvrager',
      requesterReview: 'Uw beoordeling van de scan',
      legalRepresentativeSignature: 'Handtekening van de wettelijke vertegenwoordiger',
      legalRepresentativeReview: 'Uw beoordeling van de scan van de vertegenwoordiger',
      grants: 'Toegangen aangemaakt',
      activation: 'Activering door de personen met toegang',
      completed: 'Afgerond',
      evidence: 'Bewijs verzegeld',
    },
    ended: { DECLINED: 'Geweigerd', EXPIRED: 'Verlopen', CANCELLED: 'Geannuleerd', FAILED: 'Mislukt' },
    state: { done: 'Klaar', current: 'Huidige stap', ahead: 'Nog te doen', ended: 'Hier beëindigd', notReached: 'Niet bereikt' },
    doneAt: (when) => `op ${when}`,
    since: (when) => `sinds ${when}`,
    endedAt: (when) => `op ${when}`,
    waitsFor: {
      form: 'Het formulier wordt aangemaakt.',
      signer: (who) => `Wacht op de handtekening van ${who}.`,
      review: 'Wacht op u: bekijk de scan hieronder en keur hem goed of af.',
      grants: 'De toegangen worden aangemaakt.',
      activation: (answered, total) => `${answered} van ${total} ${total === 1 ? 'persoon heeft' : 'personen hebben'} op de activeringsmail gereageerd.`,
      completion: 'De aanvraag wordt afgerond.',
      sealing: 'Het voltooiingscertificaat wordt verzegeld.',
    },
  },
  history: {
    heading: 'Historiek',
    caption: 'Elke stap van deze aanvraag, de oudste eerst',
    when: 'Wanneer',
    who: 'Wie',
    what: 'Wat',
    intact: 'De historiek is intact: elke stap klopt met de vorige.',
    broken: 'Opgelet: de historiek klopt niet. Een stap werd gewijzigd of verwijderd nadat hij werd vastgelegd. Bewaar deze pagina en neem contact op met uw beheerder.',
    reason: (text) => `Reden: “${text}”`,
    reasonErased: 'De reden werd gewist met de persoonsgegevens.',
    unknownEntry: (type) => `Stap “${type}”`,
  },
  actor: { workflow: 'Systeem', broker: (office) => `Makelaar (kantoor ${office})`, mailFeedback: 'E-maildienst' },
  events: {
    submitted: (d) => `Aanvraag ingediend (klantreferentie ${d.clientRef}; ${d.grantees} ${d.grantees === 1 ? 'persoon krijgt' : 'personen krijgen'} toegang)`,
    formGenerated: (d) => (d.legalRepresentativeMustApprove ? 'Formulier aangemaakt; ook de wettelijke vertegenwoordiger moet het ondertekenen' : 'Formulier aangemaakt'),
    signatureRequested: (d, a) =>
      d.reminder
        ? `${a.signer(d.role)} kreeg een herinnering om te ondertekenen`
        : d.round > 1
          ? `${a.signer(d.role)} werd gevraagd opnieuw te ondertekenen (ronde ${d.round})`
          : `${a.signer(d.role)} werd gevraagd te ondertekenen`,
    signatureReceived: (d, a) => (d.method === 'handwritten' ? `${a.signer(d.role)} stuurde een scan van het met de hand ondertekende formulier` : `${a.signer(d.role)} heeft ondertekend: ${nl.method[d.method]}`),
    signatureRefused: (d, a) => `Een ondertekend bestand van ${a.signer(d.role)} werd geweigerd: ${nl.refusalReason[d.reason]}`,
    scanReviewRequested: (d, a) => `De scan van ${a.signer(d.role)} wacht op uw beoordeling`,
    scanReviewed: (d, a) => (d.decision === 'approve' ? `De scan van ${a.signer(d.role)} werd goedgekeurd` : `De scan van ${a.signer(d.role)} werd afgekeurd; gevraagd opnieuw te ondertekenen`),
    signatureDeclined: (d, a) => `${a.signer(d.role)} weigerde te ondertekenen`,
    grantsCreated: (d, a) => `Toegang aangemaakt voor ${a.grantees(d.grantIds)}, wacht op activering`,
    activationRequested: (d, a) =>
      d.reminder
        ? `${a.grantee(d.grantId)} kreeg een herinnering om de toegang te activeren`
        : d.round > 1
          ? `${a.grantee(d.grantId)} werd opnieuw gevraagd de toegang te activeren (ronde ${d.round})`
          : `${a.grantee(d.grantId)} werd gevraagd de toegang te activeren`,
    grantActivated: (d, a) => `${a.grantee(d.grantId)} heeft de toegang geactiveerd`,
    grantExpired: (d, a) => `De toegang van ${a.grantee(d.grantId)} is verlopen: hij werd nooit geactiveerd`,
    grantRevoked: (d, a) => `De toegang van ${a.grantee(d.grantId)} werd ingetrokken`,
    reminderRequested: (d) => `Herinnering verstuurd (${d.recipients} ${d.recipients === 1 ? 'e-mail' : 'e-mails'})`,
    mailBounced: (d, a) => `De e-mail (${nl.mailKind[d.mail]}) aan ${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} kwam niet aan (${nl.bounceType[d.bounceType]}): controleer het adres`,
    mailComplained: (d, a) => `${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} markeerde de e-mail (${nl.mailKind[d.mail]}) als spam: er komt geen e-mail meer aan bij deze persoon`,
    cancelled: (d, a) => (d.withdrawnGrantIds.length ? `Aanvraag geannuleerd; toegang vóór activering ingetrokken voor ${a.grantees(d.withdrawnGrantIds)}` : 'Aanvraag geannuleerd'),
    completed: (d) => `Aanvraag afgerond: ${d.activeGrants} ${d.activeGrants === 1 ? 'actieve toegang' : 'actieve toegangen'}, ${d.expiredGrants} nooit geactiveerd`,
    evidenceSealed: (d) => `Voltooiingscertificaat verzegeld (SHA-256 ${d.sha256.slice(0, 12)}…)`,
    declined: (d) => (d.by === 'signer' ? 'Aanvraag geweigerd door de ondertekenaar' : 'Aanvraag geweigerd: te veel scans afgekeurd'),
    expired: () => 'Aanvraag verlopen: ze werd niet op tijd ondertekend',
    failed: (d) => `Aanvraag mislukt (${d.error})${d.cause ? `: ${d.cause}` : ''}`,
    erased: (d) =>
      `Persoonsgegevens gewist ${d.reason === 'retention' ? 'aan het einde van de bewaartermijn' : 'op verzoek van de klant'} (${d.documents} ${d.documents === 1 ? 'document' : 'documenten'})`,
  },
  documents: {
    heading: 'Documenten',
    form: 'Aangemaakt formulier',
    requesterSignature: 'Ondertekend formulier van de aanvrager',
    legalRepresentativeSignature: 'Ondertekend formulier van de wettelijke vertegenwoordiger',
    certificate: 'Voltooiingscertificaat (verzegeld)',
    evidencePackage: 'Bewijspakket',
    evidencePackageHint: 'De volledige historiek, de documenten en het verzegelde certificaat in één bestand, om offline te controleren (npm run verify-evidence).',
    download: (document) => `Downloaden: ${document}`,
    sha256: 'SHA-256',
    received: (method, when) => `${method}, ontvangen op ${when}`,
    none: 'Nog geen documenten.',
  },
  grantees: {
    heading: 'Wie krijgt toegang',
    relation: 'Relatie',
    contracts: 'Contracten',
    allContracts: 'Alle contracten, huidige en toekomstige',
    access: 'Toegang',
    noGrantYet: 'Nog niet aangemaakt',
    activatedOn: 'Geactiveerd op',
    email: 'E-mail',
    mailBounced: 'Een e-mail aan dit adres kwam niet aan: controleer het adres met de persoon.',
    mailComplained: 'Deze persoon markeerde onze e-mail als spam: er komt geen e-mail meer aan.',
    revoke: {
      summary: (name) => `De toegang van ${name} intrekken`,
      intro: 'De toegang stopt onmiddellijk. Het ondertekende formulier en de historiek blijven bewaard.',
      reasonLabel: 'Reden van de intrekking',
      reasonHint: 'Wordt bij de historiek bewaard (hoogstens 500 tekens).',
      confirm: 'Ik bevestig: deze toegang nu intrekken',
      button: 'Toegang intrekken',
    },
  },
  actions: {
    heading: 'Wat u kunt doen',
    none: 'De aanvraag is beëindigd: er valt niets meer te versturen of te annuleren.',
    revokeBelow: 'Een toegang kan nog worden ingetrokken, hieronder bij “Wie krijgt toegang”.',
    remind: {
      button: 'Herinnering sturen',
      signerHint: (who) => `Stuurt de e-mail om te ondertekenen opnieuw naar ${who}, met een nieuwe link. Hoogstens één herinnering per uur.`,
      granteesHint: 'Stuurt de activeringsmail opnieuw, met een nieuwe link, naar elke persoon die nog niet heeft geactiveerd. Hoogstens één herinnering per uur.',
    },
    cancel: {
      summary: 'De aanvraag annuleren',
      intro: 'De aanvraag stopt definitief. Toegangen die nog niet geactiveerd zijn, worden ingetrokken; actieve toegangen blijven tot u ze intrekt.',
      reasonLabel: 'Reden (niet verplicht)',
      reasonHint: 'Wordt bij de historiek bewaard (hoogstens 500 tekens).',
      confirm: 'Ik bevestig: deze aanvraag annuleren',
      button: 'Annulering bevestigen',
    },
  },
  review: {
    heading: 'De ingescande handtekening beoordelen',
    intro: (who) => `${who} heeft met de hand ondertekend en een scan gestuurd. Vergelijk hem met het aangemaakte formulier: is het dit formulier, volledig en ondertekend door deze persoon?`,
    formTitle: 'Aangemaakt formulier',
    scanTitle: 'Scan van het ondertekende formulier',
    open: (document) => `${document} openen in een nieuw tabblad`,
    approveHeading: 'Goedkeuren',
    approveHint: 'De handtekening telt en de aanvraag gaat verder.',
    approve: 'Scan goedkeuren',
    rejectHeading: 'Afkeuren',
    rejectLabel: 'Reden van de afkeuring',
    rejectHint: 'De ondertekenaar leest ze in de e-mail die vraagt om opnieuw te ondertekenen (hoogstens 1000 tekens).',
    reject: 'Scan afkeuren',
  },
  done: {
    reminded: (count) => `De herinnering is verstuurd (${count} ${count === 1 ? 'e-mail' : 'e-mails'}).`,
    cancelled: 'De aanvraag is geannuleerd.',
    approved: 'U hebt de scan goedgekeurd. De aanvraag gaat verder.',
    rejected: 'U hebt de scan afgekeurd. De ondertekenaar wordt gevraagd opnieuw te ondertekenen, met uw reden.',
    revoked: 'De toegang is ingetrokken. Hij is onmiddellijk gestopt.',
  },
  refusal: {
    heading: 'Er is niets gewijzigd',
    blocked: {
      remind: (status) => `Er werd geen herinnering verstuurd: de aanvraag staat op “${status}” en in die status wacht niemand op een e-mail.`,
      cancel: (status) => `De aanvraag werd niet geannuleerd: ze is al beëindigd (“${status}”).`,
      review: (status) => `Er werd niets vastgelegd: er wacht geen scan op uw beoordeling (de aanvraag staat op “${status}”).`,
      revoke: (status) => `De toegang werd niet ingetrokken: hij staat al op “${status}”.`,
    },
    tooManyReminders: (last, next) => `Er werd geen herinnering verstuurd: de vorige vertrok op ${last}. U kunt de volgende sturen vanaf ${next}.`,
    confirmMissing: { cancel: 'Vink “Ik bevestig” aan om de aanvraag te annuleren.', revoke: 'Vink “Ik bevestig” aan om de toegang in te trekken.' },
    reasonMissing: {
      review: 'Geef de reden van de afkeuring: de ondertekenaar leest ze.',
      revoke: 'Geef de reden van de intrekking: ze wordt bij de historiek bewaard.',
      cancel: 'Geef een reden, of laat het veld leeg.',
    },
    reasonTooLong: (max) => `De reden is te lang: hoogstens ${max} tekens.`,
    reasonUnsafe: (character) => `De reden bevat een teken dat niet veilig kan worden getoond (${character}). Verwijder het en probeer opnieuw.`,
    fieldProblem: (message) => `Een veld werd geweigerd: ${message}`,
    grantNotHere: 'Deze toegang hoort niet bij deze aanvraag.',
    busy: 'De dienst is druk bezet. Er is niets gewijzigd; probeer het zo meteen opnieuw.',
    other: (message) => `De wijziging werd geweigerd: ${message}`,
  },
  notFound: {
    title: 'Aanvraag niet gevonden',
    text: 'Er is geen zulke aanvraag bij de aanvragen van uw kantoor. Misschien is de link onvolledig, of hoort de aanvraag bij een ander kantoor.',
    back: 'Terug naar alle aanvragen',
  },
  documentMissing: { title: 'Document niet gevonden', text: 'Deze aanvraag heeft (nog) geen zulk document.', back: 'Terug naar de aanvraag' },
  unavailable: { title: 'De aanvraag kan nu niet worden getoond', text: 'De dienst is druk bezet of ondervond een probleem. Er is niets gewijzigd; probeer het zo meteen opnieuw.' },
};

const fr: RequestTexts = {
  pageTitle: (client) => `Demande pour ${client}`,
  erasedPageTitle: (requestId) => `Demande ${requestId}`,
  backToList: 'Toutes les demandes',
  facts: {
    heading: 'À propos de cette demande',
    requestId: 'Demande',
    clientRef: 'Référence client',
    status: 'Statut',
    filedOn: 'Introduite le',
    requestDate: 'Date de la demande',
    requester: 'Demandeur',
    legalRepresentative: 'Représentant légal',
    erasedOn: 'Données personnelles effacées le',
    retainUntil: 'Données personnelles conservées jusqu’au',
    outcome: 'Terminée le',
  },
  erasedNotice: 'Les données personnelles de cette demande ont été effacées\u00a0: seuls ses références, ses statuts et son historique subsistent.',
  status: {
    SUBMITTED: 'Introduite',
    AWAITING_SIGNATURE: 'En attente de la signature du demandeur',
    AWAITING_REVIEW: 'En attente de votre vérification',
    AWAITING_LEGAL_REPRESENTATIVE: 'En attente du représentant légal',
    AWAITING_ACTIVATION: 'En attente d’activation',
    COMPLETED: 'Terminée',
    DECLINED: 'Refusée',
    EXPIRED: 'Expirée',
    CANCELLED: 'Annulée',
    FAILED: 'En échec',
  },
  grantStatus: { pending: 'Pas encore activé', active: 'Actif', revoked: 'Révoqué', expired: 'Expiré (jamais activé)' },
  relation: { policyholder: 'Preneur d’assurance', insured: 'Assuré', other: 'Mandataire', legalRepresentative: 'Représentant légal' },
  role: { requester: 'demandeur', legalRepresentative: 'représentant légal' },
  method: { advanced: 'signature électronique avancée (service de signature)', eid: 'eID belge', handwritten: 'signé à la main et scanné' },
  refusalReason: {
    not_pdf: 'le fichier n’est pas un PDF',
    unsigned: 'le PDF ne porte aucune signature électronique',
    broken: 'la signature électronique est endommagée',
    modified: 'le document a été modifié après la signature',
    other_document: 'ce n’est pas le formulaire de cette demande',
    other_signer: 'quelqu’un d’autre a signé',
    untrusted: 'le certificat n’est pas reconnu',
    not_valid_at_signing: 'le certificat n’était pas valide au moment de la signature',
    active_content: 'le PDF contient du contenu actif',
  },
  mailKind: {
    signatureInvitation: 'invitation à signer',
    signatureReminder: 'rappel pour signer',
    scanRejected: 'scan refusé',
    activationInvitation: 'invitation à activer',
    activationReminder: 'rappel pour activer',
  },
  bounceType: { permanent: 'définitif', transient: 'temporaire', undetermined: 'cause inconnue' },
  signerPhrase: (role, name) => (name ? `${name} (${fr.role[role]})` : `le ${fr.role[role]}`),
  steps: {
    heading: 'Où en est la demande',
    names: {
      form: 'Formulaire généré',
      requesterSignature: 'Signature du demandeur',
      requesterReview: 'Votre vérification du scan',
      legalRepresentativeSignature: 'Signature du représentant légal',
      legalRepresentativeReview: 'Votre vérification du scan du représentant',
      grants: 'Accès créés',
      activation: 'Activation par les bénéficiaires',
      completed: 'Terminée',
      evidence: 'Preuve scellée',
    },
    ended: { DECLINED: 'Refusée', EXPIRED: 'Expirée', CANCELLED: 'Annulée', FAILED: 'En échec' },
    state: { done: 'Fait', current: 'Étape en cours', ahead: 'À venir', ended: 'Terminée ici', notReached: 'Non atteinte' },
    doneAt: (when) => `le ${when}`,
    since: (when) => `depuis le ${when}`,
    endedAt: (when) => `le ${when}`,
    waitsFor: {
      form: 'Le formulaire est en cours de génération.',
      signer: (who) => `En attente de la signature\u00a0: ${who}.`,
      review: 'En attente de vous\u00a0: vérifiez le scan ci-dessous, puis approuvez-le ou refusez-le.',
      grants: 'Les accès sont en cours de création.',
      activation: (answered, total) => `${answered} ${answered === 1 ? 'personne sur' : 'personnes sur'} ${total} ${answered === 1 ? 'a' : 'ont'} répondu à l’e-mail d’activation.`,
      completion: 'La demande est en cours de clôture.',
      sealing: 'Le certificat d’achèvement est en cours de scellement.',
    },
  },
  history: {
    heading: 'Historique',
    caption: 'Chaque étape de cette demande, de la plus ancienne à la plus récente',
    when: 'Quand',
    who: 'Qui',
    what: 'Quoi',
    intact: 'L’historique est intact\u00a0: chaque entrée concorde avec la précédente.',
    broken: 'Attention\u00a0: l’historique ne concorde pas. Une entrée a été modifiée ou supprimée après son enregistrement. Conservez cette page et contactez votre administrateur.',
    reason: (text) => `Motif\u00a0: «\u00a0${text}\u00a0»`,
    reasonErased: 'Le motif a été effacé avec les données personnelles.',
    unknownEntry: (type) => `Entrée «\u00a0${type}\u00a0»`,
  },
  actor: { workflow: 'Système', broker: (office) => `Courtier (bureau ${office})`, mailFeedback: 'Service de messagerie' },
  events: {
    submitted: (d) => `Demande introduite (référence client ${d.clientRef}\u00a0; ${d.grantees} ${d.grantees === 1 ? 'personne recevra' : 'personnes recevront'} un accès)`,
    formGenerated: (d) => (d.legalRepresentativeMustApprove ? 'Formulaire généré\u00a0; le représentant légal doit aussi le signer' : 'Formulaire généré'),
    signatureRequested: (d, a) =>
      d.reminder
        ? `${a.signer(d.role)}\u00a0: rappel pour signer envoyé`
        : d.round > 1
          ? `${a.signer(d.role)}\u00a0: nouvelle invitation à signer (tour ${d.round})`
          : `${a.signer(d.role)}\u00a0: invitation à signer envoyée`,
    signatureReceived: (d, a) => (d.method === 'handwritten' ? `${a.signer(d.role)} a envoyé le scan du formulaire signé à la main` : `${a.signer(d.role)} a signé\u00a0: ${fr.method[d.method]}`),
    signatureRefused: (d, a) => `Un fichier signé envoyé par ${a.signer(d.role)} a été refusé\u00a0: ${fr.refusalReason[d.reason]}`,
    scanReviewRequested: (d, a) => `Le scan envoyé par ${a.signer(d.role)} attend votre vérification`,
    scanReviewed: (d, a) => (d.decision === 'approve' ? `Le scan envoyé par ${a.signer(d.role)} a été approuvé` : `Le scan envoyé par ${a.signer(d.role)} a été refusé\u00a0; nouvelle signature demandée`),
    signatureDeclined: (d, a) => `${a.signer(d.role)} a refusé de signer`,
    grantsCreated: (d, a) => `Accès créé pour ${a.grantees(d.grantIds)}, en attente d’activation`,
    activationRequested: (d, a) =>
      d.reminder
        ? `${a.grantee(d.grantId)}\u00a0: rappel pour activer l’accès envoyé`
        : d.round > 1
          ? `${a.grantee(d.grantId)}\u00a0: nouvelle invitation à activer l’accès (tour ${d.round})`
          : `${a.grantee(d.grantId)}\u00a0: invitation à activer l’accès envoyée`,
    grantActivated: (d, a) => `${a.grantee(d.grantId)} a activé l’accès`,
    grantExpired: (d, a) => `L’accès de ${a.grantee(d.grantId)} a expiré\u00a0: il n’a jamais été activé`,
    grantRevoked: (d, a) => `L’accès de ${a.grantee(d.grantId)} a été révoqué`,
    reminderRequested: (d) => `Rappel envoyé (${d.recipients} ${d.recipients === 1 ? 'e-mail' : 'e-mails'})`,
    mailBounced: (d, a) => `L’e-mail (${fr.mailKind[d.mail]}) pour ${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} n’a pas été délivré (${fr.bounceType[d.bounceType]})\u00a0: vérifiez l’adresse`,
    mailComplained: (d, a) => `${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} a signalé l’e-mail (${fr.mailKind[d.mail]}) comme spam\u00a0: plus aucun e-mail ne parvient à cette personne`,
    cancelled: (d, a) => (d.withdrawnGrantIds.length ? `Demande annulée\u00a0; accès retiré avant activation pour ${a.grantees(d.withdrawnGrantIds)}` : 'Demande annulée'),
    completed: (d) => `Demande terminée\u00a0: ${d.activeGrants} ${d.activeGrants === 1 ? 'accès actif' : 'accès actifs'}, ${d.expiredGrants} jamais ${d.expiredGrants === 1 ? 'activé' : 'activés'}`,
    evidenceSealed: (d) => `Certificat d’achèvement scellé (SHA-256 ${d.sha256.slice(0, 12)}…)`,
    declined: (d) => (d.by === 'signer' ? 'Demande refusée par le signataire' : 'Demande refusée\u00a0: trop de scans refusés'),
    expired: () => 'Demande expirée\u00a0: elle n’a pas été signée à temps',
    failed: (d) => `Demande en échec (${d.error})${d.cause ? `\u00a0: ${d.cause}` : ''}`,
    erased: (d) =>
      `Données personnelles effacées ${d.reason === 'retention' ? 'à la fin du délai de conservation' : 'à la demande du client'} (${d.documents} ${d.documents === 1 ? 'document' : 'documents'})`,
  },
  documents: {
    heading: 'Documents',
    form: 'Formulaire généré',
    requesterSignature: 'Formulaire signé par le demandeur',
    legalRepresentativeSignature: 'Formulaire signé par le représentant légal',
    certificate: 'Certificat d’achèvement (scellé)',
    evidencePackage: 'Dossier de preuve',
    evidencePackageHint: 'Tout l’historique, les documents et le certificat scellé dans un seul fichier, à vérifier hors ligne (npm run verify-evidence).',
    download: (document) => `Télécharger\u00a0: ${document}`,
    sha256: 'SHA-256',
    received: (method, when) => `${method}, reçu le ${when}`,
    none: 'Pas encore de documents.',
  },
  grantees: {
    heading: 'Qui reçoit l’accès',
    relation: 'Relation',
    contracts: 'Contrats',
    allContracts: 'Tous les contrats, actuels et futurs',
    access: 'Accès',
    noGrantYet: 'Pas encore créé',
    activatedOn: 'Activé le',
    email: 'E-mail',
    mailBounced: 'Un e-mail à cette adresse n’a pas été délivré\u00a0: vérifiez l’adresse avec la personne.',
    mailComplained: 'Cette personne a signalé notre e-mail comme spam\u00a0: plus aucun e-mail ne lui parvient.',
    revoke: {
      summary: (name) => `Révoquer l’accès de ${name}`,
      intro: 'L’accès prend fin immédiatement. Le formulaire signé et l’historique sont conservés.',
      reasonLabel: 'Motif de la révocation',
      reasonHint: 'Conservé avec l’historique (500 caractères au plus).',
      confirm: 'Je confirme\u00a0: révoquer cet accès maintenant',
      button: 'Révoquer l’accès',
    },
  },
  actions: {
    heading: 'Ce que vous pouvez faire',
    none: 'La demande est terminée\u00a0: il n’y a plus rien à envoyer ni à annuler.',
    revokeBelow: 'Un accès peut encore être révoqué ci-dessous, sous «\u00a0Qui reçoit l’accès\u00a0».',
    remind: {
      button: 'Envoyer un rappel',
      signerHint: (who) => `Renvoie l’e-mail de signature à ${who}, avec un nouveau lien. Un rappel par heure au plus.`,
      granteesHint: 'Renvoie l’e-mail d’activation, avec un nouveau lien, à chaque personne qui n’a pas encore activé son accès. Un rappel par heure au plus.',
    },
    cancel: {
      summary: 'Annuler la demande',
      intro: 'La demande s’arrête définitivement. Les accès pas encore activés sont retirés\u00a0; les accès actifs restent jusqu’à ce que vous les révoquiez.',
      reasonLabel: 'Motif (facultatif)',
      reasonHint: 'Conservé avec l’historique (500 caractères au plus).',
      confirm: 'Je confirme\u00a0: annuler cette demande',
      button: 'Confirmer l’annulation',
    },
  },
  review: {
    heading: 'Vérifier la signature scannée',
    intro: (who) => `${who} a signé à la main et envoyé un scan. Comparez-le au formulaire généré\u00a0: est-ce bien ce formulaire, complet et signé par cette personne\u00a0?`,
    formTitle: 'Formulaire généré',
    scanTitle: 'Scan du formulaire signé',
    open: (document) => `Ouvrir «\u00a0${document}\u00a0» dans un nouvel onglet`,
    approveHeading: 'Approuver',
    approveHint: 'La signature compte et la demande continue.',
    approve: 'Approuver le scan',
    rejectHeading: 'Refuser',
    rejectLabel: 'Motif du refus',
    rejectHint: 'Le signataire le lit dans l’e-mail qui lui demande de signer à nouveau (1000 caractères au plus).',
    reject: 'Refuser le scan',
  },
  done: {
    reminded: (count) => `Le rappel a été envoyé (${count} ${count === 1 ? 'e-mail' : 'e-mails'}).`,
    cancelled: 'La demande a été annulée.',
    approved: 'Vous avez approuvé le scan. La demande continue.',
    rejected: 'Vous avez refusé le scan. Le signataire est invité à signer à nouveau, avec votre motif.',
    revoked: 'L’accès a été révoqué. Il a pris fin immédiatement.',
  },
  refusal: {
    heading: 'Rien n’a été modifié',
    blocked: {
      remind: (status) => `Aucun rappel n’a été envoyé\u00a0: la demande est «\u00a0${status}\u00a0», et personne n’attend d’e-mail dans cet état.`,
      cancel: (status) => `La demande n’a pas été annulée\u00a0: elle est déjà terminée («\u00a0${status}\u00a0»).`,
      review: (status) => `Rien n’a été enregistré\u00a0: aucun scan n’attend votre vérification (la demande est «\u00a0${status}\u00a0»).`,
      revoke: (status) => `L’accès n’a pas été révoqué\u00a0: il est déjà «\u00a0${status}\u00a0».`,
    },
    tooManyReminders: (last, next) => `Aucun rappel n’a été envoyé\u00a0: le dernier est parti le ${last}. Vous pourrez envoyer le suivant à partir du ${next}.`,
    confirmMissing: { cancel: 'Cochez «\u00a0Je confirme\u00a0» pour annuler la demande.', revoke: 'Cochez «\u00a0Je confirme\u00a0» pour révoquer l’accès.' },
    reasonMissing: {
      review: 'Indiquez le motif du refus\u00a0: le signataire le lira.',
      revoke: 'Indiquez le motif de la révocation\u00a0: il est conservé avec l’historique.',
      cancel: 'Indiquez un motif, ou laissez le champ vide.',
    },
    reasonTooLong: (max) => `Le motif est trop long\u00a0: ${max} caractères au plus.`,
    reasonUnsafe: (character) => `Le motif contient un caractère qui ne peut pas être affiché sans risque (${character}). Supprimez-le et réessayez.`,
    fieldProblem: (message) => `Un champ a été refusé\u00a0: ${message}`,
    grantNotHere: 'Cet accès ne fait pas partie de cette demande.',
    busy: 'Le service est surchargé. Rien n’a été modifié\u00a0; réessayez dans un instant.',
    other: (message) => `La modification a été refusée\u00a0: ${message}`,
  },
  notFound: {
    title: 'Demande introuvable',
    text: 'Cette demande ne figure pas parmi celles de votre bureau. Le lien est peut-être incomplet, ou la demande appartient à un autre bureau.',
    back: 'Retour à toutes les demandes',
  },
  documentMissing: { title: 'Document introuvable', text: 'Cette demande n’a pas (encore) ce document.', back: 'Retour à la demande' },
  unavailable: { title: 'La demande ne peut pas être affichée pour l’instant', text: 'Le service est surchargé ou a rencontré un problème. Rien n’a été modifié\u00a0; réessayez dans un instant.' },
};

const de: RequestTexts = {
  pageTitle: (client) => `Antrag für ${client}`,
  erasedPageTitle: (requestId) => `Antrag ${requestId}`,
  backToList: 'Alle Anträge',
  facts: {
    heading: 'Zu diesem Antrag',
    requestId: 'Antrag',
    clientRef: 'Kundenreferenz',
    status: 'Status',
    filedOn: 'Eingereicht am',
    requestDate: 'Datum des Antrags',
    requester: 'Antragsteller',
    legalRepresentative: 'Gesetzlicher Vertreter',
    erasedOn: 'Personendaten gelöscht am',
    retainUntil: 'Personendaten aufbewahrt bis',
    outcome: 'Beendet am',
  },
  erasedNotice: 'Die Personendaten dieses Antrags wurden gelöscht: Nur seine Referenzen, Status und Verlauf bleiben erhalten.',
  status: {
    SUBMITTED: 'Eingereicht',
    AWAITING_SIGNATURE: 'Wartet auf Unterschrift des Antragstellers',
    AWAITING_REVIEW: 'Wartet auf Ihre Prüfung',
    AWAITING_LEGAL_REPRESENTATIVE: 'Wartet auf den gesetzlichen Vertreter',
    AWAITING_ACTIVATION: 'Wartet auf Aktivierung',
    COMPLETED: 'Abgeschlossen',
    DECLINED: 'Abgelehnt',
    EXPIRED: 'Abgelaufen',
    CANCELLED: 'Storniert',
    FAILED: 'Fehlgeschlagen',
  },
  grantStatus: { pending: 'Noch nicht aktiviert', active: 'Aktiv', revoked: 'Widerrufen', expired: 'Abgelaufen (nie aktiviert)' },
  relation: { policyholder: 'Versicherungsnehmer', insured: 'Versicherte Person', other: 'Bevollmächtigte Person', legalRepresentative: 'Gesetzlicher Vertreter' },
  role: { requester: 'Antragsteller', legalRepresentative: 'gesetzlicher Vertreter' },
  method: { advanced: 'fortgeschrittene elektronische Signatur (Signaturdienst)', eid: 'belgische eID', handwritten: 'von Hand unterschrieben und eingescannt' },
  refusalReason: {
    not_pdf: 'die Datei ist kein PDF',
    unsigned: 'das PDF trägt keine elektronische Signatur',
    broken: 'die elektronische Signatur ist beschädigt',
    modified: 'das Dokument wurde nach der Unterschrift geändert',
    other_document: 'es ist nicht das Formular dieses Antrags',
    other_signer: 'jemand anderes hat unterschrieben',
    untrusted: 'das Zertifikat ist nicht anerkannt',
    not_valid_at_signing: 'das Zertifikat war bei der Unterschrift nicht gültig',
    active_content: 'das PDF enthält aktive Inhalte',
  },
  mailKind: {
    signatureInvitation: 'Einladung zur Unterschrift',
    signatureReminder: 'Erinnerung zur Unterschrift',
    scanRejected: 'abgelehnter Scan',
    activationInvitation: 'Einladung zur Aktivierung',
    activationReminder: 'Erinnerung zur Aktivierung',
  },
  bounceType: { permanent: 'dauerhaft', transient: 'vorübergehend', undetermined: 'Ursache unbekannt' },
  signerPhrase: (role, name) => (name ? `${name} (${de.role[role]})` : role === 'requester' ? 'der Antragsteller' : 'der gesetzliche Vertreter'),
  steps: {
    heading: 'Wo der Antrag steht',
    names: {
      form: 'Formular erstellt',
      requesterSignature: 'Unterschrift des Antragstellers',
      requesterReview: 'Ihre Prüfung des Scans',
      legalRepresentativeSignature: 'Unterschrift des gesetzlichen Vertreters',
      legalRepresentativeReview: 'Ihre Prüfung des Scans des Vertreters',
      grants: 'Zugänge erstellt',
      activation: 'Aktivierung durch die Zugangsberechtigten',
      completed: 'Abgeschlossen',
      evidence: 'Nachweis versiegelt',
    },
    ended: { DECLINED: 'Abgelehnt', EXPIRED: 'Abgelaufen', CANCELLED: 'Storniert', FAILED: 'Fehlgeschlagen' },
    state: { done: 'Erledigt', current: 'Aktueller Schritt', ahead: 'Steht noch aus', ended: 'Hier beendet', notReached: 'Nicht erreicht' },
    doneAt: (when) => `am ${when}`,
    since: (when) => `seit ${when}`,
    endedAt: (when) => `am ${when}`,
    waitsFor: {
      form: 'Das Formular wird erstellt.',
      signer: (who) => `Wartet auf die Unterschrift: ${who}.`,
      review: 'Wartet auf Sie: Prüfen Sie den Scan unten und genehmigen oder lehnen Sie ihn ab.',
      grants: 'Die Zugänge werden erstellt.',
      activation: (answered, total) => `${answered} von ${total} ${total === 1 ? 'Person hat' : 'Personen haben'} auf die Aktivierungs-E-Mail reagiert.`,
      completion: 'Der Antrag wird abgeschlossen.',
      sealing: 'Das Abschlusszertifikat wird versiegelt.',
    },
  },
  history: {
    heading: 'Verlauf',
    caption: 'Jeder Schritt dieses Antrags, der älteste zuerst',
    when: 'Wann',
    who: 'Wer',
    what: 'Was',
    intact: 'Der Verlauf ist unversehrt: Jeder Eintrag stimmt mit dem vorherigen überein.',
    broken: 'Achtung: Der Verlauf stimmt nicht. Ein Eintrag wurde nach seiner Aufzeichnung geändert oder entfernt. Bewahren Sie diese Seite auf und wenden Sie sich an Ihren Administrator.',
    reason: (text) => `Grund: „${text}“`,
    reasonErased: 'Der Grund wurde mit den Personendaten gelöscht.',
    unknownEntry: (type) => `Eintrag „${type}“`,
  },
  actor: { workflow: 'System', broker: (office) => `Makler (Büro ${office})`, mailFeedback: 'E-Mail-Dienst' },
  events: {
    submitted: (d) => `Antrag eingereicht (Kundenreferenz ${d.clientRef}; ${d.grantees} ${d.grantees === 1 ? 'Person erhält' : 'Personen erhalten'} Zugang)`,
    formGenerated: (d) => (d.legalRepresentativeMustApprove ? 'Formular erstellt; auch der gesetzliche Vertreter muss es unterschreiben' : 'Formular erstellt'),
    signatureRequested: (d, a) =>
      d.reminder
        ? `${a.signer(d.role)} wurde an die Unterschrift erinnert`
        : d.round > 1
          ? `${a.signer(d.role)} wurde erneut um die Unterschrift gebeten (Runde ${d.round})`
          : `${a.signer(d.role)} wurde um die Unterschrift gebeten`,
    signatureReceived: (d, a) => (d.method === 'handwritten' ? `${a.signer(d.role)} hat einen Scan des von Hand unterschriebenen Formulars gesendet` : `${a.signer(d.role)} hat unterschrieben: ${de.method[d.method]}`),
    signatureRefused: (d, a) => `${a.signer(d.role)}: unterschriebene Datei abgelehnt, ${de.refusalReason[d.reason]}`,
    scanReviewRequested: (d, a) => `${a.signer(d.role)}: Scan wartet auf Ihre Prüfung`,
    scanReviewed: (d, a) => (d.decision === 'approve' ? `${a.signer(d.role)}: Scan genehmigt` : `${a.signer(d.role)}: Scan abgelehnt; neue Unterschrift angefordert`),
    signatureDeclined: (d, a) => `${a.signer(d.role)} hat die Unterschrift verweigert`,
    grantsCreated: (d, a) => `Zugang erstellt für ${a.grantees(d.grantIds)}, wartet auf Aktivierung`,
    activationRequested: (d, a) =>
      d.reminder
        ? `${a.grantee(d.grantId)} wurde an die Aktivierung des Zugangs erinnert`
        : d.round > 1
          ? `${a.grantee(d.grantId)} wurde erneut gebeten, den Zugang zu aktivieren (Runde ${d.round})`
          : `${a.grantee(d.grantId)} wurde gebeten, den Zugang zu aktivieren`,
    grantActivated: (d, a) => `${a.grantee(d.grantId)} hat den Zugang aktiviert`,
    grantExpired: (d, a) => `${a.grantee(d.grantId)}: Zugang abgelaufen, er wurde nie aktiviert`,
    grantRevoked: (d, a) => `${a.grantee(d.grantId)}: Zugang widerrufen`,
    reminderRequested: (d) => `Erinnerung gesendet (${d.recipients} ${d.recipients === 1 ? 'E-Mail' : 'E-Mails'})`,
    mailBounced: (d, a) => `${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')}: E-Mail (${de.mailKind[d.mail]}) kam nicht an (${de.bounceType[d.bounceType]}); prüfen Sie die Adresse`,
    mailComplained: (d, a) => `${d.role ? a.signer(d.role) : a.grantee(d.grantId ?? '')} hat die E-Mail (${de.mailKind[d.mail]}) als Spam markiert: Keine E-Mail erreicht diese Person mehr`,
    cancelled: (d, a) => (d.withdrawnGrantIds.length ? `Antrag storniert; Zugang vor der Aktivierung entzogen für ${a.grantees(d.withdrawnGrantIds)}` : 'Antrag storniert'),
    completed: (d) => `Antrag abgeschlossen: ${d.activeGrants} ${d.activeGrants === 1 ? 'aktiver Zugang' : 'aktive Zugänge'}, ${d.expiredGrants} nie aktiviert`,
    evidenceSealed: (d) => `Abschlusszertifikat versiegelt (SHA-256 ${d.sha256.slice(0, 12)}…)`,
    declined: (d) => (d.by === 'signer' ? 'Antrag vom Unterzeichner abgelehnt' : 'Antrag abgelehnt: zu viele Scans abgelehnt'),
    expired: () => 'Antrag abgelaufen: Er wurde nicht rechtzeitig unterschrieben',
    failed: (d) => `Antrag fehlgeschlagen (${d.error})${d.cause ? `: ${d.cause}` : ''}`,
    erased: (d) =>
      `Personendaten gelöscht ${d.reason === 'retention' ? 'am Ende der Aufbewahrungsfrist' : 'auf Wunsch des Kunden'} (${d.documents} ${d.documents === 1 ? 'Dokument' : 'Dokumente'})`,
  },
  documents: {
    heading: 'Dokumente',
    form: 'Erstelltes Formular',
    requesterSignature: 'Vom Antragsteller unterschriebenes Formular',
    legalRepresentativeSignature: 'Vom gesetzlichen Vertreter unterschriebenes Formular',
    certificate: 'Abschlusszertifikat (versiegelt)',
    evidencePackage: 'Nachweispaket',
    evidencePackageHint: 'Der ganze Verlauf, die Dokumente und das versiegelte Zertifikat in einer Datei, offline zu prüfen (npm run verify-evidence).',
    download: (document) => `Herunterladen: ${document}`,
    sha256: 'SHA-256',
    received: (method, when) => `${method}, erhalten am ${when}`,
    none: 'Noch keine Dokumente.',
  },
  grantees: {
    heading: 'Wer Zugang erhält',
    relation: 'Beziehung',
    contracts: 'Verträge',
    allContracts: 'Alle Verträge, jetzige und künftige',
    access: 'Zugang',
    noGrantYet: 'Noch nicht erstellt',
    activatedOn: 'Aktiviert am',
    email: 'E-Mail',
    mailBounced: 'Eine E-Mail an diese Adresse kam nicht an: Prüfen Sie die Adresse mit der Person.',
    mailComplained: 'Diese Person hat unsere E-Mail als Spam markiert: Keine E-Mail erreicht sie mehr.',
    revoke: {
      summary: (name) => `Zugang widerrufen: ${name}`,
      intro: 'Der Zugang endet sofort. Das unterschriebene Formular und der Verlauf bleiben erhalten.',
      reasonLabel: 'Grund des Widerrufs',
      reasonHint: 'Wird mit dem Verlauf aufbewahrt (höchstens 500 Zeichen).',
      confirm: 'Ich bestätige: diesen Zugang jetzt widerrufen',
      button: 'Zugang widerrufen',
    },
  },
  actions: {
    heading: 'Was Sie tun können',
    none: 'Der Antrag ist beendet: Es gibt nichts mehr zu senden oder zu stornieren.',
    revokeBelow: 'Ein Zugang kann unten unter „Wer Zugang erhält“ noch widerrufen werden.',
    remind: {
      button: 'Erinnerung senden',
      signerHint: (who) => `Sendet die E-Mail zur Unterschrift mit einem neuen Link erneut an ${who}. Höchstens eine Erinnerung pro Stunde.`,
      granteesHint: 'Sendet die Aktivierungs-E-Mail erneut mit einem neuen Link an jede Person, die noch nicht aktiviert hat. Höchstens eine Erinnerung pro Stunde.',
    },
    cancel: {
      summary: 'Antrag stornieren',
      intro: 'Der Antrag wird endgültig beendet. Noch nicht aktivierte Zugänge werden entzogen; aktive Zugänge bleiben, bis Sie sie widerrufen.',
      reasonLabel: 'Grund (freiwillig)',
      reasonHint: 'Wird mit dem Verlauf aufbewahrt (höchstens 500 Zeichen).',
      confirm: 'Ich bestätige: diesen Antrag stornieren',
      button: 'Stornierung bestätigen',
    },
  },
  review: {
    heading: 'Eingescannte Unterschrift prüfen',
    intro: (who) => `Von Hand unterschrieben und als Scan gesendet: ${who}. Vergleichen Sie den Scan mit dem erstellten Formular: Ist es dieses Formular, vollständig und von dieser Person unterschrieben?`,
    formTitle: 'Erstelltes Formular',
    scanTitle: 'Scan des unterschriebenen Formulars',
    open: (document) => `„${document}“ in einem neuen Tab öffnen`,
    approveHeading: 'Genehmigen',
    approveHint: 'Die Unterschrift zählt und der Antrag geht weiter.',
    approve: 'Scan genehmigen',
    rejectHeading: 'Ablehnen',
    rejectLabel: 'Grund der Ablehnung',
    rejectHint: 'Der Unterzeichner liest ihn in der E-Mail, die ihn um eine neue Unterschrift bittet (höchstens 1000 Zeichen).',
    reject: 'Scan ablehnen',
  },
  done: {
    reminded: (count) => `Die Erinnerung wurde gesendet (${count} ${count === 1 ? 'E-Mail' : 'E-Mails'}).`,
    cancelled: 'Der Antrag wurde storniert.',
    approved: 'Sie haben den Scan genehmigt. Der Antrag geht weiter.',
    rejected: 'Sie haben den Scan abgelehnt. Der Unterzeichner wird mit Ihrem Grund um eine neue Unterschrift gebeten.',
    revoked: 'Der Zugang wurde widerrufen. Er endete sofort.',
  },
  refusal: {
    heading: 'Es wurde nichts geändert',
    blocked: {
      remind: (status) => `Es wurde keine Erinnerung gesendet: Der Antrag steht auf „${status}“, und in diesem Status wartet niemand auf eine E-Mail.`,
      cancel: (status) => `Der Antrag wurde nicht storniert: Er ist bereits beendet („${status}“).`,
      review: (status) => `Es wurde nichts aufgezeichnet: Kein Scan wartet auf Ihre Prüfung (der Antrag steht auf „${status}“).`,
      revoke: (status) => `Der Zugang wurde nicht widerrufen: Er steht bereits auf „${status}“.`,
    },
    tooManyReminders: (last, next) => `Es wurde keine Erinnerung gesendet: Die letzte ging am ${last} hinaus. Die nächste können Sie ab ${next} senden.`,
    confirmMissing: { cancel: 'Kreuzen Sie „Ich bestätige“ an, um den Antrag zu stornieren.', revoke: 'Kreuzen Sie „Ich bestätige“ an, um den Zugang zu widerrufen.' },
    reasonMissing: {
      review: 'Geben Sie den Grund der Ablehnung an: Der Unterzeichner liest ihn.',
      revoke: 'Geben Sie den Grund des Widerrufs an: Er wird mit dem Verlauf aufbewahrt.',
      cancel: 'Geben Sie einen Grund an, oder lassen Sie das Feld leer.',
    },
    reasonTooLong: (max) => `Der Grund ist zu lang: höchstens ${max} Zeichen.`,
    reasonUnsafe: (character) => `Der Grund enthält ein Zeichen, das nicht sicher angezeigt werden kann (${character}). Entfernen Sie es und versuchen Sie es erneut.`,
    fieldProblem: (message) => `Ein Feld wurde abgelehnt: ${message}`,
    grantNotHere: 'Dieser Zugang gehört nicht zu diesem Antrag.',
    busy: 'Der Dienst ist ausgelastet. Es wurde nichts geändert; versuchen Sie es gleich noch einmal.',
    other: (message) => `Die Änderung wurde abgelehnt: ${message}`,
  },
  notFound: {
    title: 'Antrag nicht gefunden',
    text: 'Diesen Antrag gibt es unter den Anträgen Ihres Büros nicht. Vielleicht ist der Link unvollständig, oder der Antrag gehört zu einem anderen Büro.',
    back: 'Zurück zu allen Anträgen',
  },
  documentMissing: { title: 'Dokument nicht gefunden', text: 'Dieser Antrag hat ein solches Dokument (noch) nicht.', back: 'Zurück zum Antrag' },
  unavailable: { title: 'Der Antrag kann gerade nicht angezeigt werden', text: 'Der Dienst ist ausgelastet oder hatte ein Problem. Es wurde nichts geändert; versuchen Sie es gleich noch einmal.' },
};

const TEXTS: Readonly<Record<Language, RequestTexts>> = { nl, fr, de, en };

/** The request page's words in `language`. */
export function requestTexts(language: Language): RequestTexts {
  return TEXTS[language];
}
