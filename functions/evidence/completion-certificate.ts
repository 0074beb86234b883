/**
 * The completion certificate (R2, R8): a PDF rendered from a request's audit entries alone —
 * the request's chain and each grant's own chain — showing the request, its grants and their
 * scopes, and every step with its time, actor, signing method, signer certificate and the
 * SHA-256 of each document. Nothing else is read: what the certificate says is what the trail
 * says, and the trail can be checked against it entry by entry (house rule 11).
 *
 * Deterministic (the same entries give the same bytes; the PDF's dates are the last entry's
 * time) and saved with a classic cross-reference table, so the product's seal can be appended
 * as an incremental update (functions/steps/seal-evidence.ts).
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { AuditEntry, GrantTerms, NoteRef } from '../domain/audit-event.js';
import { ProductError } from '../errors/product-error.js';
import { embedFormFonts } from '../form/embed-form-fonts.js';
import { FormLayout, LINE_HEIGHT } from '../form/form-layout.js';
import type { SignatureVerdict } from '../signatures/signature-verdict.js';
import { actorName, CERTIFICATE_TEXTS as TEXTS, certificateTime, EVENT_LABELS, roleName } from './certificate-texts.js';

/** One grant's own chain, in order. */
export interface GrantChain {
  readonly grantId: string;
  readonly entries: readonly AuditEntry[];
}

export interface CompletionCertificateInput {
  readonly requestId: string;
  /** The request's chain, in order, up to the entry the certificate covers (its last). */
  readonly requestChain: readonly AuditEntry[];
  /** Each grant's chain, in order, up to the entry the certificate covers. */
  readonly grantChains: readonly GrantChain[];
  /** The broker office, as the form names it. */
  readonly issuedBy: string;
}

export interface CompletionCertificate {
  readonly pdf: Uint8Array;
  /** Hex SHA-256 of `pdf` (before the seal is appended). */
  readonly sha256: string;
  readonly pageCount: number;
}

/** A certificate needs a trail that starts with the filing. */
export class CertificateTrailInvalid extends ProductError<{ requestId: string }> {
  override readonly name = 'CertificateTrailInvalid';
}

/** Renders the certificate of one request from its audit entries. */
export async function renderCompletionCertificate(input: CompletionCertificateInput): Promise<CompletionCertificate> {
  const { requestId, requestChain } = input;
  const first = requestChain[0];
  const head = requestChain.at(-1);
  if (!first || !head || first.type !== 'submitted') {
    throw new CertificateTrailInvalid(`The trail of ${requestId} does not start with its filing`, { requestId });
  }
  const clientRef = String((first.details as { clientRef?: unknown }).clientRef ?? '');

  const doc = await PDFDocument.create({ updateMetadata: false });
  // The form's fonts and shaping, parsed once per process; the subsets' names are the certificate's own.
  const fonts = await embedFormFonts(doc, `certificate\u0000${requestId}`);
  const at = new Date(head.at);
  doc.setTitle(`${TEXTS.documentTitle} – ${requestId}`, { showInWindowTitleBar: true });
  doc.setSubject(TEXTS.pdfSubject(requestId, clientRef));
  doc.setAuthor(input.issuedBy);
  doc.setKeywords([requestId, clientRef]);
  doc.setLanguage('en');
  doc.setCreator(TEXTS.creator);
  doc.setProducer('pdf-lib');
  doc.setCreationDate(at);
  doc.setModificationDate(at);

  const layout = new FormLayout(doc, fonts);
  layout.title(TEXTS.documentTitle, TEXTS.documentSubtitle);
  layout.field(TEXTS.requestReference, requestId, { bold: true });
  layout.field(TEXTS.clientReference, clientRef, { bold: true });
  const completed = requestChain.findLast((entry) => entry.type === 'completed');
  if (completed) layout.field(TEXTS.completedAt, certificateTime(completed.at));
  layout.field(TEXTS.trail, TEXTS.trailSummary(requestChain.length, input.grantChains.length));
  layout.field(TEXTS.issuedBy, input.issuedBy);
  layout.space(8);
  layout.paragraph(TEXTS.intro);
  layout.space(14);

  writeGrants(layout, input);
  writeDocuments(layout, requestChain);
  writeSteps(layout, input);

  layout.sectionHeading(`4. ${TEXTS.sections.verify}`);
  for (const paragraph of TEXTS.verify) {
    layout.paragraph(paragraph);
    layout.space(6);
  }

  layout.finish({
    headerLeft: input.issuedBy,
    headerRight: TEXTS.documentTitle,
    footerLeft: TEXTS.footer(requestId, head.seq, head.hash),
    pageNumber: TEXTS.pageNumber,
  });
  // A classic cross-reference table: the seal is appended as an incremental update.
  const pdf = await doc.save({ useObjectStreams: false });
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), pageCount: layout.pageCount };
}

/** The grants as created (relation and scope, R4) and how each one's chain ends. */
function writeGrants(layout: FormLayout, input: CompletionCertificateInput): void {
  const created = input.requestChain.findLast((entry) => entry.type === 'grantsCreated');
  const details = created?.details as { grantIds?: string[]; grants?: GrantTerms[] } | undefined;
  const grantIds = details?.grantIds ?? [];
  layout.sectionHeading(`1. ${TEXTS.sections.grants}`);
  const terms = new Map((details?.grants ?? []).map((grant) => [grant.grantId, grant]));
  grantIds.forEach((grantId, index) => {
    layout.subHeading(TEXTS.grantHeading(index + 1, grantIds.length, grantId), 3 * LINE_HEIGHT);
    const grant = terms.get(grantId);
    if (grant) {
      layout.field(TEXTS.relationLabel, TEXTS.relation[grant.relation]);
      layout.field(TEXTS.scopeLabel, grant.scope.type === 'all' ? TEXTS.scopeAll : TEXTS.scopeContracts(grant.scope.refs), { bold: true });
    } else {
      layout.field(TEXTS.scopeLabel, TEXTS.termsUnknown);
    }
    const chain = input.grantChains.find((candidate) => candidate.grantId === grantId)?.entries ?? [];
    const ending = chain.findLast((entry) => entry.type === 'grantActivated' || entry.type === 'grantExpired' || entry.type === 'grantRevoked');
    layout.field(TEXTS.grantOutcome, ending ? `${EVENT_LABELS[ending.type] ?? ending.type}, ${certificateTime(ending.at)}` : TEXTS.grantPending);
    layout.space(6);
  });
  layout.space(8);
}

/** Every document the trail records, with the entry that records it. */
function writeDocuments(layout: FormLayout, requestChain: readonly AuditEntry[]): void {
  layout.sectionHeading(`2. ${TEXTS.sections.documents}`);
  for (const entry of requestChain) {
    const details = entry.details as { sha256?: string; role?: string };
    if (entry.type !== 'formGenerated' && entry.type !== 'signatureReceived') continue;
    const label = entry.type === 'formGenerated' ? TEXTS.documentRow.form : TEXTS.documentRow.signature(details.role ?? '');
    layout.subHeading(`${label} (#${entry.seq}, ${certificateTime(entry.at)})`, LINE_HEIGHT);
    hashLine(layout, TEXTS.fields.documentSha256, details.sha256 ?? '');
  }
  layout.space(12);
}

/** Every entry of every chain, in time order (the request's first on a tie). */
function writeSteps(layout: FormLayout, input: CompletionCertificateInput): void {
  layout.sectionHeading(`3. ${TEXTS.sections.steps}`);
  const all = [
    ...input.requestChain.map((entry) => ({ entry, chain: TEXTS.requestChain })),
    ...input.grantChains.flatMap((grant) => grant.entries.map((entry) => ({ entry, chain: TEXTS.grantChain(grant.grantId) }))),
  ];
  const ordered = all
    .map((step, order) => ({ ...step, order }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.order - b.order));
  for (const { entry, chain } of ordered) writeStep(layout, chain, entry);
  layout.space(12);
}

function writeStep(layout: FormLayout, chain: string, entry: AuditEntry): void {
  layout.subHeading(TEXTS.stepHeading(chain, entry.seq, certificateTime(entry.at), EVENT_LABELS[entry.type] ?? entry.type), 3 * LINE_HEIGHT);
  layout.field(TEXTS.fields.actor, actorName(entry.actor));
  const details = entry.details as Record<string, unknown>;
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    switch (key) {
      case 'role':
        layout.field(TEXTS.fields.role, roleName(String(value)));
        break;
      case 'method':
        layout.field(TEXTS.fields.method, TEXTS.method[String(value)] ?? String(value));
        break;
      case 'contentType':
        layout.field(TEXTS.fields.contentType, String(value));
        break;
      case 'sha256':
        hashLine(layout, TEXTS.fields.documentSha256, String(value));
        break;
      case 'verdict':
        writeVerdict(layout, value as Omit<SignatureVerdict, 'nationalRegisterNumber'>);
        break;
      case 'note':
        layout.field(TEXTS.fields.note, `${TEXTS.noteKept}: ${(value as NoteRef).sha256.slice(0, 16)}…`);
        break;
      case 'grants':
        if (entry.type === 'grantsCreated') writeGrantTerms(layout, value as GrantTerms[]);
        else layout.field(TEXTS.detailLabels[key] ?? key, plainValue(value));
        break;
      default:
        layout.field(TEXTS.detailLabels[key] ?? key, plainValue(value));
    }
  }
  hashLine(layout, TEXTS.fields.entryHash, entry.hash, { muted: true });
  layout.space(4);
}

/** A verified signature (R3, R8): the certificate that signed, by whom it was issued, when and how. */
function writeVerdict(layout: FormLayout, verdict: Omit<SignatureVerdict, 'nationalRegisterNumber'>): void {
  layout.field(TEXTS.fields.signerSubject, verdict.subject, { bold: true });
  layout.field(TEXTS.fields.signerIssuer, verdict.issuer);
  layout.field(TEXTS.fields.signerSerial, verdict.serialNumber);
  if (verdict.signingTime) layout.field(TEXTS.fields.signingTime, certificateTime(verdict.signingTime));
  layout.field(TEXTS.fields.algorithm, `${verdict.algorithm}, ${verdict.subFilter}`);
  layout.field(TEXTS.fields.revocation, verdict.revocation === 'not_checked' ? TEXTS.revocationNotChecked : String(verdict.revocation));
  hashLine(layout, TEXTS.fields.certificateSha256, verdict.certificateSha256);
}

function writeGrantTerms(layout: FormLayout, grants: readonly GrantTerms[]): void {
  for (const grant of grants) {
    const scope = grant.scope.type === 'all' ? TEXTS.scopeAll : TEXTS.scopeContracts(grant.scope.refs);
    layout.field(grant.grantId, `${TEXTS.relation[grant.relation]}; ${scope}`);
  }
}

/** A hash on one full-width line, so it can be read (and copied) whole. */
function hashLine(layout: FormLayout, label: string, hash: string, options: { muted?: boolean } = {}): void {
  layout.paragraph(`${label}: ${hash}`, options);
}

function plainValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(plainValue).join(', ');
  if (typeof value === 'boolean') return value ? TEXTS.yes : TEXTS.no;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
