/**
 * The one way the product builds a Lambda function: a `NodejsFunction` bundled by esbuild
 * (ESM, minified, UTF-8, with source maps; the AWS SDK comes from the runtime), Node.js 24 on arm64,
 * X-Ray tracing, its own log group and its own role, to which access is added through the
 * `allow*` methods, each with the cdk-nag acknowledgements its grant needs.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { FunctionSpec } from '../../catalog/function-catalog.js';
import { ESM_REQUIRE_BANNER, LAMBDA_EXTERNAL_MODULES, LAMBDA_MAIN_FIELDS, LAMBDA_TARGET, lambdaPackageAliases } from '../../scripts/lambda-build.js';
import { acknowledgeWildcardResource } from './nag-acknowledgement.js';

/**
 * A file put into the bundle beside the handler: copied (a font the code reads at run time), or
 * `browserScript`: built by esbuild from a TypeScript entry into one minified script for a
 * browser, which the function serves (the dashboard's script).
 */
export interface BundledFile {
  /** Relative to the project root. */
  readonly from: string;
  /** Relative to the bundle's root (`/var/task` on AWS). */
  readonly to: string;
  /** @default 'copy' */
  readonly kind?: 'copy' | 'browserScript';
}

/** The shell command that puts `file` into the bundle at `outputDir`, from the project at `inputDir`. */
export function bundledFileCommand(file: BundledFile, inputDir: string, outputDir: string): string {
  const target = join(outputDir, file.to);
  if (file.kind === 'browserScript') {
    // The project's own build of a browser script (esbuild, a dev dependency), as the local stack builds it.
    return `"${join(inputDir, 'node_modules', '.bin', 'tsx')}" "${join(inputDir, 'scripts', 'build-browser-script.ts')}" "${join(inputDir, file.from)}" "${target}"`;
  }
  return `mkdir -p "${join(target, '..')}" && cp "${join(inputDir, file.from)}" "${target}"`;
}

export interface ProductFunctionProps {
  /** The catalog entry (catalog/function-catalog.ts): entry file, description, memory. */
  readonly spec: FunctionSpec;
  /** The directory holding package.json and package-lock.json; `spec.entry` is relative to it. */
  readonly projectRoot: string;
  /** Environment besides the Powertools variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** POWERTOOLS_SERVICE_NAME. */
  readonly serviceName: string;
  /** @default 'INFO' */
  readonly logLevel?: string;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default the catalog's `spec.timeoutSeconds` */
  readonly timeout?: Duration;
  /** @default none */
  readonly bundledFiles?: readonly BundledFile[];
}

/** What a function may do with the workflow; each maps to Step Functions actions. */
export type WorkflowAccess = 'start' | 'stop' | 'describe' | 'answerTask';

const WORKFLOW_ACTIONS: Readonly<Record<WorkflowAccess, { actions: string[]; on: 'stateMachine' | 'execution' }>> = {
  start: { actions: ['states:StartExecution'], on: 'stateMachine' },
  answerTask: {
    actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
    on: 'stateMachine',
  },
  stop: { actions: ['states:StopExecution'], on: 'execution' },
  describe: { actions: ['states:DescribeExecution'], on: 'execution' },
};

export class ProductFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ProductFunctionProps) {
    super(scope, id);
    const { spec, projectRoot } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // An own role instead of the AWS managed AWSLambdaBasicExecutionRole: it writes to this
    // function's log group only (cdk-nag AwsSolutions-IAM4).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${id} function of the portal-access product.`,
    });
    this.logGroup.grantWrite(this.role);

    const bundledFiles = props.bundledFiles ?? [];
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: join(projectRoot, spec.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      description: spec.description.slice(0, 256),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(spec.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        // The settings scripts/lambda-build.ts names, which the tests building a function's code share.
        target: LAMBDA_TARGET,
        mainFields: LAMBDA_MAIN_FIELDS,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        externalModules: LAMBDA_EXTERNAL_MODULES,
        banner: ESM_REQUIRE_BANNER,
        esbuildArgs: {
          // esbuild escapes every non-ASCII character by default (`\u00e9`, up to six bytes for
          // two); the texts in four languages and fontkit's tables keep theirs: GenerateForm's
          // code is 212 KiB smaller (issue 11, "function bundle"); Node reads the file as UTF-8
          // either way. Given as an argument: this CDK's `charset` option reaches no esbuild flag.
          '--charset': 'utf8',
          // fontkit trimmed and deferred, pdf-lib without the standard fonts and the PNG decoder
          // (scripts/lambda-build.ts): GenerateForm's code 1358 → 855 KiB, SealEvidence's 1769 → 1265.
          ...Object.fromEntries(Object.entries(lambdaPackageAliases(projectRoot)).map(([name, file]) => [`--alias:${name}`, file])),
        },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string): string[] => bundledFiles.map((file) => bundledFileCommand(file, inputDir, outputDir)),
        },
      },
    });
    acknowledgeWildcardResource(
      this.role,
      '*',
      'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions; tracing needs Resource *.',
    );
  }

  /** Items of the table and its indexes: `read` (Get, Query) or `readWrite` (also Put, Update, Delete, transactions). */
  allowTable(table: dynamodb.ITable, access: 'read' | 'readWrite'): void {
    if (access === 'read') table.grantReadData(this.role);
    else table.grantReadWriteData(this.role);
    acknowledgeWildcardResource(
      this.role,
      `${table.tableArn}/index/*`,
      "Queries go through the table's own global secondary index gsi1 (a broker lists his requests); index/* covers only this table's indexes.",
    );
  }

  /**
   * Objects of the documents bucket: `read` (GetObject, ListBucket for a clean 404),
   * `readWrite` (also PutObject) or `readWriteDelete` (also DeleteObject: staged uploads, erasure).
   */
  allowDocuments(bucket: s3.IBucket, access: 'read' | 'readWrite' | 'readWriteDelete'): void {
    const objects = bucket.arnForObjects('*');
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    if (access !== 'read') {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects] }));
    }
    if (access === 'readWriteDelete') {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [objects] }));
    }
    acknowledgeWildcardResource(
      this.role,
      objects,
      'Document keys are made per request at run time (forms, scans, evidence); access stays within the one documents bucket.',
    );
  }

  /** GenerateMac and VerifyMac with one KMS HMAC key (the key never leaves KMS). */
  allowMac(key: kms.IKey): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateMac', 'kms:VerifyMac'], resources: [key.keyArn] }));
  }

  /** Sign and GetPublicKey with one KMS asymmetric key (the product's seal): the private key never leaves KMS. */
  allowSeal(key: kms.IKey): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [key.keyArn] }));
  }

  /** GetSecretValue (and DescribeSecret) of one Secrets Manager secret, e.g. the signing service's callback secret. */
  allowSecretRead(secret: secretsmanager.ISecret): void {
    secret.grantRead(this.role);
  }

  /** `events:PutEvents` on one bus, the product's own (docs/events.md). */
  allowPublishEvents(bus: events.IEventBus): void {
    bus.grantPutEventsTo(this.role);
  }

  /** `ses:SendEmail` from the product's identity, through its configuration set. */
  allowSendMail(sendEmailResourceArns: readonly string[]): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [...sendEmailResourceArns] }),
    );
  }

  /**
   * Step Functions actions on the workflow, named by its fixed state machine name (not by a
   * reference to the state machine, which invokes these functions: that would be a cycle).
   */
  allowWorkflow(stateMachineName: string, accesses: readonly WorkflowAccess[]): void {
    const stateMachineArn = stateMachineArnOf(this, stateMachineName);
    const executionsArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    for (const on of ['stateMachine', 'execution'] as const) {
      const actions = accesses.flatMap((access) => (WORKFLOW_ACTIONS[access].on === on ? WORKFLOW_ACTIONS[access].actions : []));
      if (actions.length === 0) continue;
      const resource = on === 'stateMachine' ? stateMachineArn : executionsArn;
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [resource] }));
      if (on === 'execution') {
        acknowledgeWildcardResource(
          this.role,
          resource,
          'Executions are named by request id at run time; the ARN pattern is limited to executions of this one state machine.',
        );
      }
    }
  }
}

/** The state machine's ARN from its fixed name, for STATE_MACHINE_ARN. */
export function stateMachineArnOf(scope: Construct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
