/**
 * The Lambda context the local stack hands a function it runs, from the HTTP front
 * (`http-front.ts`) or from a workflow Task (`stepfunctions/task-binding.ts`), in the stack's
 * thread or in a worker thread (`lambda-runtime/`, which carries it across as a snapshot). As
 * on AWS, `getRemainingTimeInMillis()` counts down from the function's configured timeout, the
 * one the CDK app deploys (`catalog/function-catalog.ts`), so code that plans by it (Powertools
 * idempotency's in-progress expiry) runs as it will when deployed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionId } from '../catalog/function-catalog.js';
import { LOCAL_ACCOUNT_ID } from './http-front/proxy-event.js';
import { LocalStackError } from './local-stack-error.js';

/** What a function is configured with, as far as its context tells. */
export interface LambdaSettings {
  /** The function's timeout, in milliseconds. */
  readonly timeoutMs: number;
  /** The function's memory, in MB (`memoryLimitInMB`). */
  readonly memoryMb: number;
}

export interface LambdaContextOptions extends LambdaSettings {
  /** The function's name, as in its ARN and its log group. */
  readonly functionName: string;
  /** The region in `invokedFunctionArn`. */
  readonly region: string;
  /** The account in `invokedFunctionArn`. @default '000000000000' */
  readonly accountId?: string;
}

/** The context's callback-style completion (`context.done()` …), which async handlers never need. */
export class UnsupportedLambdaCallbackError extends LocalStackError {
  override readonly name = 'UnsupportedLambdaCallbackError';
}

/** Lambda's own defaults (3 s, 128 MB), for a function the catalog does not list, e.g. a test's own workflow. */
export const LAMBDA_DEFAULT_SETTINGS: LambdaSettings = { timeoutMs: 3_000, memoryMb: 128 };

/** The memory `ProductFunction` (infra/constructs/product-function.ts) gives a catalog entry that names none. */
const CATALOG_DEFAULT_MEMORY_MB = 256;

/**
 * A context for one invocation starting now: `getRemainingTimeInMillis()` is `timeoutMs` at
 * once and reaches 0 when the timeout has passed (it never goes below 0). Nothing cuts the
 * function off at 0: the local stack only reports the time, as a guide.
 */
export function lambdaContext(options: LambdaContextOptions): Context {
  const { functionName } = options;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return lambdaContextFromSnapshot({
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId ?? LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    deadlineMs: Date.now() + options.timeoutMs,
  });
}

/**
 * A context's data without its methods: what crosses to the worker thread that runs the
 * invocation (local/lambda-runtime/), where {@link lambdaContextFromSnapshot} rebuilds the
 * context. Functions cannot be posted to a thread; the deadline can, since threads share
 * the process's clock.
 */
export interface LambdaContextSnapshot {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** When `getRemainingTimeInMillis()` reaches 0, in milliseconds since the epoch. */
  readonly deadlineMs: number;
}

/** The data of `context`, its remaining time turned into a deadline. */
export function snapshotLambdaContext(context: Context): LambdaContextSnapshot {
  return {
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    awsRequestId: context.awsRequestId,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    deadlineMs: Date.now() + context.getRemainingTimeInMillis(),
  };
}

/** The context a snapshot was taken of: same data, the same deadline, its methods again. */
export function lambdaContextFromSnapshot(snapshot: LambdaContextSnapshot): Context {
  const { deadlineMs, ...data } = snapshot;
  const unsupported = (): never => {
    throw new UnsupportedLambdaCallbackError('context.done/fail/succeed are not supported locally: return (a promise of) the result');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    ...data,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** The timeout and memory the CDK app deploys the catalog function `functionId` with. */
export function catalogLambdaSettings(functionId: FunctionId): LambdaSettings {
  const spec: { timeoutSeconds: number; memorySize?: number } = FUNCTIONS[functionId];
  return { timeoutMs: spec.timeoutSeconds * 1000, memoryMb: spec.memorySize ?? CATALOG_DEFAULT_MEMORY_MB };
}

/**
 * The catalog function a synthesized resource belongs to, read from its construct path
 * (`PortalAccess-test/Functions/GenerateForm/Function/Resource` → `GenerateForm`); undefined when no
 * segment of the path is a catalog id.
 */
export function catalogFunctionAt(cdkPath: string | undefined): FunctionId | undefined {
  return cdkPath?.split('/').find((segment): segment is FunctionId => Object.hasOwn(FUNCTIONS, segment));
}
