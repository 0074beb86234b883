/**
 * What verifying a signed PDF answers (R3, R8): a verdict recorded in the audit entry, or a
 * refusal with its own reason (api-contract.md, `422 signature_refused`). Shared by the eID
 * upload, the signing service's callback, the completion certificate's seal and
 * `npm run verify-evidence`.
 */
import { ProductError } from '../errors/product-error.js';

/** Why a signed PDF is refused; the values are the contract's `reason`. */
export const REFUSAL_REASONS = [
  'not_pdf',
  'unsigned',
  'broken',
  'modified',
  'other_document',
  'other_signer',
  'untrusted',
  'not_valid_at_signing',
  'active_content',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The PDF sub-filters of a PAdES signature that the product verifies and makes. */
export const SUB_FILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const;
export type SubFilter = (typeof SUB_FILTERS)[number];

/**
 * One verified signature, as the audit entry records it. No personal data beyond what the
 * evidence needs: the subject names the signer; the national register number is kept only
 * in `nationalRegisterNumber` and never shown in pages, e-mails or logs.
 */
export interface SignatureVerdict {
  /** The signer certificate's subject, RFC 4514 (`CN=Jan Peeters (Signature), SN=Peeters, ...`). */
  readonly subject: string;
  readonly issuer: string;
  /** The signer certificate's serial number, hex. */
  readonly serialNumber: string;
  /** SHA-256 of the signer certificate's DER, hex. */
  readonly certificateSha256: string;
  /** e.g. `ECDSA-P384-SHA384`, `RSA-PSS-SHA256`, `RSA-PKCS1-SHA256`. */
  readonly algorithm: string;
  readonly subFilter: SubFilter;
  /** The signing-time attribute (or the dictionary's `/M`), ISO 8601; absent if the signature gives none. */
  readonly signingTime?: string;
  /** Bytes covered by this signature's revision: the file up to the end of its incremental update. */
  readonly revisionLength: number;
  /** The Belgian national register number when the certificate carries it (its subject serialNumber). */
  readonly nationalRegisterNumber?: string;
  /** Revocation (CRL/OCSP) is not checked without network access: recorded as such (docs/signatures.md). */
  readonly revocation: 'not_checked';
}

/** A signed PDF the product will not accept; `reason` is the contract's reason, `message` says why in English for logs. */
export class SignatureRefused extends ProductError<{ reason: RefusalReason }> {
  override readonly name = 'SignatureRefused';

  constructor(
    readonly reason: RefusalReason,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, { reason }, options);
  }
}
