/**
 * A broker's webhook endpoint seen from the product: one signed POST of one event
 * (functions/events/deliver-webhook.ts). Not an AWS service, but another system all the same,
 * so it sits here beside the others. A redirect is not followed (the signed delivery goes to
 * the configured URL or nowhere); anything but a 2xx, or no answer within the timeout, fails
 * the delivery, and Lambda's retries of an asynchronous invocation try it again.
 */
import { ProductError } from '../errors/product-error.js';

/** How long a broker's endpoint has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The endpoint answered, but not with a 2xx (a redirect included). */
export class WebhookRefused extends ProductError<{ brokerId: string; eventId: string; statusCode: number }> {
  override readonly name = 'WebhookRefused';
}

/** The endpoint could not be reached, or did not answer in time. */
export class WebhookUnreachable extends ProductError<{ brokerId: string; eventId: string }> {
  override readonly name = 'WebhookUnreachable';
}

/**
 * POSTs `body` (JSON) with `headers` to `url`.
 * @returns the endpoint's status, a 2xx
 * @throws WebhookRefused, WebhookUnreachable
 */
export async function postWebhook(input: {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** For the errors: whose endpoint, which event. */
  readonly brokerId: string;
  readonly eventId: string;
}): Promise<number> {
  const ids = { brokerId: input.brokerId, eventId: input.eventId };
  let response: Response;
  try {
    response = await fetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'portal-access-webhooks/1', ...input.headers },
      body: input.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    throw new WebhookUnreachable(`The webhook endpoint of ${input.brokerId} did not answer`, ids, { cause: error });
  }
  // The answer's body means nothing to the product; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new WebhookRefused(`The webhook endpoint of ${input.brokerId} answered ${response.status}`, { ...ids, statusCode: response.status });
  }
  return response.status;
}
