import {
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  DescribeExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_ROUND_DAYS, synthesizeSampleWorkflow } from './sample-workflow.js';
import { startHarness, type RuntimeHarness } from './runtime-harness.js';
import { TASK_TOKEN_LENGTH, wellFormedTaskToken } from '../../../local/stepfunctions/task-tokens.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('local Step Functions runtime, through @aws-sdk/client-sfn', () => {
  let template: object;
  let harness: RuntimeHarness;

  beforeAll(() => {
    template = synthesizeSampleWorkflow();
  }, 120_000);

  afterEach(async () => {
    await harness?.close();
  });

  async function succeed(taskToken: string, output: unknown): Promise<void> {
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    await harness.runtime.settle();
  }

  it('runs direct and waitForTaskToken tasks to SUCCEEDED, with a fresh token per invocation', async () => {
    harness = await startHarness({ template });
    const executionArn = await harness.start('req-1', ['ann@example.com', 'bob@example.com']);

    expect(harness.handlers.callsOf('GenerateForm')).toEqual([{ requestId: 'req-1' }]);
    const [signatureToken] = harness.handlers.tokensOf('RequestSignature');
    expect(signatureToken).toMatch(/^lst-[A-Za-z0-9_-]+$/);
    expect(signatureToken).toHaveLength(TASK_TOKEN_LENGTH);
    expect(harness.handlers.callsOf('RequestSignature')[0]).toMatchObject({ requestId: 'req-1', round: 1, rounds: 3 });
    expect((await harness.describe(executionArn)).status).toBe('RUNNING');

    await succeed(signatureToken ?? '', { method: 'eid', documentKey: 'signed/req-1.pdf', sha256: 'abc' });
    expect(harness.handlers.callsOf('Notify')).toEqual([{ requestId: 'req-1', method: 'eid' }]);
    const activationCalls = harness.handlers.callsOf('RequestActivation');
    expect(activationCalls.map((call) => call.grantee).sort()).toEqual(['ann@example.com', 'bob@example.com']);
    const activationTokens = harness.handlers.tokensOf('RequestActivation');
    expect(new Set([signatureToken, ...activationTokens]).size).toBe(3);

    for (const [index, call] of activationCalls.entries()) {
      await succeed(String(call.taskToken), { activatedAt: `2025-01-0${index + 2}` });
    }
    const described = await harness.describe(executionArn);
    expect(described.status).toBe('SUCCEEDED');
    const output = JSON.parse(described.output ?? '{}');
    expect(output).toMatchObject({
      requestId: 'req-1',
      form: { formSha256: 'sha-of-req-1' },
      signature: { method: 'eid', documentKey: 'signed/req-1.pdf', sha256: 'abc' },
      notified: { sent: true },
    });
    const activatedByGrantee = Object.fromEntries(activationCalls.map((call, index) => [call.grantee, output.activations[index]]));
    expect(Object.keys(activatedByGrantee).sort()).toEqual(['ann@example.com', 'bob@example.com']);
    expect(harness.handlers.callsOf('RecordOutcome')).toEqual([{ requestId: 'req-1', outcome: 'completed' }]);
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate).toBeInstanceOf(Date);
  });

  it('routes a SendTaskFailure to the Catch on its error name', async () => {
    harness = await startHarness({ template });
    const executionArn = await harness.start('req-declined');
    const [token] = harness.handlers.tokensOf('RequestSignature');

    await harness.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'SignatureDeclined', cause: 'signer said no' }));
    const described = await harness.describe(executionArn);

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '{}').declined).toEqual({ Error: 'SignatureDeclined', Cause: 'signer said no' });
    expect(harness.handlers.callsOf('RecordOutcome')).toEqual([{ requestId: 'req-declined', outcome: 'declined' }]);
  });

  it('times a signature round out on the manual clock and loops through MathAdd rounds to expiry', async () => {
    harness = await startHarness({ template });
    const executionArn = await harness.start('req-expiring');
    const roundMs = SIGNATURE_ROUND_DAYS * DAY_MS;

    await harness.clock.advance(roundMs - 1);
    await harness.runtime.settle();
    expect(harness.handlers.callsOf('RequestSignature')).toHaveLength(1);

    await harness.clock.advance(1);
    await harness.runtime.settle();
    expect(harness.handlers.callsOf('RequestSignature').map((call) => call.round)).toEqual([1, 2]);
    const firstToken = harness.handlers.tokensOf('RequestSignature')[0] ?? '';
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: firstToken, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);

    await harness.clock.advance(roundMs);
    await harness.clock.advance(roundMs);
    const described = await harness.describe(executionArn);
    expect(harness.handlers.callsOf('RequestSignature').map((call) => call.round)).toEqual([1, 2, 3]);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '{}').timeout).toEqual({ Error: 'States.Timeout', Cause: 'Task RequestSignature timed out' });
    expect(harness.handlers.callsOf('RecordOutcome')).toEqual([{ requestId: 'req-expiring', outcome: 'expired' }]);
    expect(harness.clock.pendingTimerCount).toBe(0);
  });

  it('stops an execution: ABORTED, and its pending token is no longer valid', async () => {
    harness = await startHarness({ template });
    const executionArn = await harness.start('req-cancelled');
    const [token] = harness.handlers.tokensOf('RequestSignature');

    await harness.sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'broker cancelled' }));
    const described = await harness.describe(executionArn);

    expect(described).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'broker cancelled' });
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect(harness.handlers.callsOf('Notify')).toHaveLength(0);
    expect(harness.clock.pendingTimerCount).toBe(0);
  });

  it('stops an execution while a handler still runs, without resuming it afterwards', async () => {
    harness = await startHarness({ template });
    const { promise: released, resolve: release } = Promise.withResolvers<void>();
    harness.handlers.replace('Sample/Functions/GenerateForm/Resource', async () => {
      await released;
      return { formSha256: 'late' };
    });
    const { executionArn = '' } = await harness.sfn.send(
      new StartExecutionCommand({ stateMachineArn: harness.stateMachineArn, name: 'req-slow', input: '{"requestId":"req-slow","grantees":[]}' }),
    );
    await harness.clock.advance(0);

    await harness.sfn.send(new StopExecutionCommand({ executionArn }));
    release();
    const described = await harness.describe(executionArn);

    expect(described.status).toBe('ABORTED');
    expect(harness.handlers.callsOf('RequestSignature')).toHaveLength(0);
  });

  it('retries a step after an injected failure, running its handler twice', async () => {
    harness = await startHarness({ template });
    harness.runtime.failNextInvocation('GenerateForm', { name: 'TransientStepError', message: 'table busy' });

    await harness.start('req-retried');

    expect(harness.handlers.callsOf('GenerateForm')).toHaveLength(2);
    expect(harness.handlers.callsOf('RequestSignature')).toHaveLength(1);
  });

  it('fails the execution with the handler error name when no Retry or Catch matches', async () => {
    harness = await startHarness({ template });
    harness.runtime.failNextInvocation('GenerateForm', { name: 'FormTemplateMissing', message: 'no template for nl' }, 'before');

    const executionArn = await harness.start('req-failing');
    const described = await harness.describe(executionArn);

    expect(described).toMatchObject({ status: 'FAILED', error: 'FormTemplateMissing', cause: 'no template for nl' });
    expect(harness.handlers.callsOf('GenerateForm')).toHaveLength(0);
  });

  it('shows TaskScheduled with the token in GetExecutionHistory, paged and in reverse', async () => {
    harness = await startHarness({ template });
    const executionArn = await harness.start('req-history');
    const [token] = harness.handlers.tokensOf('RequestSignature');

    const { events = [] } = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const types = events.map((event) => event.type);
    expect(types.slice(0, 6)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
    ]);
    expect(events[1]?.stateEnteredEventDetails).toEqual({ name: 'GenerateForm', input: JSON.stringify({ requestId: 'req-history', grantees: ['ann@example.com'] }) });
    expect(events[5]?.stateExitedEventDetails?.name).toBe('GenerateForm');
    const scheduled = events.find((event) => event.type === 'TaskScheduled');
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', timeoutInSeconds: SIGNATURE_ROUND_DAYS * 86_400 });
    expect(JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}').Payload.taskToken).toBe(token);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]?.timestamp).toBeInstanceOf(Date);

    const firstPage = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true }));
    expect(firstPage.events?.map((event) => event.id)).toEqual([events.length, events.length - 1]);
    const secondPage = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true, nextToken: firstPage.nextToken }));
    expect(secondPage.events?.map((event) => event.id)).toEqual([events.length - 2, events.length - 3]);
  });

  it('answers StartExecution idempotently for the same name and input, and refuses another input', async () => {
    harness = await startHarness({ template });
    const first = await harness.start('req-idem');
    const again = await harness.sfn.send(
      new StartExecutionCommand({ stateMachineArn: harness.stateMachineArn, name: 'req-idem', input: JSON.stringify({ grantees: ['ann@example.com'], requestId: 'req-idem' }) }),
    );

    expect(again.executionArn).toBe(first);
    expect(harness.handlers.callsOf('GenerateForm')).toHaveLength(1);
    await expect(
      harness.sfn.send(new StartExecutionCommand({ stateMachineArn: harness.stateMachineArn, name: 'req-idem', input: '{"requestId":"other"}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('lists executions by state machine and status', async () => {
    harness = await startHarness({ template });
    const running = await harness.start('req-a');
    const stopped = await harness.start('req-b');
    await harness.sfn.send(new StopExecutionCommand({ executionArn: stopped }));

    const all = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: harness.stateMachineArn }));
    const onlyRunning = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: harness.stateMachineArn, statusFilter: 'RUNNING' }));

    expect(all.executions?.map((execution) => execution.executionArn).sort()).toEqual([running, stopped].sort());
    expect(onlyRunning.executions?.map((execution) => execution.executionArn)).toEqual([running]);
  });

  it('answers unknown tokens and executions with the errors AWS names', async () => {
    harness = await startHarness({ template });

    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: wellFormedTaskToken(), output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(
      harness.sfn.send(new DescribeExecutionCommand({ executionArn: `${harness.stateMachineArn.replace(':stateMachine:', ':execution:')}:nope` })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('closes a token once it has answered', async () => {
    harness = await startHarness({ template });
    await harness.start('req-twice');
    const [token] = harness.handlers.tokensOf('RequestSignature');

    await succeed(token ?? '', { method: 'eid' });

    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect(harness.handlers.callsOf('Notify')).toHaveLength(1);
  });
});
