/**
 * The whole product on 127.0.0.1, without an AWS account: the servers that speak the AWS
 * protocols (DynamoDB Local, s3rver, aws-ses-v2-local), the workflow definition synthesized
 * from the CDK app and run by aws-local-stepfunctions, and the HTTP front that routes like
 * API Gateway. The functions run in this process, unchanged: only the SDK's endpoint
 * configuration (`AWS_ENDPOINT_URL_*`) tells them where the services are.
 *
 * `npm start` (local/start.ts) and the integration tests both start the stack here.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS, ROUTES } from '../infra/function-catalog.js';
import type { FunctionId } from '../infra/function-catalog.js';
import { reloadConfig } from '../functions/config/config.js';
import type { ApiHandler } from './http-front.js';
import { startHttpFront } from './http-front.js';
import { createLocalJwtIssuer } from './local-jwt.js';
import { LocalStackError } from './local-stack-error.js';
import { createTablesFromTemplate, findFreePort, startDynamoDbLocal } from './services/dynamodb-local.js';
import { LOCAL_AWS_CLIENT_CONFIG } from './services/local-aws-client-config.js';
import { ensureBucket, startS3Local } from './services/s3-local.js';
import { startSesLocal } from './services/ses-local.js';
import { synthesizedTemplate } from './synthesized-template.js';
import type { CapturedEmail } from './services/ses-local.js';
import type { Clock } from './stepfunctions/clock.js';
import { stateMachinesFromTemplate } from './stepfunctions/asl-from-template.js';
import type { LocalStepFunctions } from './stepfunctions/local-step-functions.js';
import { startLocalStepFunctions } from './stepfunctions/local-step-functions.js';
import type { LocalTaskHandler } from './stepfunctions/task-binding.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** The demo brokers whose tokens the local stack issues (api-contract.md, "Finding the local stack"). */
export const DEMO_BROKERS = ['broker-a', 'broker-b'] as const;

export const DOCUMENTS_BUCKET = 'portal-access-documents';
export const MAIL_FROM = 'no-reply@portal-access.example.be';

export interface LocalStackPorts {
  readonly api: number;
  readonly mail: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly stepFunctions: number;
}

/** The ports `npm start` uses, so links in e-mails keep working across restarts. */
export const DEFAULT_PORTS: LocalStackPorts = { api: 4010, mail: 4011, dynamodb: 4012, s3: 4013, stepFunctions: 4014 };

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
}

export interface StackInfo {
  readonly apiUrl: string;
  readonly mailUrl: string;
  readonly brokers: readonly { readonly id: string; readonly token: string }[];
  readonly portalToken: string;
}

export interface LocalStack extends StackInfo {
  readonly ports: LocalStackPorts;
  readonly stepFunctions: LocalStepFunctions;
  readonly stateMachineArn: string;
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
    progress('synthesizing the CDK app (bundling skipped; cached until infra/ or workflows/ change)');
    const template = await synthesizedTemplate();
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

    progress(`starting SES (aws-ses-v2-local) on port ${ports.mail}`);
    const ses = await startSesLocal({ port: ports.mail, storeFile: path.join(options.dataDir, 'ses', 'mails.json') });
    stoppers.push(() => ses.stop());

    configureFunctionEnvironment({
      TABLE_NAME: tableName,
      DOCUMENTS_BUCKET,
      MAIL_FROM,
      PUBLIC_BASE_URL: apiUrl,
      STATE_MACHINE_ARN: stateMachine.arn,
      S3_FORCE_PATH_STYLE: 'true',
      BROKER_DISPLAY_NAME: 'Verzekeringen Janssens',
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${ports.stepFunctions}`,
    });

    progress(`starting the workflow runtime on port ${ports.stepFunctions}, resuming journaled executions`);
    const stepFunctions = await startLocalStepFunctions({
      template,
      journalDir: path.join(options.dataDir, 'executions'),
      port: ports.stepFunctions,
      resolveHandler: (fn) => taskHandler(functionIdOf(fn.cdkPath)),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.retryIntervalMs === undefined
        ? {}
        : { retryIntervalOverrides: Object.fromEntries(retryingStates(stateMachine.asl).map((name) => [name, options.retryIntervalMs ?? 0])) }),
    });
    stoppers.push(() => stepFunctions.stop());

    const jwt = await createLocalJwtIssuer({ keyDir: path.join(options.dataDir, 'jwt') });
    progress(`starting the HTTP front on ${apiUrl}`);
    const front = await startHttpFront({ routes: ROUTES, port: ports.api, jwt, resolveHandler: apiHandler });
    stoppers.push(() => front.stop());

    const info: StackInfo = {
      apiUrl,
      mailUrl: ses.endpoint,
      brokers: await Promise.all(DEMO_BROKERS.map(async (id) => ({ id, token: await jwt.issueBrokerToken(id) }))),
      portalToken: await jwt.issuePortalToken(),
    };
    return {
      ...info,
      ports,
      stepFunctions,
      stateMachineArn: stateMachine.arn,
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
  const { apiUrl, mailUrl, brokers, portalToken } = info;
  await writeFile(file, `${JSON.stringify({ apiUrl, mailUrl, brokers, portalToken }, null, 2)}\n`);
}

async function choosePorts(requested: Partial<LocalStackPorts> = {}): Promise<LocalStackPorts> {
  const pick = async (port: number | undefined) => (port ? port : findFreePort());
  return {
    api: await pick(requested.api),
    mail: await pick(requested.mail),
    dynamodb: await pick(requested.dynamodb),
    s3: await pick(requested.s3),
    stepFunctions: await pick(requested.stepFunctions),
  };
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

/** Maps a function's construct path (`PortalAccess/Functions/GenerateForm/Resource`) to its catalog id. */
function functionIdOf(cdkPath: string | undefined): FunctionId {
  const id = cdkPath?.split('/').find((segment): segment is FunctionId => Object.hasOwn(FUNCTIONS, segment));
  if (!id) throw new LocalStackError(`No catalog function matches the construct path ${cdkPath ?? '(none)'}`);
  return id;
}

const loaded = new Map<FunctionId, Promise<(event: unknown, context: unknown) => Promise<unknown>>>();

function loadHandler(id: FunctionId): Promise<(event: unknown, context: unknown) => Promise<unknown>> {
  let handler = loaded.get(id);
  if (!handler) {
    const url = pathToFileURL(path.join(PROJECT_ROOT, FUNCTIONS[id].entry)).href;
    handler = import(url).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== 'function') throw new LocalStackError(`${FUNCTIONS[id].entry} exports no handler`);
      return module.handler as (event: unknown, context: unknown) => Promise<unknown>;
    });
    loaded.set(id, handler);
  }
  return handler;
}

function taskHandler(id: FunctionId): LocalTaskHandler {
  return async (event, context) => (await loadHandler(id))(event, context);
}

async function apiHandler(id: FunctionId): Promise<ApiHandler> {
  return (await loadHandler(id)) as unknown as ApiHandler;
}
