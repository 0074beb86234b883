/**
 * How a webhook delivery proves it comes from the product: the scheme the signing service's
 * callbacks use towards us (functions/signing-service/callback-authentication.ts), under the
 * product's own header names. `x-portal-access-timestamp` is the Unix time (seconds) of signing,
 * `x-portal-access-signature` is `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`;
 * a receiver accepts it within five minutes either way, comparing MACs in constant time
 * (docs/events.md has the receiver's side as a Node snippet). Pure: the clock is passed in.
 */
import { callbackHeaders, CALLBACK_SIGNATURE_HEADER, CALLBACK_TIMESTAMP_HEADER, verifyCallback, type CallbackVerdict } from '../signing-service/callback-authentication.js';

/** The header with the Unix time (seconds) at which the product signed the delivery. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-portal-access-timestamp';
/** The header with the MAC: `sha256=<hex>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-portal-access-signature';

/** The two headers of a delivery of `body` signed at `signedAt` with the broker's secret. */
export function webhookSignatureHeaders(secret: string, body: string, signedAt: Date): Record<string, string> {
  const signed = callbackHeaders(secret, body, signedAt);
  return { [WEBHOOK_TIMESTAMP_HEADER]: signed[CALLBACK_TIMESTAMP_HEADER] ?? '', [WEBHOOK_SIGNATURE_HEADER]: signed[CALLBACK_SIGNATURE_HEADER] ?? '' };
}

/** Whether a delivery is authentic: what a receiver checks (the product's tests check their receiver with it). */
export function verifyWebhookDelivery(input: {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array | string;
  readonly secret: string;
  readonly now: Date;
}): CallbackVerdict {
  return verifyCallback({
    timestamp: input.headers[WEBHOOK_TIMESTAMP_HEADER],
    signature: input.headers[WEBHOOK_SIGNATURE_HEADER],
    body: typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body,
    secret: input.secret,
    now: input.now,
  });
}
