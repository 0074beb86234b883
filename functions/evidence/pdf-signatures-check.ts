/**
 * Every signature of a PDF, checked against trust roots, whoever signed it: what the evidence
 * verifier needs (R8), where `verifySignedPdf` checks one upload against the form and the person
 * who had to sign it. Built on the same parts (functions/signatures/): the signature
 * dictionaries found at byte level, each `/ByteRange` sound, each CMS holding over the bytes it
 * covers, each signer certificate chaining to a root at its signing time; and nothing but
 * signed revisions after the first signature, nothing after the last.
 */
import { createHash } from 'node:crypto';
import { Certificate } from 'pkijs';
import { checkCertificateChain } from '../signatures/certificate-chain.js';
import { MAX_CMS_BYTES, verifyCmsSignature } from '../signatures/cms-signature.js';
import {
  byteRangeFlaw,
  findPdfSignatureFields,
  findRevisionEnds,
  inRevisionOrder,
  isDocumentTimestamp,
  MAX_SIGNATURES,
  parsePdfDate,
  type PdfSignatureField,
  revisionEndOf,
  signedBytesOf,
} from '../signatures/pdf-signature-fields.js';
import { certificateIdentity } from '../signatures/signer-identity.js';

/** One signature that holds and chains to a root. */
export interface CheckedPdfSignature {
  /** 1 for the file's first signature (in revision order). */
  readonly number: number;
  readonly subFilter?: string;
  /** The signer certificate's subject, RFC 4514 (without a national register number). */
  readonly subject: string;
  /** SHA-256 of the signer certificate's DER, hex. */
  readonly certificateSha256: string;
  readonly signingTime?: string;
  /** Where the signature's revision ends: the bytes it covers. */
  readonly revisionLength: number;
  /** A document timestamp rather than a person's or the product's signature. */
  readonly timestamp: boolean;
}

export type PdfSignaturesCheck = { readonly ok: true; readonly signatures: CheckedPdfSignature[] } | { readonly ok: false; readonly problem: string };

/** Checks every signature of `bytes` against `trustRoots` (DER). A PDF without signatures checks, with none. */
export async function checkEveryPdfSignature(bytes: Uint8Array, trustRoots: readonly Uint8Array[]): Promise<PdfSignaturesCheck> {
  const fields = findPdfSignatureFields(bytes, MAX_SIGNATURES);
  if (fields.length > MAX_SIGNATURES) return { ok: false, problem: `it holds more than ${MAX_SIGNATURES} signatures` };
  if (fields.length === 0) return { ok: true, signatures: [] };
  const roots = trustRoots.map((der) => Certificate.fromBER(new Uint8Array(der)));
  const ordered = inRevisionOrder(fields);
  const signatures: CheckedPdfSignature[] = [];
  for (const [index, field] of ordered.entries()) {
    const number = index + 1;
    const flaw = byteRangeFlaw(field, bytes.byteLength);
    if (flaw) return { ok: false, problem: `signature ${number} is malformed: ${flaw}` };
    const contents = field.contents as NonNullable<PdfSignatureField['contents']>;
    if (contents.hex.length > 2 * MAX_CMS_BYTES) return { ok: false, problem: `signature ${number} is larger than ${MAX_CMS_BYTES} bytes` };
    const timestamp = isDocumentTimestamp(field);
    const outcome = await verifyCmsSignature({ contentsHex: contents.hex, signedBytes: signedBytesOf(bytes, field), timestamp });
    if (!outcome.holds) {
      return {
        ok: false,
        problem:
          outcome.flaw === 'digest_mismatch'
            ? `signature ${number} does not hold: the bytes it covers were changed`
            : `signature ${number} does not hold: ${outcome.message}`,
      };
    }
    const { signature } = outcome;
    const signingTime = signature.signingTime ?? (field.signedAt === undefined ? undefined : parsePdfDate(field.signedAt));
    const chain = await checkCertificateChain({
      signer: signature.signerCertificate,
      intermediates: signature.otherCertificates,
      trustRoots: roots,
      signedAt: signingTime ?? new Date(),
    });
    const identity = certificateIdentity(signature.signerCertificate);
    if (chain.status !== 'trusted') return { ok: false, problem: `signature ${number} (${identity.subject}) is not trusted: ${chain.message}` };
    signatures.push({
      number,
      ...(field.subFilter === undefined ? {} : { subFilter: field.subFilter }),
      subject: identity.subject,
      certificateSha256: createHash('sha256').update(signature.signerCertificateDer).digest('hex'),
      ...(signingTime ? { signingTime: signingTime.toISOString() } : {}),
      revisionLength: revisionEndOf(field),
      timestamp,
    });
  }
  const signedEnds = new Set(signatures.map((checked) => checked.revisionLength));
  const firstEnd = Math.min(...signedEnds);
  const unsigned = findRevisionEnds(bytes).find((revision) => revision.end > firstEnd && !signedEnds.has(revision.end));
  if (unsigned) return { ok: false, problem: `an unsigned update follows the first signature (revision ending at byte ${unsigned.end})` };
  const lastEnd = Math.max(...signedEnds);
  if (bytes.byteLength !== lastEnd) return { ok: false, problem: `bytes were added after the last signature (from byte ${lastEnd})` };
  return { ok: true, signatures };
}
