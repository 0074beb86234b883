/**
 * The signer's and the provider's side of an advanced signature on the local stack, as a browser
 * and the local test signing service speak them: the signing page's form post to
 * `/sign/{token}/advanced`, the service's page and its Confirm button, and the service's API
 * (with the API key the stack keeps in its Secrets Manager, read through the SDK).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { expect } from 'vitest';

/** A form post as a browser sends it; redirects are not followed, so the test sees each 303. */
export function formPost(url: string, fields: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The signer presses "sign with the signing service" on the signing page: where the product sends him. */
export async function startAdvancedSigning(signLink: string): Promise<string> {
  const answer = await formPost(`${signLink}/advanced`);
  expect(answer.status, await answer.clone().text()).toBe(303);
  const location = answer.headers.get('location');
  if (!location) throw new Error('No Location in the 303');
  return location;
}

/** The session id at the end of the service's signer URL (`/sessions/{id}`). */
export function sessionIdOf(signerUrl: string): string {
  return new URL(signerUrl).pathname.split('/').at(-1) ?? '';
}

/** A secret of the stack's Secrets Manager, read as the functions read it. */
export async function stackSecret(variable: 'SIGNING_SERVICE_API_KEY_SECRET_ARN' | 'SIGNING_CALLBACK_SECRET_ARN'): Promise<string> {
  const client = new SecretsManagerClient({});
  try {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: process.env[variable] }));
    return answer.SecretString ?? '';
  } finally {
    client.destroy();
  }
}

export interface CallbackDelivery {
  readonly at: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly answerStatus: number;
}

/** The local test signing service's API, with the stack's API key. */
export class SigningServiceApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  static async of(baseUrl: string): Promise<SigningServiceApi> {
    return new SigningServiceApi(baseUrl, await stackSecret('SIGNING_SERVICE_API_KEY_SECRET_ARN'));
  }

  private async call<T>(path: string, method = 'GET'): Promise<T> {
    const answer = await fetch(`${this.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${this.apiKey}` } });
    expect(answer.status, `${method} ${path}`).toBe(200);
    return (await answer.json()) as T;
  }

  async status(sessionId: string): Promise<string> {
    return (await this.call<{ status: string }>(`/api/sessions/${sessionId}`)).status;
  }

  /** The callbacks the service sent for the session, exactly as sent. */
  async deliveries(sessionId: string): Promise<CallbackDelivery[]> {
    return (await this.call<{ deliveries: CallbackDelivery[] }>(`/api/sessions/${sessionId}/callbacks`)).deliveries;
  }

  /** Has the service send a fresh callback (newly timestamped and signed) now. */
  async sendCallback(sessionId: string): Promise<CallbackDelivery> {
    return (await this.call<{ delivery: CallbackDelivery }>(`/api/sessions/${sessionId}/callbacks`, 'POST')).delivery;
  }
}
