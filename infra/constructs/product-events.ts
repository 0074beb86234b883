/**
 * The product's events (docs/events.md): its own EventBridge bus, where the functions publish
 * every status change of a request and every grant change, and the webhooks that carry them
 * to the brokers who subscribed. A rule hands every product event to the WebhookDelivery
 * function, which signs and posts those of subscribed brokers: an EventBridge API destination
 * cannot sign a body (its connections add a static key or OAuth token, never an HMAC over the
 * body), so a function makes the call. The key every broker's webhook secret is derived from
 * (functions/events/webhook-subscription.ts) is kept in Secrets Manager.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PORTAL_EVENT_SOURCES, PORTAL_EVENT_TYPES } from '../../functions/events/event-schemas.js';
import { acknowledgeNagRule } from './nag-acknowledgement.js';

/** How often EventBridge tries to invoke the delivering function (throttled, unavailable), and for how long. */
const INVOKE_RETRY_ATTEMPTS = 20;
const INVOKE_MAX_EVENT_AGE = Duration.hours(24);

/** How often Lambda runs a delivery again that failed (the endpoint refused it, or did not answer), and for how long. */
export const WEBHOOK_RETRY_ATTEMPTS = 2;
export const WEBHOOK_MAX_EVENT_AGE = Duration.hours(6);

export interface ProductEventsProps {
  /** The bus's name (infra/stage-names.ts). @default a name CloudFormation generates */
  readonly eventBusName?: string;
  /** The webhook signing key's secret name. @default a name CloudFormation generates */
  readonly webhookSigningKeySecretName?: string;
}

export class ProductEvents extends Construct {
  /** The product's own bus (EVENT_BUS_NAME). */
  readonly bus: events.EventBus;
  /** The key each broker's webhook secret is derived from (WEBHOOK_SIGNING_KEY_SECRET_ARN). */
  readonly webhookSigningKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ProductEventsProps = {}) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      ...(props.eventBusName ? { eventBusName: props.eventBusName } : {}),
      description: "Status changes of portal-access requests and their grants, for the brokers' management packages (docs/events.md).",
    });
    this.webhookSigningKey = new secretsmanager.Secret(this, 'WebhookSigningKey', {
      ...(props.webhookSigningKeySecretName ? { secretName: props.webhookSigningKeySecretName } : {}),
      description: "The key each broker's webhook secret is derived from (HMAC-SHA256 over his id and the secret's version).",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeNagRule(
      this.webhookSigningKey,
      'AwsSolutions-SMG4',
      "Every broker's webhook secret derives from this key, so replacing it is a change made with all subscribed brokers (docs/events.md, \"Secrets\"), not a Lambda rotation; one broker's secret is replaced by raising his secretVersion.",
    );
  }

  /**
   * The rule that hands every product event to `deliverer` (WebhookDelivery), asynchronously:
   * Lambda runs a failed delivery again ({@link WEBHOOK_RETRY_ATTEMPTS} times, within {@link WEBHOOK_MAX_EVENT_AGE}).
   */
  deliverWebhooksWith(deliverer: lambda.IFunction): events.Rule {
    deliverer.configureAsyncInvoke({ retryAttempts: WEBHOOK_RETRY_ATTEMPTS, maxEventAge: WEBHOOK_MAX_EVENT_AGE });
    return new events.Rule(this, 'Webhooks', {
      eventBus: this.bus,
      description: "Every product event to WebhookDelivery, which posts those of subscribed brokers to their URL, signed.",
      eventPattern: { source: [...PORTAL_EVENT_SOURCES], detailType: [...PORTAL_EVENT_TYPES] },
      targets: [new targets.LambdaFunction(deliverer, { retryAttempts: INVOKE_RETRY_ATTEMPTS, maxEventAge: INVOKE_MAX_EVENT_AGE })],
    });
  }
}
