/**
 * The stack's settings, read once from CDK context (`cdk.json`, `-c name=value`, or the
 * `context` given to buildPortalAccessApp) and validated, failing with a message that names
 * the setting.
 */
import type { Construct } from 'constructs';
import { z } from 'zod';
import type { WorkflowTiming } from '../workflows/workflow-timing.js';
import { DEFAULT_RETENTION } from '../functions/domain/retention.js';
import { ProductError } from '../functions/errors/product-error.js';

/** A list in context may be a JSON array or one comma-separated string (as `-c` gives it). */
const audienceList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1)).min(1));

const settingsSchema = z.object({
  /** The sender of every e-mail; its domain becomes the SES identity. */
  mailFrom: z.email().default('no-reply@portal-access.example.be'),
  /** The `iss` of broker tokens (the brokers' identity provider). */
  brokerJwtIssuer: z.url().default('https://auth.portal-access.example.be/'),
  /** The `aud` of broker tokens. */
  brokerJwtAudience: audienceList.default(['brokers']),
  /** The `iss` of the client portal's tokens. @default brokerJwtIssuer */
  portalJwtIssuer: z.url().optional(),
  /** The `aud` of the client portal's tokens. */
  portalJwtAudience: audienceList.default(['portal']),
  /** The base of e-mailed links, e.g. a custom domain. @default the HTTP API's own endpoint */
  publicBaseUrl: z.url().optional(),
  /** Shown in forms and e-mails. @default the functions' own default */
  brokerDisplayName: z.string().min(1).optional(),
  /**
   * The seal certificate's chain (PEM: the certificate a CA issued for the SealKey's public key,
   * then its intermediates), a file path relative to the project root, copied beside the
   * sealing function. Absent on a first deploy: the key exists only once deployed
   * (docs/evidence.md, "The seal on AWS"); until then SealEvidence fails and the alarm says so.
   */
  sealCertificateChainFile: z.string().min(1).optional(),
  /**
   * The signing service's API base URL (advanced signatures, docs/signing-service.md); without
   * it the signing page offers no signing service. Its secrets are created in any case.
   */
  signingServiceUrl: z.url().optional(),
  /** Subscribed to the workflow alarms. */
  alarmEmail: z.email().optional(),
  /** LOG_LEVEL of every function. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /**
   * How long ended requests keep personal data (functions/domain/retention.ts,
   * docs/personal-data.md), and how long an erased document's earlier version can still be
   * recovered from the versioned bucket.
   */
  retention: z
    .object({
      endedWithoutAccessDays: z.number().int().positive().default(DEFAULT_RETENTION.endedWithoutAccessDays),
      afterAccessEndsDays: z.number().int().positive().default(DEFAULT_RETENTION.afterAccessEndsDays),
      noncurrentVersionDays: z.number().int().positive().default(30),
    })
    .default({ ...DEFAULT_RETENTION, noncurrentVersionDays: 30 }),
  /** Overrides of workflows/workflow-timing.ts (checked there). */
  workflowTiming: z
    .object({
      signatureRoundSeconds: z.number(),
      signatureRounds: z.number(),
      reviewTimeoutSeconds: z.number(),
      maxScanRejections: z.number(),
      activationRoundSeconds: z.number(),
      activationRounds: z.number(),
    })
    .partial()
    .default({}),
});

export type PortalAccessSettings = Omit<z.infer<typeof settingsSchema>, 'portalJwtIssuer' | 'workflowTiming'> & {
  readonly portalJwtIssuer: string;
  readonly workflowTiming: Partial<WorkflowTiming>;
};

/** The context keys this app reads. */
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof typeof settingsSchema.shape)[];

/** Thrown when a context value is invalid; the message names each setting. */
/** A build-time refusal: its message names what to change. */
export class InvalidSettingsError extends ProductError<Record<string, never>> {
  override readonly name = 'InvalidSettingsError';
  constructor(message: string) {
    super(message, {});
  }
}

/** The validated settings, read from the context of `scope`. */
export function portalAccessSettings(scope: Construct): PortalAccessSettings {
  const raw = Object.fromEntries(
    SETTING_NAMES.map((name) => [name, scope.node.tryGetContext(name) as unknown]).filter(([, value]) => value !== undefined),
  );
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new InvalidSettingsError(`Invalid CDK context: ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  return { ...settings, portalJwtIssuer: settings.portalJwtIssuer ?? settings.brokerJwtIssuer };
}
