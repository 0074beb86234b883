/**
 * The functions' configuration: read once from the environment, validated, and failing
 * fast with a message that names the variable. The same variables are set by the CDK stack
 * (infra/) on AWS and by the local stack (local/) on this machine.
 */
import { ProductError } from '../errors/product-error.js';
import { z } from 'zod';
import type { RetentionPolicy } from '../domain/retention.js';

const configSchema = z.object({
  TABLE_NAME: z.string().min(1),
  DOCUMENTS_BUCKET: z.string().min(1),
  MAIL_FROM: z.email(),
  /** Base of every e-mailed link, e.g. `https://access.broker.example` (no trailing slash). */
  PUBLIC_BASE_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  /** The KMS HMAC key (id, ARN or alias) that authenticates list cursors (functions/adapters/mac-key.ts). */
  MAC_KEY_ID: z.string().min(1),
  /** Shown in forms and e-mails as the broker office's name. */
  BROKER_DISPLAY_NAME: z.string().min(1).default('Your insurance broker'),
  /** s3rver and other local S3 servers need path-style addressing. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** How long a signing or activation link stays usable, at most. */
  LINK_TTL_SECONDS: z.coerce.number().int().positive().default(14 * 24 * 3600),
  /** Retention (functions/domain/retention.ts): days an ended request that gave no access keeps its personal data. */
  RETENTION_ENDED_WITHOUT_ACCESS_DAYS: z.coerce.number().int().positive().default(30),
  /** Retention: days a request whose access was used keeps its personal data after the last access ended. */
  RETENTION_AFTER_ACCESS_ENDS_DAYS: z.coerce.number().int().positive().default(1825),
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

/** Forget the cached configuration, so the next call reads the environment again (the local stack sets it before starting). */
export function reloadConfig(): void {
  cached = undefined;
}
