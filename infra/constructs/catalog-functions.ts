/**
 * Every function of infra/function-catalog.ts, each a ProductFunction with the environment
 * the functions' config (functions/config/config.ts) reads and the access
 * infra/function-access.ts grants it.
 */
import type { RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_ACCESS } from '../function-access.js';
import { FUNCTIONS, type FunctionId } from '../function-catalog.js';
import type { DataStore } from './data-store.js';
import type { Mail } from './mail.js';
import type { RetentionPolicy } from '../../functions/domain/retention.js';
import { ProductFunction, stateMachineArnOf, type BundledFile } from './product-function.js';

/** Every function id of the catalog, in catalog order. */
export const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

/** Where GenerateForm reads its fonts on AWS: the bundle's `fonts/` folder. */
export const FORM_FONT_DIR = '/var/task/fonts';

/** The DejaVu fonts the form embeds (functions/form/form-fonts.ts), copied into GenerateForm's bundle. */
export const FORM_FONT_FILES: readonly BundledFile[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => ({
  from: `node_modules/dejavu-fonts-ttf/ttf/${file}`,
  to: `fonts/${file}`,
}));

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
  /** How long ended requests keep personal data (functions/domain/retention.ts). */
  readonly retention: RetentionPolicy;
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

    const entries = Object.entries(FUNCTIONS) as [FunctionId, (typeof FUNCTIONS)[FunctionId]][];
    this.byId = Object.fromEntries(
      entries.map(([functionId, spec]) => {
        const isForm = functionId === 'GenerateForm';
        const fn = new ProductFunction(this, functionId, {
          spec,
          projectRoot: props.projectRoot,
          environment: isForm ? { ...environment, FORM_FONT_DIR } : environment,
          bundledFiles: isForm ? FORM_FONT_FILES : [],
          serviceName: props.serviceName,
          ...(props.logLevel ? { logLevel: props.logLevel } : {}),
          ...(props.logRetention ? { logRetention: props.logRetention } : {}),
          ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
        });
        const access = FUNCTION_ACCESS[functionId];
        fn.allowTable(props.data.table, access.table);
        if (access.documents) fn.allowDocuments(props.data.documentsBucket, access.documents);
        if (access.sendMail) fn.allowSendMail(props.mail.sendEmailResourceArns);
        if (access.workflow?.length) fn.allowWorkflow(props.stateMachineName, access.workflow);
        if (access.macKey) fn.allowMac(props.macKey);
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
