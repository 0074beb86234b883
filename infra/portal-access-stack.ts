/**
 * The product on AWS: data (table, documents bucket), mail (SES), the functions of the
 * catalog, the access-request workflow, the HTTP API, and the alarms (workflow, functions, mail).
 * docs/architecture.md draws how they connect.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { STEP_FUNCTION_IDS, type StepFunctionId } from '../workflows/access-request-states.js';
import { AccessRequestWorkflow } from '../workflows/access-request-workflow.js';
import { longestWaitSeconds, workflowTiming } from '../workflows/workflow-timing.js';
import { CatalogFunctions, FUNCTION_IDS } from './constructs/catalog-functions.js';
import { DataStore } from './constructs/data-store.js';
import { Identity } from './constructs/identity.js';
import { Mail } from './constructs/mail.js';
import { acknowledgeNagRule, acknowledgeWildcardResource } from './constructs/nag-acknowledgement.js';
import { PortalHttpApi } from './constructs/portal-http-api.js';
import { ProductEvents } from './constructs/product-events.js';
import { SigningServiceSecrets } from './constructs/signing-service-secrets.js';
import { WorkflowAlarms } from './constructs/workflow-alarms.js';
import { ROUTES } from '../catalog/route-catalog.js';
import type { PortalAccessSettings } from './portal-access-settings.js';
import { stageNames, type StageNames } from './stage-names.js';

/** The project root: package.json, package-lock.json, and every catalog entry below it. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** POWERTOOLS_SERVICE_NAME of every function. */
export const SERVICE_NAME = 'portal-access';

export interface PortalAccessStackProps extends StackProps {
  /** The stage's validated settings (infra/portal-access-settings.ts); every physical name derives from its stage. */
  readonly settings: PortalAccessSettings;
  /** Where the catalog's entry files are looked up. @default PROJECT_ROOT */
  readonly projectRoot?: string;
}

export class PortalAccessStack extends Stack {
  readonly settings: PortalAccessSettings;
  /** The physical names of this stage (infra/stage-names.ts). */
  readonly names: StageNames;
  readonly data: DataStore;
  /** The HMAC key of list cursors. */
  readonly macKey: kms.Key;
  /** The asymmetric key that seals completion certificates (PAdES); only SealEvidence may sign with it. */
  readonly sealKey: kms.Key;
  readonly mail: Mail;
  /** The signing service's API key and callback secret (advanced signatures). */
  readonly signingServiceSecrets: SigningServiceSecrets;
  /** The product's event bus and the webhooks' signing key (docs/events.md). */
  readonly events: ProductEvents;
  readonly functions: CatalogFunctions;
  readonly workflow: AccessRequestWorkflow;
  readonly api: PortalHttpApi;
  /** The user pool: brokers' sign-in and the portal's client (docs/sign-in.md). */
  readonly identity: Identity;
  readonly alarms: WorkflowAlarms;

  constructor(scope: Construct, id: string, props: PortalAccessStackProps) {
    super(scope, id, {
      description: 'Signed, written portal-access requests: form, signatures, review, activation.',
      ...props,
    });
    const { settings } = props;
    this.settings = settings;
    this.names = stageNames(settings.stage);
    const timing = workflowTiming(settings.workflowTiming);
    const { stateMachineName } = this.names;

    this.data = new DataStore(this, 'Data', { noncurrentVersionDays: settings.retention.noncurrentVersionDays });
    this.mail = new Mail(this, 'Mail', { mailFrom: settings.mailFrom, configurationSetName: this.names.configurationSetName });
    this.macKey = new kms.Key(this, 'MacKey', {
      description: 'Authenticates what the portal-access product hands out and takes back (list cursors). HMAC: never leaves KMS.',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Beside the key, not under it: the key's acknowledgement below concerns the key alone.
    new kms.Alias(this, 'MacKeyAlias', { aliasName: this.names.macKeyAlias, targetKey: this.macKey });
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
    // The alias goes with the stack; a stage deployed again gets a new key under the same alias.
    new kms.Alias(this, 'SealKeyAlias', { aliasName: this.names.sealKeyAlias, targetKey: this.sealKey });
    acknowledgeNagRule(
      this.sealKey,
      'AwsSolutions-KMS5',
      'KMS cannot rotate asymmetric keys automatically; the seal certificate names this key, so a new key comes with a new certificate (docs/evidence.md).',
    );
    this.signingServiceSecrets = new SigningServiceSecrets(this, 'SigningService', {
      apiKeySecretName: this.names.signingServiceApiKeySecretName,
      callbackSecretName: this.names.signingCallbackSecretName,
    });
    this.events = new ProductEvents(this, 'Events', {
      eventBusName: this.names.eventBusName,
      webhookSigningKeySecretName: this.names.webhookSigningKeySecretName,
    });
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
      events: { product: this.events, webhooks: settings.webhooks },
      serviceName: SERVICE_NAME,
      logLevel: settings.logLevel,
      brokerDisplayName: settings.brokerDisplayName,
    });

    this.events.deliverWebhooksWith(this.functions.byId.WebhookDelivery.function);
    this.mail.deliverFeedbackTo(this.functions.byId.MailFeedback.function);

    const steps = this.functions.lambdas(STEP_FUNCTION_IDS);
    this.workflow = new AccessRequestWorkflow(this, 'Workflow', { steps, timing, stateMachineName });
    this.acknowledgeWorkflowRole(steps);

    this.identity = new Identity(this, 'Identity', {
      domainPrefix: settings.identity.domainPrefix ?? this.names.cognitoDomainPrefix,
      brokers: settings.identity.brokers,
    });
    // brokerIdOf reads the broker office from this claim (functions/http/broker-office-claim.ts).
    this.functions.addEnvironment('BROKER_ID_CLAIM', this.identity.brokerIdClaim);
    this.api = new PortalHttpApi(this, 'Api', {
      apiName: this.names.httpApiName,
      functions: this.functions.lambdas(FUNCTION_IDS),
      routes: ROUTES,
      brokerJwt: this.identity.brokerAuthorizer,
      portalJwt: this.identity.portalAuthorizer,
    });
    // The API is created after the functions it integrates; its URL reaches them afterwards.
    this.functions.addEnvironment('PUBLIC_BASE_URL', settings.publicBaseUrl ?? this.api.url);
    // The dashboard signs brokers in through the user pool's managed login (docs/dashboard.md).
    const dashboard = this.functions.byId.DashboardApi.function;
    for (const [name, value] of Object.entries(this.identity.dashboardSignIn(`${settings.publicBaseUrl ?? this.api.url}/dashboard`))) dashboard.addEnvironment(name, value);
    // The signing page (served from that base) sends files straight to the documents bucket.
    this.data.allowBrowserUploadsFrom(settings.publicBaseUrl ? new URL(settings.publicBaseUrl).origin : this.api.httpApi.apiEndpoint);

    this.alarms = new WorkflowAlarms(this, 'Alarms', {
      stateMachine: this.workflow.stateMachine,
      functions: this.functions.lambdas(FUNCTION_IDS),
      alarmEmail: settings.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API.' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.data.documentsBucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName, description: 'The bus of the product events (docs/events.md).' });
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
