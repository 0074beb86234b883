/**
 * The access-request workflow: one Standard state machine, drawn in docs/architecture.md
 * ("One request's life"), from the generated form through the signatures and the broker's
 * review of a scan (R9) to one activation per grantee (R7).
 *
 * Written in plain JSONPath ASL (no JSONata, no variables, no `$$.State`, no
 * `ResultPath: "$"`) so the same definition runs on AWS and in the local stack's
 * interpreter; every wait is below 2^31 ms (see workflow-timing.ts).
 */
import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  SIGNER_ROLES,
  StepErrors,
  WorkflowStates,
  signatureStageStates,
  type SignerRole,
  type StepFunctionId,
} from './access-request-states.js';
import { MAX_GRANTEES } from '../functions/domain/request-schema.js';
import { acknowledgeNagRule } from '../infra/constructs/nag-acknowledgement.js';
import { DEFAULT_WORKFLOW_TIMING, executionTimeoutSeconds, workflowTiming, type WorkflowTiming } from './workflow-timing.js';

/**
 * The state machine's name in a stage: fixed by the stage, so the functions that start and
 * resume it build its ARN from it (a reference to the state machine would be a cycle).
 */
export function accessRequestStateMachineName(stage: string): string {
  return `portal-access-${stage}-requests`;
}

/** How long a Task that does not wait for a person may run, retries excepted. */
export const STEP_TASK_TIMEOUT = Duration.minutes(5);

/**
 * Errors of the Lambda service itself (not of the handler), retried like TransientStepError;
 * and an invocation that died without answering — a crash, out of memory, the function's own
 * timeout — which Step Functions reports as `Lambda.Unknown` (`Sandbox.Timedout` for a timeout
 * in some integrations). Every step is idempotent, so running one again after it died midway,
 * even after its writes, is safe (docs/architecture.md, "Faults").
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
 */
export const LAMBDA_SERVICE_ERRORS: readonly string[] = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
];

export interface AccessRequestWorkflowProps {
  /** The Lambda function of each step (see `STEP_FUNCTION_IDS`). */
  readonly steps: Readonly<Record<StepFunctionId, lambda.IFunction>>;
  /** @default DEFAULT_WORKFLOW_TIMING */
  readonly timing?: WorkflowTiming;
  /** The state machine's name, `accessRequestStateMachineName(stage)`. */
  readonly stateMachineName: string;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * Where a signature stage goes on: its one Choice after a signature tries `branches` in order
 * (after the scan check), then `otherwise`; an approved scan goes to `afterReview`.
 */
interface StageExits {
  readonly branches: readonly { readonly condition: sfn.Condition; readonly next: sfn.IChainable }[];
  readonly otherwise: sfn.IChainable;
  readonly afterReview: sfn.IChainable;
}

/** Where the signing plan lives in the execution's state (GenerateForm's selected result). */
export const SIGNING_PLAN_PATH = { legalRepresentativeMustApprove: '$.signing.legalRepresentativeMustApprove' } as const;

/** A signer's counters `{round, rejections}` in the execution's state. */
export function signingCountersPath(role: SignerRole): string {
  return `$.signing.${role}`;
}

/** The states every path may end in. */
interface Outcomes {
  readonly recordDeclined: sfn.IChainable;
  readonly recordExpired: sfn.IChainable;
  readonly recordFailure: sfn.IChainable;
}

/** The Standard state machine that moves one access request from form to activation. */
export class AccessRequestWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  readonly timing: WorkflowTiming;

  constructor(scope: Construct, id: string, props: AccessRequestWorkflowProps) {
    super(scope, id);
    this.timing = workflowTiming(props.timing ?? DEFAULT_WORKFLOW_TIMING);
    const { steps, stateMachineName } = props;

    // Outcomes first: every other state leads to one of them. Declined and Expired are
    // outcomes of the trade, not faults: only Failed fails the execution (and raises the
    // ExecutionsFailed alarm). RecordFailure has no Catch: if even recording fails, the
    // execution fails, which is what Failed would say anyway. Every other outcome's Task ends
    // its path (an end state, not a Succeed after it: one transition less, same SUCCEEDED).
    const recordFailure = this.recordOutcome(steps.RecordOutcome, WorkflowStates.RecordFailure, 'failed', {
      'error.$': '$.error',
    }).next(
      new sfn.Fail(this, WorkflowStates.Failed, {
        error: 'AccessRequestFailed',
        cause: 'A step failed; RecordFailure recorded its error on the request.',
      }),
    );
    const outcomes: Outcomes = {
      recordFailure,
      recordDeclined: this.catchFailures(this.recordOutcome(steps.RecordOutcome, WorkflowStates.RecordDeclined, 'declined'), recordFailure),
      recordExpired: this.catchFailures(this.recordOutcome(steps.RecordOutcome, WorkflowStates.RecordExpired, 'expired'), recordFailure),
    };
    // A completed request is recorded, then its certificate sealed, by one Task (one transition,
    // not two): the SealEvidence function records the completion as RecordOutcome does, then
    // seals. A passing fault (DynamoDB, KMS, S3) is retried by the Task, which runs both halves
    // again (each is idempotent); anything else ends in RecordFailure: a failure to record marks
    // the request FAILED, a failure to seal keeps it COMPLETED; either way the execution fails,
    // so the ExecutionsFailed alarm says a certificate is missing.
    const completeAndSeal = this.catchFailures(
      this.invoke(WorkflowStates.CompleteAndSeal, steps.SealEvidence, { 'requestId.$': '$.requestId' }, sfn.JsonPath.DISCARD),
      recordFailure,
    );

    const activateEachGrantee = this.activationMap(steps, recordFailure).next(completeAndSeal);

    const createGrants = this.catchFailures(
      this.invoke(WorkflowStates.CreateGrants, steps.CreateGrants, { 'requestId.$': '$.requestId' }, '$.activation'),
      recordFailure,
    ).next(activateEachGrantee);

    // R6: a company's legal representative signs after the requester, when the form says so.
    const legalRepresentativeMustApprove = sfn.Condition.booleanEquals(SIGNING_PLAN_PATH.legalRepresentativeMustApprove, true);
    const legalRepresentativeStage = this.signatureStage('legalRepresentative', steps, outcomes, {
      branches: [],
      otherwise: createGrants,
      afterReview: createGrants,
    });
    const requesterStage = this.signatureStage('requester', steps, outcomes, {
      branches: [{ condition: legalRepresentativeMustApprove, next: legalRepresentativeStage }],
      otherwise: createGrants,
      // Only after a reviewed scan is the plan asked on its own; a signature that needs no review
      // is routed by the stage's one Choice (`RequesterSigned?`).
      afterReview: new sfn.Choice(this, WorkflowStates.LegalRepresentativeMustApprove)
        .when(legalRepresentativeMustApprove, legalRepresentativeStage)
        .otherwise(createGrants),
    });

    // The form's result becomes the signing plan: whether the representative signs (R6), and
    // each signer's round and scan-rejection counters, set here rather than by a Pass state at
    // each stage's start (one transition less per stage).
    const generateForm = this.catchFailures(
      this.invoke(WorkflowStates.GenerateForm, steps.GenerateForm, { 'requestId.$': '$.requestId' }, '$.signing', {
        'legalRepresentativeMustApprove.$': '$.legalRepresentativeMustApprove',
        ...Object.fromEntries(SIGNER_ROLES.map((role) => [role, { round: 1, rejections: 0 }])),
      }),
      recordFailure,
    ).next(requesterStage);

    // The log group outlives the stack (retained), so its name ends with the id of the stack's
    // creation: after `cdk destroy`, a new deployment makes a new group instead of colliding.
    const stackCreationId = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's resource policy small (AWS's advice for Step Functions).
      logGroupName: `/aws/vendedlogs/states/${stateMachineName}-${stackCreationId}`,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(generateForm),
      comment: 'A signed, written portal-access request: form, signatures, review, activation (docs/architecture.md).',
      // Every path ends by its own waits first; an execution still running after them is stuck,
      // and its time-out raises the ExecutionsTimedOut alarm.
      timeout: Duration.seconds(executionTimeoutSeconds(this.timing)),
      tracingEnabled: true,
      logs: {
        destination: this.logGroup,
        // Failures only: the execution history (kept 90 days by Step Functions) already holds every
        // step; logging ALL wrote about 65 events per request to CloudWatch Logs, paid per byte.
        level: sfn.LogLevel.ERROR,
        // Payloads carry names and e-mail addresses of signers; the history already shows them to those allowed.
        includeExecutionData: false,
      },
    });
    acknowledgeNagRule(
      this.stateMachine.node.defaultChild as sfn.CfnStateMachine,
      'AwsSolutions-SF1',
      'Errors only: the execution history keeps every step for 90 days (GetExecutionHistory); ALL added about 65 paid log events per request (docs/capacity.md)',
    );
  }

  /**
   * One signature stage (R3, R6): ask the signer, remind him each round, let the broker
   * review a scan (R9). Both stages come from here, so they cannot differ by accident.
   * The stage's counters live in `$.signing.<role>` (set by GenerateForm's ResultSelector).
   */
  private signatureStage(role: SignerRole, steps: AccessRequestWorkflowProps['steps'], outcomes: Outcomes, exits: StageExits): sfn.IChainable {
    const names = signatureStageStates(role);
    const counters = signingCountersPath(role);
    const { signatureRounds, signatureRoundSeconds, reviewTimeoutSeconds, maxScanRejections } = this.timing;

    const requestSignature = this.waitFor(
      names.requestSignature,
      steps.RequestSignature,
      {
        'requestId.$': '$.requestId',
        role,
        'round.$': `${counters}.round`,
        rounds: signatureRounds,
        roundSeconds: signatureRoundSeconds,
        'rejections.$': `${counters}.rejections`,
      },
      '$.signature',
      signatureRoundSeconds,
    );
    const countRound = new sfn.Pass(this, names.countRound, {
      parameters: {
        'round.$': `States.MathAdd(${counters}.round, 1)`,
        'rejections.$': `${counters}.rejections`,
      },
      resultPath: counters,
    });
    const roundsLeft = new sfn.Choice(this, names.roundsLeft)
      .when(sfn.Condition.numberLessThanEquals(`${counters}.round`, signatureRounds), requestSignature)
      .otherwise(outcomes.recordExpired);

    // The broker's approval is the task's answer; a rejection is the named error ScanRejected.
    const reviewScan = this.waitFor(names.reviewScan, steps.RequestScanReview, { 'requestId.$': '$.requestId', role }, sfn.JsonPath.DISCARD, reviewTimeoutSeconds);
    // A rejected scan starts a fresh signature request: the signer gets all his rounds again.
    const countScanRejection = new sfn.Pass(this, names.countScanRejection, {
      parameters: {
        round: 1,
        'rejections.$': `States.MathAdd(${counters}.rejections, 1)`,
      },
      resultPath: counters,
    });
    const scanRejectionsLeft = new sfn.Choice(this, names.scanRejectionsLeft)
      .when(sfn.Condition.numberLessThan(`${counters}.rejections`, maxScanRejections), requestSignature)
      .otherwise(outcomes.recordDeclined);
    // One Choice after the signature: a scan goes to the broker first; otherwise the stage's exits.
    const signed = new sfn.Choice(this, names.signed).when(sfn.Condition.stringEquals('$.signature.method', 'handwritten'), reviewScan);
    for (const branch of exits.branches) signed.when(branch.condition, branch.next);
    signed.otherwise(exits.otherwise);

    requestSignature
      .addCatch(countRound.next(roundsLeft), { errors: [sfn.Errors.TIMEOUT], resultPath: sfn.JsonPath.DISCARD })
      .addCatch(outcomes.recordDeclined, { errors: [StepErrors.SignatureDeclined], resultPath: '$.error' });
    this.catchFailures(requestSignature, outcomes.recordFailure).next(signed);
    // A broker who does not review within the timeout lets the request expire.
    reviewScan
      .addCatch(outcomes.recordExpired, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.error' })
      .addCatch(countScanRejection.next(scanRejectionsLeft), { errors: [StepErrors.ScanRejected], resultPath: sfn.JsonPath.DISCARD });
    this.catchFailures(reviewScan, outcomes.recordFailure).next(exits.afterReview);

    return requestSignature;
  }

  /**
   * One iteration per grant (R7): e-mail the grantee, remind him each round, expire the
   * grant he never activates. The Map's ItemSelector gives each iteration
   * `{requestId, grantId, activating: {round: 1}}` from its item `{requestId, grantId}`;
   * the iteration ends at RequestActivation (activated) or ExpireGrant, with no Succeed after.
   */
  private activationMap(steps: AccessRequestWorkflowProps['steps'], recordFailure: sfn.IChainable): sfn.Map {
    const { activationRounds, activationRoundSeconds } = this.timing;
    const requestActivation = this.waitFor(
      WorkflowStates.RequestActivation,
      steps.RequestActivation,
      {
        'requestId.$': '$.requestId',
        'grantId.$': '$.grantId',
        'round.$': '$.activating.round',
        rounds: activationRounds,
        roundSeconds: activationRoundSeconds,
      },
      sfn.JsonPath.DISCARD,
      activationRoundSeconds,
    );
    const countRound = new sfn.Pass(this, WorkflowStates.CountActivationRound, {
      parameters: { 'round.$': 'States.MathAdd($.activating.round, 1)' },
      resultPath: '$.activating',
    });
    const expireGrant = this.invoke(
      WorkflowStates.ExpireGrant,
      steps.ExpireGrant,
      { 'requestId.$': '$.requestId', 'grantId.$': '$.grantId' },
      sfn.JsonPath.DISCARD,
    );
    const roundsLeft = new sfn.Choice(this, WorkflowStates.ActivationRoundsLeft)
      .when(sfn.Condition.numberLessThanEquals('$.activating.round', activationRounds), requestActivation)
      .otherwise(expireGrant);
    // Inside the Map a Catch cannot leave the iteration: any other error fails the Map,
    // whose own Catch leads to RecordFailure.
    requestActivation.addCatch(countRound.next(roundsLeft), { errors: [sfn.Errors.TIMEOUT], resultPath: sfn.JsonPath.DISCARD });

    // Every grantee is asked at once: a request names at most MAX_GRANTEES, and a lower limit
    // would hold the later grantees' e-mails until earlier ones activate or expire (14 days).
    const map = new sfn.Map(this, WorkflowStates.ActivateEachGrantee, {
      itemsPath: '$.activation.grants',
      itemSelector: {
        'requestId.$': '$$.Map.Item.Value.requestId',
        'grantId.$': '$$.Map.Item.Value.grantId',
        activating: { round: 1 },
      },
      resultPath: sfn.JsonPath.DISCARD,
      maxConcurrency: MAX_GRANTEES,
    });
    map.itemProcessor(requestActivation);
    map.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    return map;
  }

  /** A Task that records how the request ended; its result is discarded. */
  private recordOutcome(
    fn: lambda.IFunction,
    stateName: string,
    outcome: 'declined' | 'expired' | 'failed',
    extra: Record<string, unknown> = {},
  ): tasks.LambdaInvoke {
    return this.invoke(stateName, fn, { 'requestId.$': '$.requestId', outcome, ...extra }, sfn.JsonPath.DISCARD);
  }

  /** A Task that invokes its function and takes the handler's return value as its result. */
  private invoke(
    stateName: string,
    fn: lambda.IFunction,
    payload: Record<string, unknown>,
    resultPath: string,
    resultSelector?: Record<string, unknown>,
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, stateName, {
      lambdaFunction: fn,
      payload: sfn.TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath,
      ...(resultSelector ? { resultSelector } : {}),
      taskTimeout: sfn.Timeout.duration(STEP_TASK_TIMEOUT),
    });
    return this.retryTransient(task);
  }

  /**
   * A Task that parks until SendTaskSuccess/Failure (the function stores the token) or
   * until `timeoutSeconds` pass (States.Timeout).
   */
  private waitFor(
    stateName: string,
    fn: lambda.IFunction,
    payload: Record<string, unknown>,
    resultPath: string,
    timeoutSeconds: number,
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, stateName, {
      lambdaFunction: fn,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({ ...payload, taskToken: sfn.JsonPath.taskToken }),
      retryOnServiceExceptions: false,
      resultPath,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(timeoutSeconds)),
    });
    return this.retryTransient(task);
  }

  private retryTransient(task: tasks.LambdaInvoke): tasks.LambdaInvoke {
    task.addRetry({
      errors: [StepErrors.Transient, ...StepErrors.Contended, ...LAMBDA_SERVICE_ERRORS],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
    });
    return task;
  }

  /** The last Catch of a Task: anything else records the failure (with the error in `$.error`). */
  private catchFailures(task: tasks.LambdaInvoke, recordFailure: sfn.IChainable): tasks.LambdaInvoke {
    task.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    return task;
  }
}
