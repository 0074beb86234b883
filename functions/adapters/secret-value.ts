/**
 * Secrets kept in AWS Secrets Manager (the signing service's callback secret and API key),
 * each read once per cold start and kept for the life of the process: a rotated secret reaches
 * a function when its next instance starts (docs/signing-service.md, "Rotating the secrets").
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER` points the client at the local stack's server.
 */
import { ProductError } from '../errors/product-error.js';
import { clientOnFirstUse } from './sdk-on-first-use.js';

/** Secrets Manager's SDK, imported on the first read (functions/adapters/sdk-on-first-use.ts). */
const secretsManager = clientOnFirstUse(() => import('@aws-sdk/client-secrets-manager'), (sdk) => new sdk.SecretsManagerClient({}));
const values = new Map<string, Promise<string>>();

/** The secret's value as Secrets Manager answers it. */
async function readSecret(secretId: string): Promise<{ SecretString?: string | undefined }> {
  const { client, sdk } = await secretsManager();
  return client.send(new sdk.GetSecretValueCommand({ SecretId: secretId }));
}

/** The secret holds no string (a binary secret, or none yet). */
export class SecretHasNoString extends ProductError<{ secretId: string }> {
  override readonly name = 'SecretHasNoString';
}

/** The current string value of the secret `secretId` (ARN or name), read once per process. */
export function secretString(secretId: string): Promise<string> {
  let value = values.get(secretId);
  if (!value) {
    value = readSecret(secretId).then((answer) => {
      if (typeof answer.SecretString !== 'string' || answer.SecretString === '') {
        throw new SecretHasNoString(`Secret ${secretId} holds no string`, { secretId });
      }
      return answer.SecretString;
    });
    // A failed read is not kept: the next call tries again.
    value.catch(() => values.delete(secretId));
    values.set(secretId, value);
  }
  return value;
}
