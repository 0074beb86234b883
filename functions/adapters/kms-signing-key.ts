/**
 * A PDF signing key in KMS (an asymmetric SIGN_VERIFY key: ECC_NIST_P256/P384 or RSA): the
 * product's seal. The private key never leaves KMS; this process hashes what is to be signed
 * and sends KMS the digest. The certificates are the seal's, issued for the key's public key
 * (GetPublicKey). `AWS_ENDPOINT_URL_KMS` points the client at the local stack's KMS server.
 */
import { createHash } from 'node:crypto';
import type { MessageType } from '@aws-sdk/client-kms';
import type { PdfSigningAlgorithm, PdfSigningKey } from '../signatures/pdf-signing-key.js';
import { SIGNING_ALGORITHM_PROFILES } from '../signatures/signing-algorithm-profile.js';
import { kms } from './kms-client.js';

/** KMS signs a RAW message of at most this many bytes (it hashes it itself); a DIGEST has no such bound. */
export const MAX_RAW_MESSAGE_BYTES = 4096;

export interface KmsSigningKeyOptions {
  /** The key's id, ARN, alias name or alias ARN. */
  readonly keyId: string;
  /** The certificate issued for the key's public key first, then its intermediates up to (not including) the root; DER. */
  readonly certificates: readonly Uint8Array[];
  readonly algorithm: PdfSigningAlgorithm;
  /**
   * What is sent to KMS: the digest, hashed here by the algorithm's hash, or the RAW signed
   * attributes (at most 4096 bytes), hashed by KMS. Both make the same signature. The local
   * KMS server (`local/services/kms-local.ts`) signs a DIGEST with RSASSA-PKCS1-v1_5 only, so
   * an ECDSA or PSS key served there needs 'RAW'.
   * @default 'DIGEST'
   */
  readonly messageType?: MessageType;
}

/** A {@link PdfSigningKey} whose signatures KMS makes with `keyId`. */
export function kmsSigningKey({ keyId, certificates, algorithm, messageType = 'DIGEST' }: KmsSigningKeyOptions): PdfSigningKey {
  const profile = SIGNING_ALGORITHM_PROFILES[algorithm];
  return {
    certificates,
    algorithm,
    sign: async (data) => {
      if (messageType === 'RAW' && data.length > MAX_RAW_MESSAGE_BYTES) {
        throw new RangeError(`KMS signs at most ${MAX_RAW_MESSAGE_BYTES} bytes RAW; ${data.length} bytes are to be signed`);
      }
      const message = messageType === 'DIGEST' ? createHash(profile.hash).update(data).digest() : data;
      const { client, sdk } = await kms();
      const answer = await client.send(new sdk.SignCommand({ KeyId: keyId, Message: message, MessageType: messageType, SigningAlgorithm: profile.kmsAlgorithm }));
      if (!answer.Signature) throw new Error('KMS answered no signature');
      return answer.Signature;
    },
  };
}
