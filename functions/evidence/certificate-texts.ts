/**
 * The words of the completion certificate (English: the certificate is evidence read by the
 * broker, an auditor or a court's expert, alongside the signed form in the request's language).
 * Every event type of the trail has its line here; one the certificate does not know yet is
 * shown by its type name rather than left out.
 */
import type { AuditActor, AuditEventType } from '../domain/audit-event.js';
import type { GranteeRelation } from '../domain/request-schema.js';

export const CERTIFICATE_TEXTS = {
  documentTitle: 'Completion certificate',
  documentSubtitle: 'Portal access request — the audit trail of every step, sealed',
  pdfSubject: (requestId: string, clientRef: string) => `Completion certificate of access request ${requestId} (client ${clientRef})`,
  creator: 'portal-access-requests completion certificate',
  requestReference: 'Request',
  clientReference: 'Client reference',
  completedAt: 'Completed',
  trail: 'Audit trail',
  trailSummary: (entries: number, grantChains: number) =>
    `${entries} entries in the request's chain, ${grantChains} grant chain${grantChains === 1 ? '' : 's'}`,
  issuedBy: 'Issued by',
  intro:
    'This certificate is rendered from the request\'s audit trail alone: each step as it was recorded, when, by whom, ' +
    'how it was signed and the SHA-256 of each document. The trail holds no names, birth dates or addresses; the ' +
    'signed form holds those. The product seals this document with its own electronic seal (PAdES).',
  sections: { grants: 'Grants', documents: 'Documents', steps: 'Steps', verify: 'How to check this certificate' },
  grantHeading: (index: number, count: number, grantId: string) => `Grant ${index} of ${count}: ${grantId}`,
  relationLabel: 'Relation',
  scopeLabel: 'May see',
  grantOutcome: 'Outcome',
  scopeAll: 'All contracts of the client, current and future (R4)',
  scopeContracts: (refs: readonly string[]) => `Exactly these contracts: ${refs.join(', ')}`,
  termsUnknown: 'Not recorded in this trail (an entry written before grant terms were kept)',
  relation: {
    policyholder: 'The policyholder himself (R4.1)',
    insured: 'An insured person (R4.2)',
    other: 'Another person, mandated (R4.3, R4.5)',
    legalRepresentative: 'The legal representative (R4.4)',
  } satisfies Record<GranteeRelation, string>,
  grantPending: 'Pending',
  documentRow: {
    form: 'Generated form',
    signature: (role: string) => `Signed by the ${roleName(role)}`,
  },
  stepHeading: (chain: string, seq: number, at: string, label: string) => `${chain} #${seq} · ${at} · ${label}`,
  requestChain: 'Request',
  grantChain: (grantId: string) => `Grant ${grantId}`,
  fields: {
    actor: 'Actor',
    method: 'Method',
    role: 'Signer',
    documentSha256: 'SHA-256',
    contentType: 'Document type',
    signerSubject: 'Signer certificate',
    signerIssuer: 'Certificate issuer',
    signerSerial: 'Certificate serial',
    certificateSha256: 'Cert. SHA-256',
    signingTime: 'Signing time',
    algorithm: 'Signature',
    revocation: 'Revocation',
    note: 'Reason',
    entryHash: 'Entry hash',
  },
  /** Labels of the other details an entry may carry; a detail not listed is shown by its own name. */
  detailLabels: {
    grantees: 'Grantees',
    clientRef: 'Client reference',
    legalRepresentativeMustApprove: 'Representative approves (R6)',
    round: 'Round',
    reminder: 'Reminder',
    decision: 'Decision',
    grantId: 'Grant',
    grantIds: 'Grants',
    withdrawnGrantIds: 'Withdrawn grants',
    recipients: 'Recipients',
    activeGrants: 'Active grants',
    expiredGrants: 'Expired grants',
    by: 'By',
    reason: 'Reason',
    error: 'Error',
    cause: 'Cause',
    documents: 'Documents',
    items: 'Items',
    mail: 'E-mail',
    bounceType: 'Bounce type',
  } as Readonly<Record<string, string>>,
  yes: 'yes',
  no: 'no',
  revocationNotChecked: 'not checked (no network access when verified)',
  noteKept: 'written by a person; kept apart as a note (the entry holds its salted SHA-256 only)',
  method: { advanced: 'Advanced or qualified electronic signature (R3)', eid: 'Belgian eID signature (R3)', handwritten: 'Handwritten, scanned (R3)' } as Record<
    string,
    string
  >,
  verify: [
    'Each entry\'s hash is the SHA-256 of the previous entry\'s hash, a newline, and the entry\'s canonical JSON ' +
      '(seq, at, actor, type, details). The request\'s chain starts from 64 zeros; a grant\'s chain starts from the ' +
      'SHA-256 of the grantsCreated entry\'s hash, a newline and the grant id.',
    'The evidence package (GET /v1/requests/{id}/evidence) holds every entry, the documents and this certificate; ' +
      '`npm run verify-evidence` checks the chains, each document against its entry, every signature and this seal, offline.',
  ],
  footer: (requestId: string, seq: number, hash: string) => `Request ${requestId} · trail up to #${seq} (${hash.slice(0, 16)}…)`,
  pageNumber: (page: number, count: number) => `Page ${page} of ${count}`,
} as const;

/** What each event is, in a few words. */
export const EVENT_LABELS: Readonly<Partial<Record<AuditEventType, string>>> = {
  submitted: 'Request filed',
  formGenerated: 'Form generated',
  signatureRequested: 'Signature requested',
  signatureReceived: 'Signature received',
  signatureRefused: 'Signed document refused',
  scanReviewRequested: 'Broker review of the scan requested',
  scanReviewed: 'Scan reviewed by the broker',
  signatureDeclined: 'Signature declined',
  grantsCreated: 'Grants created',
  activationRequested: 'Activation requested',
  grantActivated: 'Access activated',
  grantExpired: 'Access expired (never activated)',
  grantRevoked: 'Access revoked',
  reminderRequested: 'Reminder sent',
  mailBounced: 'E-mail bounced (not delivered)',
  mailComplained: 'E-mail marked as spam by its recipient',
  cancelled: 'Request cancelled',
  completed: 'Request completed',
  declined: 'Request declined',
  expired: 'Request expired',
  failed: 'Request failed',
  erased: 'Personal data erased',
  evidenceSealed: 'Completion certificate sealed',
};

export function roleName(role: string): string {
  return role === 'legalRepresentative' ? 'legal representative' : role;
}

/** Who caused an entry, in words. */
export function actorName(actor: AuditActor | string): string {
  if (actor === 'workflow') return 'The workflow (the product itself)';
  if (actor.startsWith('broker:')) return `Broker ${actor.slice('broker:'.length)}`;
  if (actor.startsWith('grantee:')) return `Grantee of ${actor.slice('grantee:'.length)}, from the link in his e-mail`;
  if (actor === 'requester' || actor === 'legalRepresentative') return `The ${roleName(actor)}, from the link in his e-mail`;
  if (actor === 'mailFeedback') return "The mail service's feedback (SES: a bounce or a complaint)";
  return actor;
}

/** `2026-11-28T10:05:00.123Z` → `2026-11-28 10:05:00 UTC`. */
export function certificateTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
