/**
 * The stack's settings, one JSON file per stage (`config/stages/<stage>.json`, chosen by the
 * CDK context `stage`, default `test`), overridable per setting by CDK context (`-c name=value`
 * or the `context` given to buildPortalAccessApp), and validated once, failing with a message
 * that names each setting and what to set (docs/deploy.md lists them all).
 *
 * Placeholders refuse: nothing that a deployment must choose (its region, its sender, its
 * broker's name, who hears the alarms) has a default, and no value may sit under a domain
 * reserved for documentation (RFC 2606: `example.com`, `.example`, …; and `example.be`). The
 * RFC 6761 `.test` domains are allowed only in a stage whose file says `"testOnly": true`, and
 * such a stage is never deployed (infra/deployable-stage.ts).
 */
import type { Construct } from 'constructs';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { WorkflowTiming } from '../workflows/workflow-timing.js';
import { DEFAULT_RETENTION } from '../functions/domain/retention.js';
import { webhookSubscriptionsSchema } from '../functions/events/webhook-subscription.js';
import { ProductError } from '../functions/errors/product-error.js';
import { identitySettingsSchema } from './identity-settings.js';

/** The stage `npm run synth`, the tests and the local stack build. */
export const DEFAULT_STAGE = 'test';

/** Where the stage files live, relative to the project root. */
export const STAGES_DIR = 'config/stages';

/** The AWS regions inside the European Union: personal data stays there unless a stage says otherwise. */
export const EU_REGIONS: readonly string[] = ['eu-west-1', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2'];

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Lowercase letters, digits and hyphens, at most 20: it becomes part of every physical name. */
const STAGE_PATTERN = /^[a-z0-9][a-z0-9-]{0,19}$/;

/** How long an erased document's earlier version stays recoverable in the versioned bucket. */
const NONCURRENT_VERSION_DAYS = 30;

const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region, e.g. eu-west-1');

// Strict: a mistyped setting fails instead of being silently ignored.
const settingsSchema = z.strictObject({
  /** The stage's name: `PortalAccess-<stage>` is the stack, and every physical name carries it. Required. */
  stage: z.string().regex(STAGE_PATTERN, 'lowercase letters, digits and hyphens, at most 20, starting with a letter or digit'),
  /**
   * Only tests and the local stack use this stage: its values may sit under `.test` (RFC 6761),
   * and `npm run deploy` refuses it. Only the stage file can say so, never CDK context.
   * @default false
   */
  testOnly: z.boolean().default(false),
  /** The AWS region of the stack (wins over the CLI's CDK_DEFAULT_REGION). Required. */
  region: awsRegion,
  /** The regions this stage may be deployed to. @default EU_REGIONS */
  allowedRegions: z.array(awsRegion).min(1).default([...EU_REGIONS]),
  /** The sender of every e-mail; its domain becomes the SES identity. Required. */
  mailFrom: z.email(),
  /** The broker office's name, shown in forms, e-mails and the completion certificate. Required. */
  brokerDisplayName: z.string().trim().min(1),
  /** Subscribed to the workflow alarms (a confirmation e-mail comes first). Required. */
  alarmEmail: z.email(),
  /**
   * How brokers sign in and the portal gets its token: the stack's Cognito user pool, its domain,
   * and where brokers sign in (infra/identity-settings.ts, docs/sign-in.md). Required.
   */
  identity: identitySettingsSchema,
  /** The base of e-mailed links, e.g. a custom domain. @default the HTTP API's own endpoint */
  publicBaseUrl: z.url().optional(),
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
  /**
   * The brokers who get the product's events as webhooks (docs/events.md, "Webhooks"): each
   * broker at most once, with his HTTPS URL and the version of his secret (raise it to give
   * him a new one). @default none
   */
  webhooks: z._default(
    webhookSubscriptionsSchema.check(z.refine((subscriptions) => subscriptions.every((subscription) => subscription.url.startsWith('https://')), { message: 'every webhook URL must be https' })),
    [],
  ),
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
      noncurrentVersionDays: z.number().int().positive().default(NONCURRENT_VERSION_DAYS),
    })
    .default({ ...DEFAULT_RETENTION, noncurrentVersionDays: NONCURRENT_VERSION_DAYS }),
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

type SettingName = keyof typeof settingsSchema.shape;

export type PortalAccessSettings = Omit<z.infer<typeof settingsSchema>, 'workflowTiming'> & {
  readonly workflowTiming: Partial<WorkflowTiming>;
};

/** The settings this app reads. */
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as SettingName[];

/**
 * What to write for each setting without a default: the refusal of a stage file that lacks
 * one says this.
 */
export const REQUIRED_SETTINGS: Readonly<Partial<Record<SettingName, string>>> = {
  stage: 'the stage\'s name, the same as its file\'s, e.g. "prod" in config/stages/prod.json',
  region: `the AWS region to deploy to, one of allowedRegions (by default the EU regions: ${EU_REGIONS.join(', ')})`,
  mailFrom: 'the sender of every e-mail, an address of a domain you verify in SES, e.g. "no-reply@mail.your-office.be"',
  brokerDisplayName: 'the broker office\'s name as forms and e-mails show it, e.g. "Verzekeringen Peeters"',
  alarmEmail: 'who hears the workflow alarms, e.g. "it@your-office.be"',
  identity: 'how brokers sign in, e.g. { "brokers": { "kind": "cognito", "callbackUrls": ["https://dashboard.your-office.be/signed-in"] } } (docs/sign-in.md)',
};

/** Settings CDK context may not override: the stage's file alone says which stage and whether it is test-only. */
const FILE_ONLY_SETTINGS: ReadonlySet<SettingName> = new Set(['stage', 'testOnly']);

/** Domains reserved for documentation (RFC 2606 and kin): a value there is a placeholder. */
const PLACEHOLDER_DOMAINS = ['example.be', 'example.com', 'example.org', 'example.net', 'example', 'invalid'];

/** RFC 6761's testing domain: fine for a test-only stage, never for a deployed one. */
const TEST_DOMAIN = 'test';

/** A build-time refusal of the settings: its message names each setting and what to change. */
export class InvalidSettingsError extends ProductError<{ readonly stage: string; readonly settings: readonly string[] }> {
  override readonly name = 'InvalidSettingsError';
}

export interface StageSettingsOptions {
  /** The stage, i.e. the file `config/stages/<stage>.json`. @default DEFAULT_STAGE */
  readonly stage?: string;
  /** Values that win over the file's (CDK context), except `stage` and `testOnly`. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Where `config/stages/` is. @default the project root */
  readonly projectRoot?: string;
}

/** A stage's settings file relative to the project root, as messages name it: `config/stages/<stage>.json`. */
export function stageFileName(stage: string): string {
  return `${STAGES_DIR}/${stage}.json`;
}

/** The path of a stage's settings file. */
export function stageSettingsFile(stage: string, projectRoot: string = PROJECT_ROOT): string {
  return path.join(projectRoot, stageFileName(stage));
}

/**
 * The validated settings of one stage: its file, then the overrides.
 * @throws InvalidSettingsError naming each refused or missing setting
 */
export function stageSettings(options: StageSettingsOptions = {}): PortalAccessSettings {
  const stage = options.stage ?? DEFAULT_STAGE;
  const source = stageFileName(stage);
  if (!STAGE_PATTERN.test(stage)) {
    throw new InvalidSettingsError(`stage "${stage}" is not a stage name: lowercase letters, digits and hyphens, at most 20 (context -c stage=<name>)`, {
      stage,
      settings: ['stage'],
    });
  }
  const file = stageSettingsFile(stage, options.projectRoot);
  if (!existsSync(file)) {
    throw new InvalidSettingsError(`stage "${stage}" has no settings file ${source}: write one (docs/deploy.md lists every setting)`, {
      stage,
      settings: ['stage'],
    });
  }
  let fromFile: unknown;
  try {
    fromFile = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidSettingsError(`${source} is not valid JSON: ${(error as Error).message}`, { stage, settings: [] }, { cause: error });
  }
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    throw new InvalidSettingsError(`${source} must hold one JSON object of settings`, { stage, settings: [] });
  }
  const overrides = Object.fromEntries(
    Object.entries(options.overrides ?? {}).filter(([name, value]) => value !== undefined && !FILE_ONLY_SETTINGS.has(name as SettingName)),
  );
  const settings = parseSettings({ ...(fromFile as Record<string, unknown>), ...overrides }, source);
  if (settings.stage !== stage) {
    throw new InvalidSettingsError(`${source}: stage is "${settings.stage}", not "${stage}": a file's stage is its name`, { stage, settings: ['stage'] });
  }
  return settings;
}

/** The validated settings of the stage the context of `scope` names (`-c stage=…`), with context overrides. */
export function portalAccessSettings(scope: Construct, projectRoot?: string): PortalAccessSettings {
  const stage = scope.node.tryGetContext('stage') as unknown;
  if (stage !== undefined && typeof stage !== 'string') {
    throw new InvalidSettingsError('the context stage must be a stage name (-c stage=<name>)', { stage: String(stage), settings: ['stage'] });
  }
  const overrides = Object.fromEntries(SETTING_NAMES.map((name) => [name, scope.node.tryGetContext(name) as unknown]));
  return stageSettings({ ...(stage === undefined ? {} : { stage }), overrides, ...(projectRoot ? { projectRoot } : {}) });
}

/**
 * Validates raw settings, `source` naming where they came from.
 * @throws InvalidSettingsError naming each refused or missing setting and what to set
 */
export function parseSettings(raw: Readonly<Record<string, unknown>>, source: string): PortalAccessSettings {
  const problems = new Map<string, string>();
  for (const [name, what] of Object.entries(REQUIRED_SETTINGS)) {
    if (raw[name] === undefined) problems.set(name, `${name} is missing: set ${what}`);
  }
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) {
    const { data } = parsed;
    if (!data.allowedRegions.includes(data.region)) {
      problems.set('region', `region: ${data.region} is not one of allowedRegions (${data.allowedRegions.join(', ')})`);
    }
    for (const problem of reservedDomainProblems(data, data.testOnly)) problems.set(problem.setting, problem.message);
  } else {
    for (const issue of parsed.error.issues) {
      const setting = issue.path.join('.') || 'settings';
      if (!problems.has(setting)) problems.set(setting, `${setting}: ${issue.message}`);
    }
  }
  if (!parsed.success || problems.size > 0) {
    const stage = typeof raw['stage'] === 'string' ? raw['stage'] : '(unnamed)';
    throw new InvalidSettingsError(`Settings of stage ${stage} (${source}) refused:\n - ${[...problems.values()].join('\n - ')}`, {
      stage,
      settings: [...problems.keys()],
    });
  }
  return parsed.data;
}

/** The domain of an e-mail address or of an http(s) URL; undefined for any other text. */
function domainOf(value: string): string | undefined {
  const address = /^[^@\s]+@([^@\s]+)$/.exec(value);
  if (address) return address[1]?.toLowerCase();
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return undefined;
  return new URL(value).hostname.toLowerCase();
}

const isUnder = (domain: string, parent: string): boolean => domain === parent || domain.endsWith(`.${parent}`);

/** Every value (nested ones too) whose domain is a placeholder, or `.test` outside a test-only stage. */
export function reservedDomainProblems(settings: unknown, testOnly: boolean): { setting: string; message: string }[] {
  const problems: { setting: string; message: string }[] = [];
  const visit = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      const domain = domainOf(value);
      if (!domain) return;
      const placeholder = PLACEHOLDER_DOMAINS.find((parent) => isUnder(domain, parent));
      if (placeholder) {
        problems.push({ setting: at, message: `${at}: "${value}" is a placeholder (${domain} is reserved for documentation): set the real one` });
      } else if (isUnder(domain, TEST_DOMAIN) && !testOnly) {
        problems.push({
          setting: at,
          message: `${at}: "${value}" is under .test, which only a test-only stage may use ("testOnly": true, never deployed): set the real one`,
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((entry, index) => visit(entry, `${at}[${index}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, entry] of Object.entries(value)) visit(entry, at ? `${at}.${key}` : key);
    }
  };
  visit(settings, '');
  return problems;
}
