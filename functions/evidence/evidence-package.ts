/**
 * The evidence package of one request (R2, R8, R9): everything needed to check, offline, that
 * the request went as its trail says — every entry of the request's chain and of each grant's
 * chain (with where each chain starts), the documents with their SHA-256 and the entry that
 * recorded it, the sealed completion certificate, and the seal's certificate chain.
 *
 * Answered by `GET /v1/requests/{id}/evidence` (the broker) and
 * `GET /v1/portal/grants/{grantId}/evidence` (the portal); documents are short-lived links,
 * never inline, so the answer stays small (entries are a few hundred bytes each). Exported as a
 * folder — `evidence.json`, each document under its `fileName`, `seal-chain.pem` — it is what
 * `npm run verify-evidence` checks (functions/evidence/verify-evidence-package.ts).
 */
import * as z from 'zod/mini';
import type { ErasedRequest, RequestRecord, StoredRequest } from '../adapters/request-store.js';
import { GENESIS_HASH, grantChainGenesis } from '../domain/audit-event.js';
import type { AuditEntry } from '../domain/audit-event.js';
import { REQUEST_STATUSES } from '../domain/request-status.js';

/** The package's format; a verifier refuses one it does not know. */
export const EVIDENCE_FORMAT = 'portal-access-evidence/1';

/** The documents a package may hold, by name. */
export const EVIDENCE_DOCUMENT_NAMES = ['form', 'requester-signature', 'legalRepresentative-signature', 'completion-certificate'] as const;
export type EvidenceDocumentName = (typeof EVIDENCE_DOCUMENT_NAMES)[number];

/** The file the seal's certificate chain is exported to, beside the documents. */
export const SEAL_CHAIN_FILE = 'seal-chain.pem';
/** The package's own file in an exported folder. */
export const EVIDENCE_FILE = 'evidence.json';

/** An audit entry exactly as stored: what its hash covers is `seq, at, actor, type, details`. */
export const evidenceEntrySchema = z.object({
  seq: z.number().check(z.int()),
  at: z.string(),
  actor: z.string(),
  type: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  grantId: z.optional(z.string()),
});

export const evidenceDocumentSchema = z.object({
  name: z.enum(EVIDENCE_DOCUMENT_NAMES),
  /** Its name in an exported folder, e.g. `requester-signature.pdf`. */
  fileName: z.string(),
  sha256: z.string(),
  contentType: z.string(),
  size: z.optional(z.number().check(z.int())),
  /** The request-chain entry that records this SHA-256 (formGenerated, signatureReceived, evidenceSealed); absent if none does. */
  auditSeq: z.optional(z.number().check(z.int())),
  /** A short-lived download link (a presigned GET). */
  url: z.string(),
  urlExpiresAt: z.string(),
});

export const evidencePackageSchema = z.object({
  format: z.literal(EVIDENCE_FORMAT),
  requestId: z.string(),
  clientRef: z.string(),
  status: z.enum(REQUEST_STATUSES),
  generatedAt: z.string(),
  requestChain: z.object({
    /** Where the chain starts: 64 zeros. */
    genesis: z.string(),
    entries: z.array(evidenceEntrySchema),
  }),
  grantChains: z.array(
    z.object({
      grantId: z.string(),
      /** The request-chain entry (grantsCreated) the grant's chain is anchored on. */
      anchorSeq: z.number().check(z.int()),
      /** SHA-256 of the anchor's hash, a newline and the grant id. */
      genesis: z.string(),
      entries: z.array(evidenceEntrySchema),
    }),
  ),
  documents: z.array(evidenceDocumentSchema),
  /** The product's seal on the completion certificate; absent until the request completed and was sealed. */
  seal: z.optional(
    z.object({
      sha256: z.string(),
      sealedAt: z.string(),
      /** The seal certificate, then its intermediates (PEM). A verifier checks it against a root he trusts, never one from the package. */
      certificateChainPem: z.string(),
    }),
  ),
});

export type EvidencePackage = z.infer<typeof evidencePackageSchema>;
export type EvidenceDocument = z.infer<typeof evidenceDocumentSchema>;

/** A stored document to link, before its link is made. */
export interface PackagedDocument {
  readonly name: EvidenceDocumentName;
  readonly key: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly contentType: string;
  readonly size?: number;
  readonly auditSeq?: number;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The documents a request has, each with the entry that recorded its SHA-256 (none once erased). */
export function packagedDocuments(record: RequestRecord): PackagedDocument[] {
  const request = record.request;
  if ('erasedAt' in request && request.erasedAt !== undefined) return [];
  const stored = request as StoredRequest;
  const documents: PackagedDocument[] = [];
  const add = (name: EvidenceDocumentName, document: { key: string; sha256: string; contentType: string; size?: number }, recordedBy: (entry: AuditEntry) => boolean) => {
    const entry = record.history.findLast((candidate) => recordedBy(candidate) && (candidate.details as { sha256?: string }).sha256 === document.sha256);
    documents.push({
      name,
      key: document.key,
      fileName: `${name}.${EXTENSIONS[document.contentType] ?? 'bin'}`,
      sha256: document.sha256,
      contentType: document.contentType,
      ...(document.size === undefined ? {} : { size: document.size }),
      ...(entry ? { auditSeq: entry.seq } : {}),
    });
  };
  if (stored.form) add('form', { ...stored.form, contentType: 'application/pdf' }, (entry) => entry.type === 'formGenerated');
  for (const role of ['requester', 'legalRepresentative'] as const) {
    const signature = stored.signatures?.[role];
    if (!signature) continue;
    add(
      `${role}-signature`,
      { key: signature.documentKey, sha256: signature.sha256, contentType: signature.contentType, ...(signature.size === undefined ? {} : { size: signature.size }) },
      (entry) => entry.type === 'signatureReceived' && (entry.details as { role?: string }).role === role,
    );
  }
  if (stored.evidence) add('completion-certificate', { ...stored.evidence, contentType: 'application/pdf' }, (entry) => entry.type === 'evidenceSealed');
  return documents;
}

/** How a document gets its short-lived link. */
export type DocumentLinker = (document: PackagedDocument) => Promise<{ url: string; expiresAt: string }>;

/**
 * The package of one request, documents linked by `link`; `sealChainPem` is the chain its
 * certificate was sealed under (`sealChainOf`, functions/adapters/seal-chain-store.ts).
 */
export async function evidencePackage(record: RequestRecord, link: DocumentLinker, now: Date, sealChainPem?: string): Promise<EvidencePackage> {
  const request: StoredRequest | ErasedRequest = record.request;
  const created = record.history.findLast((entry) => entry.type === 'grantsCreated');
  const grantIds = [...record.grantHistories.keys()];
  const ordered = created ? [...((created.details as { grantIds?: string[] }).grantIds ?? []), ...grantIds].filter((id, index, all) => all.indexOf(id) === index) : grantIds;
  const documents = await Promise.all(
    packagedDocuments(record).map(async (document) => {
      const linked = await link(document);
      const { key: _key, ...shown } = document;
      return { ...shown, url: linked.url, urlExpiresAt: linked.expiresAt };
    }),
  );
  const evidence = 'evidence' in request ? request.evidence : undefined;
  if (evidence && !sealChainPem) throw new Error(`The package of ${request.id} needs the chain its certificate was sealed under`);
  return {
    format: EVIDENCE_FORMAT,
    requestId: request.id,
    clientRef: request.clientRef,
    status: request.status,
    generatedAt: now.toISOString(),
    requestChain: { genesis: GENESIS_HASH, entries: record.history.map(asEntry) },
    grantChains: created
      ? ordered.map((grantId) => ({
          grantId,
          anchorSeq: created.seq,
          genesis: grantChainGenesis(created.hash, grantId),
          entries: (record.grantHistories.get(grantId) ?? []).map(asEntry),
        }))
      : [],
    documents,
    ...(evidence && sealChainPem ? { seal: { sha256: evidence.sha256, sealedAt: evidence.sealedAt, certificateChainPem: sealChainPem } } : {}),
  };
}

function asEntry(entry: AuditEntry): z.infer<typeof evidenceEntrySchema> {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    type: entry.type,
    details: { ...entry.details },
    prevHash: entry.prevHash,
    hash: entry.hash,
    ...(entry.grantId === undefined ? {} : { grantId: entry.grantId }),
  };
}
