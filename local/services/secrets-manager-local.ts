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
import path from 'node:path';
import { sendAwsJson } from '../aws-json-answer.js';
import { parseJsonObject, readRequestBody } from './kms/json-request-body.js';
import { KmsApiError } from './kms/kms-errors.js';
import { RequestReader } from './kms/request-reader.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { SECRETS_FILE, SecretStore, type StoredSecret } from './secrets-manager/secret-store.js';
import { readTemplateSecrets } from './secrets-manager/template-secrets.js';

export { readTemplateSecrets, generateSecretValue, TemplateSecretError, type TemplateSecret } from './secrets-manager/template-secrets.js';

const TARGET_PREFIX = 'secretsmanager.';
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
    readonly code: 'ResourceNotFoundException' | 'InvalidRequestException' | 'UnknownOperationException',
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
  const listening = await listenOnLoopback(server, { port: options.port });
  return {
    endpoint: listening.endpoint,
    async ensureSecretsFromTemplate(template) {
      const made: Record<string, StoredSecret> = {};
      for (const declaration of readTemplateSecrets(template)) made[declaration.logicalId] = await store.ensure(declaration);
      return made;
    },
    stop: () => listening.close().then(() => store.flushed()),
  };
}

/** Answers one request; never rejects, every failure becomes an error answer. */
async function answer(store: SecretStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const body = parseJsonObject(await readRequestBody(request));
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || target !== `${TARGET_PREFIX}GetSecretValue`) {
      throw new SecretsManagerApiError('UnknownOperationException', `Unknown operation ${request.method ?? ''} ${target}`);
    }
    sendAwsJson(response, 200, getSecretValue(store, new RequestReader(body)), '1.1');
  } catch (error) {
    // KMS's body and member readers refuse a bad body or member as AWS does; their codes are Secrets Manager's too.
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
