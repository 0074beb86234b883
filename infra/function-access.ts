/**
 * What each function of the catalog may touch, and nothing more (least privilege). The
 * stack grants exactly this; when a function starts to use another service, its line here
 * changes with it.
 */
import type { FunctionId } from '../catalog/function-catalog.js';
import type { WorkflowAccess } from './constructs/product-function.js';

export interface FunctionAccess {
  /** The one DynamoDB table; absent for a function that touches none (WebhookDelivery). */
  readonly table?: 'read' | 'readWrite';
  /** The documents bucket (forms, scans, evidence); `readWriteDelete` also deletes (staged uploads, erasure). */
  readonly documents?: 'read' | 'readWrite' | 'readWriteDelete';
  /** Sends e-mail through SES. */
  readonly sendMail?: boolean;
  /** Step Functions actions on the access-request workflow. */
  readonly workflow?: readonly WorkflowAccess[];
  /** GenerateMac and VerifyMac with the product's KMS HMAC key (list cursors). */
  readonly macKey?: boolean;
  /** Sign and GetPublicKey with the product's KMS seal key (completion certificates). */
  readonly sealKey?: boolean;
  /**
   * Reads the signing service's secrets from Secrets Manager: `apiKey` to call the service,
   * `callbackSecret` to authenticate its callbacks (infra/constructs/signing-service-secrets.ts).
   */
  readonly signingServiceSecrets?: readonly ('apiKey' | 'callbackSecret')[];
  /**
   * PutEvents on the product's bus (docs/events.md): the functions whose changes move a
   * request's or a grant's status, and the housekeeping job, which delivers what they left.
   * (A change of another function that ever moved a status would find PutEvents refused; its
   * outbox entry would stay, and the housekeeping job would publish it a minute later.)
   */
  readonly publishEvents?: boolean;
  /** Reads the key each broker's webhook secret is derived from, and is told the webhook subscriptions. */
  readonly webhookSigningKey?: boolean;
}

/** Starts (outbox), stops and answers the workflow; erases a client's documents on request; signs list cursors. */
const BROKER_ACCESS: FunctionAccess = {
  table: 'readWrite',
  documents: 'readWriteDelete',
  sendMail: true,
  workflow: ['start', 'stop', 'answerTask'],
  macKey: true,
  publishEvents: true,
};

export const FUNCTION_ACCESS: Readonly<Record<FunctionId, FunctionAccess>> = {
  GenerateForm: { table: 'readWrite', documents: 'readWrite' },
  RequestSignature: { table: 'readWrite', sendMail: true, publishEvents: true },
  RequestScanReview: { table: 'readWrite', publishEvents: true },
  CreateGrants: { table: 'readWrite', publishEvents: true },
  // A grantee who already activated answers the new wait at once.
  RequestActivation: { table: 'readWrite', sendMail: true, workflow: ['answerTask'] },
  ExpireGrant: { table: 'readWrite', publishEvents: true },
  RecordOutcome: { table: 'readWrite', publishEvents: true },
  // Records the completion as RecordOutcome does (the status change publishes its event, docs/events.md);
  // stores the sealed completion certificate; signs with the seal key (the key never leaves KMS).
  SealEvidence: { table: 'readWrite', documents: 'readWrite', sealKey: true, publishEvents: true },
  BrokerApi: BROKER_ACCESS,
  // The dashboard does what the broker's API does, through the same handlers, for a signed-in broker.
  DashboardApi: BROKER_ACCESS,
  // Stages an upload, promotes it once accepted, deletes it when its request refused it; starts signing-service sessions.
  SignerApi: { table: 'readWrite', documents: 'readWriteDelete', workflow: ['answerTask'], signingServiceSecrets: ['apiKey'] },
  // Authenticates the callback, re-reads the session and records the signed PDF as SignerApi records an upload.
  SigningServiceCallback: { table: 'readWrite', documents: 'readWriteDelete', workflow: ['answerTask'], signingServiceSecrets: ['apiKey', 'callbackSecret'] },
  ActivationApi: { table: 'readWrite', workflow: ['answerTask'], publishEvents: true },
  PortalApi: { table: 'read', documents: 'read' },
  // Delivers any outbox entry (start, answer, stop, promote) and erases ended requests' documents.
  Housekeeping: { table: 'readWrite', documents: 'readWriteDelete', workflow: ['start', 'stop', 'answerTask'], publishEvents: true },
  // Touches no table: the event it is handed is all it posts.
  WebhookDelivery: { webhookSigningKey: true },
  // Reads a sent mail's lookup, records the feedback on its request's trail and marks the lookup; moves no status, so publishes nothing.
  MailFeedback: { table: 'readWrite' },
};
