/**
 * A PDF signing key held in this process as a node:crypto key: the tests' keys and the local
 * test signing service's. On AWS the product's seal is a KMS key (`adapters/kms-signing-key.ts`).
 */
import { constants, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { ProductError } from '../errors/product-error.js';
import type { PdfSigningAlgorithm, PdfSigningKey } from './pdf-signing-key.js';
import { PSS_SALT_BYTES, SIGNING_ALGORITHM_PROFILES } from './signing-algorithm-profile.js';

/** The key cannot make the named algorithm's signatures, or is not the certificate's key. */
export class SigningKeyMismatch extends ProductError<{ algorithm: PdfSigningAlgorithm }> {
  override readonly name = 'SigningKeyMismatch';
}

export interface NodeSigningKeyOptions {
  /** The private key of `certificates[0]`. */
  readonly privateKey: KeyObject;
  /** The signer certificate first, then its intermediates up to (not including) the root; DER. */
  readonly certificates: readonly Uint8Array[];
  readonly algorithm: PdfSigningAlgorithm;
}

/**
 * A {@link PdfSigningKey} on a node:crypto private key.
 * @throws SigningKeyMismatch when the key does not fit the algorithm or is not the signer certificate's
 */
export function nodeSigningKey({ privateKey, certificates, algorithm }: NodeSigningKeyOptions): PdfSigningKey {
  const profile = SIGNING_ALGORITHM_PROFILES[algorithm];
  const [signerCertificate] = certificates;
  if (!signerCertificate) throw new SigningKeyMismatch(`A ${algorithm} signing key needs its certificate`, { algorithm });
  const details = privateKey.asymmetricKeyDetails;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== profile.keyType || (profile.namedCurve && details?.namedCurve !== profile.namedCurve)) {
    throw new SigningKeyMismatch(`A ${privateKey.asymmetricKeyType ?? privateKey.type} key${details?.namedCurve ? ` on ${details.namedCurve}` : ''} cannot sign ${algorithm}`, {
      algorithm,
    });
  }
  if (!new X509Certificate(signerCertificate).checkPrivateKey(privateKey)) {
    throw new SigningKeyMismatch(`The private key is not the signer certificate's key`, { algorithm });
  }
  const padding = profile.rsaPadding === 'pss' ? constants.RSA_PKCS1_PSS_PADDING : profile.rsaPadding === 'pkcs1' ? constants.RSA_PKCS1_PADDING : undefined;
  return {
    certificates,
    algorithm,
    sign: async (data) =>
      new Uint8Array(
        sign(profile.hash, data, {
          key: privateKey,
          dsaEncoding: 'der',
          ...(padding === undefined ? {} : { padding }),
          ...(padding === constants.RSA_PKCS1_PSS_PADDING ? { saltLength: PSS_SALT_BYTES } : {}),
        }),
      ),
  };
}
