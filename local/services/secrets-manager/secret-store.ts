/**
 * The local Secrets Manager's secrets, kept in `<dataDir>/secrets.json` (the whole store, written
 * atomically, one write after the other): a secret generated once keeps its value across
 * restarts, as the callbacks a signing service signed with it must still verify.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { LocalStackError } from '../../local-stack-error.js';
import { readJsonStoreFile, writeJsonFileAtomically, WriteQueue, type VersionedStoreFile } from '../json-file-store.js';
import { generateSecretValue, type TemplateSecret } from './template-secrets.js';

/** The store's file name in the data dir. */
export const SECRETS_FILE = 'secrets.json';
/** The account in every ARN. */
const ACCOUNT_ID = '000000000000';

export interface StoredSecret {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly description: string;
  readonly versionId: string;
  readonly secretString: string;
  /** Epoch ms. */
  readonly createdDate: number;
}

interface SecretsFile extends VersionedStoreFile {
  readonly secrets: StoredSecret[];
}

/** `secrets.json` exists but cannot be read back; it is left as it is rather than replaced. */
export class SecretStoreError extends LocalStackError {
  override readonly name = 'SecretStoreError';
}

export class SecretStore {
  private readonly byLogicalId = new Map<string, StoredSecret>();
  private readonly writes = new WriteQueue();

  private constructor(
    private readonly file: string,
    private readonly region: string,
  ) {}

  static async open(file: string, region: string): Promise<SecretStore> {
    const store = new SecretStore(file, region);
    await readJsonStoreFile<SecretsFile>(
      file,
      (saved) => {
        for (const secret of saved.secrets) store.byLogicalId.set(secret.logicalId, secret);
      },
      SecretStoreError,
    );
    return store;
  }

  /** The secret made for a template resource: kept if it exists, else created with its first value. */
  async ensure(declaration: TemplateSecret): Promise<StoredSecret> {
    const existing = this.byLogicalId.get(declaration.logicalId);
    if (existing) return existing;
    const name = declaration.name ?? declaration.logicalId;
    // AWS appends six random characters to a secret's name in its ARN.
    const suffix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6);
    const secret: StoredSecret = {
      logicalId: declaration.logicalId,
      name,
      arn: `arn:aws:secretsmanager:${this.region}:${ACCOUNT_ID}:secret:${name}-${suffix}`,
      description: declaration.description,
      versionId: randomUUID(),
      secretString: 'literal' in declaration.value ? declaration.value.literal : generateSecretValue(declaration.value.generate),
      createdDate: Date.now(),
    };
    this.byLogicalId.set(secret.logicalId, secret);
    await this.save();
    return secret;
  }

  /** A secret by its ARN or its name, as `SecretId` names it. */
  find(secretId: string): StoredSecret | undefined {
    return [...this.byLogicalId.values()].find((secret) => secret.arn === secretId || secret.name === secretId);
  }

  flushed(): Promise<void> {
    return this.writes.flushed();
  }

  private save(): Promise<void> {
    return this.writes.enqueue(() => {
      const saved: SecretsFile = { formatVersion: 1, secrets: [...this.byLogicalId.values()] };
      return writeJsonFileAtomically(this.file, saved);
    });
  }
}
