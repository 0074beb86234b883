/**
 * What each signature algorithm the product makes means in practice: the hash that digests
 * the document and the signed attributes, the key it needs, and how node:crypto and KMS name
 * it. One table, so the signer, the node:crypto key and the KMS key cannot disagree.
 */
import type { PdfSigningAlgorithm } from './pdf-signing-key.js';

export interface SigningAlgorithmProfile {
  /** node:crypto's name of the hash. */
  readonly hash: 'sha256' | 'sha384';
  /** The hash's OID, for the CMS digest algorithm. */
  readonly hashOid: string;
  /** The key type node:crypto reports (`KeyObject.asymmetricKeyType`). */
  readonly keyType: 'rsa' | 'ec';
  /** node:crypto's name of the curve of an EC key. */
  readonly namedCurve?: 'prime256v1' | 'secp384r1';
  readonly rsaPadding?: 'pkcs1' | 'pss';
  /** KMS's SigningAlgorithm. */
  readonly kmsAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' | 'RSASSA_PSS_SHA_256' | 'ECDSA_SHA_256' | 'ECDSA_SHA_384';
}

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SHA384_OID = '2.16.840.1.101.3.4.2.2';

export const SIGNING_ALGORITHM_PROFILES: Readonly<Record<PdfSigningAlgorithm, SigningAlgorithmProfile>> = {
  'RSA-PKCS1-SHA256': { hash: 'sha256', hashOid: SHA256_OID, keyType: 'rsa', rsaPadding: 'pkcs1', kmsAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' },
  'RSA-PSS-SHA256': { hash: 'sha256', hashOid: SHA256_OID, keyType: 'rsa', rsaPadding: 'pss', kmsAlgorithm: 'RSASSA_PSS_SHA_256' },
  'ECDSA-P256-SHA256': { hash: 'sha256', hashOid: SHA256_OID, keyType: 'ec', namedCurve: 'prime256v1', kmsAlgorithm: 'ECDSA_SHA_256' },
  'ECDSA-P384-SHA384': { hash: 'sha384', hashOid: SHA384_OID, keyType: 'ec', namedCurve: 'secp384r1', kmsAlgorithm: 'ECDSA_SHA_384' },
};

/** The PSS salt the product uses: as long as the SHA-256 digest, as KMS salts. */
export const PSS_SALT_BYTES = 32;
