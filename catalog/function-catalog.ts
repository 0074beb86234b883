/**
 * Every Lambda function of the product, in one place; its HTTP routes are in route-catalog.ts.
 *
 * The CDK stack builds a `ProductFunction` from each entry (infra/constructs/catalog-functions.ts),
 * the workflow binds its Task states to the `step` entries (workflows/access-request-states.ts),
 * and the local stack (`local/`) imports the same `entry` files and binds them to the same
 * routes and to the Task states of the synthesized workflow. One list, so the deployed product
 * and the local one cannot drift apart. Plain data with no AWS import.
 */

export interface FunctionSpec {
  /** Source file, relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /**
   * `step`: a Task of the workflow; `api`: behind the HTTP API; `job`: run on a schedule;
   * `event`: invoked by an EventBridge rule: on the product's event bus (infra/constructs/product-events.ts),
   * or on the default bus for SES's feedback on the product's mails (infra/constructs/mail.ts).
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
   * `formFonts`, the fonts a rendered PDF embeds; `trustRoots`, the signature roots it verifies against;
   * `dashboardAssets`, the dashboard's browser script, built by esbuild from functions/dashboard/client/.
   */
  readonly bundles?: readonly ('formFonts' | 'trustRoots' | 'dashboardAssets')[];
}

/**
 * The dashboard's browser scripts (the `dashboardAssets` bundle): each built by esbuild from its
 * TypeScript entry into one minified script named `file`, in the dashboard function's bundle on
 * AWS and by the local stack here, and served by the dashboard (functions/dashboard/assets.ts).
 */
export const DASHBOARD_SCRIPTS = [{ entry: 'functions/dashboard/client/dashboard-client.ts', file: 'dashboard-client.js' }] as const;

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
    description: 'Records the completion (as RecordOutcome), then renders the completion certificate from the audit trail, seals it with the KMS seal key and records it (R2, R8).',
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
  DashboardApi: {
    entry: 'functions/dashboard/dashboard-api.ts',
    description: "The brokers' dashboard: sign-in, requests and their workflow, documents, review and actions, new requests (R9).",
    kind: 'api',
    timeoutSeconds: API_TIMEOUT_SECONDS,
    // The request list reads and renders up to a broker's whole list; more memory is also more CPU.
    memorySize: 1024,
    bundles: ['dashboardAssets'],
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
  MailFeedback: {
    entry: 'functions/mail-feedback/record-mail-feedback.ts',
    description: "Records SES's bounces and complaints on the product's mails on the request's trail, for the broker to call the person (R9).",
    kind: 'event',
    timeoutSeconds: 30,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof FUNCTIONS;

/** The catalog functions of one kind, e.g. `FunctionIdOfKind<'api'>`. */
export type FunctionIdOfKind<Kind extends FunctionSpec['kind']> = {
  [Id in FunctionId]: (typeof FUNCTIONS)[Id]['kind'] extends Kind ? Id : never;
}[FunctionId];

/** A catalog function behind the HTTP API (`kind: 'api'`): one router serving its routes (route-catalog.ts). */
export type ApiFunctionId = FunctionIdOfKind<'api'>;
