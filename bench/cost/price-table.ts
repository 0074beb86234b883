/**
 * AWS list prices in eu-west-1 (Europe, Ireland), on-demand, no free tier, the lowest tier of
 * each — the one price table `npm run cost` uses. Checked against AWS's pricing pages in
 * December 2026; change a figure here and every cost follows.
 */
export const PRICE_TABLE = {
  region: 'eu-west-1',
  /** Step Functions Standard: per state transition (retries count), $0.025 per 1,000. */
  stepFunctionsTransition: 0.025 / 1_000,
  /** Lambda, arm64 (infra/constructs/product-function.ts): per request, and per GB-second of billed duration (1 ms steps). */
  lambdaRequest: 0.2 / 1_000_000,
  lambdaArmGbSecond: 0.0000133334,
  /** DynamoDB on-demand, Standard table class (halved in November 2024): per write and read request unit. */
  dynamoDbWriteUnit: 0.7068 / 1_000_000,
  dynamoDbReadUnit: 0.1415 / 1_000_000,
  /** SES outbound: per e-mail sent (each recipient of each message). */
  sesEmail: 0.1 / 1_000,
  /** S3 Standard: PUT, COPY, POST, LIST per request; GET and all other per request. */
  s3WriteRequest: 0.005 / 1_000,
  s3ReadRequest: 0.0004 / 1_000,
  /** API Gateway HTTP API: per request of up to 512 KB (first 300 million a month). */
  httpApiRequest: 1.11 / 1_000_000,
  /** KMS: symmetric and HMAC requests; asymmetric (ECC) Sign requests. */
  kmsRequest: 0.03 / 10_000,
  kmsAsymmetricRequest: 0.15 / 10_000,
  /** EventBridge: custom events published (each 64 KB chunk). */
  eventBridgeEvent: 1 / 1_000_000,
  /** CloudWatch Logs: ingestion per GB (standard and vended logs, first tier). */
  logsIngestedGb: 0.57,
} as const;

/** CloudWatch Logs bills each event's bytes plus this overhead. */
export const LOG_EVENT_OVERHEAD_BYTES = 26;

/**
 * The platform lines Lambda writes for every invocation in the text log format (START, END,
 * REPORT with durations and memory): about 300 bytes, three events.
 */
export const LAMBDA_PLATFORM_LOG = { bytes: 300, events: 3 } as const;
