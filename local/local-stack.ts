/**
 * The whole product on 127.0.0.1, without an AWS account: the servers that speak the AWS
 * protocols (DynamoDB Local, s3rver, aws-ses-v2-local), the workflow definition synthesized
 * from the CDK app and run by aws-local-stepfunctions, and the HTTP front that routes like
 * API Gateway. The functions run unchanged, in worker threads of this process
 * (`lambda-runtime/`): only the SDK's endpoint configuration (`AWS_ENDPOINT_URL_*`) tells them
 * where the services are.
 *
 * `npm start` (local/start.ts) and the integration tests both start the stack here.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionId } from '../catalog/function-catalog.js';
import { ROUTES } from '../catalog/route-catalog.js';
import { reloadConfig } from '../functions/config/config.js';
import type { Context } from 'aws-lambda';
import type { ApiHandler, HttpFront } from './http-front.js';
import { LOCAL_ACCOUNT_ID } from './http-front/proxy-event.js';
import { catalogFunctionAt, catalogLambdaSettings, lambdaContext } from './lambda-context.js';
import { startHttpFront } from './http-front.js';
import { readTemplateRouteThrottles } from './http-front/route-throttling.js';
import { localSignIn } from './local-identity.js';
import { buildDashboardAssets } from './dashboard-assets.js';
import { startSignInLocal } from './services/sign-in-local.js';
import type { LocalJwtIssuer } from './local-jwt.js';
import { LocalStackError } from './local-stack-error.js';
import { ensureLocalSeal } from './signing/seal-certificate.js';
import { createTablesFromTemplate, findFreePort, startDynamoDbLocal } from './services/dynamodb-local.js';
import { LOCAL_AWS_CLIENT_CONFIG } from './services/local-aws-client-config.js';
import { sweepExpiredItems } from './services/dynamodb-ttl.js';
import { startFaultProxy, type FaultProxy, type ProxiedService } from './services/fault-proxy.js';
import { ensureKeysFromTemplate, startKmsLocal } from './services/kms-local.js';
import { startLocalScheduler, type LocalScheduler } from './services/local-scheduler.js';
import { startSecretsManagerLocal } from './services/secrets-manager-local.js';
import { readTemplateEventBuses, startEventBridgeLocal, type EventBridgeLocal } from './services/eventbridge-local.js';
import { webhookSecretFor, webhookSubscriptionsSchema, type WebhookSubscription } from '../functions/events/webhook-subscription.js';
import { startSigningServiceLocal } from './services/signing-service-local.js';
import { applyBucketCors, readTemplateCorsRules } from './services/s3-cors.js';
import { applyExpirationRules, readTemplateExpirationRules } from './services/s3-lifecycle.js';
import { ensureBucket, startS3Local } from './services/s3-local.js';
import { readTemplateSchedules } from './services/template-schedules.js';
import { readTemplateTables } from './services/template-tables.js';
import { startSesLocal } from './services/ses-local.js';
import { startMailboxSimulator } from './services/ses/mailbox-simulator.js';
import { readTemplateFeedbackRoutes } from './services/ses/template-feedback-route.js';
import { LOCAL_STAGE, synthesizedTemplate } from './synthesized-template.js';
import { stageSettings } from '../infra/portal-access-settings.js';
import type { CapturedEmail } from './services/ses-local.js';
import { systemClock, type Clock } from './stepfunctions/clock.js';
import { stateMachinesFromTemplate } from './stepfunctions/asl-from-template.js';
import type { LocalStepFunctions } from './stepfunctions/local-step-functions.js';
import { startLocalStepFunctions } from './stepfunctions/local-step-functions.js';
import { createLambdaInvoker, type InvocationMode } from './lambda-runtime/lambda-invoker.js';
import type { InvocationRecord } from './lambda-runtime/invocation-meter.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Where the running stack finds more signature roots (`.local/trust/` for `npm start`): every
 * PEM there is trusted from the next verification on; the local signing service and the seal
 * write their roots here.
 */
export function localTrustDir(dataDir: string): string {
  return path.join(dataDir, 'trust');
}

/** The demo brokers whose tokens the local stack issues (api-contract.md, "Finding the local stack"). */
export const DEMO_BROKERS = ['broker-a', 'broker-b'] as const;

export const DOCUMENTS_BUCKET = 'portal-access-documents';

export interface LocalStackPorts {
  readonly api: number;
  readonly mail: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly stepFunctions: number;
  readonly kms: number;
  /** The local test signing service (advanced signatures): its URL is in `.local/stack.json`. */
  readonly signingService: number;
  readonly secretsManager: number;
  /** The product's event bus (EventBridge PutEvents) and its list of published events, `GET /events`: `eventsUrl` in `.local/stack.json`. */
  readonly events: number;
  /** The user pool's sign-in stand-in (the dashboard's sign-in page, tokens, keys): the issuer of every local token. */
  readonly signIn: number;
}

/** The ports `npm start` uses, so links in e-mails keep working across restarts. */
export const DEFAULT_PORTS: LocalStackPorts = { api: 4010, mail: 4011, dynamodb: 4012, s3: 4013, stepFunctions: 4014, kms: 4015, signingService: 4016, secretsManager: 4017, events: 4018, signIn: 4019 };

/** How often `npm start`'s scheduler looks whether a scheduled job is due (real time). */
const AUTO_TICK_MS = 5_000;

/** How often DynamoDB's TTL deletions and S3's lifecycle expirations run locally (on the stack's clock). */
const TTL_SWEEP_PERIOD_MS = 10 * 60_000;
const LIFECYCLE_PERIOD_MS = 60 * 60_000;

export interface LocalStackOptions {
  /** Where every server keeps its data; the same directory resumes everything. */
  readonly dataDir: string;
  /** Fixed ports; 0 or absent picks free ones. */
  readonly ports?: Partial<LocalStackPorts>;
  /** Task timeouts (signature rounds, activation rounds) run on this clock; tests pass a ManualClock. */
  readonly clock?: Clock;
  /** Milliseconds every Retry waits instead of its backoff (0 in tests); absent keeps the definition's backoff. */
  readonly retryIntervalMs?: number;
  /** Progress lines while starting. */
  readonly onProgress?: (message: string) => void;
  /**
   * Puts a fault-injecting proxy between the functions and each AWS service (tests of faults):
   * `stack.faults.proxies.<service>.arm(...)`. @default false
   */
  readonly faultProxies?: boolean;
  /**
   * Scheduled jobs (the housekeeping job, TTL, lifecycle) run by themselves every few seconds
   * of real time; without it, a test calls `stack.scheduler.tick()` after moving its clock.
   * @default true unless a clock is given
   */
  readonly autoTick?: boolean;
  /**
   * The HTTP front throttles each route at the limits of the template's stage, as API Gateway
   * does (429), its buckets refilled on the stack's clock. Off by default under a test's manual
   * clock, where buckets would refill only when the test moves time: a test of throttling turns
   * it on. @default true unless a clock is given
   */
  readonly routeThrottling?: boolean;
  /**
   * Brokers whose events WebhookDelivery posts to a URL (docs/events.md, "Webhooks"), e.g. a
   * test's own receiver; their secrets derive from the template's signing key
   * (`stack.webhookSecret(brokerId)`). @default none
   */
  readonly webhooks?: readonly (Omit<WebhookSubscription, 'secretVersion'> & { readonly secretVersion?: number })[];
  /**
   * Where the functions run: `'threads'`, a pool of worker threads as wide as the cores, so a
   * heavy step does not stall the HTTP front, the workflow runtime, S3 and SES, as on AWS where
   * each invocation runs apart (issue 11); `'in-process'`, the stack's own thread (a debugger's
   * breakpoints, a profile of one thread). @default 'threads'
   */
  readonly invocations?: InvocationMode;
}

export interface StackInfo {
  readonly apiUrl: string;
  readonly mailUrl: string;
  /** The dashboard's sign-in page (api-contract.md); each demo broker signs in there with his `login`. */
  readonly dashboardUrl: string;
  readonly brokers: readonly { readonly id: string; readonly token: string; readonly login: { readonly username: string; readonly password: string } }[];
  readonly portalToken: string;
  /** The local Step Functions endpoint, for tools that read execution histories (api-contract.md). */
  readonly stepFunctionsUrl: string;
  readonly stateMachineArn: string;
  /** The local test signing service (advanced signatures, docs/signing-service.md): its signer pages and API. */
  readonly signingServiceUrl: string;
  /** The local event bus: `GET <eventsUrl>/events` lists every event the product published (docs/events.md). */
  readonly eventsUrl: string;
}

export interface LocalStack extends StackInfo {
  readonly ports: LocalStackPorts;
  readonly stepFunctions: LocalStepFunctions;
  /** The scheduled jobs: EventBridge rules of the template, DynamoDB TTL, S3 lifecycle. */
  readonly scheduler: LocalScheduler;
  /** The fault-injecting proxies, when started with `faultProxies`. */
  readonly faults: { readonly proxies: Readonly<Record<ProxiedService, FaultProxy>> } | undefined;
  /** The HTTP front (faults for the next call of a route). */
  readonly front: Pick<HttpFront, 'faultNextCall'>;
  /** The local stand-in for the user pool's tokens: tests mint the tokens Cognito issues, and some it never would. */
  readonly tokenIssuer: LocalJwtIssuer;
  /** The product's event bus: the events published, faults for the next entries, and its rule targets' runs to wait for. */
  readonly events: Pick<EventBridgeLocal, 'listEvents' | 'refuseEntries' | 'settle'>;
  /** The secret a subscribed broker verifies his webhook deliveries with (functions/events/webhook-subscription.ts). */
  webhookSecret(brokerId: string, secretVersion?: number): string;
  /**
   * Every Lambda invocation since the start or the last {@link clearInvocations}: function,
   * memory, duration and billed duration, start, source (`npm run cost` prices Lambda from it).
   */
  invocations(): readonly InvocationRecord[];
  clearInvocations(): void;
  listEmails(): Promise<CapturedEmail[]>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const progress = options.onProgress ?? (() => undefined);
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    // Started first, stopped last: whatever still invokes a function is stopped before it.
    const invoker = createLambdaInvoker({ mode: options.invocations ?? 'threads' });
    stoppers.push(() => invoker.stop());
    progress('synthesizing the CDK app (bundling skipped; cached until infra/ or workflows/ change)');
    const template = await synthesizedTemplate();
    // The sender and the broker's name of the stage the template is made from (config/stages/test.json).
    const { mailFrom, brokerDisplayName } = stageSettings({ stage: LOCAL_STAGE });
    const [stateMachine] = stateMachinesFromTemplate(template);
    if (!stateMachine) throw new LocalStackError('The synthesized template has no state machine');

    const ports = await choosePorts(options.ports);
    const apiUrl = `http://127.0.0.1:${ports.api}`;

    progress(`starting DynamoDB Local (Java) on port ${ports.dynamodb}`);
    const dynamodb = await startDynamoDbLocal({ dataDir: path.join(options.dataDir, 'dynamodb'), port: ports.dynamodb });
    stoppers.push(() => dynamodb.stop());
    const tables = await createTablesFromTemplate(dynamodb.endpoint, template);
    const tableName = Object.values(tables)[0];
    if (!tableName) throw new LocalStackError('The synthesized template has no DynamoDB table');

    progress(`starting S3 (s3rver) on port ${ports.s3}`);
    const s3 = await startS3Local({ dataDir: path.join(options.dataDir, 's3'), port: ports.s3 });
    stoppers.push(() => s3.stop());
    await ensureBucket(s3.endpoint, DOCUMENTS_BUCKET);
    // The signing page posts files straight to the bucket from the API's origin (infra/constructs/data-store.ts).
    await applyBucketCors(s3.endpoint, DOCUMENTS_BUCKET, readTemplateCorsRules(template, '/Data/Documents/Resource'), apiUrl);

    progress(`starting KMS on port ${ports.kms}`);
    const kms = await startKmsLocal({ dataDir: path.join(options.dataDir, 'kms'), port: ports.kms });
    stoppers.push(() => kms.stop());
    const keys = await ensureKeysFromTemplate(kms, template);
    const macKeyArn = keys[resourceAt(template, 'AWS::KMS::Key', '/MacKey/Resource')];
    if (!macKeyArn) throw new LocalStackError('The synthesized template has no MacKey');
    // The seal of completion certificates: the template's SealKey, certified by the local seal root (docs/evidence.md).
    const sealKeyArn = keys[resourceAt(template, 'AWS::KMS::Key', '/SealKey/Resource')];
    if (!sealKeyArn) throw new LocalStackError('The synthesized template has no SealKey');
    progress(`starting Secrets Manager on port ${ports.secretsManager}`);
    const secretsManager = await startSecretsManagerLocal({ dataDir: path.join(options.dataDir, 'secretsmanager'), port: ports.secretsManager });
    stoppers.push(() => secretsManager.stop());
    const secrets = await secretsManager.ensureSecretsFromTemplate(template);
    const signingApiKey = secrets[resourceAt(template, 'AWS::SecretsManager::Secret', '/SigningService/ApiKey/Resource')];
    const signingCallbackSecret = secrets[resourceAt(template, 'AWS::SecretsManager::Secret', '/SigningService/CallbackSecret/Resource')];
    if (!signingApiKey || !signingCallbackSecret) throw new LocalStackError("The synthesized template has no signing service's secrets");

    progress(`starting the local test signing service on port ${ports.signingService}`);
    // It shares the two secrets the product reads from Secrets Manager, as a real provider holds its copy.
    const signingService = await startSigningServiceLocal({
      dataDir: path.join(options.dataDir, 'signing-service'),
      trustDir: localTrustDir(options.dataDir),
      apiKey: signingApiKey.secretString,
      callbackSecret: signingCallbackSecret.secretString,
      port: ports.signingService,
    });
    stoppers.push(() => signingService.stop());
    const webhookSigningKey = secrets[resourceAt(template, 'AWS::SecretsManager::Secret', '/Events/WebhookSigningKey/Resource')];
    if (!webhookSigningKey) throw new LocalStackError('The synthesized template has no webhook signing key');
    const busLogicalId = resourceAt(template, 'AWS::Events::EventBus', '/Events/Bus/Resource');
    const eventBusName = readTemplateEventBuses(template).find((bus) => bus.logicalId === busLogicalId)?.name ?? '';
    progress(`starting EventBridge on port ${ports.events}`);
    // The template's rules hand events to their functions directly, as the workflow's tasks are run.
    const eventBridge = await startEventBridgeLocal({
      dataDir: options.dataDir,
      template,
      port: ports.events,
      now: () => (options.clock ?? systemClock).now(),
      invoke: async (target, event) => {
        const functionId = functionIdOf(target.cdkPath);
        return invoker.handler(functionId, 'event')(event, lambdaContextOf(functionId));
      },
    });
    stoppers.push(() => eventBridge.stop());

    progress(`starting SES (aws-ses-v2-local) on port ${ports.mail}`);
    // SES's simulator addresses get SES's feedback, on the bus the template's configuration set names (bounces, complaints).
    const mailboxSimulator = startMailboxSimulator({
      routes: readTemplateFeedbackRoutes(template),
      clock: options.clock ?? systemClock,
      account: LOCAL_ACCOUNT_ID,
      region: LOCAL_AWS_CLIENT_CONFIG.region,
      publish: (events) => eventBridge.putServiceEvents(events),
    });
    stoppers.push(async () => mailboxSimulator.stop());
    const ses = await startSesLocal({ port: ports.mail, storeFile: path.join(options.dataDir, 'ses', 'mails.jsonl'), onAccepted: mailboxSimulator.accepted });
    stoppers.push(() => ses.stop());
    const seal = await ensureLocalSeal({ dir: path.join(options.dataDir, 'seal'), trustDir: localTrustDir(options.dataDir), kmsEndpoint: kms.endpoint, keyId: sealKeyArn });

    const direct: Record<ProxiedService, string> = {
      dynamodb: dynamodb.endpoint,
      s3: s3.endpoint,
      sesv2: ses.endpoint,
      sfn: `http://127.0.0.1:${ports.stepFunctions}`,
      kms: kms.endpoint,
    };
    const faults = options.faultProxies ? { proxies: await startProxies(direct, stoppers) } : undefined;
    const endpoint = (service: ProxiedService): string => faults?.proxies[service].endpoint ?? direct[service];

    // The template's user pool, stood in for by the local token issuer (local/local-identity.ts)
    // and its managed login by the local sign-in server, whose URL is the issuer.
    const issuerUrl = `http://127.0.0.1:${ports.signIn}`;
    const signIn = await localSignIn(template, path.join(options.dataDir, 'jwt'), issuerUrl);
    progress(`starting the local sign-in (the dashboard's) on port ${ports.signIn}`);
    const signInServer = await startSignInLocal({ port: ports.signIn, issuer: signIn.issuer, brokers: DEMO_BROKERS, dataDir: options.dataDir, allowedOrigins: [apiUrl] });
    stoppers.push(() => signInServer.stop());
    progress('building the dashboard\'s browser script (esbuild)');
    const dashboardAssetDir = await buildDashboardAssets(path.join(options.dataDir, 'dashboard'));
    configureFunctionEnvironment({
      TABLE_NAME: tableName,
      BROKER_ID_CLAIM: signIn.brokerIdClaim,
      DOCUMENTS_BUCKET,
      MAIL_FROM: mailFrom,
      PUBLIC_BASE_URL: apiUrl,
      SIGN_IN_ISSUER: issuerUrl,
      SIGN_IN_CLIENT_ID: signIn.issuer.clients.broker,
      SIGN_IN_LOGOUT_URL: `${issuerUrl}/logout`,
      DASHBOARD_ASSET_DIR: dashboardAssetDir,
      STATE_MACHINE_ARN: stateMachine.arn,
      MAC_KEY_ID: macKeyArn,
      SEAL_KEY_ID: sealKeyArn,
      SIGNING_SERVICE_URL: signingService.url,
      SIGNING_SERVICE_API_KEY_SECRET_ARN: signingApiKey.arn,
      SIGNING_CALLBACK_SECRET_ARN: signingCallbackSecret.arn,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      SEAL_CERTIFICATE_FILE: seal.chainFile,
      S3_FORCE_PATH_STYLE: 'true',
      BROKER_DISPLAY_NAME: brokerDisplayName,
      // The Belgian eID roots a deployment trusts, and the local trust folder (api-contract.md): read at each verification.
      SIGNATURE_TRUST_DIRS: [path.join(PROJECT_ROOT, 'config', 'trust', 'belgium-eid'), localTrustDir(options.dataDir)].join(path.delimiter),
      AWS_ENDPOINT_URL_DYNAMODB: endpoint('dynamodb'),
      AWS_ENDPOINT_URL_S3: endpoint('s3'),
      AWS_ENDPOINT_URL_SESV2: endpoint('sesv2'),
      AWS_ENDPOINT_URL_SFN: endpoint('sfn'),
      AWS_ENDPOINT_URL_KMS: endpoint('kms'),
      EVENT_BUS_NAME: eventBusName,
      AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
      WEBHOOK_SIGNING_KEY_SECRET_ARN: webhookSigningKey.arn,
      WEBHOOK_SUBSCRIPTIONS: JSON.stringify(webhookSubscriptionsSchema.parse(options.webhooks ?? [])),
    });

    progress(`starting the workflow runtime on port ${ports.stepFunctions}, resuming journaled executions`);
    const stepFunctions = await startLocalStepFunctions({
      template,
      journalDir: path.join(options.dataDir, 'executions'),
      port: ports.stepFunctions,
      resolveHandler: (fn) => invoker.handler(functionIdOf(fn.cdkPath), 'task'),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.retryIntervalMs === undefined
        ? {}
        : { retryIntervalOverrides: Object.fromEntries(retryingStates(stateMachine.asl).map((name) => [name, options.retryIntervalMs ?? 0])) }),
    });
    stoppers.push(() => stepFunctions.stop());

    const clock = options.clock ?? systemClock;
    const ttlTables = readTemplateTables(template).flatMap((table) =>
      table.timeToLiveAttribute
        ? [{ tableName: table.tableName, attribute: table.timeToLiveAttribute, keyAttributes: (table.createTableInput.KeySchema ?? []).map((key) => key.AttributeName ?? '') }]
        : [],
    );
    const lifecycleRules = readTemplateExpirationRules(template, '/Data/Documents/Resource');
    const scheduler = startLocalScheduler({
      clock,
      ...((options.autoTick ?? !options.clock) ? { autoTickMs: AUTO_TICK_MS } : {}),
      jobs: [
        ...readTemplateSchedules(template).flatMap((schedule) =>
          schedule.targets.map((target) => {
            const functionId = functionIdOf(target.cdkPath);
            return {
              name: functionId,
              periodMs: schedule.periodMs,
              run: (now: Date) => invoker.handler(functionId, 'schedule')(scheduledEvent(schedule.logicalId, now), lambdaContextOf(functionId)),
            };
          }),
        ),
        { name: 'dynamodb-ttl', periodMs: TTL_SWEEP_PERIOD_MS, run: (now: Date) => sweepExpiredItems(dynamodb.endpoint, ttlTables, now) },
        { name: 's3-lifecycle', periodMs: LIFECYCLE_PERIOD_MS, run: (now: Date) => applyExpirationRules(s3.endpoint, DOCUMENTS_BUCKET, lifecycleRules, now) },
      ],
    });
    stoppers.push(() => scheduler.stop());

    const jwt = signIn.issuer;
    progress(`starting the HTTP front on ${apiUrl}`);
    const front = await startHttpFront({
      routes: ROUTES,
      port: ports.api,
      // Each route's authorizer as the template defines it; the keys are the local issuer's.
      ...signIn.frontAuthorization,
      resolveHandler: async (functionId) => invoker.handler(functionId, 'api') as ApiHandler,
      ...((options.routeThrottling ?? !options.clock) ? { throttling: { limits: readTemplateRouteThrottles(template), now: () => clock.now() } } : {}),
    });
    stoppers.push(() => front.stop());

    const info: StackInfo = {
      apiUrl,
      mailUrl: ses.endpoint,
      dashboardUrl: `${apiUrl}/dashboard/sign-in`,
      brokers: await Promise.all(
        DEMO_BROKERS.map(async (id) => {
          const login = signInServer.logins.find((candidate) => candidate.brokerId === id);
          return { id, token: await jwt.issueBrokerToken(id), login: { username: login?.username ?? id, password: login?.password ?? '' } };
        }),
      ),
      portalToken: await jwt.issuePortalToken(),
      stepFunctionsUrl: stepFunctions.url,
      stateMachineArn: stateMachine.arn,
      signingServiceUrl: signingService.url,
      eventsUrl: eventBridge.endpoint,
    };
    return {
      ...info,
      ports,
      stepFunctions,
      scheduler,
      faults,
      front,
      tokenIssuer: jwt,
      events: eventBridge,
      webhookSecret: (brokerId, secretVersion = 1) => webhookSecretFor(webhookSigningKey.secretString, brokerId, secretVersion),
      invocations: () => invoker.invocations(),
      clearInvocations: () => invoker.clearInvocations(),
      listEmails: () => ses.listEmails(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Writes `.local/stack.json` (api-contract.md). */
export async function writeStackInfo(file: string, info: StackInfo): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const { apiUrl, mailUrl, dashboardUrl, brokers, portalToken, stepFunctionsUrl, stateMachineArn, signingServiceUrl, eventsUrl } = info;
  await writeFile(file, `${JSON.stringify({ apiUrl, mailUrl, dashboardUrl, brokers, portalToken, stepFunctionsUrl, stateMachineArn, signingServiceUrl, eventsUrl }, null, 2)}\n`);
}

async function choosePorts(requested: Partial<LocalStackPorts> = {}): Promise<LocalStackPorts> {
  const pick = async (port: number | undefined) => (port ? port : findFreePort());
  return {
    api: await pick(requested.api),
    mail: await pick(requested.mail),
    dynamodb: await pick(requested.dynamodb),
    s3: await pick(requested.s3),
    stepFunctions: await pick(requested.stepFunctions),
    kms: await pick(requested.kms),
    signingService: await pick(requested.signingService),
    secretsManager: await pick(requested.secretsManager),
    events: await pick(requested.events),
    signIn: await pick(requested.signIn),
  };
}

/** A fault-injecting proxy in front of each service; stopped with the stack. */
async function startProxies(direct: Record<ProxiedService, string>, stoppers: (() => Promise<void>)[]): Promise<Record<ProxiedService, FaultProxy>> {
  const proxies = {} as Record<ProxiedService, FaultProxy>;
  for (const service of Object.keys(direct) as ProxiedService[]) {
    proxies[service] = await startFaultProxy({ service, target: direct[service] });
    stoppers.push(() => proxies[service].stop());
  }
  return proxies;
}

/** The logical id of the template's resource of `type` whose construct path ends with `pathSuffix`. */
function resourceAt(template: unknown, type: string, pathSuffix: string): string {
  const resources = (template as { Resources?: Record<string, { Type?: string; Metadata?: Record<string, unknown> }> }).Resources ?? {};
  const found = Object.entries(resources).find(([, resource]) => resource.Type === type && String(resource.Metadata?.['aws:cdk:path'] ?? '').endsWith(pathSuffix));
  if (!found) throw new LocalStackError(`The synthesized template has no ${type} at …${pathSuffix}`);
  return found[0];
}

/** The event EventBridge sends a scheduled rule's target. */
function scheduledEvent(ruleLogicalId: string, now: Date): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time: now.toISOString(),
    region: LOCAL_AWS_CLIENT_CONFIG.region,
    resources: [`arn:aws:events:${LOCAL_AWS_CLIENT_CONFIG.region}:${LOCAL_ACCOUNT_ID}:rule/${ruleLogicalId}`],
    detail: {},
  };
}

function lambdaContextOf(functionId: FunctionId): Context {
  return lambdaContext({ functionName: functionId, region: LOCAL_AWS_CLIENT_CONFIG.region, ...catalogLambdaSettings(functionId) });
}

/** Names of every state with a Retry, Map iterations and Parallel branches included. */
function retryingStates(asl: Record<string, unknown>): string[] {
  const names: string[] = [];
  const visit = (definition: unknown) => {
    const states = (definition as { States?: Record<string, Record<string, unknown>> } | undefined)?.States ?? {};
    for (const [name, state] of Object.entries(states)) {
      if (Array.isArray(state.Retry) && state.Retry.length > 0) names.push(name);
      visit(state.ItemProcessor ?? state.Iterator);
      for (const branch of (state.Branches as unknown[] | undefined) ?? []) visit(branch);
    }
  };
  visit(asl);
  return names;
}

/** The functions read their configuration from the environment, as on Lambda. */
function configureFunctionEnvironment(values: Record<string, string>): void {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_AWS_CLIENT_CONFIG.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CLIENT_CONFIG.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CLIENT_CONFIG.credentials.secretAccessKey,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    POWERTOOLS_SERVICE_NAME: 'portal-access',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    ...values,
  });
  reloadConfig();
}

/** Maps a function's construct path (`PortalAccess-test/Functions/GenerateForm/Resource`) to its catalog id. */
function functionIdOf(cdkPath: string | undefined): FunctionId {
  const id = catalogFunctionAt(cdkPath);
  if (!id) throw new LocalStackError(`No catalog function matches the construct path ${cdkPath ?? '(none)'}`);
  return id;
}
