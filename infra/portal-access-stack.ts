/**
 * The product on AWS: data (table, documents bucket), mail (SES), the functions of the
 * catalog, the access-request workflow, the HTTP API, and the workflow's alarms.
 * docs/architecture.md draws how they connect.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { STEP_FUNCTION_IDS, type StepFunctionId } from '../workflows/access-request-states.js';
import { ACCESS_REQUEST_STATE_MACHINE_NAME, AccessRequestWorkflow } from '../workflows/access-request-workflow.js';
import { longestWaitSeconds, workflowTiming } from '../workflows/workflow-timing.js';
import { CatalogFunctions, FUNCTION_IDS } from './constructs/catalog-functions.js';
import { DataStore } from './constructs/data-store.js';
import { Mail } from './constructs/mail.js';
import { acknowledgeNagRule, acknowledgeWildcardResource } from './constructs/nag-acknowledgement.js';
import { PortalHttpApi } from './constructs/portal-http-api.js';
import { SigningServiceSecrets } from './constructs/signing-service-secrets.js';
import { WorkflowAlarms } from './constructs/workflow-alarms.js';
import { ROUTES } from './function-catalog.js';
import { portalAccessSettings, type PortalAccessSettings } from './portal-access-settings.js';

/** The project root: package.json, package-lock.json, and every catalog entry below it. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** POWERTOOLS_SERVICE_NAME of every function. */
export const SERVICE_NAME = 'portal-access';

export interface PortalAccessStackProps extends StackProps {
  /** Where the catalog's entry files are looked up. @default PROJECT_ROOT */
  readonly projectRoot?: string;
}

export class PortalAccessStack extends Stack {
  readonly settings: PortalAccessSettings;
  readonly data: DataStore;
  /** The HMAC key of list cursors. */
  readonly macKey: kms.Key;
  /** The asymmetric key that seals completion certificates (PAdES); only SealEvidence may sign with it. */
  readonly sealKey: kms.Key;
  readonly mail: Mail;
  /** The signing service's API key and callback secret (advanced signatures). */
  readonly signingServiceSecrets: SigningServiceSecrets;
  readonly functions: CatalogFunctions;
  readonly workflow: AccessRequestWorkflow;
  readonly api: PortalHttpApi;
  readonly alarms: WorkflowAlarms;

  constructor(scope: Construct, id: string, props: PortalAccessStackProps = {}) {
    super(scope, id, {
      description: 'Signed, written portal-access requests: form, signatures, review, activation.',
      ...props,
    });
    const settings = portalAccessSettings(this);
    this.settings = settings;
    const timing = workflowTiming(settings.workflowTiming);
    const stateMachineName = ACCESS_REQUEST_STATE_MACHINE_NAME;

    this.data = new DataStore(this, 'Data', { noncurrentVersionDays: settings.retention.noncurrentVersionDays });
    this.mail = new Mail(this, 'Mail', { mailFrom: settings.mailFrom });
    this.macKey = new kms.Key(this, 'MacKey', {
      description: 'Authenticates what the portal-access product hands out and takes back (list cursors). HMAC: never leaves KMS.',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeNagRule(
      this.macKey,
      'AwsSolutions-KMS5',
      'KMS cannot rotate HMAC keys automatically; a cursor lives minutes, so a new key (a redeploy) costs brokers nothing but a restarted list.',
    );
    this.sealKey = new kms.Key(this, 'SealKey', {
      description: 'Seals the completion certificates of the portal-access product (PAdES). ECC P-256, sign only: the private key never leaves KMS.',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      // Its certificate was issued for this very key: a replaced key needs a new certificate.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeNagRule(
      this.sealKey,
      'AwsSolutions-KMS5',
      'KMS cannot rotate asymmetric keys automatically; the seal certificate names this key, so a new key comes with a new certificate (docs/evidence.md).',
    );
    this.signingServiceSecrets = new SigningServiceSecrets(this, 'SigningService');
    this.functions = new CatalogFunctions(this, 'Functions', {
      projectRoot: props.projectRoot ?? PROJECT_ROOT,
      data: this.data,
      mail: this.mail,
      stateMachineName,
      linkTtlSeconds: longestWaitSeconds(timing),
      macKey: this.macKey,
      signingService: { secrets: this.signingServiceSecrets, ...(settings.signingServiceUrl ? { url: settings.signingServiceUrl } : {}) },
      seal: { key: this.sealKey, ...(settings.sealCertificateChainFile ? { certificateChainFile: settings.sealCertificateChainFile } : {}) },
      retention: settings.retention,
      serviceName: SERVICE_NAME,
      logLevel: settings.logLevel,
      ...(settings.brokerDisplayName ? { brokerDisplayName: settings.brokerDisplayName } : {}),
    });

    const steps = this.functions.lambdas(STEP_FUNCTION_IDS);
    this.workflow = new AccessRequestWorkflow(this, 'Workflow', { steps, timing, stateMachineName });
    this.acknowledgeWorkflowRole(steps);

    this.api = new PortalHttpApi(this, 'Api', {
      functions: this.functions.lambdas(FUNCTION_IDS),
      routes: ROUTES,
      brokerJwt: { issuer: settings.brokerJwtIssuer, audience: settings.brokerJwtAudience },
      portalJwt: { issuer: settings.portalJwtIssuer, audience: settings.portalJwtAudience },
    });
    // The API is created after the functions it integrates; its URL reaches them afterwards.
    this.functions.addEnvironment('PUBLIC_BASE_URL', settings.publicBaseUrl ?? this.api.url);
    // The signing page (served from that base) sends files straight to the documents bucket.
    this.data.allowBrowserUploadsFrom(settings.publicBaseUrl ? new URL(settings.publicBaseUrl).origin : this.api.httpApi.apiEndpoint);

    this.alarms = new WorkflowAlarms(this, 'Alarms', {
      stateMachine: this.workflow.stateMachine,
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API.' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.data.documentsBucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /** The wildcards CDK writes into the state machine's role, each with its reason. */
  private acknowledgeWorkflowRole(steps: Readonly<Record<StepFunctionId, lambda.IFunction>>): void {
    const role = this.workflow.stateMachine.role;
    for (const fn of Object.values(steps)) {
      acknowledgeWildcardResource(
        role,
        `${fn.functionArn}:*`,
        'Step Functions invokes each step function by any version or alias (CDK LambdaInvoke grant); the ARN names that one function.',
      );
    }
    acknowledgeWildcardResource(
      role,
      '*',
      'X-Ray tracing and CloudWatch Logs delivery (logs:CreateLogDelivery and kin) support no resource-level permissions.',
    );
  }
}
