/**
 * A key that signs PDFs (PAdES): the product's seal (a KMS asymmetric key on AWS), the local
 * test signing service's and the tests' keys (node:crypto keys). The private key never has to
 * leave where it lives: the signer only hands over the bytes to sign.
 */

/** The signature algorithms the product makes; it verifies these and RSA PKCS#1/PSS with SHA-384/512 too. */
export const PDF_SIGNING_ALGORITHMS = ['RSA-PKCS1-SHA256', 'RSA-PSS-SHA256', 'ECDSA-P256-SHA256', 'ECDSA-P384-SHA384'] as const;
export type PdfSigningAlgorithm = (typeof PDF_SIGNING_ALGORITHMS)[number];

export interface PdfSigningKey {
  /** The signer certificate first, then the intermediates up to (not including) the root; DER. */
  readonly certificates: readonly Uint8Array[];
  readonly algorithm: PdfSigningAlgorithm;
  /** Signs `data` (the DER of the CMS signed attributes) with the certificate's key; ECDSA answers the DER `Ecdsa-Sig-Value`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
