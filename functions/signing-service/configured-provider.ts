/**
 * The signing service this deployment uses, from its configuration: its URL
 * (`SIGNING_SERVICE_URL`), its API key and the callbacks' shared secret (both in Secrets
 * Manager, read once per cold start). Today that is the local test signing service's client; a
 * PortiSign / Connective adapter is chosen here too once it exists (docs/signing-service.md).
 */
import { secretString } from '../adapters/secret-value.js';
import { config, ConfigurationError } from '../config/config.js';
import { LocalTestProvider } from './local-test-provider.js';
import type { SigningProvider } from './signing-provider.js';

/** Whether this deployment has a signing service at all (`SIGNING_SERVICE_URL` is set). */
export function signingServiceConfigured(): boolean {
  return config().SIGNING_SERVICE_URL !== undefined;
}

/**
 * The configured provider.
 * @throws ConfigurationError naming the missing variables, when the service is only half configured
 */
export async function signingProvider(): Promise<SigningProvider> {
  const { SIGNING_SERVICE_URL: baseUrl, SIGNING_SERVICE_API_KEY_SECRET_ARN: apiKeySecret } = config();
  if (!baseUrl || !apiKeySecret) {
    const variables = [...(baseUrl ? [] : ['SIGNING_SERVICE_URL']), ...(apiKeySecret ? [] : ['SIGNING_SERVICE_API_KEY_SECRET_ARN'])];
    throw new ConfigurationError(`The signing service is not configured: ${variables.join(', ')} missing`, { variables });
  }
  return new LocalTestProvider({ baseUrl, apiKey: await secretString(apiKeySecret) });
}

/**
 * The secret shared with the signing service that authenticates its callbacks.
 * @throws ConfigurationError when `SIGNING_CALLBACK_SECRET_ARN` is not set
 */
export async function callbackSecret(): Promise<string> {
  const secretId = config().SIGNING_CALLBACK_SECRET_ARN;
  if (!secretId) throw new ConfigurationError('SIGNING_CALLBACK_SECRET_ARN is not set', { variables: ['SIGNING_CALLBACK_SECRET_ARN'] });
  return secretString(secretId);
}
