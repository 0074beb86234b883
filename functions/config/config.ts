/**
 * The functions' configuration: read once from the environment, validated, and failing
 * fast with a message that names the variable. The same variables are set by the CDK stack
 * (infra/) on AWS and by the local stack (local/) on this machine.
 */
import path from 'node:path';
import { ProductError } from '../errors/product-error.js';
import * as z from 'zod/mini';
import type { RetentionPolicy } from '../domain/retention.js';
import { webhookSubscriptionsSchema } from '../events/webhook-subscription.js';

/** A URL that links are built on: its trailing slashes dropped. */
const baseUrl = z.pipe(z.url(), z.transform((url: string) => url.replace(/\/+$/, '')));

const configSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  DOCUMENTS_BUCKET: z.string().check(z.minLength(1)),
  MAIL_FROM: z.email(),
  /** Base of every e-mailed link, e.g. `https://access.broker.example` (no trailing slash). */
  PUBLIC_BASE_URL: baseUrl,
  STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')),
  /** The KMS HMAC key (id, ARN or alias) that authenticates list cursors (functions/adapters/mac-key.ts). */
  MAC_KEY_ID: z.string().check(z.minLength(1)),
  /** Shown in forms and e-mails as the broker office's name. */
  BROKER_DISPLAY_NAME: z._default(z.string().check(z.minLength(1)), 'Your insurance broker'),
  /** s3rver and other local S3 servers need path-style addressing. */
  S3_FORCE_PATH_STYLE: z.pipe(
    z._default(z.enum(['true', 'false']), 'false'),
    z.transform((value: 'true' | 'false') => value === 'true'),
  ),
  /** How long a signing or activation link stays usable, at most. */
  LINK_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 14 * 24 * 3600),
  /**
   * Folders of trusted signature roots (PEM or DER), separated by the platform's path
   * delimiter; read at each verification (functions/signatures/trust-roots.ts). On AWS the
   * Belgian eID roots shipped with the function; locally also `.local/trust/`.
   */
  SIGNATURE_TRUST_DIRS: z._default(z.string(), ''),
  /**
   * The KMS asymmetric key (id, ARN or alias) that seals completion certificates
   * (functions/evidence/evidence-seal.ts); set for the SealEvidence function only.
   */
  SEAL_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  /**
   * A PEM file: the seal key's certificate first, then its intermediates (the root may follow).
   * A file rather than a variable: a chain easily outgrows Lambda's 4 KB of environment.
   */
  SEAL_CERTIFICATE_FILE: z.optional(z.string().check(z.minLength(1))),
  /**
   * The signing service of advanced signatures (functions/signing-service/, docs/signing-service.md):
   * its API's base URL; without it, `POST /sign/{token}/advanced` answers that the method is not offered.
   */
  SIGNING_SERVICE_URL: z.optional(baseUrl),
  /** The Secrets Manager secret (ARN or name) holding the signing service's API key. */
  SIGNING_SERVICE_API_KEY_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The Secrets Manager secret (ARN or name) holding the secret that authenticates the signing service's callbacks (HMAC). */
  SIGNING_CALLBACK_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** Retention (functions/domain/retention.ts): days an ended request that gave no access keeps its personal data. */
  RETENTION_ENDED_WITHOUT_ACCESS_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 30),
  /** Retention: days a request whose access was used keeps its personal data after the last access ended. */
  RETENTION_AFTER_ACCESS_ENDS_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 1825),
  /**
   * The claim of a broker's verified token that names his broker office, the broker id
   * (functions/http/broker-office-claim.ts): the user-pool group on Cognito, or the claim a
   * deployment's own OpenID Connect provider carries it in (docs/sign-in.md).
   */
  BROKER_ID_CLAIM: z._default(z.string().check(z.minLength(1)), 'cognito:groups'),
  /**
   * The dashboard's sign-in (functions/dashboard/sign-in-flow.ts): the issuer whose OpenID
   * discovery document names the authorization, token and key endpoints (the user pool's
   * provider URL on AWS, the local sign-in server locally), and the brokers' public app client.
   * Without them the dashboard answers that its sign-in is not configured.
   */
  SIGN_IN_ISSUER: z.optional(baseUrl),
  SIGN_IN_CLIENT_ID: z.optional(z.string().check(z.minLength(1))),
  /** Where signing out of the dashboard sends the browser to end the sign-in session too (Cognito's `/logout`). */
  SIGN_IN_LOGOUT_URL: z.optional(z.url()),
  /** The folder of the dashboard's browser script, built by esbuild (functions/dashboard/client/). */
  DASHBOARD_ASSET_DIR: z.optional(z.string().check(z.minLength(1))),
  /**
   * The product's EventBridge bus (functions/adapters/event-bus.ts), where every status change
   * of a request and every grant change is published (docs/events.md); set for the functions
   * whose changes publish events, and for the housekeeping job that delivers what they left.
   */
  EVENT_BUS_NAME: z.optional(z.string().check(z.minLength(1))),
  /**
   * The brokers who get the events as webhooks (WebhookDelivery only): a JSON list of
   * subscriptions, functions/events/webhook-subscription.ts.
   */
  WEBHOOK_SUBSCRIPTIONS: z.pipe(
    z.pipe(
      z._default(z.string(), '[]'),
      z.transform((text: string, context) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          context.issues.push({ code: 'custom', input: text, message: 'must be a JSON list of subscriptions' });
          return z.NEVER;
        }
      }),
    ),
    webhookSubscriptionsSchema,
  ),
  /** The Secrets Manager secret (ARN or name) holding the key each broker's webhook secret is derived from (WebhookDelivery only). */
  WEBHOOK_SIGNING_KEY_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
});

export type Config = z.infer<typeof configSchema>;

/** Thrown at cold start when the environment is incomplete: the message names each variable. */
export class ConfigurationError extends ProductError<{ variables: string[] }> {
  override readonly name = 'ConfigurationError';
}

let cached: Config | undefined;

/** The validated configuration; parsed on first use, then cached for the process. */
export function config(): Config {
  if (cached) return cached;
  const parsed = configSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid environment: ${problems.join('; ')}`, { variables: parsed.error.issues.map((issue) => issue.path.join('.')) });
  }
  cached = parsed.data;
  return cached;
}

/** The retention policy the configuration sets. */
export function retentionPolicy(): RetentionPolicy {
  const settings = config();
  return { endedWithoutAccessDays: settings.RETENTION_ENDED_WITHOUT_ACCESS_DAYS, afterAccessEndsDays: settings.RETENTION_AFTER_ACCESS_ENDS_DAYS };
}

/** The folders whose roots signatures must chain to: the configured ones, else the Belgian eID roots shipped with the code. */
export function trustRootDirs(): readonly string[] {
  const configured = config().SIGNATURE_TRUST_DIRS.split(path.delimiter).filter((dir) => dir.length > 0);
  return configured.length > 0 ? configured : [BUNDLED_TRUST_DIR];
}

/** The Belgian eID roots (config/trust/belgium-eid), copied beside the bundled function on AWS (infra/constructs/product-function.ts). */
const BUNDLED_TRUST_DIR = process.env.LAMBDA_TASK_ROOT ? path.join(process.env.LAMBDA_TASK_ROOT, 'trust', 'belgium-eid') : path.resolve(import.meta.dirname, '..', '..', 'config', 'trust', 'belgium-eid');

/** Forget the cached configuration, so the next call reads the environment again (the local stack sets it before starting). */
export function reloadConfig(): void {
  cached = undefined;
}
