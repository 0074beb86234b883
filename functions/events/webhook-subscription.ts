/**
 * Which brokers get the product's events as webhooks, and the secret each one's deliveries are
 * signed with (docs/events.md, "Webhooks"). A subscription names the broker, his URL and the
 * version of his secret; the secret itself is never configured: it is derived from the one
 * signing key the stack keeps in Secrets Manager, per broker and version, so that one broker's
 * secret can be replaced (a new `secretVersion`) without touching the others'. Pure.
 */
import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import { BROKER_ID_PATTERN } from '../domain/identifiers.js';

/** At most this many subscriptions: they travel in the delivering function's environment (4 KB in all, every variable included). */
export const MAX_WEBHOOK_SUBSCRIPTIONS = 25;

/** At most this many characters of subscriptions as JSON: what the environment has room for beside the other variables. */
export const MAX_WEBHOOK_SUBSCRIPTIONS_JSON = 2_500;

/** One broker's subscription. */
export const webhookSubscriptionSchema = z.strictObject({
  /** The broker whose requests' and grants' events are posted. */
  brokerId: z.string().check(z.regex(BROKER_ID_PATTERN)),
  /** Where they are posted (HTTPS on AWS: the stage's settings refuse anything else). */
  url: z.url({ protocol: /^https?$/ }),
  /** Which of the broker's secrets signs: raise it to give him a new one. @default 1 */
  secretVersion: z._default(z.number().check(z.int(), z.positive()), 1),
});

export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

/** The subscriptions, each broker at most once. */
export const webhookSubscriptionsSchema = z.array(webhookSubscriptionSchema).check(
  z.maxLength(MAX_WEBHOOK_SUBSCRIPTIONS),
  z.refine((subscriptions) => new Set(subscriptions.map((subscription) => subscription.brokerId)).size === subscriptions.length, {
    message: 'each broker may subscribe once',
  }),
  z.refine((subscriptions) => JSON.stringify(subscriptions).length <= MAX_WEBHOOK_SUBSCRIPTIONS_JSON, {
    message: `the subscriptions take more than ${MAX_WEBHOOK_SUBSCRIPTIONS_JSON} characters of JSON, more than the delivering function's environment has room for`,
  }),
);

/**
 * The secret a broker verifies his deliveries with: HMAC-SHA256 of the signing key over his id
 * and the secret's version, 64 hex digits. Whoever holds the signing key can tell any broker
 * his secret (`npm run webhook-secret`); no broker's secret tells another's.
 */
export function webhookSecretFor(signingKey: string, brokerId: string, secretVersion: number): string {
  return createHmac('sha256', signingKey).update(`portal-access webhook\n${brokerId}\n${secretVersion}`, 'utf8').digest('hex');
}
