/**
 * Checks an exported evidence package offline (R2, R8): `evidence.json` and the documents beside
 * it (functions/evidence/evidence-package.ts). Nothing from the product's servers is trusted:
 *
 * 1. the request's chain, from the genesis (64 zeros), entry by entry;
 * 2. each grant's chain, from its anchor (the grantsCreated entry of the request's chain);
 * 3. each document's SHA-256 against the audit entry that records it;
 * 4. every signature in each signed PDF against the given trust roots, and a signed form
 *    against what the entry says (it starts with the generated form; its signer certificate is
 *    the one recorded);
 * 5. the seal on the completion certificate: made by the seal chain's certificate, trusted by a
 *    given root (never one from the package), over the whole file, and the chain heads it claims
 *    to cover are entries of the chains.
 *
 * The answer names the first break, in words a person can act on
 * ("audit entry 7 of request req_…: hash does not match").
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GENESIS_HASH, grantChainGenesis, verifyAuditChain } from '../domain/audit-event.js';
import type { AuditEntry } from '../domain/audit-event.js';
import { EVIDENCE_FILE, evidencePackageSchema, type EvidenceDocument, type EvidencePackage } from './evidence-package.js';
import { pemCertificates } from '../signatures/pem-certificates.js';
import { checkEveryPdfSignature, type CheckedPdfSignature } from './pdf-signatures-check.js';

export type EvidenceVerdict =
  | { readonly ok: true; readonly requestId: string; readonly notes: readonly string[] }
  | { readonly ok: false; readonly requestId?: string; readonly problem: string };

export interface VerifyEvidenceOptions {
  /** The roots signatures and the seal must chain to (DER). */
  readonly trustRoots: readonly Uint8Array[];
  /** A line per check passed. */
  readonly progress?: (line: string) => void;
}

/** Where a document's bytes come from: a file of the exported folder, by its name. */
export type DocumentReader = (fileName: string) => Promise<Uint8Array | undefined>;

/** A check that failed: its message is the verdict's `problem`. */
class EvidenceBreak extends Error {
  override readonly name = 'EvidenceBreak';
}

/** Checks the package exported to `dir` (`evidence.json` and the documents by file name). */
export async function verifyEvidenceFolder(dir: string, options: VerifyEvidenceOptions): Promise<EvidenceVerdict> {
  let text: string;
  try {
    text = await readFile(path.join(dir, EVIDENCE_FILE), 'utf8');
  } catch {
    return { ok: false, problem: `${EVIDENCE_FILE} is missing in ${dir}` };
  }
  let evidence: unknown;
  try {
    evidence = JSON.parse(text);
  } catch {
    return { ok: false, problem: `${EVIDENCE_FILE} is not JSON` };
  }
  return verifyEvidencePackage(evidence, async (fileName) => readFile(path.join(dir, fileName)).catch(() => undefined), options);
}

/** Checks a package (the parsed `evidence.json`), reading its documents with `read`. */
export async function verifyEvidencePackage(evidence: unknown, read: DocumentReader, options: VerifyEvidenceOptions): Promise<EvidenceVerdict> {
  const parsed = evidencePackageSchema.safeParse(evidence);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${EVIDENCE_FILE} is not an evidence package (${issue?.path.join('.') || 'its root'}: ${issue?.message ?? 'invalid'})` };
  }
  const pack = parsed.data;
  const progress = options.progress ?? (() => undefined);
  const notes: string[] = [];
  const note = (line: string) => {
    notes.push(line);
    progress(line);
  };
  try {
    const requestChain = pack.requestChain.entries as unknown as AuditEntry[];
    checkChain(requestChain, GENESIS_HASH, `request ${pack.requestId}`, undefined);
    note(`request chain: ${requestChain.length} entries check from the genesis`);
    checkGrantChains(pack, requestChain, note);
    const files = await checkDocuments(pack, requestChain, read, note);
    await checkSignatures(files, options.trustRoots, note);
    await checkSeal(pack, requestChain, files, options.trustRoots, note);
    return { ok: true, requestId: pack.requestId, notes };
  } catch (error) {
    if (error instanceof EvidenceBreak) return { ok: false, requestId: pack.requestId, problem: error.message };
    throw error;
  }
}

/** One chain from its start; the break is named by the entry and why. */
function checkChain(entries: readonly AuditEntry[], genesis: string, chain: string, grantId: string | undefined): void {
  for (const entry of entries) {
    if (entry.grantId !== grantId) throw new EvidenceBreak(`audit entry ${entry.seq} of ${chain}: it belongs to ${entry.grantId ? `grant ${entry.grantId}` : 'the request'}`);
  }
  const result = verifyAuditChain(entries, genesis);
  if (result.valid) return;
  const index = entries.findIndex((entry) => entry.seq === result.brokenAt);
  const entry = entries[index >= 0 ? index : entries.length - 1] as AuditEntry;
  const previous = index > 0 ? entries[index - 1] : undefined;
  const why =
    index >= 0 && entry.seq !== index + 1
      ? 'out of sequence (an entry is missing or repeated)'
      : entry.prevHash !== (previous ? previous.hash : genesis)
        ? 'does not follow the entry before it'
        : 'hash does not match';
  throw new EvidenceBreak(`audit entry ${result.brokenAt} of ${chain}: ${why}`);
}

/** Each grant's chain from its anchor; every grant the request created has its chain here. */
function checkGrantChains(pack: EvidencePackage, requestChain: readonly AuditEntry[], note: (line: string) => void): void {
  const request = `request ${pack.requestId}`;
  for (const grant of pack.grantChains) {
    const chain = `grant ${grant.grantId} of ${request}`;
    const anchor = requestChain.find((entry) => entry.seq === grant.anchorSeq);
    const created = anchor?.type === 'grantsCreated' ? ((anchor.details as { grantIds?: string[] }).grantIds ?? []) : [];
    if (!anchor || !created.includes(grant.grantId)) throw new EvidenceBreak(`${chain}: its anchor, audit entry ${grant.anchorSeq}, did not create it`);
    checkChain(grant.entries as unknown as AuditEntry[], grantChainGenesis(anchor.hash, grant.grantId), chain, grant.grantId);
    note(`grant ${grant.grantId}: ${grant.entries.length} entries check from their anchor, audit entry ${anchor.seq}`);
  }
  for (const anchor of requestChain.filter((entry) => entry.type === 'grantsCreated')) {
    for (const grantId of (anchor.details as { grantIds?: string[] }).grantIds ?? []) {
      if (!pack.grantChains.some((grant) => grant.grantId === grantId)) throw new EvidenceBreak(`grant ${grantId} of ${request}: its chain is missing from the package`);
    }
  }
}

/** What entry records each kind of document. */
function recordsDocument(document: EvidenceDocument, entry: AuditEntry): boolean {
  const role = (entry.details as { role?: string }).role;
  switch (document.name) {
    case 'form':
      return entry.type === 'formGenerated';
    case 'requester-signature':
      return entry.type === 'signatureReceived' && role === 'requester';
    case 'legalRepresentative-signature':
      return entry.type === 'signatureReceived' && role === 'legalRepresentative';
    case 'completion-certificate':
      return entry.type === 'evidenceSealed';
  }
}

/** Each document's bytes hash to what its audit entry recorded. */
async function checkDocuments(
  pack: EvidencePackage,
  requestChain: readonly AuditEntry[],
  read: DocumentReader,
  note: (line: string) => void,
): Promise<Map<EvidenceDocument['name'], { document: EvidenceDocument; bytes: Uint8Array; entry: AuditEntry }>> {
  const files = new Map<EvidenceDocument['name'], { document: EvidenceDocument; bytes: Uint8Array; entry: AuditEntry }>();
  for (const document of pack.documents) {
    const name = `document ${document.name}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(document.fileName)) throw new EvidenceBreak(`${name}: its file name ${JSON.stringify(document.fileName)} is not a plain file name`);
    const entry = requestChain.find((candidate) => candidate.seq === document.auditSeq);
    if (document.auditSeq === undefined || !entry) throw new EvidenceBreak(`${name}: no audit entry records it`);
    if (!recordsDocument(document, entry)) throw new EvidenceBreak(`${name}: audit entry ${entry.seq} (${entry.type}) does not record it`);
    const bytes = await read(document.fileName);
    if (!bytes) throw new EvidenceBreak(`${name}: the file ${document.fileName} is missing`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== (entry.details as { sha256?: string }).sha256) throw new EvidenceBreak(`${name}: SHA-256 differs from the audit entry ${entry.seq}`);
    files.set(document.name, { document, bytes, entry });
    note(`${name}: SHA-256 matches audit entry ${entry.seq}`);
  }
  return files;
}

/** Every signature in each signed PDF holds and is trusted; a signed form is the form, signed by the certificate its entry records. */
async function checkSignatures(
  files: Awaited<ReturnType<typeof checkDocuments>>,
  trustRoots: readonly Uint8Array[],
  note: (line: string) => void,
): Promise<void> {
  const form = files.get('form');
  for (const name of ['form', 'requester-signature', 'legalRepresentative-signature'] as const) {
    const file = files.get(name);
    if (!file || file.document.contentType !== 'application/pdf') continue;
    const label = `document ${name}`;
    const checked = await checkEveryPdfSignature(file.bytes, trustRoots);
    if (!checked.ok) throw new EvidenceBreak(`${label}: ${checked.problem}`);
    const details = file.entry.details as { method?: string; verdict?: { certificateSha256?: string } };
    const people = checked.signatures.filter((signature) => !signature.timestamp);
    if (name !== 'form' && (details.method === 'eid' || details.method === 'advanced')) {
      if (people.length === 0) throw new EvidenceBreak(`${label}: it holds no signature, though audit entry ${file.entry.seq} records an ${details.method} signature`);
      if (form && !startsWith(file.bytes, form.bytes)) throw new EvidenceBreak(`${label}: it does not start with the generated form (audit entry ${form.entry.seq})`);
      const recorded = details.verdict?.certificateSha256;
      if (recorded && !people.some((signature) => signature.certificateSha256 === recorded)) {
        throw new EvidenceBreak(`${label}: no signature in it is by the certificate audit entry ${file.entry.seq} records`);
      }
    }
    note(`${label}: ${people.length === 0 ? 'no signature in it' : people.map(describe).join('; ')}`);
  }
}

/** The product's seal on the completion certificate, and the chain heads it covers. */
async function checkSeal(
  pack: EvidencePackage,
  requestChain: readonly AuditEntry[],
  files: Awaited<ReturnType<typeof checkDocuments>>,
  trustRoots: readonly Uint8Array[],
  note: (line: string) => void,
): Promise<void> {
  const sealed = requestChain.findLast((entry) => entry.type === 'evidenceSealed');
  const certificate = files.get('completion-certificate');
  if (!sealed) {
    note(`no completion certificate yet (the request is ${pack.status})`);
    return;
  }
  const label = 'completion certificate';
  if (!certificate) throw new EvidenceBreak(`${label}: missing from the package, though audit entry ${sealed.seq} records it`);
  if (!pack.seal) throw new EvidenceBreak(`${label}: the package has no seal certificate chain`);
  const details = sealed.details as { covers?: { seq: number; hash: string }; grants?: { grantId: string; seq: number; hash: string }[] };
  const covered = requestChain.find((entry) => entry.seq === details.covers?.seq);
  if (!covered || covered.hash !== details.covers?.hash) {
    throw new EvidenceBreak(`audit entry ${sealed.seq} of request ${pack.requestId}: the certificate covers entry ${details.covers?.seq ?? '?'}, which is not in the chain as recorded`);
  }
  for (const head of details.grants ?? []) {
    const entry = pack.grantChains.find((grant) => grant.grantId === head.grantId)?.entries.find((candidate) => candidate.seq === head.seq);
    if (!entry || entry.hash !== head.hash) {
      throw new EvidenceBreak(`audit entry ${sealed.seq} of request ${pack.requestId}: the certificate covers entry ${head.seq} of grant ${head.grantId}, which is not in its chain as recorded`);
    }
  }
  const checked = await checkEveryPdfSignature(certificate.bytes, trustRoots);
  if (!checked.ok) throw new EvidenceBreak(`${label}: ${checked.problem.replace(/^signature \d+/, 'the seal')}`);
  const seal = checked.signatures.at(-1);
  if (!seal || seal.timestamp) throw new EvidenceBreak(`${label}: it is not sealed`);
  if (seal.subFilter !== 'ETSI.CAdES.detached') throw new EvidenceBreak(`${label}: the seal is ${seal.subFilter ?? 'of no sub-filter'}, not a PAdES seal (ETSI.CAdES.detached)`);
  const sealCertificate = firstCertificateIn(pack.seal.certificateChainPem);
  if (!sealCertificate || seal.certificateSha256 !== createHash('sha256').update(sealCertificate.raw).digest('hex')) {
    throw new EvidenceBreak(`${label}: sealed by another certificate than the package's seal chain names`);
  }
  note(`${label}: sealed by ${seal.subject}${seal.signingTime ? ` at ${seal.signingTime}` : ''}, trusted; covers request entry ${covered.seq} and ${details.grants?.length ?? 0} grant chain heads`);
}

function describe(signature: CheckedPdfSignature): string {
  return `signature ${signature.number} by ${signature.subject}, holds and is trusted`;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.byteLength >= prefix.byteLength && Buffer.from(bytes.subarray(0, prefix.byteLength)).equals(Buffer.from(prefix));
}

function firstCertificateIn(pem: string): X509Certificate | undefined {
  const [der] = pemCertificates(pem);
  try {
    return der ? new X509Certificate(der) : undefined;
  } catch {
    return undefined;
  }
}
