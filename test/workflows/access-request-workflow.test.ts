/**
 * The synthesized ASL of the access-request workflow, checked against docs/architecture.md:
 * state names, step payloads, ResultPaths, waits, rounds, retries and catches.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SIGNER_ROLES,
  STEP_FUNCTION_IDS,
  StepErrors,
  TASK_STATE_FUNCTIONS,
  WorkflowStates,
  signatureStageStates,
  type SignerRole,
  type StepFunctionId,
} from '../../workflows/access-request-states.js';
import {
  AccessRequestWorkflow,
  accessRequestStateMachineName,
  LAMBDA_SERVICE_ERRORS,
} from '../../workflows/access-request-workflow.js';
import { LIBRARY_TASK_TIMEOUT_SECONDS, prepareDefinition } from '../../local/stepfunctions/task-states.js';
import { MAX_GRANTEES } from '../../functions/domain/request-schema.js';
import {
  DEFAULT_WORKFLOW_TIMING,
  EXECUTION_TIMEOUT_MARGIN_SECONDS,
  executionTimeoutSeconds,
  longestPathSeconds,
  MAX_EXECUTION_SECONDS,
  MAX_WAIT_SECONDS,
  WorkflowTimingError,
  longestWaitSeconds,
  workflowTiming,
  type WorkflowTiming,
} from '../../workflows/workflow-timing.js';

interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ResultPath?: string | null;
  ResultSelector?: unknown;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[]; IntervalSeconds: number; BackoffRate: number; MaxAttempts: number }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[];
  Choices?: ({ Variable: string; Next: string } & Record<string, unknown>)[];
  Default?: string;
  Result?: unknown;
  ItemsPath?: string;
  ItemSelector?: unknown;
  ItemProcessor?: { StartAt: string; States: Record<string, AslState> };
  Error?: string;
  MaxConcurrency?: number;
}

interface Asl {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
  QueryLanguage?: string;
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const functionArn = (id: StepFunctionId): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}`;

/** A stack with the workflow alone, the step functions imported by ARN so that Resources are readable. */
function synthesizeWorkflow(timing: WorkflowTiming = DEFAULT_WORKFLOW_TIMING): { asl: Asl; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'WorkflowUnderTest', { env: { account: ACCOUNT, region: REGION } });
  const steps = Object.fromEntries(
    STEP_FUNCTION_IDS.map((id) => [
      id,
      lambda.Function.fromFunctionAttributes(stack, id, { functionArn: functionArn(id), sameEnvironment: true }),
    ]),
  ) as Record<StepFunctionId, lambda.IFunction>;
  new AccessRequestWorkflow(stack, 'Workflow', { steps, timing, stateMachineName: accessRequestStateMachineName('test') });
  const template = Template.fromStack(stack);
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as {
    Properties: { DefinitionString: unknown };
  };
  return { asl: JSON.parse(definitionText(machine.Properties.DefinitionString)) as Asl, template };
}

/** The DefinitionString as text: a Fn::Join's literal parts concatenated, Ref/GetAtt as placeholders. */
function definitionText(definition: unknown): string {
  if (typeof definition === 'string') return definition;
  const join = (definition as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = (part as { Ref?: string }).Ref;
      if (ref === 'AWS::Partition') return 'aws';
      if (ref) return `<Ref:${ref}>`;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt) return `<GetAtt:${getAtt.join('.')}>`;
      throw new Error(`unexpected part in DefinitionString: ${JSON.stringify(part)}`);
    })
    .join(join[0]);
}

/** Every state, the Map's iteration states included, by name. */
function allStates(asl: Asl): Record<string, AslState> {
  const states: Record<string, AslState> = {};
  const visit = (level: Record<string, AslState>): void => {
    for (const [name, state] of Object.entries(level)) {
      states[name] = state;
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
    }
  };
  visit(asl.States);
  return states;
}

function stateOf(asl: Asl, name: string): AslState {
  const state = allStates(asl)[name];
  if (!state) throw new Error(`no state ${name}`);
  return state;
}

/** The payload a Task sends its function: Parameters directly, or Parameters.Payload for waitForTaskToken. */
function payloadOf(state: AslState): Record<string, unknown> {
  if (state.Resource?.endsWith(':lambda:invoke.waitForTaskToken')) {
    return state.Parameters?.Payload as Record<string, unknown>;
  }
  return state.Parameters ?? {};
}

function catchFor(state: AslState, error: string): { Next: string; ResultPath?: string | null } | undefined {
  return state.Catch?.find((catcher) => catcher.ErrorEquals.includes(error));
}

const WAITING_TASKS = [
  ...SIGNER_ROLES.flatMap((role) => [signatureStageStates(role).requestSignature, signatureStageStates(role).reviewScan]),
  WorkflowStates.RequestActivation,
];

describe('access-request workflow (docs/architecture.md)', () => {
  let asl: Asl;
  let template: Template;
  let states: Record<string, AslState>;
  let tasks: [string, AslState][];

  beforeAll(() => {
    ({ asl, template } = synthesizeWorkflow());
    states = allStates(asl);
    tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
  });

  describe('states', () => {
    it('starts at GenerateForm with the request id; its result selected into the signing plan $.signing, each signer at round 1 with no rejection', () => {
      expect(asl.StartAt).toBe('GenerateForm');
      const generateForm = stateOf(asl, 'GenerateForm');
      expect(payloadOf(generateForm)).toEqual({ 'requestId.$': '$.requestId' });
      expect(generateForm.ResultSelector).toEqual({
        'legalRepresentativeMustApprove.$': '$.legalRepresentativeMustApprove',
        requester: { round: 1, rejections: 0 },
        legalRepresentative: { round: 1, rejections: 0 },
      });
      expect(generateForm.ResultPath).toBe('$.signing');
      expect(generateForm.Next).toBe('RequestRequesterSignature');
    });

    it('has every state of the architecture, named with the role in PascalCase', () => {
      const expected = [
        'GenerateForm',
        'RequestRequesterSignature',
        'CountRequesterSignatureRound',
        'RequesterSignatureRoundsLeft?',
        'RequesterSigned?',
        'ReviewRequesterScan',
        'CountRequesterScanRejection',
        'RequesterScanRejectionsLeft?',
        'LegalRepresentativeMustApprove?',
        'RequestLegalRepresentativeSignature',
        'CountLegalRepresentativeSignatureRound',
        'LegalRepresentativeSignatureRoundsLeft?',
        'LegalRepresentativeSigned?',
        'ReviewLegalRepresentativeScan',
        'CountLegalRepresentativeScanRejection',
        'LegalRepresentativeScanRejectionsLeft?',
        'CreateGrants',
        'ActivateEachGrantee',
        'RequestActivation',
        'CountActivationRound',
        'ActivationRoundsLeft?',
        'ExpireGrant',
        'CompleteAndSeal',
        'RecordDeclined',
        'RecordExpired',
        'RecordFailure',
        'Failed',
      ];
      expect(Object.keys(states).sort()).toEqual([...expected].sort());
    });

    it('every Task state invokes the catalog function TASK_STATE_FUNCTIONS names for it', () => {
      expect(tasks.map(([name]) => name).sort()).toEqual(Object.keys(TASK_STATE_FUNCTIONS).sort());
      for (const [name, state] of tasks) {
        const expectedArn = functionArn(TASK_STATE_FUNCTIONS[name]!);
        const invoked = state.Resource === expectedArn ? expectedArn : state.Parameters?.FunctionName;
        expect(invoked, name).toBe(expectedArn);
      }
    });

    it('ends at CompleteAndSeal, RecordDeclined or RecordExpired (end states: succeeded) or in Failed (failed); no Pass or Succeed state only passes through', () => {
      for (const name of ['CompleteAndSeal', 'RecordDeclined', 'RecordExpired']) {
        expect(stateOf(asl, name).End, name).toBe(true);
        expect(stateOf(asl, name).Next, name).toBeUndefined();
      }
      expect(stateOf(asl, 'RecordFailure').Next).toBe('Failed');
      expect(stateOf(asl, 'Failed').Type).toBe('Fail');
      expect(Object.values(states).filter((state) => state.Type === 'Succeed')).toEqual([]);
      // The only Pass states count a round or a rejection: none is on a path without a timeout or a rejected scan.
      expect(Object.entries(states).filter(([, state]) => state.Type === 'Pass').map(([name]) => name).sort()).toEqual(
        ['CountActivationRound', ...SIGNER_ROLES.flatMap((role) => [signatureStageStates(role).countRound, signatureStageStates(role).countScanRejection])].sort(),
      );
    });

    it('records a completed request and seals its evidence in one Task, CompleteAndSeal: the SealEvidence function with {requestId}, its result discarded (the state stays small, R8)', () => {
      expect(payloadOf(stateOf(asl, 'CompleteAndSeal'))).toEqual({ 'requestId.$': '$.requestId' });
      expect(stateOf(asl, 'CompleteAndSeal').ResultPath).toBeNull();
      expect(TASK_STATE_FUNCTIONS.CompleteAndSeal).toBe('SealEvidence');
      // One state, one transition: no RecordCompleted before it, no SealEvidence after it.
      expect(Object.keys(states)).not.toContain('RecordCompleted');
      expect(Object.keys(states)).not.toContain('SealEvidence');
      expect(catchFor(stateOf(asl, 'CompleteAndSeal'), 'States.ALL')).toEqual({ ErrorEquals: ['States.ALL'], Next: 'RecordFailure', ResultPath: '$.error' });
    });

    it('records each other outcome with RecordOutcome {requestId, outcome}, the failure with its error', () => {
      const outcomes = { RecordDeclined: 'declined', RecordExpired: 'expired' };
      for (const [name, outcome] of Object.entries(outcomes)) {
        expect(payloadOf(stateOf(asl, name)), name).toEqual({ 'requestId.$': '$.requestId', outcome });
        expect(stateOf(asl, name).ResultPath, name).toBeNull();
      }
      expect(payloadOf(stateOf(asl, 'RecordFailure'))).toEqual({
        'requestId.$': '$.requestId',
        outcome: 'failed',
        'error.$': '$.error',
      });
      expect(stateOf(asl, 'RecordFailure').ResultPath).toBeNull();
    });
  });

  describe('tasks', () => {
    it('waiting tasks use lambda:invoke.waitForTaskToken with taskToken = $$.Task.Token', () => {
      for (const name of WAITING_TASKS) {
        const state = stateOf(asl, name);
        expect(state.Resource, name).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
        expect(payloadOf(state)['taskToken.$'], name).toBe('$$.Task.Token');
      }
    });

    it('no other task waits, and those invoke the function directly (its return value is the result; only GenerateForm selects from it)', () => {
      for (const [name, state] of tasks.filter(([taskName]) => !WAITING_TASKS.includes(taskName))) {
        expect(state.Resource, name).toMatch(/^arn:aws:lambda:/);
        if (name !== 'GenerateForm') expect(state.ResultSelector, name).toBeUndefined();
        expect(JSON.stringify(state.Parameters), name).not.toContain('$$.Task.Token');
      }
    });

    it('every task has an explicit timeout the local interpreter holds; waits take theirs from the timing', () => {
      for (const [name, state] of tasks) {
        expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
        expect(state.TimeoutSeconds!, name).toBeLessThan(LIBRARY_TASK_TIMEOUT_SECONDS);
      }
      const timing = DEFAULT_WORKFLOW_TIMING;
      for (const role of SIGNER_ROLES) {
        expect(stateOf(asl, signatureStageStates(role).requestSignature).TimeoutSeconds).toBe(timing.signatureRoundSeconds);
        expect(stateOf(asl, signatureStageStates(role).reviewScan).TimeoutSeconds).toBe(timing.reviewTimeoutSeconds);
      }
      expect(stateOf(asl, 'RequestActivation').TimeoutSeconds).toBe(timing.activationRoundSeconds);
      expect(stateOf(asl, 'CreateGrants').TimeoutSeconds).toBe(300);
    });

    it('every task retries passing faults — TransientStepError, a contended lock, Lambda service errors, a crash or timeout (Lambda.Unknown) — with backoff (2 s, ×2, 3 attempts)', () => {
      expect(LAMBDA_SERVICE_ERRORS).toEqual(expect.arrayContaining(['Lambda.Unknown', 'Sandbox.Timedout']));
      for (const [name, state] of tasks) {
        expect(state.Retry, name).toEqual([
          {
            ErrorEquals: ['TransientStepError', 'RequestContended', 'GrantContended', ...LAMBDA_SERVICE_ERRORS],
            IntervalSeconds: 2,
            BackoffRate: 2,
            MaxAttempts: 3,
          },
        ]);
      }
    });

    it('every task outside the Map catches States.ALL last, to RecordFailure with the error in $.error', () => {
      const topLevelTasks = Object.entries(asl.States).filter(([, state]) => state.Type === 'Task');
      for (const [name, state] of topLevelTasks) {
        if (name === 'RecordFailure') continue;
        const last = state.Catch?.at(-1);
        expect(last, name).toEqual({ ErrorEquals: ['States.ALL'], Next: 'RecordFailure', ResultPath: '$.error' });
      }
    });

    it('RecordFailure does not catch into itself: if recording fails, the execution fails', () => {
      expect(stateOf(asl, 'RecordFailure').Catch).toBeUndefined();
    });
  });

  describe.each(SIGNER_ROLES)('signature stage of %s', (role: SignerRole) => {
    const names = signatureStageStates(role);
    const timing = DEFAULT_WORKFLOW_TIMING;

    const counters = `$.signing.${role}`;

    it('asks RequestSignature with {requestId, role, round, rounds, roundSeconds, rejections, taskToken} from its own counters and keeps $.signature', () => {
      const request = stateOf(asl, names.requestSignature);
      expect(payloadOf(request)).toEqual({
        'requestId.$': '$.requestId',
        role,
        'round.$': `${counters}.round`,
        rounds: timing.signatureRounds,
        roundSeconds: timing.signatureRoundSeconds,
        'rejections.$': `${counters}.rejections`,
        'taskToken.$': '$$.Task.Token',
      });
      expect(request.ResultPath).toBe('$.signature');
      expect(request.Next).toBe(names.signed);
    });

    it('on timeout counts the round with States.MathAdd and reminds while rounds are left, else expires', () => {
      const request = stateOf(asl, names.requestSignature);
      expect(catchFor(request, 'States.Timeout')).toEqual({
        ErrorEquals: ['States.Timeout'],
        Next: names.countRound,
        ResultPath: null,
      });
      const count = stateOf(asl, names.countRound);
      expect(count.Type).toBe('Pass');
      expect(count.Parameters).toEqual({
        'round.$': `States.MathAdd(${counters}.round, 1)`,
        'rejections.$': `${counters}.rejections`,
      });
      expect(count.ResultPath).toBe(counters);
      expect(count.Next).toBe(names.roundsLeft);
      const roundsLeft = stateOf(asl, names.roundsLeft);
      expect(roundsLeft.Choices).toEqual([
        { Variable: `${counters}.round`, NumericLessThanEquals: timing.signatureRounds, Next: names.requestSignature },
      ]);
      expect(roundsLeft.Default).toBe('RecordExpired');
    });

    it('a declined signature (SignatureDeclined) leads to RecordDeclined', () => {
      expect(catchFor(stateOf(asl, names.requestSignature), 'SignatureDeclined')).toMatchObject({
        Next: 'RecordDeclined',
        ResultPath: '$.error',
      });
    });

    it('a handwritten signature goes to the broker’s review first (R9), tried before any other way on', () => {
      const signed = stateOf(asl, names.signed);
      expect(signed.Choices?.[0]).toEqual({ Variable: '$.signature.method', StringEquals: 'handwritten', Next: names.reviewScan });
      const review = stateOf(asl, names.reviewScan);
      expect(payloadOf(review)).toEqual({ 'requestId.$': '$.requestId', role, 'taskToken.$': '$$.Task.Token' });
      expect(review.ResultPath).toBeNull();
      expect(catchFor(review, 'States.Timeout')?.Next).toBe('RecordExpired');
    });

    it('a rejected scan (the named error ScanRejected) counts a rejection (States.MathAdd), asks again while rejections are left, else declines', () => {
      const review = stateOf(asl, names.reviewScan);
      expect(StepErrors.ScanRejected).toBe('ScanRejected');
      expect(catchFor(review, 'ScanRejected')).toEqual({ ErrorEquals: ['ScanRejected'], Next: names.countScanRejection, ResultPath: null });
      expect(review.Catch?.map((catcher) => catcher.ErrorEquals[0])).toEqual(['States.Timeout', 'ScanRejected', 'States.ALL']);
      const count = stateOf(asl, names.countScanRejection);
      expect(count.Parameters).toEqual({ round: 1, 'rejections.$': `States.MathAdd(${counters}.rejections, 1)` });
      expect(count.ResultPath).toBe(counters);
      const left = stateOf(asl, names.scanRejectionsLeft);
      expect(left.Choices).toEqual([
        { Variable: `${counters}.rejections`, NumericLessThan: timing.maxScanRejections, Next: names.requestSignature },
      ]);
      expect(left.Default).toBe('RecordDeclined');
    });
  });

  describe('between and after the signature stages', () => {
    it("the requester's signature is routed by one Choice: a scan to review, else the legal representative (R6) when the plan says so, else CreateGrants", () => {
      const requester = signatureStageStates('requester');
      const signed = stateOf(asl, requester.signed);
      expect(signed.Choices?.slice(1)).toEqual([
        { Variable: '$.signing.legalRepresentativeMustApprove', BooleanEquals: true, Next: 'RequestLegalRepresentativeSignature' },
      ]);
      expect(signed.Default).toBe('CreateGrants');
    });

    it("after an approved scan of the requester, LegalRepresentativeMustApprove? asks the same plan", () => {
      expect(stateOf(asl, signatureStageStates('requester').reviewScan).Next).toBe('LegalRepresentativeMustApprove?');
      const mustApprove = stateOf(asl, 'LegalRepresentativeMustApprove?');
      expect(mustApprove.Choices).toEqual([
        { Variable: '$.signing.legalRepresentativeMustApprove', BooleanEquals: true, Next: 'RequestLegalRepresentativeSignature' },
      ]);
      expect(mustApprove.Default).toBe('CreateGrants');
    });

    it('the legal representative stage goes on to CreateGrants', () => {
      const legal = signatureStageStates('legalRepresentative');
      expect(stateOf(asl, legal.signed).Choices).toHaveLength(1);
      expect(stateOf(asl, legal.signed).Default).toBe('CreateGrants');
      expect(stateOf(asl, legal.reviewScan).Next).toBe('CreateGrants');
    });

    it('both signature stages are the same but for the role and their ways on (one builder)', () => {
      const stageOf = (role: SignerRole): string => {
        const names = signatureStageStates(role);
        const stage = Object.fromEntries(Object.values(names).map((name) => [name, structuredClone(stateOf(asl, name))]));
        // The ways on differ by design: drop them, compare the rest.
        const signed = stage[names.signed]!;
        signed.Choices = signed.Choices?.slice(0, 1);
        delete signed.Default;
        delete stage[names.reviewScan]!.Next;
        return JSON.stringify(stage)
          .replaceAll('LegalRepresentative', 'Role')
          .replaceAll('Requester', 'Role')
          .replaceAll(`"${role}"`, '"<role>"')
          .replaceAll(`$.signing.${role}`, '$.signing.<role>');
      };
      expect(stageOf('legalRepresentative')).toBe(stageOf('requester'));
    });

    it('CreateGrants sends {requestId} and keeps {grants} in $.activation', () => {
      const createGrants = stateOf(asl, 'CreateGrants');
      expect(payloadOf(createGrants)).toEqual({ 'requestId.$': '$.requestId' });
      expect(createGrants.ResultPath).toBe('$.activation');
      expect(createGrants.Next).toBe('ActivateEachGrantee');
    });
  });

  describe('ActivateEachGrantee (Map, R7)', () => {
    it('iterates $.activation.grants, each iteration starting at RequestActivation with {requestId, grantId, activating: {round: 1}}; discards its result, catches to RecordFailure', () => {
      const map = stateOf(asl, 'ActivateEachGrantee');
      expect(map.Type).toBe('Map');
      expect(map.ItemsPath).toBe('$.activation.grants');
      expect(map.ItemSelector).toEqual({
        'requestId.$': '$$.Map.Item.Value.requestId',
        'grantId.$': '$$.Map.Item.Value.grantId',
        activating: { round: 1 },
      });
      expect(map.Parameters).toBeUndefined();
      expect(map.ResultPath).toBeNull();
      expect(map.Next).toBe('CompleteAndSeal');
      expect(map.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'RecordFailure', ResultPath: '$.error' }]);
      expect(map.ItemProcessor?.StartAt).toBe('RequestActivation');
    });

    it('asks every grantee at once: as many iterations at a time as a request may name grantees (MAX_GRANTEES)', () => {
      expect(MAX_GRANTEES).toBe(40);
      expect(stateOf(asl, 'ActivateEachGrantee').MaxConcurrency).toBe(MAX_GRANTEES);
    });

    it('asks RequestActivation with {requestId, grantId, round, rounds, roundSeconds, taskToken} and keeps $.activated', () => {
      const request = stateOf(asl, 'RequestActivation');
      expect(payloadOf(request)).toEqual({
        'requestId.$': '$.requestId',
        'grantId.$': '$.grantId',
        'round.$': '$.activating.round',
        rounds: DEFAULT_WORKFLOW_TIMING.activationRounds,
        roundSeconds: DEFAULT_WORKFLOW_TIMING.activationRoundSeconds,
        'taskToken.$': '$$.Task.Token',
      });
      expect(request.ResultPath).toBeNull();
      expect(request.End).toBe(true);
    });

    it('reminds each round (States.MathAdd) and expires the grant after the last', () => {
      expect(catchFor(stateOf(asl, 'RequestActivation'), 'States.Timeout')?.Next).toBe('CountActivationRound');
      expect(stateOf(asl, 'CountActivationRound').Parameters).toEqual({
        'round.$': 'States.MathAdd($.activating.round, 1)',
      });
      const left = stateOf(asl, 'ActivationRoundsLeft?');
      expect(left.Choices).toEqual([
        {
          Variable: '$.activating.round',
          NumericLessThanEquals: DEFAULT_WORKFLOW_TIMING.activationRounds,
          Next: 'RequestActivation',
        },
      ]);
      expect(left.Default).toBe('ExpireGrant');
      const expire = stateOf(asl, 'ExpireGrant');
      expect(payloadOf(expire)).toEqual({ 'requestId.$': '$.requestId', 'grantId.$': '$.grantId' });
      expect(expire.ResultPath).toBeNull();
      expect(expire.End).toBe(true);
    });
  });

  describe('runs in the local interpreter too (plain JSONPath ASL)', () => {
    it('uses no JSONata, no variables, no $$.State and no ResultPath "$"', () => {
      const text = JSON.stringify(asl);
      expect(asl.QueryLanguage).toBeUndefined();
      expect(text).not.toContain('JSONata');
      expect(text).not.toContain('"Assign"');
      expect(text).not.toContain('"Arguments"');
      expect(text).not.toContain('$$.State');
      for (const [name, state] of Object.entries(states)) {
        expect(state.ResultPath, name).not.toBe('$');
        for (const catcher of state.Catch ?? []) expect(catcher.ResultPath, name).not.toBe('$');
      }
    });
  });

  describe('state machine', () => {
    it('times an execution out a day after the longest path of waits (239 days), within a Standard execution\'s year', () => {
      expect(asl.TimeoutSeconds).toBe(executionTimeoutSeconds(DEFAULT_WORKFLOW_TIMING));
      expect(asl.TimeoutSeconds).toBe(longestPathSeconds(DEFAULT_WORKFLOW_TIMING) + EXECUTION_TIMEOUT_MARGIN_SECONDS);
      expect(asl.TimeoutSeconds).toBe(239 * 86_400);
      expect(asl.TimeoutSeconds).toBeLessThanOrEqual(MAX_EXECUTION_SECONDS);
    });

    it('is a Standard state machine named after its stage, with X-Ray tracing and logging of errors (the history keeps every step)', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: 'portal-access-test-requests',
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false },
      });
      template.resourceCountIs('AWS::Logs::LogGroup', 1);
    });
  });
});

describe('workflow timing', () => {
  it('gives signers, the broker and grantees 14 days each by default, signers and grantees with two reminders', () => {
    const timing = DEFAULT_WORKFLOW_TIMING;
    expect(timing.signatureRoundSeconds * timing.signatureRounds).toBe(14 * 86_400);
    expect(timing.activationRoundSeconds * timing.activationRounds).toBe(14 * 86_400);
    expect(timing.reviewTimeoutSeconds).toBe(14 * 86_400);
    expect([timing.signatureRounds - 1, timing.activationRounds - 1]).toEqual([2, 2]);
  });

  it.each([
    ['the signature rounds', { signatureRoundSeconds: 6 * 86_400, signatureRounds: 3 }, 18 * 86_400],
    ['the activation rounds', { activationRoundSeconds: 5 * 86_400, activationRounds: 4 }, 20 * 86_400],
    ['the review', { reviewTimeoutSeconds: 20 * 86_400 }, 20 * 86_400],
  ] as const)('makes a link live as long as the longest wait, here %s', (_longest, overrides, seconds) => {
    expect(longestWaitSeconds(workflowTiming(overrides))).toBe(seconds);
  });

  it('refuses a wait longer than the local interpreter holds, or a count below 1', () => {
    expect(() => workflowTiming({ reviewTimeoutSeconds: MAX_WAIT_SECONDS + 1 })).toThrow(WorkflowTimingError);
    expect(() => workflowTiming({ signatureRoundSeconds: 0 })).toThrow(WorkflowTimingError);
    expect(() => workflowTiming({ activationRounds: 0 })).toThrow(WorkflowTimingError);
    expect(workflowTiming({ reviewTimeoutSeconds: MAX_WAIT_SECONDS }).reviewTimeoutSeconds).toBe(MAX_WAIT_SECONDS);
  });

  it('builds a definition the local runtime takes at the longest wait allowed, and refuses one longer', () => {
    const { asl: longest } = synthesizeWorkflow(workflowTiming({ reviewTimeoutSeconds: MAX_WAIT_SECONDS }));
    expect(() => prepareDefinition(longest as unknown as Record<string, unknown>)).not.toThrow();
    const tooLong = structuredClone(longest) as { States: Record<string, { TimeoutSeconds?: number; Type: string }> };
    const review = Object.values(tooLong.States).find((state) => state.TimeoutSeconds === MAX_WAIT_SECONDS)!;
    review.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
    expect(() => prepareDefinition(tooLong as unknown as Record<string, unknown>)).toThrow(/longest wait the local interpreter/);
  });

  it('refuses timings whose longest path outlives a Standard execution (one year on AWS)', () => {
    const withinAYear = workflowTiming({ signatureRoundSeconds: MAX_WAIT_SECONDS, signatureRounds: 3, maxScanRejections: 1 });
    expect(longestPathSeconds(withinAYear)).toBeLessThanOrEqual(MAX_EXECUTION_SECONDS);
    expect(() => workflowTiming({ signatureRoundSeconds: MAX_WAIT_SECONDS, signatureRounds: 3, maxScanRejections: 3 })).toThrow(/lasts at most 365 days/);
    // Each signer: 4 scans × (3 rounds × 4 d 16 h + 14 d review) = 112 days; two signers and 14 days of activation: 238 days.
    expect(longestPathSeconds(DEFAULT_WORKFLOW_TIMING) / 86_400).toBe(238);
  });

  it("refuses timings whose longest path fits a year but not with the execution timeout's margin", () => {
    // 2 signers × 2 scans × (3 rounds × 2,000,000 s + review) + 3 × 4 d 16 h of activation, the review
    // chosen so the path is a year less half the margin.
    const activation = 3 * 403_200;
    const review = (MAX_EXECUTION_SECONDS - EXECUTION_TIMEOUT_MARGIN_SECONDS / 2 - activation) / 4 - 3 * MAX_WAIT_SECONDS;
    const overrides = { signatureRoundSeconds: MAX_WAIT_SECONDS, reviewTimeoutSeconds: review, maxScanRejections: 1 };
    expect(longestPathSeconds({ ...DEFAULT_WORKFLOW_TIMING, ...overrides })).toBe(MAX_EXECUTION_SECONDS - EXECUTION_TIMEOUT_MARGIN_SECONDS / 2);
    expect(() => workflowTiming(overrides)).toThrow(/lasts at most 365 days/);
  });

  it.each([
    ['a wait of part of a second', { reviewTimeoutSeconds: 1.5 }],
    ['part of a round', { signatureRounds: 2.5 }],
    ['no scan rejection allowed', { maxScanRejections: 0 }],
  ] as const)('refuses %s', (_why, overrides) => {
    expect(() => workflowTiming(overrides)).toThrow(WorkflowTimingError);
  });

  it('builds other timings into the waits and the round choices', () => {
    const timing = workflowTiming({ signatureRoundSeconds: 60, signatureRounds: 5, activationRoundSeconds: 90, activationRounds: 2, maxScanRejections: 1 });
    const { asl } = synthesizeWorkflow(timing);
    const requester = signatureStageStates('requester');
    expect(stateOf(asl, requester.requestSignature).TimeoutSeconds).toBe(60);
    expect(payloadOf(stateOf(asl, requester.requestSignature)).rounds).toBe(5);
    expect(stateOf(asl, requester.roundsLeft).Choices?.[0]).toMatchObject({ NumericLessThanEquals: 5 });
    expect(stateOf(asl, requester.scanRejectionsLeft).Choices?.[0]).toMatchObject({ NumericLessThan: 1 });
    expect(stateOf(asl, 'RequestActivation').TimeoutSeconds).toBe(90);
    expect(stateOf(asl, 'ActivationRoundsLeft?').Choices?.[0]).toMatchObject({ NumericLessThanEquals: 2 });
  });
});
