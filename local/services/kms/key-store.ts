/**
 * The key material is the one state of this server that must outlive it: a cursor MACed or a
 * document sealed before a restart has to verify after it. So every change is written at once
 * to `kms-keys.json` (the whole store, a temporary file synced and renamed over the old one),
 * writes are queued one after the other, and a file that cannot be read back stops the start
 * rather than being replaced by an empty store.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyUsageType } from '@aws-sdk/client-kms';
import { LocalStackError } from '../../local-stack-error.js';
import { readJsonStoreFile, writeJsonFileAtomically, WriteQueue, type VersionedStoreFile } from '../json-file-store.js';
import { KEY_SPECS, servedKeySpec, type ServedKeySpec } from './key-specs.js';
import { KmsApiError } from './kms-errors.js';
import type { TemplateKey } from './template-keys.js';

/** `kms-keys.json` exists but cannot be read back; it is left as it is rather than replaced. */
export class KmsKeyStoreError extends LocalStackError {
  override readonly name = 'KmsKeyStoreError';
}

/** The account in every ARN and in DescribeKey's `AWSAccountId`. */
export const ACCOUNT_ID = '000000000000';
/** The store's file name in the data dir. */
export const STORE_FILE = 'kms-keys.json';

export interface StoredKey {
  readonly keyId: string;
  readonly keySpec: ServedKeySpec;
  readonly keyUsage: KeyUsageType;
  description: string;
  /** Epoch ms. */
  readonly creationDate: number;
  readonly tags: readonly { readonly TagKey: string; readonly TagValue: string }[];
  /** HMAC and symmetric keys: the secret, base64. */
  readonly secret?: string;
  /** Asymmetric keys: PKCS#8 PEM. */
  readonly privateKeyPem?: string;
}

interface StoredAlias {
  targetKeyId: string;
  /** Epoch ms. */
  readonly creationDate: number;
  lastUpdatedDate: number;
}

interface KeyStoreFile extends VersionedStoreFile {
  readonly keys: StoredKey[];
  readonly aliases: Record<string, StoredAlias>;
  /** Template logical id → key id, so a restart reuses the keys made for a template. */
  readonly templateKeys: Record<string, string>;
}

/** A stored key with its material ready for node:crypto. */
export interface LoadedKey {
  readonly record: StoredKey;
  readonly secret?: Buffer;
  readonly privateKey?: KeyObject;
  readonly publicKey?: KeyObject;
}

/** The keys and aliases, in memory and in the store file, and the operations on them. */
export class KeyStore {
  private readonly keys = new Map<string, LoadedKey>();
  private readonly aliases = new Map<string, StoredAlias>();
  private readonly templateKeys = new Map<string, string>();
  private readonly writes = new WriteQueue();
  private ensuring: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly region: string,
  ) {}

  static async open(file: string, region: string): Promise<KeyStore> {
    const store = new KeyStore(file, region);
    await readJsonStoreFile<KeyStoreFile>(
      file,
      (saved) => {
        for (const record of saved.keys) store.keys.set(record.keyId, loadKey(record));
        for (const [name, alias] of Object.entries(saved.aliases)) store.aliases.set(name, alias);
        for (const [logicalId, keyId] of Object.entries(saved.templateKeys)) store.templateKeys.set(logicalId, keyId);
      },
      KmsKeyStoreError,
    );
    return store;
  }

  keyArn(keyId: string): string {
    return `arn:aws:kms:${this.region}:${ACCOUNT_ID}:key/${keyId}`;
  }

  aliasArn(aliasName: string): string {
    return `arn:aws:kms:${this.region}:${ACCOUNT_ID}:${aliasName}`;
  }

  /** A key by key id, key ARN, `alias/<name>` or alias ARN (the last two unless `keysOnly`). */
  resolve(reference: string, keysOnly = false): LoadedKey {
    let keyId = reference;
    if (keyId.startsWith('arn:')) {
      const ownPrefix = `arn:aws:kms:${this.region}:${ACCOUNT_ID}:`;
      if (!keyId.startsWith(ownPrefix)) throw new KmsApiError('NotFoundException', `Invalid arn ${reference}`);
      keyId = keyId.slice(ownPrefix.length);
      if (keyId.startsWith('key/')) keyId = keyId.slice('key/'.length);
    }
    if (keyId.startsWith('alias/')) {
      if (keysOnly) throw new KmsApiError('ValidationException', `${reference} is an alias; a key id or key ARN is expected`);
      const alias = this.aliases.get(keyId);
      if (!alias) throw new KmsApiError('NotFoundException', `Alias ${this.aliasArn(keyId)} is not found.`);
      keyId = alias.targetKeyId;
    }
    const key = this.keys.get(keyId);
    if (!key) throw new KmsApiError('NotFoundException', `Key '${this.keyArn(keyId)}' does not exist`);
    return key;
  }

  /** Creates a key; with `logicalId`, it becomes that template resource's key in the same write. */
  async createKey(
    input: { keySpec: string; keyUsage: string; description: string; tags: StoredKey['tags'] },
    logicalId?: string,
  ): Promise<LoadedKey> {
    const keySpec = servedKeySpec(input.keySpec, input.keyUsage);
    const material = KEY_SPECS[keySpec].material;
    const record: StoredKey = {
      keyId: randomUUID(),
      keySpec,
      keyUsage: KEY_SPECS[keySpec].usage,
      description: input.description,
      creationDate: Date.now(),
      tags: input.tags,
      ...('secretBytes' in material
        ? { secret: randomBytes(material.secretBytes).toString('base64') }
        : { privateKeyPem: (await generatePrivateKey(material)).export({ type: 'pkcs8', format: 'pem' }).toString() }),
    };
    const key = loadKey(record);
    this.keys.set(record.keyId, key);
    if (logicalId !== undefined) this.templateKeys.set(logicalId, record.keyId);
    await this.save();
    return key;
  }

  createAlias(aliasName: string, targetKeyId: string): Promise<void> {
    checkAliasName(aliasName);
    if (this.aliases.has(aliasName)) throw new KmsApiError('AlreadyExistsException', `An alias with the name ${this.aliasArn(aliasName)} already exists`);
    const now = Date.now();
    this.aliases.set(aliasName, { targetKeyId, creationDate: now, lastUpdatedDate: now });
    return this.save();
  }

  listAliases(keyId: string | undefined): [string, StoredAlias][] {
    return [...this.aliases.entries()]
      .filter(([, alias]) => keyId === undefined || alias.targetKeyId === keyId)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  templateKeyArn(logicalId: string): string | undefined {
    const keyId = this.templateKeys.get(logicalId);
    return keyId === undefined ? undefined : this.keyArn(keyId);
  }

  ensureTemplateKey(declaration: Omit<TemplateKey, 'aliasNames' | 'cdkPath'>): Promise<string> {
    // One at a time: two concurrent ensures of a logical id must not both create its key.
    const next = this.ensuring.then(async () => {
      const existing = this.keys.get(this.templateKeys.get(declaration.logicalId) ?? '');
      if (existing && existing.record.keySpec === declaration.keySpec && existing.record.keyUsage === declaration.keyUsage) {
        if (existing.record.description !== declaration.description) {
          existing.record.description = declaration.description;
          await this.save();
        }
        return this.keyArn(existing.record.keyId);
      }
      const key = await this.createKey({ ...declaration, tags: [] }, declaration.logicalId);
      return this.keyArn(key.record.keyId);
    });
    this.ensuring = next.catch(() => undefined);
    return next;
  }

  async ensureAlias(aliasName: string, keyArn: string): Promise<void> {
    const keyId = this.resolve(keyArn, true).record.keyId;
    const alias = this.aliases.get(aliasName);
    if (!alias) return this.createAlias(aliasName, keyId);
    if (alias.targetKeyId === keyId) return;
    alias.targetKeyId = keyId;
    alias.lastUpdatedDate = Date.now();
    await this.save();
  }

  /** Resolves once every write asked for so far is on disk. */
  flushed(): Promise<void> {
    return this.writes.flushed();
  }

  /** Writes the whole store; writes run one after the other, each with the state of its turn. */
  private save(): Promise<void> {
    return this.writes.enqueue(() => {
      const saved: KeyStoreFile = {
        formatVersion: 1,
        keys: [...this.keys.values()].map((key) => key.record),
        aliases: Object.fromEntries(this.aliases),
        templateKeys: Object.fromEntries(this.templateKeys),
      };
      return writeJsonFileAtomically(this.file, saved);
    });
  }
}

function loadKey(record: StoredKey): LoadedKey {
  if (record.secret !== undefined) return { record, secret: Buffer.from(record.secret, 'base64') };
  if (record.privateKeyPem === undefined) throw new Error(`key ${record.keyId} has no key material`);
  const privateKey = createPrivateKey(record.privateKeyPem);
  return { record, privateKey, publicKey: createPublicKey(privateKey) };
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** Asynchronous: an RSA 4096 key takes seconds and must not stall the other requests. */
async function generatePrivateKey(material: { readonly namedCurve: string } | { readonly modulusLength: number }): Promise<KeyObject> {
  const pair =
    'namedCurve' in material
      ? await generateKeyPairAsync('ec', { namedCurve: material.namedCurve })
      : await generateKeyPairAsync('rsa', { modulusLength: material.modulusLength });
  return pair.privateKey;
}

/**
 * AWS's rules for an alias name, checked both for CreateAlias and for a template's aliases.
 * @throws KmsApiError ValidationException
 */
export function checkAliasName(aliasName: string): void {
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(aliasName) || aliasName.length > 256) {
    throw new KmsApiError('ValidationException', `Alias ${aliasName} must start with alias/ and contain only a-z, A-Z, 0-9, /, _ and -`);
  }
  if (aliasName.startsWith('alias/aws/')) throw new KmsApiError('ValidationException', 'Aliases beginning with alias/aws/ are reserved for AWS managed keys');
}
