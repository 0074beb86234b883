/**
 * Every function of infra/function-catalog.ts, each a ProductFunction with the environment
 * the functions' config (functions/config/config.ts) reads and the access
 * infra/function-access.ts grants it.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_ACCESS } from '../function-access.js';
import { FUNCTIONS, type FunctionId } from '../function-catalog.js';
import type { DataStore } from './data-store.js';
import type { Mail } from './mail.js';
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

/** How long one invocation may run: a step well inside its Task's timeout, an API call inside API Gateway's 30 s. */
const TIMEOUT_BY_KIND = { step: Duration.minutes(1), api: Duration.seconds(20) } as const;

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
          timeout: TIMEOUT_BY_KIND[spec.kind],
          ...(props.logLevel ? { logLevel: props.logLevel } : {}),
          ...(props.logRetention ? { logRetention: props.logRetention } : {}),
          ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
        });
        const access = FUNCTION_ACCESS[functionId];
        fn.allowTable(props.data.table, access.table);
        if (access.documents) fn.allowDocuments(props.data.documentsBucket, access.documents);
        if (access.sendMail) fn.allowSendMail(props.mail.sendEmailResourceArns);
        if (access.workflow?.length) fn.allowWorkflow(props.stateMachineName, access.workflow);
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
