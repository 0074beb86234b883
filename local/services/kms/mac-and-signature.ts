/**
 * KMS's MAC and signing algorithms mapped onto node:crypto, so the operations name algorithms
 * as KMS does and never handle paddings or salts. The one non-obvious part is MessageType DIGEST: node:crypto signs messages, not precomputed digests, so a PKCS#1 v1.5
 * digest is signed by hand (DigestInfo header + privateEncrypt), which gives exactly the
 * signature sign() gives for the message itself.
 */
import { constants, createHmac, privateEncrypt, publicDecrypt, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { LoadedKey } from './key-store.js';
import { KEY_SPECS, type KeySpecProfile } from './key-specs.js';
import { KmsApiError } from './kms-errors.js';

export type Hash = 'sha256' | 'sha384' | 'sha512';

const MAC_HASHES: Record<string, Hash> = { HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

/** How each signing algorithm runs in node:crypto; PSS salts are as long as the digest, as in KMS. */
export const SIGNING_SCHEMES: Record<string, { readonly hash: Hash; readonly padding?: number }> = {
  ECDSA_SHA_256: { hash: 'sha256' },
  ECDSA_SHA_384: { hash: 'sha384' },
  RSASSA_PKCS1_V1_5_SHA_256: { hash: 'sha256', padding: constants.RSA_PKCS1_PADDING },
  RSASSA_PKCS1_V1_5_SHA_384: { hash: 'sha384', padding: constants.RSA_PKCS1_PADDING },
  RSASSA_PKCS1_V1_5_SHA_512: { hash: 'sha512', padding: constants.RSA_PKCS1_PADDING },
  RSASSA_PSS_SHA_256: { hash: 'sha256', padding: constants.RSA_PKCS1_PSS_PADDING },
  RSASSA_PSS_SHA_384: { hash: 'sha384', padding: constants.RSA_PKCS1_PSS_PADDING },
  RSASSA_PSS_SHA_512: { hash: 'sha512', padding: constants.RSA_PKCS1_PSS_PADDING },
};

/** The length a MessageType DIGEST message must have for each hash. */
export const DIGEST_BYTES: Record<Hash, number> = { sha256: 32, sha384: 48, sha512: 64 };

/**
 * The DER DigestInfo header PKCS#1 v1.5 puts before a digest (RFC 8017 §9.2, note 1): with
 * it, privateEncrypt signs a precomputed digest exactly as sign() signs the message.
 */
const DIGEST_INFO_PREFIXES: Record<Hash, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** The HMAC of `message` under the key, after checking the key and algorithm go together. */
export function computeMac(key: LoadedKey, macAlgorithm: string, message: Buffer): Buffer {
  const hash = MAC_HASHES[macAlgorithm];
  if (!hash) throw new KmsApiError('ValidationException', `MacAlgorithm ${macAlgorithm} is not one of ${Object.keys(MAC_HASHES).join(', ')}`);
  const profile: KeySpecProfile = KEY_SPECS[key.record.keySpec];
  if (key.record.keyUsage !== 'GENERATE_VERIFY_MAC' || !key.secret) {
    throw new KmsApiError('InvalidKeyUsageException', `${key.record.keyId} key usage is ${key.record.keyUsage} which is not valid for MAC operations`);
  }
  if (profile.macAlgorithm !== macAlgorithm) {
    throw new KmsApiError('InvalidKeyUsageException', `${macAlgorithm} is not valid for a ${key.record.keySpec} key; use ${profile.macAlgorithm}`);
  }
  return createHmac(hash, key.secret).update(message).digest();
}

/** A Sign or Verify request once its key, algorithm and message type are checked. */
export interface SigningRequest {
  readonly key: LoadedKey & { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly algorithm: string;
  readonly hash: Hash;
  readonly padding: number | undefined;
  readonly message: Buffer;
  readonly digest: boolean;
}

/** The signature as KMS gives it: ECDSA in DER, PSS salted with the digest's length. */
export function signMessage({ key, hash, padding, message, digest }: SigningRequest): Buffer {
  if (digest) return privateEncrypt({ key: key.privateKey, padding }, Buffer.concat([DIGEST_INFO_PREFIXES[hash], message]));
  return sign(hash, message, { key: key.privateKey, dsaEncoding: 'der', padding, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
}

/** Whether `signature` is the key's signature of the request's message (or digest). */
export function signatureIsValid({ key, hash, padding, message, digest }: SigningRequest, signature: Buffer): boolean {
  try {
    if (!digest) return verify(hash, message, { key: key.publicKey, dsaEncoding: 'der', padding, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
    const expected = Buffer.concat([DIGEST_INFO_PREFIXES[hash], message]);
    const recovered = publicDecrypt({ key: key.publicKey, padding }, signature);
    return recovered.length === expected.length && timingSafeEqual(recovered, expected);
  } catch {
    // A signature that is not even well-formed (bad DER, wrong length) is just invalid.
    return false;
  }
}
