/**
 * The product's own verification of a signed form (R3, R8): the uploaded PDF is the form this
 * request generated, signed on top (an incremental update) by the person who must sign, with a
 * certificate that chains to a configured trust anchor and was valid when he signed; nothing
 * was changed after, and nothing in it runs. Anything else is refused with the reason of
 * `REFUSAL_REASONS`.
 *
 * The order of the checks decides which reason a file gets when several apply: first what the
 * file is (a PDF, no active content), then the signature's own soundness, then whether it is
 * this form and nothing was added, then whom it comes from.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { Certificate } from 'pkijs';
import { findActiveContent } from './active-content.js';
import { checkCertificateChain } from './certificate-chain.js';
import { type CmsSignatureOutcome, MAX_CMS_BYTES, type VerifiedCmsSignature, verifyCmsSignature } from './cms-signature.js';
import {
  byteRangeFlaw,
  findPdfSignatureFields,
  findRevisionEnds,
  inRevisionOrder,
  isDocumentTimestamp as isTimestamp,
  MAX_SIGNATURES,
  parsePdfDate,
  type PdfSignatureField,
  revisionEndOf,
  signedBytesOf,
} from './pdf-signature-fields.js';
import { type RefusalReason, SUB_FILTERS, type SignatureVerdict, SignatureRefused, type SubFilter } from './signature-verdict.js';
import { certificateIdentity, type ExpectedSigner, namesExpectedSigner } from './signer-identity.js';

export interface VerifySignedPdfInput {
  /** The uploaded file. */
  readonly bytes: Uint8Array;
  /** The document the signer was asked to sign: the generated form, or the form signed by the requester (R6). */
  readonly base: { readonly sha256: string; readonly size: number };
  /** Who must sign (R1, R6). */
  readonly expectedSigner: ExpectedSigner;
  /** The trust anchors, DER (`loadTrustRoots`). */
  readonly trustRoots: readonly Uint8Array[];
}

export interface VerifiedSignedPdf {
  /** The signer's signature: the first one made over the base document. */
  readonly verdict: SignatureVerdict;
  /** The signatures already inside the base document (the requester's, when a legal representative signs on top), in file order. */
  readonly earlier: SignatureVerdict[];
}

const PDF_HEADER = '%PDF-';

/**
 * Verifies `bytes` as `base` signed by `expectedSigner`.
 * @throws SignatureRefused with the reason the file is refused for
 */
export async function verifySignedPdf(input: VerifySignedPdfInput): Promise<VerifiedSignedPdf> {
  const { bytes, base } = input;
  if (Buffer.from(bytes.subarray(0, PDF_HEADER.length)).toString('latin1') !== PDF_HEADER) refuse('not_pdf', 'The file does not start with a PDF header');
  const activeContent = findActiveContent(bytes);
  if (activeContent) refuse('active_content', `The PDF holds active content: ${activeContent}`);
  await assertReadablePdf(bytes);

  const fields = findPdfSignatureFields(bytes, MAX_SIGNATURES);
  if (fields.length > MAX_SIGNATURES) refuse('broken', `The PDF holds more than ${MAX_SIGNATURES} signatures`);
  const ordered = inRevisionOrder(fields);
  const signerAt = ordered.findIndex((field) => revisionEndOf(field) > base.size);
  if (signerAt === -1) refuse('unsigned', 'No signature was added to the document to sign');
  const signerField = ordered[signerAt] as PdfSignatureField;
  if (!isBaseOf(bytes, base)) refuse('other_document', 'The signed PDF does not start with the document to sign');
  if (isTimestamp(signerField)) refuse('unsigned', 'The first signature added to the document to sign is a document timestamp, not a person');

  const signed = await verifySignerSignature(bytes, base, signerField);
  await verifyLaterRevisions(bytes, ordered.slice(signerAt));
  const earlier = await verifyEarlierSignatures(bytes, ordered.slice(0, signerAt));

  const signedAt = signed.signature.signingTime ?? signed.signingTimeInDictionary ?? new Date();
  const chain = await checkCertificateChain({
    signer: signed.signature.signerCertificate,
    intermediates: signed.signature.otherCertificates,
    trustRoots: input.trustRoots.map((der) => Certificate.fromBER(new Uint8Array(der))),
    signedAt,
  });
  if (chain.status !== 'trusted') refuse(chain.status, chain.message);
  const verdict = verdictOf(signerField, signed.subFilter, signed.signature);
  if (!namesExpectedSigner(certificateIdentity(signed.signature.signerCertificate), input.expectedSigner)) {
    refuse('other_signer', 'The signer certificate names another person than the one who must sign');
  }
  return { verdict, earlier };
}

function refuse(reason: RefusalReason, message: string): never {
  throw new SignatureRefused(reason, message);
}

/**
 * After its header (ISO 32000-1 §7.5.2), a PDF has a document pdf-lib can read down to its
 * pages: pdf-lib loads almost any bytes after a header, so a page is the proof of a document.
 */
async function assertReadablePdf(bytes: Uint8Array): Promise<void> {
  let pages: number;
  try {
    const document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
    pages = document.getPageCount();
  } catch (error) {
    throw new SignatureRefused('not_pdf', 'The file is not a readable PDF', { cause: error });
  }
  if (pages < 1) refuse('not_pdf', 'The PDF has no page');
}

function isBaseOf(bytes: Uint8Array, base: VerifySignedPdfInput['base']): boolean {
  return bytes.byteLength >= base.size && createHash('sha256').update(bytes.subarray(0, base.size)).digest('hex') === base.sha256.toLowerCase();
}

function isSubFilter(value: string | undefined): value is SubFilter {
  return (SUB_FILTERS as readonly (string | undefined)[]).includes(value);
}

interface SignerSignature {
  readonly signature: VerifiedCmsSignature;
  readonly subFilter: SubFilter;
  readonly signingTimeInDictionary?: Date;
}

/** The signer's signature must be sound, cover the whole base, and hold over the bytes it covers. */
async function verifySignerSignature(bytes: Uint8Array, base: VerifySignedPdfInput['base'], field: PdfSignatureField): Promise<SignerSignature> {
  const flaw = byteRangeFlaw(field, bytes.byteLength);
  if (flaw) refuse('broken', `The signature is malformed: ${flaw}`);
  // Sound, the range covers all but the /Contents: the base is covered when /Contents lies after it.
  if ((field.contents?.start ?? 0) < base.size) refuse('other_document', 'The signature does not cover the whole document to sign');
  const subFilter = field.subFilter;
  if (!isSubFilter(subFilter)) refuse('broken', `The signature's sub-filter ${subFilter ?? '(none)'} is not one the product verifies`);
  const outcome = await checkCms(bytes, field, false);
  if (!outcome.holds) refuse(outcome.flaw === 'digest_mismatch' ? 'modified' : 'broken', `The signature does not hold: ${outcome.message}`);
  const signingTimeInDictionary = field.signedAt === undefined ? undefined : parsePdfDate(field.signedAt);
  return { signature: outcome.signature, subFilter, ...(signingTimeInDictionary ? { signingTimeInDictionary } : {}) };
}

/**
 * After the signer's revision only incremental updates that each end with another signature or
 * document timestamp may follow, each sound and holding over everything before it; nothing may
 * follow the last one. `fields` starts with the signer's.
 */
async function verifyLaterRevisions(bytes: Uint8Array, fields: readonly PdfSignatureField[]): Promise<void> {
  const [signerField, ...later] = fields;
  for (const field of later) {
    const flaw = byteRangeFlaw(field, bytes.byteLength);
    if (flaw) refuse('modified', `A later signature does not cover its revision: ${flaw}`);
    const outcome = await checkCms(bytes, field, isTimestamp(field));
    if (!outcome.holds) refuse('modified', `A later signature does not hold: ${outcome.message}`);
  }
  const signedEnds = new Set(fields.map(revisionEndOf));
  const signerEnd = revisionEndOf(signerField as PdfSignatureField);
  const unsignedUpdate = findRevisionEnds(bytes).find((revision) => revision.end > signerEnd && !signedEnds.has(revision.end));
  if (unsignedUpdate) refuse('modified', `An incremental update without a signature follows the signature (revision ending at byte ${unsignedUpdate.end})`);
  const lastSignedEnd = Math.max(...signedEnds);
  if (bytes.byteLength !== lastSignedEnd) refuse('modified', `Bytes follow the last signed revision (from byte ${lastSignedEnd})`);
}

/** The signatures inside the base must still hold (they are the evidence of earlier signers); a broken one means the base was altered. */
async function verifyEarlierSignatures(bytes: Uint8Array, fields: readonly PdfSignatureField[]): Promise<SignatureVerdict[]> {
  const verdicts: SignatureVerdict[] = [];
  for (const field of fields) {
    const flaw = byteRangeFlaw(field, bytes.byteLength);
    if (flaw) refuse('modified', `An earlier signature is malformed: ${flaw}`);
    const timestamp = isTimestamp(field);
    if (!timestamp && !isSubFilter(field.subFilter)) refuse('modified', `An earlier signature's sub-filter ${field.subFilter ?? '(none)'} is not one the product verifies`);
    const outcome = await checkCms(bytes, field, timestamp);
    if (!outcome.holds) refuse('modified', `An earlier signature does not hold: ${outcome.message}`);
    // A document timestamp names no signer: the verdicts list people's signatures.
    if (!timestamp && isSubFilter(field.subFilter)) verdicts.push(verdictOf(field, field.subFilter, outcome.signature));
  }
  return verdicts;
}

/** The CMS of a field whose `/ByteRange` is sound, checked over the bytes that range covers. */
async function checkCms(bytes: Uint8Array, field: PdfSignatureField, timestamp: boolean): Promise<CmsSignatureOutcome> {
  const contents = field.contents as NonNullable<PdfSignatureField['contents']>;
  if (contents.hex.length > 2 * MAX_CMS_BYTES) return { holds: false, flaw: 'invalid', message: `the /Contents is larger than ${MAX_CMS_BYTES} bytes` };
  return verifyCmsSignature({ contentsHex: contents.hex, signedBytes: signedBytesOf(bytes, field), timestamp });
}

function verdictOf(field: PdfSignatureField, subFilter: SubFilter, signature: VerifiedCmsSignature): SignatureVerdict {
  const identity = certificateIdentity(signature.signerCertificate);
  const signingTime = signature.signingTime ?? (field.signedAt === undefined ? undefined : parsePdfDate(field.signedAt));
  return {
    subject: identity.subject,
    issuer: identity.issuer,
    serialNumber: Buffer.from(signature.signerCertificate.serialNumber.valueBlock.valueHexView).toString('hex'),
    certificateSha256: createHash('sha256').update(signature.signerCertificateDer).digest('hex'),
    algorithm: signature.algorithm,
    subFilter,
    ...(signingTime ? { signingTime: signingTime.toISOString() } : {}),
    revisionLength: revisionEndOf(field),
    ...(identity.nationalRegisterNumber ? { nationalRegisterNumber: identity.nationalRegisterNumber } : {}),
    revocation: 'not_checked',
  };
}
