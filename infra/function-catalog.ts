/**
 * Every Lambda function of the product and every HTTP route, in one place.
 *
 * The CDK stack builds a `NodejsFunction` and an HTTP API route from each entry; the local
 * stack (`local/`) imports the same `entry` files and binds them to the same routes and to
 * the Task states of the synthesized workflow. One list, so the deployed product and the
 * local one cannot drift apart.
 */

/** How a caller is authenticated before the route's function runs. */
export type RouteAuth =
  /** A broker's JWT (on AWS: the HTTP API's JWT authorizer). */
  | 'broker'
  /** The client portal's JWT (audience `portal`). */
  | 'portal'
  /** No caller identity: the opaque single-use token in the path is the credential. */
  | 'link'
  /**
   * The signing service's callback: no caller identity at the gateway; an HMAC over the
   * timestamp and body with a shared secret is the credential, checked by the function.
   */
  | 'hmac';

export interface FunctionSpec {
  /** Source file, relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /**
   * `step`: a Task of the workflow; `api`: behind the HTTP API; `job`: run on a schedule;
   * `event`: invoked by a rule on the product's event bus (infra/constructs/product-events.ts).
   */
  readonly kind: 'step' | 'api' | 'job' | 'event';
  /** A job's EventBridge schedule, `rate(N minutes|hours|days)`; the local stack runs it on its clock. */
  readonly schedule?: string;
  /** Memory in MB; form rendering embeds a font and wants more. */
  readonly memorySize?: number;
  /**
   * How long one invocation may run, in seconds: the deployed function's timeout, and what the
   * local stack's Lambda context counts down from (`local/lambda-context.ts`).
   */
  readonly timeoutSeconds: number;
  /**
   * Files the function reads at run time, copied beside its bundle (infra/constructs/catalog-functions.ts):
   * `formFonts`, the fonts a rendered PDF embeds; `trustRoots`, the signature roots it verifies against.
   */
  readonly bundles?: readonly ('formFonts' | 'trustRoots')[];
}

/** A step runs well inside its Task's own timeout. */
const STEP_TIMEOUT_SECONDS = 60;
/** An API function answers inside API Gateway's 30-second integration timeout. */
const API_TIMEOUT_SECONDS = 20;
/** A scheduled job works until shortly before this and leaves the rest to its next run. */
const JOB_TIMEOUT_SECONDS = 120;

export const FUNCTIONS = {
  GenerateForm: {
    entry: 'functions/steps/generate-form.ts',
    description: 'Renders the signed-request form (R2, R5) into S3 and plans who signs (R6).',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
    memorySize: 1024,
    bundles: ['formFonts'],
  },
  RequestSignature: {
    entry: 'functions/steps/request-signature.ts',
    description: 'Parks the workflow on a signature (R3) and e-mails the signer a single-use link.',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
  },
  RequestScanReview: {
    entry: 'functions/steps/request-scan-review.ts',
    description: 'Parks the workflow until the broker reviews a scanned handwritten signature (R9).',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
  },
  CreateGrants: {
    entry: 'functions/steps/create-grants.ts',
    description: 'Writes one pending grant per grantee once the form is signed (R4, R7).',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
  },
  RequestActivation: {
    entry: 'functions/steps/request-activation.ts',
    description: "Parks the workflow until a grantee activates from the link in his e-mail (R7).",
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
  },
  ExpireGrant: {
    entry: 'functions/steps/expire-grant.ts',
    description: 'Marks a grant that was never activated as expired.',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
  },
  RecordOutcome: {
    entry: 'functions/steps/record-outcome.ts',
    description: 'Records how a request ended: completed, declined, expired or failed (R2, R9).',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
  },
  SealEvidence: {
    entry: 'functions/steps/seal-evidence.ts',
    description: 'Renders the completion certificate from the audit trail, seals it with the KMS seal key and records it (R2, R8).',
    kind: 'step',
    timeoutSeconds: STEP_TIMEOUT_SECONDS,
    memorySize: 1024,
    bundles: ['formFonts'],
  },
  BrokerApi: {
    entry: 'functions/http/broker-api.ts',
    description: 'Broker endpoints: file, follow, remind, review, cancel requests; revoke grants (R9).',
    kind: 'api',
    timeoutSeconds: API_TIMEOUT_SECONDS,
  },
  SignerApi: {
    entry: 'functions/http/signer-api.ts',
    description: 'Signing page and uploads behind the e-mailed link (R3, R6).',
    kind: 'api',
    timeoutSeconds: API_TIMEOUT_SECONDS,
    // Verifying a 15 MB signed PDF holds it in memory a few times over; more memory is also more CPU.
    memorySize: 1024,
    bundles: ['trustRoots'],
  },
  SigningServiceCallback: {
    entry: 'functions/http/signing-service-api.ts',
    description: "The signing service's callback: re-reads the session from the provider, verifies and records its signed PDF (R3).",
    kind: 'api',
    timeoutSeconds: API_TIMEOUT_SECONDS,
    // It downloads and verifies a signed PDF, as SignerApi does.
    memorySize: 1024,
    bundles: ['trustRoots'],
  },
  ActivationApi: {
    entry: 'functions/http/activation-api.ts',
    description: 'Activation page behind the e-mailed link (R7).',
    kind: 'api',
    timeoutSeconds: API_TIMEOUT_SECONDS,
  },
  PortalApi: {
    entry: 'functions/http/portal-api.ts',
    description: "The client portal's questions: which grants, may this person see this contract, the signed form (R8).",
    kind: 'api',
    timeoutSeconds: API_TIMEOUT_SECONDS,
  },
  Housekeeping: {
    entry: 'functions/jobs/housekeeping.ts',
    description: 'Every minute: delivers outbox entries a crash left behind, erases personal data whose retention ended.',
    kind: 'job',
    timeoutSeconds: JOB_TIMEOUT_SECONDS,
    schedule: 'rate(1 minute)',
  },
  WebhookDelivery: {
    entry: 'functions/events/deliver-webhook.ts',
    description: "Posts each product event of a broker with a webhook subscription to his URL, signed with his secret (docs/events.md).",
    kind: 'event',
    // Within it, one broker's endpoint has its 10 s to answer.
    timeoutSeconds: 30,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof FUNCTIONS;

export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  /** API Gateway HTTP API path syntax: `{name}` is a path parameter. */
  readonly path: string;
  readonly function: FunctionId;
  readonly auth: RouteAuth;
}

export const ROUTES: readonly RouteSpec[] = [
  { method: 'POST', path: '/v1/requests', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/v1/requests', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/v1/requests/{id}', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/v1/requests/{id}/documents/{document}', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/v1/requests/{id}/evidence', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/requests/{id}/cancel', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/requests/{id}/remind', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/requests/{id}/review', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/grants/{grantId}/revoke', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/v1/clients/{clientRef}/personal-data', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/clients/{clientRef}/erase', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/sign/{token}', function: 'SignerApi', auth: 'link' },
  { method: 'GET', path: '/sign/{token}/form.pdf', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/scan', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/eid', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/uploads', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/uploads/{uploadId}/confirm', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/advanced', function: 'SignerApi', auth: 'link' },
  { method: 'GET', path: '/sign/{token}/advanced', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/decline', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/v1/signing-service/callback', function: 'SigningServiceCallback', auth: 'hmac' },
  { method: 'GET', path: '/activate/{token}', function: 'ActivationApi', auth: 'link' },
  { method: 'POST', path: '/activate/{token}', function: 'ActivationApi', auth: 'link' },
  { method: 'GET', path: '/v1/portal/grants', function: 'PortalApi', auth: 'portal' },
  { method: 'GET', path: '/v1/portal/access', function: 'PortalApi', auth: 'portal' },
  { method: 'GET', path: '/v1/portal/grants/{grantId}/form', function: 'PortalApi', auth: 'portal' },
  { method: 'GET', path: '/v1/portal/grants/{grantId}/evidence', function: 'PortalApi', auth: 'portal' },
];
