/**
 * Secrets kept in AWS Secrets Manager (the signing service's callback secret and API key),
 * each read once per cold start and kept for the life of the process: a rotated secret reaches
 * a function when its next instance starts (docs/signing-service.md, "Rotating the secrets").
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER` points the client at the local stack's server.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ProductError } from '../errors/product-error.js';

let client: SecretsManagerClient | undefined;
const values = new Map<string, Promise<string>>();

function secretsManager(): SecretsManagerClient {
  client ??= new SecretsManagerClient({});
  return client;
}

/** The secret holds no string (a binary secret, or none yet). */
export class SecretHasNoString extends ProductError<{ secretId: string }> {
  override readonly name = 'SecretHasNoString';
}

/** The current string value of the secret `secretId` (ARN or name), read once per process. */
export function secretString(secretId: string): Promise<string> {
  let value = values.get(secretId);
  if (!value) {
    value = secretsManager()
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then((answer) => {
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
