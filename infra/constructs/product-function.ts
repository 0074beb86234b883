/**
 * The one way the product builds a Lambda function: its code built by esbuild on this machine
 * (scripts/lambda-build.ts: ES modules split into chunks, minified, UTF-8, with source maps; the
 * AWS SDK comes from the runtime), Node.js 24 on arm64,
 * X-Ray tracing, its own log group and its own role, to which access is added through the
 * `allow*` methods, each with the cdk-nag acknowledgements its grant needs.
 */
import { ArnFormat, AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, type ILocalBundling } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../catalog/function-catalog.js';
import { buildLambdaCode, LAMBDA_HANDLER, type LambdaCodeFile } from '../../scripts/lambda-build.js';
import { acknowledgeWildcardResource } from './nag-acknowledgement.js';

/**
 * Builds the function's code on this machine (scripts/lambda-build.ts): esbuild split into
 * chunks, then the bundled files. The CDK calls it when it stages the asset; when the stack's
 * bundling is skipped (`aws:cdk:bundling-stacks`), it is not called.
 */
class LambdaCodeBuild implements ILocalBundling {
  constructor(
    private readonly projectRoot: string,
    private readonly entry: string,
    private readonly files: readonly LambdaCodeFile[],
  ) {}

  tryBundle(outputDir: string): boolean {
    buildLambdaCode(this.projectRoot, this.entry, outputDir, this.files);
    return true;
  }
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
  readonly bundledFiles?: readonly LambdaCodeFile[];
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
  readonly function: lambda.Function;
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

    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(projectRoot, {
        // The hash of the built code, not of the project folder (node_modules included).
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: new LambdaCodeBuild(projectRoot, spec.entry, props.bundledFiles ?? []),
          // Never pulled: the local build answers or throws. The CDK asks for an image all the same.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
        },
      }),
      handler: LAMBDA_HANDLER,
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
