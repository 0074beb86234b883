/**
 * The names of the workflow's states, as docs/architecture.md draws them.
 *
 * Plain data with no CDK import: the workflow construct builds its states from these
 * names, and the local stack binds each Task state to its handler by the same names.
 */
import { CONTENDED_ERRORS } from '../functions/errors/passing-fault.js';
import { SCAN_REJECTED_ERROR } from '../functions/steps/scan-review-answer.js';
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
  readonly requestSignature: string;
  readonly countRound: string;
  readonly roundsLeft: string;
  /** The one Choice after a signature: a scan to review, the next signer, or the grants. */
  readonly signed: string;
  readonly reviewScan: string;
  readonly countScanRejection: string;
  readonly scanRejectionsLeft: string;
}

/** The state names of the signature stage for `role`, e.g. `RequestRequesterSignature`. */
export function signatureStageStates(role: SignerRole): SignatureStageStates {
  const who = pascalRole(role);
  return {
    requestSignature: `Request${who}Signature`,
    countRound: `Count${who}SignatureRound`,
    roundsLeft: `${who}SignatureRoundsLeft?`,
    signed: `${who}Signed?`,
    reviewScan: `Review${who}Scan`,
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
  /** Inside the Map, once per grant (its round counter set by the Map's ItemSelector). */
  RequestActivation: 'RequestActivation',
  CountActivationRound: 'CountActivationRound',
  ActivationRoundsLeft: 'ActivationRoundsLeft?',
  ExpireGrant: 'ExpireGrant',
  /**
   * Outcomes: each ends its path (an end state, no Succeed after it); only a failure ends in Fail.
   * A completed request is recorded and its completion certificate sealed (R8) by one Task, the
   * SealEvidence function: one transition where RecordCompleted and SealEvidence were two.
   */
  CompleteAndSeal: 'CompleteAndSeal',
  RecordDeclined: 'RecordDeclined',
  RecordExpired: 'RecordExpired',
  RecordFailure: 'RecordFailure',
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
  [WorkflowStates.CompleteAndSeal]: 'SealEvidence',
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
  /**
   * The broker rejected a scan (SendTaskFailure from the review route, R9): the signer is asked
   * again. A named error caught by the review Task, rather than a result and a Choice after it:
   * one state transition less on every reviewed scan.
   */
  ScanRejected: SCAN_REJECTED_ERROR,
  /** Writers kept racing on one request's or grant's lock: retried like a transient fault. */
  Contended: CONTENDED_ERRORS,
} as const;
