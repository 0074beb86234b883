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
  | 'link';

export interface FunctionSpec {
  /** Source file, relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** `step`: a Task of the workflow; `api`: behind the HTTP API. */
  readonly kind: 'step' | 'api';
  /** Memory in MB; form rendering embeds a font and wants more. */
  readonly memorySize?: number;
}

export const FUNCTIONS = {
  GenerateForm: {
    entry: 'functions/steps/generate-form.ts',
    description: 'Renders the signed-request form (R2, R5) into S3 and plans who signs (R6).',
    kind: 'step',
    memorySize: 1024,
  },
  RequestSignature: {
    entry: 'functions/steps/request-signature.ts',
    description: 'Parks the workflow on a signature (R3) and e-mails the signer a single-use link.',
    kind: 'step',
  },
  RequestScanReview: {
    entry: 'functions/steps/request-scan-review.ts',
    description: 'Parks the workflow until the broker reviews a scanned handwritten signature (R9).',
    kind: 'step',
  },
  CreateGrants: {
    entry: 'functions/steps/create-grants.ts',
    description: 'Writes one pending grant per grantee once the form is signed (R4, R7).',
    kind: 'step',
  },
  RequestActivation: {
    entry: 'functions/steps/request-activation.ts',
    description: "Parks the workflow until a grantee activates from the link in his e-mail (R7).",
    kind: 'step',
  },
  ExpireGrant: {
    entry: 'functions/steps/expire-grant.ts',
    description: 'Marks a grant that was never activated as expired.',
    kind: 'step',
  },
  RecordOutcome: {
    entry: 'functions/steps/record-outcome.ts',
    description: 'Records how a request ended: completed, declined, expired or failed (R2, R9).',
    kind: 'step',
  },
  BrokerApi: {
    entry: 'functions/http/broker-api.ts',
    description: 'Broker endpoints: file, follow, remind, review, cancel requests; revoke grants (R9).',
    kind: 'api',
  },
  SignerApi: {
    entry: 'functions/http/signer-api.ts',
    description: 'Signing page and uploads behind the e-mailed link (R3, R6).',
    kind: 'api',
  },
  ActivationApi: {
    entry: 'functions/http/activation-api.ts',
    description: 'Activation page behind the e-mailed link (R7).',
    kind: 'api',
  },
  PortalApi: {
    entry: 'functions/http/portal-api.ts',
    description: "The client portal's questions: which grants, may this person see this contract, the signed form (R8).",
    kind: 'api',
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
  { method: 'POST', path: '/v1/requests/{id}/cancel', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/requests/{id}/remind', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/requests/{id}/review', function: 'BrokerApi', auth: 'broker' },
  { method: 'POST', path: '/v1/grants/{grantId}/revoke', function: 'BrokerApi', auth: 'broker' },
  { method: 'GET', path: '/sign/{token}', function: 'SignerApi', auth: 'link' },
  { method: 'GET', path: '/sign/{token}/form.pdf', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/scan', function: 'SignerApi', auth: 'link' },
  { method: 'POST', path: '/sign/{token}/decline', function: 'SignerApi', auth: 'link' },
  { method: 'GET', path: '/activate/{token}', function: 'ActivationApi', auth: 'link' },
  { method: 'POST', path: '/activate/{token}', function: 'ActivationApi', auth: 'link' },
  { method: 'GET', path: '/v1/portal/grants', function: 'PortalApi', auth: 'portal' },
  { method: 'GET', path: '/v1/portal/access', function: 'PortalApi', auth: 'portal' },
  { method: 'GET', path: '/v1/portal/grants/{grantId}/form', function: 'PortalApi', auth: 'portal' },
];
