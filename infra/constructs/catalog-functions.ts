/**
 * Every function of catalog/function-catalog.ts, each a ProductFunction with the environment
 * the functions' config (functions/config/config.ts) reads and the access
 * infra/function-access.ts grants it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_ACCESS, type FunctionAccess } from '../function-access.js';
import { DASHBOARD_SCRIPTS, FUNCTIONS, type FunctionId, type FunctionSpec } from '../../catalog/function-catalog.js';
import type { DataStore } from './data-store.js';
import type { Mail } from './mail.js';
import type { SigningServiceSecrets } from './signing-service-secrets.js';
import type { ProductEvents } from './product-events.js';
import type { WebhookSubscription } from '../../functions/events/webhook-subscription.js';
import type { RetentionPolicy } from '../../functions/domain/retention.js';
import { ProductFunction, stateMachineArnOf } from './product-function.js';
import type { LambdaCodeFile } from '../../scripts/lambda-build.js';

/** Every function id of the catalog, in catalog order. */
export const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

/** Where GenerateForm reads its fonts on AWS: the bundle's `fonts/` folder. */
export const FORM_FONT_DIR = '/var/task/fonts';

/** The DejaVu fonts the form embeds (functions/form/form-fonts.ts), copied into GenerateForm's bundle. */
export const FORM_FONT_FILES: readonly LambdaCodeFile[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => ({
  from: `node_modules/dejavu-fonts-ttf/ttf/${file}`,
  to: `fonts/${file}`,
}));

/** Where the dashboard reads its browser script on AWS: the bundle's `dashboard/` folder. */
export const DASHBOARD_ASSET_DIR = '/var/task/dashboard';

/** The dashboard's browser scripts (functions/dashboard/client/), built into the dashboard's bundle. */
export const DASHBOARD_SCRIPT_FILES: readonly LambdaCodeFile[] = DASHBOARD_SCRIPTS.map((script) => ({ from: script.entry, to: `dashboard/${script.file}`, kind: 'browserScript' }));

/** What a function's bundle gains: files copied beside its handler, and the environment that points at them. */
interface Bundle {
  readonly files: readonly LambdaCodeFile[];
  readonly environment: Readonly<Record<string, string>>;
}

/** The Belgian eID roots a deployment trusts (config/trust/belgium-eid), copied into the bundles that verify signatures. */
function trustRootFiles(): LambdaCodeFile[] {
  return readdirSync(join(import.meta.dirname, '..', '..', 'config', 'trust', 'belgium-eid'))
    .filter((file) => /\.(pem|crt|cer)$/.test(file))
    .sort()
    .map((file) => ({ from: `config/trust/belgium-eid/${file}`, to: `trust/belgium-eid/${file}` }));
}

/** What each bundle a function asks for (FunctionSpec.bundles) copies, and the environment that points at it. */
function catalogBundles(): Record<NonNullable<FunctionSpec['bundles']>[number], Bundle> {
  return {
    formFonts: { files: FORM_FONT_FILES, environment: { FORM_FONT_DIR } },
    // functions/config/config.ts finds them under LAMBDA_TASK_ROOT when SIGNATURE_TRUST_DIRS is not set.
    trustRoots: { files: trustRootFiles(), environment: {} },
    dashboardAssets: { files: DASHBOARD_SCRIPT_FILES, environment: { DASHBOARD_ASSET_DIR } },
  };
}

/** Where the sealing function reads the seal's certificate chain on AWS. */
export const SEAL_CERTIFICATE_FILE = '/var/task/seal/seal-chain.pem';

/** The sealing function's key, and its certificate chain when one is configured (else it fails with SealNotConfigured). */
function sealBundle(seal: CatalogFunctionsProps['seal']): Bundle {
  return {
    files: seal.certificateChainFile ? [{ from: seal.certificateChainFile, to: 'seal/seal-chain.pem' }] : [],
    environment: { SEAL_KEY_ID: seal.key.keyArn, ...(seal.certificateChainFile ? { SEAL_CERTIFICATE_FILE } : {}) },
  };
}

/** The signing service's URL and the ARNs of the secrets a function may read (functions/config/config.ts). */
function signingServiceBundle(
  signingService: CatalogFunctionsProps['signingService'],
  secrets: NonNullable<FunctionAccess['signingServiceSecrets']>,
): Bundle {
  const variables = { apiKey: 'SIGNING_SERVICE_API_KEY_SECRET_ARN', callbackSecret: 'SIGNING_CALLBACK_SECRET_ARN' } as const;
  return {
    files: [],
    environment: {
      ...(signingService.url ? { SIGNING_SERVICE_URL: signingService.url } : {}),
      ...Object.fromEntries(secrets.map((name) => [variables[name], signingService.secrets[name].secretArn])),
    },
  };
}

/** The bus of a function that publishes; the subscriptions and their key for the one that delivers webhooks. */
function eventsBundle(
  events: CatalogFunctionsProps['events'],
  access: Pick<FunctionAccess, 'publishEvents' | 'webhookSigningKey'>,
): Bundle {
  return {
    files: [],
    environment: {
      ...(access.publishEvents ? { EVENT_BUS_NAME: events.product.bus.eventBusName } : {}),
      ...(access.webhookSigningKey
        ? { WEBHOOK_SUBSCRIPTIONS: JSON.stringify(events.webhooks), WEBHOOK_SIGNING_KEY_SECRET_ARN: events.product.webhookSigningKey.secretArn }
        : {}),
    },
  };
}

export interface CatalogFunctionsProps {
  readonly projectRoot: string;
  readonly data: DataStore;
  readonly mail: Mail;
  /** The workflow's fixed name; STATE_MACHINE_ARN is built from it. */
  readonly stateMachineName: string;
  /** LINK_TTL_SECONDS: how long an e-mailed link stays usable at most. */
  readonly linkTtlSeconds: number;
  /** BROKER_DISPLAY_NAME, when set; the functions have a default. */
  readonly brokerDisplayName?: string;
  /** The HMAC key that authenticates list cursors (MAC_KEY_ID). */
  readonly macKey: kms.IKey;
  /**
   * The seal of completion certificates (functions/evidence/evidence-seal.ts): its KMS key
   * (SEAL_KEY_ID) and, once a CA issued its certificate, the chain's PEM file, copied beside the
   * sealing function's bundle (SEAL_CERTIFICATE_FILE).
   */
  readonly seal: { readonly key: kms.IKey; readonly certificateChainFile?: string };
  /**
   * The signing service of advanced signatures: its secrets, granted and named
   * (SIGNING_SERVICE_API_KEY_SECRET_ARN, SIGNING_CALLBACK_SECRET_ARN) to the functions
   * infra/function-access.ts lets read them, and its URL (SIGNING_SERVICE_URL) when one is configured.
   */
  readonly signingService: { readonly secrets: SigningServiceSecrets; readonly url?: string };
  /** How long ended requests keep personal data (functions/domain/retention.ts). */
  readonly retention: RetentionPolicy;
  /**
   * The product's events (docs/events.md): the bus, named (EVENT_BUS_NAME) and granted to the
   * functions infra/function-access.ts lets publish; the webhook subscriptions
   * (WEBHOOK_SUBSCRIPTIONS) and the key of their secrets (WEBHOOK_SIGNING_KEY_SECRET_ARN), to
   * the one function that delivers them.
   */
  readonly events: { readonly product: ProductEvents; readonly webhooks: readonly WebhookSubscription[] };
  /** POWERTOOLS_SERVICE_NAME. */
  readonly serviceName: string;
  /** LOG_LEVEL. @default 'INFO' */
  readonly logLevel?: string;
  readonly logRetention?: logs.RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
}

export class CatalogFunctions extends Construct {
  readonly byId: Readonly<Record<FunctionId, ProductFunction>>;

  constructor(scope: Construct, id: string, props: CatalogFunctionsProps) {
    super(scope, id);
    const environment: Record<string, string> = {
      TABLE_NAME: props.data.table.tableName,
      DOCUMENTS_BUCKET: props.data.documentsBucket.bucketName,
      MAIL_FROM: props.mail.mailFrom,
      STATE_MACHINE_ARN: stateMachineArnOf(this, props.stateMachineName),
      LINK_TTL_SECONDS: String(props.linkTtlSeconds),
      MAC_KEY_ID: props.macKey.keyArn,
      RETENTION_ENDED_WITHOUT_ACCESS_DAYS: String(props.retention.endedWithoutAccessDays),
      RETENTION_AFTER_ACCESS_ENDS_DAYS: String(props.retention.afterAccessEndsDays),
      ...(props.brokerDisplayName ? { BROKER_DISPLAY_NAME: props.brokerDisplayName } : {}),
    };

    const bundlesByName = catalogBundles();
    const entries = Object.entries(FUNCTIONS) as [FunctionId, (typeof FUNCTIONS)[FunctionId]][];
    this.byId = Object.fromEntries(
      entries.map(([functionId, spec]) => {
        const access = FUNCTION_ACCESS[functionId];
        const bundles = [
          ...((spec as FunctionSpec).bundles ?? []).map((name) => bundlesByName[name]),
          ...(access.sealKey ? [sealBundle(props.seal)] : []),
          ...(access.signingServiceSecrets?.length ? [signingServiceBundle(props.signingService, access.signingServiceSecrets)] : []),
          ...(access.publishEvents || access.webhookSigningKey ? [eventsBundle(props.events, access)] : []),
        ];
        const fn = new ProductFunction(this, functionId, {
          spec,
          projectRoot: props.projectRoot,
          environment: Object.assign({}, environment, ...bundles.map((bundle) => bundle.environment)),
          bundledFiles: bundles.flatMap((bundle) => bundle.files),
          serviceName: props.serviceName,
          ...(props.logLevel ? { logLevel: props.logLevel } : {}),
          ...(props.logRetention ? { logRetention: props.logRetention } : {}),
          ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
        });
        if (access.table) fn.allowTable(props.data.table, access.table);
        if (access.documents) fn.allowDocuments(props.data.documentsBucket, access.documents);
        if (access.sendMail) fn.allowSendMail(props.mail.sendEmailResourceArns);
        if (access.workflow?.length) fn.allowWorkflow(props.stateMachineName, access.workflow);
        if (access.macKey) fn.allowMac(props.macKey);
        if (access.sealKey) fn.allowSeal(props.seal.key);
        for (const name of access.signingServiceSecrets ?? []) fn.allowSecretRead(props.signingService.secrets[name]);
        if (access.publishEvents) fn.allowPublishEvents(props.events.product.bus);
        if (access.webhookSigningKey) fn.allowSecretRead(props.events.product.webhookSigningKey);
        const schedule = 'schedule' in spec ? spec.schedule : undefined;
        if (schedule) {
          // EventBridge invokes the job on its schedule; the local stack runs the same rule on its clock.
          new events.Rule(this, `${functionId}Schedule`, {
            description: `Runs ${functionId}: ${spec.description}`.slice(0, 512),
            schedule: events.Schedule.expression(schedule),
            targets: [new targets.LambdaFunction(fn.function, { retryAttempts: 0 })],
          });
        }
        return [functionId, fn];
      }),
    ) as Record<FunctionId, ProductFunction>;
  }

  /** The Lambda functions of `ids`, by id (all of them by default). */
  lambdas<Id extends FunctionId>(ids: readonly Id[]): Record<Id, lambda.IFunction> {
    const byId = {} as Record<Id, lambda.IFunction>;
    for (const functionId of ids) byId[functionId] = this.byId[functionId].function;
    return byId;
  }

  /** Sets a variable on every function, e.g. PUBLIC_BASE_URL once the HTTP API exists. */
  addEnvironment(name: string, value: string): void {
    for (const fn of Object.values(this.byId)) fn.function.addEnvironment(name, value);
  }
}
