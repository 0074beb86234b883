/**
 * What one story's usage costs at list prices: one line per billed dimension, and the total.
 * Pure arithmetic on the counts `usage-meters.ts` collects and `PRICE_TABLE`.
 */
import type { DynamoDbUsage } from './dynamodb-meter.js';
import { LAMBDA_PLATFORM_LOG, LOG_EVENT_OVERHEAD_BYTES, PRICE_TABLE } from './price-table.js';

/** What AWS would bill for one request's life, counted on the local stack. */
export interface StoryUsage {
  /** Step Functions state transitions, retries included. */
  readonly transitions: number;
  /** Each state entered, by name, in order (for the report). */
  readonly statesEntered: readonly string[];
  readonly lambda: {
    readonly invocations: number;
    /** Σ memory (GB) × billed duration (s), init included. */
    readonly gbSeconds: number;
    readonly byFunction: Readonly<Record<string, { count: number; billedMs: number; memoryMb: number }>>;
  };
  readonly dynamodb: DynamoDbUsage;
  readonly emails: number;
  readonly s3: { readonly writeRequests: number; readonly readRequests: number };
  /** HTTP API requests, each counted in 512 KB steps. */
  readonly apiRequests: number;
  readonly kms: { readonly symmetricRequests: number; readonly asymmetricRequests: number };
  readonly events: number;
  /** What the functions wrote to their logs (captured), and the state machine's error-level log events. */
  readonly logs: { readonly functionBytes: number; readonly functionEvents: number; readonly workflowErrorEvents: number };
}

export interface BillLine {
  readonly service: string;
  readonly quantity: number;
  readonly unit: string;
  readonly dollars: number;
}

/** A Step Functions log event at ERROR level (no execution data): about this many bytes. */
export const WORKFLOW_ERROR_LOG_EVENT_BYTES = 400;

/** The bytes CloudWatch Logs ingests for the usage: each event's bytes plus its overhead, Lambda's platform lines included. */
export function loggedBytes(usage: StoryUsage): number {
  const { functionBytes, functionEvents, workflowErrorEvents } = usage.logs;
  const platform = usage.lambda.invocations * (LAMBDA_PLATFORM_LOG.bytes + LAMBDA_PLATFORM_LOG.events * LOG_EVENT_OVERHEAD_BYTES);
  return functionBytes + functionEvents * LOG_EVENT_OVERHEAD_BYTES + platform + workflowErrorEvents * (WORKFLOW_ERROR_LOG_EVENT_BYTES + LOG_EVENT_OVERHEAD_BYTES);
}

export function billOf(usage: StoryUsage, prices: typeof PRICE_TABLE = PRICE_TABLE): { lines: BillLine[]; total: number } {
  const logBytes = loggedBytes(usage);
  const lines: BillLine[] = [
    { service: 'Step Functions transitions', quantity: usage.transitions, unit: 'transitions', dollars: usage.transitions * prices.stepFunctionsTransition },
    { service: 'Lambda requests', quantity: usage.lambda.invocations, unit: 'invocations', dollars: usage.lambda.invocations * prices.lambdaRequest },
    { service: 'Lambda compute (arm64)', quantity: usage.lambda.gbSeconds, unit: 'GB-s', dollars: usage.lambda.gbSeconds * prices.lambdaArmGbSecond },
    { service: 'DynamoDB writes', quantity: usage.dynamodb.writeUnits, unit: 'WRU', dollars: usage.dynamodb.writeUnits * prices.dynamoDbWriteUnit },
    { service: 'DynamoDB reads', quantity: usage.dynamodb.readUnits, unit: 'RRU', dollars: usage.dynamodb.readUnits * prices.dynamoDbReadUnit },
    { service: 'SES e-mails', quantity: usage.emails, unit: 'e-mails', dollars: usage.emails * prices.sesEmail },
    { service: 'S3 PUT/POST/LIST', quantity: usage.s3.writeRequests, unit: 'requests', dollars: usage.s3.writeRequests * prices.s3WriteRequest },
    { service: 'S3 GET/HEAD', quantity: usage.s3.readRequests, unit: 'requests', dollars: usage.s3.readRequests * prices.s3ReadRequest },
    { service: 'API Gateway (HTTP API)', quantity: usage.apiRequests, unit: 'requests', dollars: usage.apiRequests * prices.httpApiRequest },
    { service: 'KMS (HMAC)', quantity: usage.kms.symmetricRequests, unit: 'requests', dollars: usage.kms.symmetricRequests * prices.kmsRequest },
    { service: 'KMS (ECC sign)', quantity: usage.kms.asymmetricRequests, unit: 'requests', dollars: usage.kms.asymmetricRequests * prices.kmsAsymmetricRequest },
    { service: 'EventBridge events', quantity: usage.events, unit: 'events', dollars: usage.events * prices.eventBridgeEvent },
    { service: 'CloudWatch Logs', quantity: logBytes, unit: 'bytes', dollars: (logBytes / 1024 ** 3) * prices.logsIngestedGb },
  ];
  return { lines, total: lines.reduce((sum, line) => sum + line.dollars, 0) };
}
