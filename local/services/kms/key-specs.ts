/**
 * The key specs this server serves and what each one allows, in one table, so that creating
 * a key, describing it and checking an operation against it cannot disagree: the usage AWS
 * gives the spec, the usages AWS also allows that are not served here, the material to
 * generate, and the MAC or signing algorithms it answers to.
 */
import type { KeyUsageType, MacAlgorithmSpec, SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { KmsApiError } from './kms-errors.js';

export type ServedKeySpec = keyof typeof KEY_SPECS;

export interface KeySpecProfile {
  /** The usage served here. */
  readonly usage: KeyUsageType;
  /** Usages AWS also allows with this spec, which this server does not serve. */
  readonly unservedUsages: readonly KeyUsageType[];
  readonly material: { readonly secretBytes: number } | { readonly namedCurve: string } | { readonly modulusLength: number };
  readonly macAlgorithm?: MacAlgorithmSpec;
  readonly signingAlgorithms?: readonly SigningAlgorithmSpec[];
}

const RSA_SIGNING: readonly SigningAlgorithmSpec[] = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

export const KEY_SPECS = {
  HMAC_256: { usage: 'GENERATE_VERIFY_MAC', unservedUsages: [], material: { secretBytes: 32 }, macAlgorithm: 'HMAC_SHA_256' },
  HMAC_384: { usage: 'GENERATE_VERIFY_MAC', unservedUsages: [], material: { secretBytes: 48 }, macAlgorithm: 'HMAC_SHA_384' },
  HMAC_512: { usage: 'GENERATE_VERIFY_MAC', unservedUsages: [], material: { secretBytes: 64 }, macAlgorithm: 'HMAC_SHA_512' },
  ECC_NIST_P256: { usage: 'SIGN_VERIFY', unservedUsages: ['KEY_AGREEMENT'], material: { namedCurve: 'P-256' }, signingAlgorithms: ['ECDSA_SHA_256'] },
  ECC_NIST_P384: { usage: 'SIGN_VERIFY', unservedUsages: ['KEY_AGREEMENT'], material: { namedCurve: 'P-384' }, signingAlgorithms: ['ECDSA_SHA_384'] },
  RSA_2048: { usage: 'SIGN_VERIFY', unservedUsages: ['ENCRYPT_DECRYPT'], material: { modulusLength: 2048 }, signingAlgorithms: RSA_SIGNING },
  RSA_3072: { usage: 'SIGN_VERIFY', unservedUsages: ['ENCRYPT_DECRYPT'], material: { modulusLength: 3072 }, signingAlgorithms: RSA_SIGNING },
  RSA_4096: { usage: 'SIGN_VERIFY', unservedUsages: ['ENCRYPT_DECRYPT'], material: { modulusLength: 4096 }, signingAlgorithms: RSA_SIGNING },
  // Created so templates declaring one still start; Encrypt/Decrypt are not served.
  SYMMETRIC_DEFAULT: { usage: 'ENCRYPT_DECRYPT', unservedUsages: [], material: { secretBytes: 32 } },
} as const satisfies Record<string, KeySpecProfile>;

/**
 * The served spec for a CreateKey or template declaration.
 * @throws KmsApiError UnsupportedOperationException for a spec or usage AWS has but this server does not serve, ValidationException for a usage the spec cannot have
 */
export function servedKeySpec(keySpec: string, keyUsage: string): ServedKeySpec {
  if (!Object.hasOwn(KEY_SPECS, keySpec)) {
    throw new KmsApiError('UnsupportedOperationException', `KeySpec ${keySpec} is not served locally (served: ${Object.keys(KEY_SPECS).join(', ')})`);
  }
  const spec = keySpec as ServedKeySpec;
  const profile: KeySpecProfile = KEY_SPECS[spec];
  if (profile.usage === keyUsage) return spec;
  if (profile.unservedUsages.some((usage) => usage === keyUsage)) {
    throw new KmsApiError('UnsupportedOperationException', `KeyUsage ${keyUsage} is not served locally for ${keySpec} (served: ${profile.usage})`);
  }
  throw new KmsApiError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}; expected ${profile.usage}`);
}
