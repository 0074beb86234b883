/**
 * What each function of the catalog may touch, and nothing more (least privilege). The
 * stack grants exactly this; when a function starts to use another service, its line here
 * changes with it.
 */
import type { FunctionId } from './function-catalog.js';
import type { WorkflowAccess } from './constructs/product-function.js';

export interface FunctionAccess {
  /** The one DynamoDB table. */
  readonly table: 'read' | 'readWrite';
  /** The documents bucket (forms, scans, evidence). */
  readonly documents?: 'read' | 'readWrite';
  /** Sends e-mail through SES. */
  readonly sendMail?: boolean;
  /** Step Functions actions on the access-request workflow. */
  readonly workflow?: readonly WorkflowAccess[];
}

export const FUNCTION_ACCESS: Readonly<Record<FunctionId, FunctionAccess>> = {
  GenerateForm: { table: 'readWrite', documents: 'readWrite' },
  RequestSignature: { table: 'readWrite', sendMail: true },
  RequestScanReview: { table: 'readWrite' },
  CreateGrants: { table: 'readWrite' },
  // A grantee who already activated answers the new wait at once.
  RequestActivation: { table: 'readWrite', sendMail: true, workflow: ['answerTask'] },
  ExpireGrant: { table: 'readWrite' },
  RecordOutcome: { table: 'readWrite' },
  BrokerApi: {
    table: 'readWrite',
    documents: 'read',
    sendMail: true,
    workflow: ['start', 'stop', 'answerTask'],
  },
  SignerApi: { table: 'readWrite', documents: 'readWrite', workflow: ['answerTask'] },
  ActivationApi: { table: 'readWrite', workflow: ['answerTask'] },
  PortalApi: { table: 'read', documents: 'read' },
};
