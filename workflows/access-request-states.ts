/**
 * The names of the workflow's states, as docs/architecture.md draws them.
 *
 * Plain data with no CDK import: the workflow construct builds its states from these
 * names, and the local stack binds each Task state to its handler by the same names.
 */
import { CONTENDED_ERRORS } from '../functions/errors/passing-fault.js';
import { FUNCTIONS, type FunctionId, type FunctionIdOfKind } from '../catalog/function-catalog.js';

/** Who signs in a signature stage; also the `role` in the RequestSignature payload. */
export type SignerRole = 'requester' | 'legalRepresentative';

/** The signature stages in the order the workflow runs them. */
export const SIGNER_ROLES: readonly SignerRole[] = ['requester', 'legalRepresentative'];

/** A catalog function that runs as a Task of the workflow (`kind: 'step'`). */
export type StepFunctionId = FunctionIdOfKind<'step'>;

/** The step functions of the catalog, in catalog order. */
export const STEP_FUNCTION_IDS: readonly StepFunctionId[] = (Object.keys(FUNCTIONS) as FunctionId[]).filter(
  (id): id is StepFunctionId => FUNCTIONS[id].kind === 'step',
);

/** `requester` → `Requester`, `legalRepresentative` → `LegalRepresentative`. */
export function pascalRole(role: SignerRole): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** The states of one signature stage; every name carries the role. */
export interface SignatureStageStates {
  readonly start: string;
  readonly requestSignature: string;
  readonly countRound: string;
  readonly roundsLeft: string;
  readonly signedByScan: string;
  readonly reviewScan: string;
  readonly scanApproved: string;
  readonly countScanRejection: string;
  readonly scanRejectionsLeft: string;
}

/** The state names of the signature stage for `role`, e.g. `RequestRequesterSignature`. */
export function signatureStageStates(role: SignerRole): SignatureStageStates {
  const who = pascalRole(role);
  return {
    start: `Start${who}Signature`,
    requestSignature: `Request${who}Signature`,
    countRound: `Count${who}SignatureRound`,
    roundsLeft: `${who}SignatureRoundsLeft?`,
    signedByScan: `${who}SignedByScan?`,
    reviewScan: `Review${who}Scan`,
    scanApproved: `${who}ScanApproved?`,
    countScanRejection: `Count${who}ScanRejection`,
    scanRejectionsLeft: `${who}ScanRejectionsLeft?`,
  };
}

/** The states outside the signature stages. */
export const WorkflowStates = {
  GenerateForm: 'GenerateForm',
  LegalRepresentativeMustApprove: 'LegalRepresentativeMustApprove?',
  CreateGrants: 'CreateGrants',
  ActivateEachGrantee: 'ActivateEachGrantee',
  /** Inside the Map, once per grant. */
  StartActivation: 'StartActivation',
  RequestActivation: 'RequestActivation',
  CountActivationRound: 'CountActivationRound',
  ActivationRoundsLeft: 'ActivationRoundsLeft?',
  ExpireGrant: 'ExpireGrant',
  GranteeActivated: 'GranteeActivated',
  GrantExpired: 'GrantExpired',
  /** Outcomes: each Record* Task, then its end state. */
  RecordCompleted: 'RecordCompleted',
  /** After RecordCompleted: the completion certificate, sealed and recorded (R8). */
  SealEvidence: 'SealEvidence',
  RecordDeclined: 'RecordDeclined',
  RecordExpired: 'RecordExpired',
  RecordFailure: 'RecordFailure',
  Completed: 'Completed',
  Declined: 'Declined',
  Expired: 'Expired',
  Failed: 'Failed',
} as const;

/**
 * Which catalog function each Task state invokes (the Map's Tasks included). The local stack
 * binds handlers by these state names.
 */
export const TASK_STATE_FUNCTIONS: Readonly<Record<string, StepFunctionId>> = {
  [WorkflowStates.GenerateForm]: 'GenerateForm',
  ...Object.fromEntries(
    SIGNER_ROLES.flatMap((role) => [
      [signatureStageStates(role).requestSignature, 'RequestSignature'],
      [signatureStageStates(role).reviewScan, 'RequestScanReview'],
    ]),
  ),
  [WorkflowStates.CreateGrants]: 'CreateGrants',
  [WorkflowStates.RequestActivation]: 'RequestActivation',
  [WorkflowStates.ExpireGrant]: 'ExpireGrant',
  [WorkflowStates.RecordCompleted]: 'RecordOutcome',
  [WorkflowStates.SealEvidence]: 'SealEvidence',
  [WorkflowStates.RecordDeclined]: 'RecordOutcome',
  [WorkflowStates.RecordExpired]: 'RecordOutcome',
  [WorkflowStates.RecordFailure]: 'RecordOutcome',
};

/** Errors a step throws (by `name`) that the workflow handles. */
export const StepErrors = {
  /** A passing fault (throttling, a network hiccup): the Task is retried with backoff. */
  Transient: 'TransientStepError',
  /** The signer declined (SendTaskFailure from the signer API): the request is declined. */
  SignatureDeclined: 'SignatureDeclined',
  /** Writers kept racing on one request's or grant's lock: retried like a transient fault. */
  Contended: CONTENDED_ERRORS,
} as const;
