/**
 * What each served operation does, checked and answered as AWS does it: members are read and
 * validated first, the key is resolved and checked against the operation, then the answer is
 * shaped as the SDK expects it (timestamps in epoch seconds, blobs in base64, key ARNs where
 * AWS gives ARNs). The protocol around them lives in `kms-server.ts`.
 */
import { constants, timingSafeEqual } from 'node:crypto';
import { ACCOUNT_ID, type KeyStore, type LoadedKey } from './key-store.js';
import { KEY_SPECS, type KeySpecProfile } from './key-specs.js';
import { KmsApiError } from './kms-errors.js';
import type { Json } from './json-object.js';
import { computeMac, DIGEST_BYTES, SIGNING_SCHEMES, signatureIsValid, signMessage, type SigningRequest } from './mac-and-signature.js';
import { validationError, type RequestReader } from './request-reader.js';

/** AWS's limit for Message in GenerateMac, VerifyMac, Sign and Verify. */
const MAX_MESSAGE_BYTES = 4096;

function keyMetadata(store: KeyStore, key: LoadedKey): Json {
  const { record } = key;
  const profile: KeySpecProfile = KEY_SPECS[record.keySpec];
  return {
    AWSAccountId: ACCOUNT_ID,
    KeyId: record.keyId,
    Arn: store.keyArn(record.keyId),
    CreationDate: record.creationDate / 1000,
    Enabled: true,
    Description: record.description,
    KeyUsage: record.keyUsage,
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: record.keySpec,
    KeySpec: record.keySpec,
    MultiRegion: false,
    ...(profile.macAlgorithm ? { MacAlgorithms: [profile.macAlgorithm] } : {}),
    ...(profile.signingAlgorithms ? { SigningAlgorithms: profile.signingAlgorithms } : {}),
    ...(record.keySpec === 'SYMMETRIC_DEFAULT' ? { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } : {}),
  };
}

function readSigningRequest(store: KeyStore, request: RequestReader): SigningRequest {
  const keyId = request.string('KeyId');
  const message = request.blob('Message', MAX_MESSAGE_BYTES);
  const algorithm = request.string('SigningAlgorithm');
  const messageType = request.optionalString('MessageType') ?? 'RAW';
  const scheme = SIGNING_SCHEMES[algorithm];
  if (!scheme) throw new KmsApiError('ValidationException', `SigningAlgorithm ${algorithm} is not one of ${Object.keys(SIGNING_SCHEMES).join(', ')}`);
  if (messageType !== 'RAW' && messageType !== 'DIGEST') throw new KmsApiError('ValidationException', `MessageType ${messageType} is not one of RAW, DIGEST`);
  const key = store.resolve(keyId);
  const { privateKey, publicKey } = key;
  if (key.record.keyUsage !== 'SIGN_VERIFY' || !privateKey || !publicKey) {
    throw new KmsApiError('InvalidKeyUsageException', `${key.record.keyId} key usage is ${key.record.keyUsage} which is not valid for signing`);
  }
  const profile: KeySpecProfile = KEY_SPECS[key.record.keySpec];
  if (!profile.signingAlgorithms?.some((supported) => supported === algorithm)) {
    throw new KmsApiError('InvalidKeyUsageException', `${algorithm} is not valid for a ${key.record.keySpec} key`);
  }
  const digest = messageType === 'DIGEST';
  if (digest && message.length !== DIGEST_BYTES[scheme.hash]) {
    throw new KmsApiError('ValidationException', `Digest is invalid length for algorithm ${algorithm}`);
  }
  if (digest && scheme.padding !== constants.RSA_PKCS1_PADDING) {
    throw new KmsApiError('UnsupportedOperationException', `MessageType DIGEST is served locally for RSASSA_PKCS1_V1_5 only; send ${algorithm} messages as RAW`);
  }
  return { key: { ...key, privateKey, publicKey }, algorithm, hash: scheme.hash, padding: scheme.padding, message, digest };
}

/** One operation: reads its members from `request`, answers with the JSON body, or throws a KmsApiError. */
export type Operation = (store: KeyStore, request: RequestReader) => Promise<Json>;

/** The served operations by name, as in `X-Amz-Target: TrentService.<name>`. */
export const OPERATIONS: Record<string, Operation> = {
  CreateKey: async (store, request) => {
    const keySpec = request.optionalString('KeySpec') ?? request.optionalString('CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
    const keyUsage = request.optionalString('KeyUsage') ?? 'ENCRYPT_DECRYPT';
    const origin = request.optionalString('Origin') ?? 'AWS_KMS';
    if (origin !== 'AWS_KMS') throw new KmsApiError('UnsupportedOperationException', `Origin ${origin} is not served locally`);
    const description = request.optionalString('Description') ?? '';
    if (description.length > 8192) throw validationError('Description', 'Member must have length less than or equal to 8192');
    const key = await store.createKey({ keySpec, keyUsage, description, tags: request.tags('Tags') });
    return { KeyMetadata: keyMetadata(store, key) };
  },

  DescribeKey: async (store, request) => ({ KeyMetadata: keyMetadata(store, store.resolve(request.string('KeyId'))) }),

  CreateAlias: async (store, request) => {
    const aliasName = request.string('AliasName');
    const target = store.resolve(request.string('TargetKeyId'), true);
    await store.createAlias(aliasName, target.record.keyId);
    return {};
  },

  ListAliases: async (store, request) => {
    const keyId = request.optionalString('KeyId');
    const limit = request.optionalInteger('Limit', 1, 100) ?? 50;
    const marker = request.optionalString('Marker');
    const aliases = store.listAliases(keyId === undefined ? undefined : store.resolve(keyId, true).record.keyId);
    // The marker is the name of the first alias of the next page (aliases are never deleted here).
    const start = marker === undefined ? 0 : aliases.findIndex(([name]) => name === marker);
    if (start < 0) throw new KmsApiError('InvalidMarkerException', 'The marker does not come from a ListAliases answer');
    const page = aliases.slice(start, start + limit);
    const next = aliases[start + limit];
    return {
      Aliases: page.map(([name, alias]) => ({
        AliasName: name,
        AliasArn: store.aliasArn(name),
        TargetKeyId: alias.targetKeyId,
        CreationDate: alias.creationDate / 1000,
        LastUpdatedDate: alias.lastUpdatedDate / 1000,
      })),
      Truncated: next !== undefined,
      ...(next ? { NextMarker: next[0] } : {}),
    };
  },

  GenerateMac: async (store, request) => {
    const keyId = request.string('KeyId');
    const macAlgorithm = request.string('MacAlgorithm');
    const message = request.blob('Message', MAX_MESSAGE_BYTES);
    const key = store.resolve(keyId);
    const mac = computeMac(key, macAlgorithm, message);
    return { Mac: mac.toString('base64'), MacAlgorithm: macAlgorithm, KeyId: store.keyArn(key.record.keyId) };
  },

  VerifyMac: async (store, request) => {
    const keyId = request.string('KeyId');
    const macAlgorithm = request.string('MacAlgorithm');
    const message = request.blob('Message', MAX_MESSAGE_BYTES);
    const mac = request.blob('Mac', 6144);
    const key = store.resolve(keyId);
    const expected = computeMac(key, macAlgorithm, message);
    // The length of a MAC is no secret; its bytes are compared in constant time.
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
      throw new KmsApiError('KMSInvalidMacException', 'The MAC does not match the message under this key');
    }
    return { KeyId: store.keyArn(key.record.keyId), MacValid: true, MacAlgorithm: macAlgorithm };
  },

  Sign: async (store, request) => {
    const signing = readSigningRequest(store, request);
    return { KeyId: store.keyArn(signing.key.record.keyId), Signature: signMessage(signing).toString('base64'), SigningAlgorithm: signing.algorithm };
  },

  Verify: async (store, request) => {
    const signing = readSigningRequest(store, request);
    if (!signatureIsValid(signing, request.blob('Signature', 6144))) {
      throw new KmsApiError('KMSInvalidSignatureException', 'The signature does not match the message under this key');
    }
    return { KeyId: store.keyArn(signing.key.record.keyId), SignatureValid: true, SigningAlgorithm: signing.algorithm };
  },

  GetPublicKey: async (store, request) => {
    const key = store.resolve(request.string('KeyId'));
    if (!key.publicKey) throw new KmsApiError('UnsupportedOperationException', `${key.record.keyId} is a ${key.record.keySpec} key, which has no public key`);
    const profile: KeySpecProfile = KEY_SPECS[key.record.keySpec];
    return {
      KeyId: store.keyArn(key.record.keyId),
      PublicKey: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      CustomerMasterKeySpec: key.record.keySpec,
      KeySpec: key.record.keySpec,
      KeyUsage: key.record.keyUsage,
      SigningAlgorithms: profile.signingAlgorithms,
    };
  },
};
