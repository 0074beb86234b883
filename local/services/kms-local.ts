/**
 * KMS on loopback for the product's own keys: an HMAC key that signs list cursors
 * (GenerateMac/VerifyMac) and asymmetric keys that seal documents (Sign/Verify/GetPublicKey).
 * No npm package serves the KMS API, so this server speaks it as `@aws-sdk/client-kms` does
 * (AWS JSON 1.1): `POST /` with `X-Amz-Target: TrentService.<Operation>`, blobs as base64
 * strings, timestamps as epoch seconds, errors as HTTP 400 `{"__type": "<Code>", "message"}`
 * so the SDK throws its modelled exceptions. The cryptography is node:crypto's. Keys live in
 * `<dataDir>/kms-keys.json` (replaced atomically), so they survive a restart of the stack.
 *
 * Served: CreateKey, DescribeKey, CreateAlias, ListAliases, GenerateMac, VerifyMac, Sign,
 * Verify, GetPublicKey. Unlike AWS: keys are always enabled (no Disable, no deletion), key
 * policies and grants are ignored, request signatures are not checked, SYMMETRIC_DEFAULT keys
 * can be created but Encrypt/Decrypt are not served, and MessageType DIGEST is signed for
 * RSASSA_PKCS1_V1_5 only (node:crypto cannot sign a precomputed digest with ECDSA or PSS).
 *
 * This file is the service's one door (start it, stop it, hand it a template's keys); the
 * parts behind it are in `kms/`: the protocol (`kms-server.ts`, `json-request-body.ts`), the
 * operations (`kms-operations.ts`), the keys on disk (`key-store.ts`) and the template's keys
 * (`template-keys.ts`).
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { KeyStore, STORE_FILE } from './kms/key-store.js';
import { answer } from './kms/kms-server.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import type { TemplateKey } from './kms/template-keys.js';

export { KmsKeyStoreError } from './kms/key-store.js';
export { KmsApiError, type KmsErrorCode } from './kms/kms-errors.js';
export { ensureKeysFromTemplate, readTemplateKeys, TemplateKeyError, type TemplateKey } from './kms/template-keys.js';

export interface KmsLocalOptions {
  /** Directory of `kms-keys.json`; created when missing. */
  readonly dataDir: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The region in key and alias ARNs. @default 'eu-west-1' */
  readonly region?: string;
}

export interface KmsLocal {
  /** e.g. `http://127.0.0.1:43123`: the SDK client's `endpoint` (`AWS_ENDPOINT_URL_KMS`). */
  readonly endpoint: string;
  /** The ARN of the key made for a template's logical id, by this run or an earlier one on the same data dir. */
  keyArnOf(logicalId: string): string | undefined;
  /**
   * The key of a template resource, created unless its logical id already has one with the
   * same spec and usage (a different one is replaced, as CloudFormation replaces the key).
   * @returns the key ARN
   * @throws KmsApiError when the spec and usage make no key this server serves
   */
  ensureKey(declaration: Omit<TemplateKey, 'aliasNames' | 'cdkPath'>): Promise<string>;
  /** Creates the alias, or points it at `keyArn` if it points elsewhere. */
  ensureAlias(aliasName: string, keyArn: string): Promise<void>;
  /** Stops the server once pending writes are on disk. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the server; the keys of an earlier run on `dataDir` are read back first. */
export async function startKmsLocal(options: KmsLocalOptions): Promise<KmsLocal> {
  const store = await KeyStore.open(path.join(options.dataDir, STORE_FILE), options.region ?? 'eu-west-1');
  const server = createServer((request, response) => {
    void answer(store, request, response);
  });
  const listening = await listenOnLoopback(server, { port: options.port, host: options.host });
  return {
    endpoint: listening.endpoint,
    keyArnOf: (logicalId) => store.templateKeyArn(logicalId),
    ensureKey: (declaration) => store.ensureTemplateKey(declaration),
    ensureAlias: (aliasName, keyArn) => store.ensureAlias(aliasName, keyArn),
    stop: () => listening.close().then(() => store.flushed()),
  };
}
