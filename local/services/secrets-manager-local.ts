/**
 * Secrets Manager on loopback, for the product's own secrets (the signing service's API key and
 * callback secret). No npm package serves the API, so this server speaks it as
 * `@aws-sdk/client-secrets-manager` does (AWS JSON 1.1): `POST /` with
 * `X-Amz-Target: secretsmanager.<Operation>`, errors as HTTP 400 `{"__type": "<Code>",
 * "message"}` so the SDK throws its modelled exceptions. Secrets are made from the synthesized
 * template's `AWS::SecretsManager::Secret` resources (a generated value when the template asks
 * for one) and kept in `<dataDir>/secrets.json`, so they survive a restart.
 *
 * Served: GetSecretValue (by ARN or name; the current version only). Unlike AWS: no other
 * operation, no rotation, resource policies ignored, request signatures not checked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sendAwsJson } from '../aws-json-answer.js';
import { isObject } from './kms/json-object.js';
import { KmsApiError } from './kms/kms-errors.js';
import { RequestReader } from './kms/request-reader.js';
import { SECRETS_FILE, SecretStore, type StoredSecret } from './secrets-manager/secret-store.js';
import { readTemplateSecrets } from './secrets-manager/template-secrets.js';

export { readTemplateSecrets, generateSecretValue, TemplateSecretError, type TemplateSecret } from './secrets-manager/template-secrets.js';
export { SecretStoreError } from './secrets-manager/secret-store.js';

const TARGET_PREFIX = 'secretsmanager.';
const MAX_REQUEST_BYTES = 64 * 1024;
const CURRENT_STAGE = 'AWSCURRENT';

export interface SecretsManagerLocalOptions {
  /** Directory of `secrets.json`; created when missing. */
  readonly dataDir: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default 'eu-west-1' */
  readonly region?: string;
}

export interface SecretsManagerLocal {
  /** e.g. `http://127.0.0.1:43123`: `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  readonly endpoint: string;
  /**
   * Creates the template's secrets that do not exist yet (an existing one keeps its value).
   * @returns logical id → the secret (its ARN, and its value for the local services that share it)
   */
  ensureSecretsFromTemplate(template: unknown): Promise<Record<string, StoredSecret>>;
  /** Stops the server once pending writes are on disk. Safe to call twice. */
  stop(): Promise<void>;
}

/** A refusal answered with this code (`__type`) and status. */
class SecretsManagerApiError extends Error {
  constructor(
    readonly code: 'ResourceNotFoundException' | 'InvalidRequestException' | 'SerializationException' | 'ValidationException' | 'UnknownOperationException',
    message: string,
  ) {
    super(message);
  }
}

export async function startSecretsManagerLocal(options: SecretsManagerLocalOptions): Promise<SecretsManagerLocal> {
  const store = await SecretStore.open(path.join(options.dataDir, SECRETS_FILE), options.region ?? 'eu-west-1');
  const server = createServer((request, response) => {
    void answer(store, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async ensureSecretsFromTemplate(template) {
      const made: Record<string, StoredSecret> = {};
      for (const declaration of readTemplateSecrets(template)) made[declaration.logicalId] = await store.ensure(declaration);
      return made;
    },
    stop: () =>
      (stopping ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }).then(() => store.flushed())),
  };
}

/** Answers one request; never rejects, every failure becomes an error answer. */
async function answer(store: SecretStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const body = await readJsonBody(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || target !== `${TARGET_PREFIX}GetSecretValue`) {
      throw new SecretsManagerApiError('UnknownOperationException', `Unknown operation ${request.method ?? ''} ${target}`);
    }
    sendAwsJson(response, 200, getSecretValue(store, new RequestReader(body)), '1.1');
  } catch (error) {
    // The KMS request reader refuses badly typed members as AWS does; its codes are Secrets Manager's too.
    const code = error instanceof SecretsManagerApiError ? error.code : error instanceof KmsApiError ? error.name : 'InternalServiceError';
    sendAwsJson(response, code === 'InternalServiceError' ? 500 : 400, { __type: code, message: error instanceof Error ? error.message : String(error) }, '1.1');
  }
}

function getSecretValue(store: SecretStore, reader: RequestReader): Record<string, unknown> {
  const secretId = reader.string('SecretId');
  const versionId = reader.optionalString('VersionId');
  const versionStage = reader.optionalString('VersionStage');
  const secret = store.find(secretId);
  if (!secret || (versionId !== undefined && versionId !== secret.versionId) || (versionStage !== undefined && versionStage !== CURRENT_STAGE)) {
    throw new SecretsManagerApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  }
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: secret.versionId,
    SecretString: secret.secretString,
    VersionStages: [CURRENT_STAGE],
    CreatedDate: secret.createdDate / 1000,
  };
}

function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_REQUEST_BYTES) return reject(new SecretsManagerApiError('ValidationException', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        const parsed: unknown = JSON.parse(text);
        if (!isObject(parsed)) return reject(new SecretsManagerApiError('SerializationException', 'Request body must be a JSON object'));
        resolve(parsed);
      } catch {
        reject(new SecretsManagerApiError('SerializationException', 'Request body is not valid JSON'));
      }
    });
  });
}
