/**
 * WebhookDelivery: the target of the bus's rule that takes every product event
 * (infra/constructs/product-events.ts). For a broker with a webhook subscription, it posts the
 * event to his URL, signed with his own secret (webhook-signature.ts); for any other broker it
 * does nothing. An EventBridge API destination cannot sign a body, hence a function.
 *
 * The body is the event as the bus holds it — `detail-type`, `source`, `time`, `detail` — with
 * the detail read through its documented schema first, so nothing undocumented is ever posted
 * (docs/events.md). A failed post fails the invocation, and Lambda tries the event again.
 */
import * as z from 'zod/mini';
import { config } from '../config/config.js';
import { secretString } from '../adapters/secret-value.js';
import { postWebhook } from '../adapters/webhook-endpoint.js';
import { ProductError } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';
import { isPortalEventType, PORTAL_EVENTS, type PortalEventDetail, type PortalEventType } from './event-schemas.js';
import { webhookSecretFor } from './webhook-subscription.js';
import { webhookSignatureHeaders } from './webhook-signature.js';

/** The header naming the event, for a receiver's logs (its `detail.eventId`). */
export const WEBHOOK_EVENT_ID_HEADER = 'x-portal-access-event-id';

/** What EventBridge hands the function: the event as published on the bus. */
export const busEventSchema = z.object({
  'detail-type': z.string(),
  source: z.string(),
  time: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** The body of a delivery. */
export interface WebhookBody {
  readonly 'detail-type': PortalEventType;
  readonly source: string;
  readonly time: string;
  readonly detail: PortalEventDetail<PortalEventType>;
}

export type WebhookOutcome = { readonly delivered: true; readonly statusCode: number } | { readonly delivered: false; readonly reason: 'not-subscribed' };

/** The bus handed over an event that is not one of the product's. */
export class NotAPortalEvent extends ProductError<{ detailType: string; source: string }> {
  override readonly name = 'NotAPortalEvent';
}

/** A subscription exists but the function was given no signing key (WEBHOOK_SIGNING_KEY_SECRET_ARN). */
export class WebhookSigningKeyMissing extends ProductError<Record<string, never>> {
  override readonly name = 'WebhookSigningKeyMissing';
}

export async function handler(event: unknown): Promise<WebhookOutcome> {
  const body = webhookBodyOf(busEventSchema.parse(event));
  const { brokerId, eventId } = body.detail;
  const subscription = config().WEBHOOK_SUBSCRIPTIONS.find((candidate) => candidate.brokerId === brokerId);
  if (!subscription) return { delivered: false, reason: 'not-subscribed' };

  const secret = webhookSecretFor(await signingKey(), brokerId, subscription.secretVersion);
  const text = JSON.stringify(body);
  const headers = { ...webhookSignatureHeaders(secret, text, new Date()), [WEBHOOK_EVENT_ID_HEADER]: eventId };
  const statusCode = await postWebhook({ url: subscription.url, body: text, headers, brokerId, eventId });
  logger.info('webhook delivered', { brokerId, eventId, detailType: body['detail-type'], statusCode });
  return { delivered: true, statusCode };
}

/** The event as posted: its detail reduced to its detail-type's schema. */
export function webhookBodyOf(event: z.infer<typeof busEventSchema>): WebhookBody {
  const type = event['detail-type'];
  if (!isPortalEventType(type) || PORTAL_EVENTS[type].source !== event.source) {
    throw new NotAPortalEvent(`Not a product event: ${event.source} / ${type}`, { detailType: type, source: event.source });
  }
  const detail = PORTAL_EVENTS[type].detail.parse(event.detail) as PortalEventDetail<PortalEventType>;
  return { 'detail-type': type, source: event.source, time: event.time, detail };
}

async function signingKey(): Promise<string> {
  const secretId = config().WEBHOOK_SIGNING_KEY_SECRET_ARN;
  if (!secretId) throw new WebhookSigningKeyMissing('WEBHOOK_SIGNING_KEY_SECRET_ARN is not set', {});
  return secretString(secretId);
}
