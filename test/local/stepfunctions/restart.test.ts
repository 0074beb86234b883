import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../local/stepfunctions/clock.js';
import { DEFINITION_CHANGED_ERROR } from '../../../local/stepfunctions/local-executions.js';
import { SampleHandlers, SIGNATURE_ROUND_DAYS, synthesizeSampleWorkflow } from './sample-workflow.js';
import { startHarness, temporaryJournalDir, type RuntimeHarness } from './runtime-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('local Step Functions runtime across a restart (execution journal)', () => {
  let template: object;
  const open: RuntimeHarness[] = [];

  beforeAll(() => {
    template = synthesizeSampleWorkflow();
  }, 120_000);

  afterEach(async () => {
    for (const harness of open.splice(0)) await harness.close();
  });

  async function startOn(journalDir: string, clock: ManualClock, onTemplate: object = template): Promise<RuntimeHarness> {
    const harness = await startHarness({ template: onTemplate, journalDir, clock });
    open.push(harness);
    return harness;
  }

  it('resumes a task waiting for its token: the old token completes it, and finished tasks are not run again', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await startOn(journalDir, clock);
    const executionArn = await before.start('req-restart', ['ann@example.com']);
    const [storedToken] = before.handlers.tokensOf('RequestSignature');
    await before.close();

    const after = await startOn(journalDir, clock);
    await after.runtime.settle();
    expect(after.handlers.callsOf('GenerateForm')).toHaveLength(0);
    expect(after.handlers.callsOf('RequestSignature')).toHaveLength(0);

    await after.sfn.send(new SendTaskSuccessCommand({ taskToken: storedToken, output: JSON.stringify({ method: 'advanced' }) }));
    await after.runtime.settle();
    const [activationToken] = after.handlers.tokensOf('RequestActivation');
    await after.sfn.send(new SendTaskSuccessCommand({ taskToken: activationToken, output: '{"activatedAt":"now"}' }));
    const described = await after.describe(executionArn);

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '{}')).toMatchObject({ form: { formSha256: 'sha-of-req-restart' }, signature: { method: 'advanced' } });
    const { events = [] } = await after.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const count = (type: string): number => events.filter((event) => event.type === type).length;
    expect(count('ExecutionStarted')).toBe(1);
    expect(count('LambdaFunctionScheduled')).toBe(2); // GenerateForm and RecordCompleted, no replayed copy
    expect(events.filter((event) => event.taskScheduledEventDetails?.resource === 'invoke.waitForTaskToken').map((event) => JSON.parse(event.taskScheduledEventDetails?.parameters ?? '{}').Payload.taskToken)).toEqual([storedToken, activationToken]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
  });

  it('hands a token journaled while its handler was still running to the handler again after the restart, so the answer can reach it', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const stalled = new SampleHandlers();
    // The process dies while RequestSignature runs: its handler never returns, so it may never have stored the token.
    stalled.replace('Sample/Functions/RequestSignature/Resource', () => new Promise(() => undefined));
    const before = await startHarness({ template, journalDir, clock, handlers: stalled });
    const { executionArn } = await before.sfn.send(new StartExecutionCommand({ stateMachineArn: before.stateMachineArn, name: 'req-stalled', input: JSON.stringify({ requestId: 'req-stalled', grantees: ['ann@example.com'] }) }));
    await new Promise((resolve) => setImmediate(resolve));
    while (stalled.tokensOf('RequestSignature').length === 0) await new Promise((resolve) => setImmediate(resolve));
    const [tokenBefore] = stalled.tokensOf('RequestSignature');
    await before.kill();

    const after = await startOn(journalDir, clock);
    await after.runtime.settle();
    // Handed over again: the same token (so a link already mailed still works), to a handler that stores it this time.
    expect(after.handlers.tokensOf('RequestSignature')).toEqual([tokenBefore]);
    await after.sfn.send(new SendTaskSuccessCommand({ taskToken: String(tokenBefore), output: JSON.stringify({ method: 'eid' }) }));
    await after.runtime.settle();
    await after.sfn.send(new SendTaskSuccessCommand({ taskToken: after.handlers.tokensOf('RequestActivation')[0], output: '{"activatedAt":"now"}' }));
    expect((await after.describe(String(executionArn))).status).toBe('SUCCEEDED');

    // A handler that did return is not run again by a later restart: its token is parked as it was.
    const third = await startOn(journalDir, clock);
    await third.runtime.settle();
    expect(third.handlers.callsOf('RequestSignature')).toHaveLength(0);
  });

  it('resumes a Map with one item answered and one still waiting, each on its own token', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await startOn(journalDir, clock);
    const executionArn = await before.start('req-map', ['ann@example.com', 'bob@example.com']);
    await before.sfn.send(new SendTaskSuccessCommand({ taskToken: before.handlers.tokensOf('RequestSignature')[0], output: '{"method":"eid"}' }));
    await before.runtime.settle();
    const activations = before.handlers.callsOf('RequestActivation');
    const ann = activations.find((call) => call.grantee === 'ann@example.com');
    const bob = activations.find((call) => call.grantee === 'bob@example.com');
    await before.sfn.send(new SendTaskSuccessCommand({ taskToken: String(ann?.taskToken), output: '{"activatedAt":"ann"}' }));
    await before.close();

    const after = await startOn(journalDir, clock);
    await after.runtime.settle();
    await after.sfn.send(new SendTaskSuccessCommand({ taskToken: String(bob?.taskToken), output: '{"activatedAt":"bob"}' }));
    const described = await after.describe(executionArn);

    expect(described.status).toBe('SUCCEEDED');
    expect(after.handlers.calls.map((call) => call.functionPath)).toEqual(['Sample/Functions/RecordOutcome/Resource']);
    const byIndex = activations.map((call) => call.grantee);
    expect(JSON.parse(described.output ?? '{}').activations).toEqual(byIndex.map((grantee) => ({ activatedAt: grantee === 'ann@example.com' ? 'ann' : 'bob' })));
  });

  it('times a resumed task out at once when its deadline passed while the runtime was down', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await startOn(journalDir, clock);
    await before.start('req-late');
    await before.close();

    await clock.advance(SIGNATURE_ROUND_DAYS * DAY_MS + 1);
    const after = await startOn(journalDir, clock);
    await after.runtime.settle();

    expect(after.handlers.callsOf('RequestSignature').map((call) => call.round)).toEqual([2]);
  });

  it('replays a retried step from the journal without running its handler again', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await startOn(journalDir, clock);
    before.runtime.failNextInvocation('GenerateForm', { name: 'TransientStepError', message: 'table busy' });
    await before.start('req-retry-replay');
    expect(before.handlers.callsOf('GenerateForm')).toHaveLength(2);
    const [token] = before.handlers.tokensOf('RequestSignature');
    await before.close();

    const after = await startOn(journalDir, clock);
    await after.runtime.settle();
    await after.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"method":"eid"}' }));
    await after.runtime.settle();

    expect(after.handlers.callsOf('GenerateForm')).toHaveLength(0);
    expect(after.handlers.callsOf('Notify')).toHaveLength(1);
  });

  it('fails a journaled execution whose definition changed instead of replaying it', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await startOn(journalDir, clock);
    const executionArn = await before.start('req-changed');
    const [token] = before.handlers.tokensOf('RequestSignature');
    await before.close();

    const after = await startOn(journalDir, clock, synthesizeSampleWorkflow({ variant: 'changed' }));
    const described = await after.describe(executionArn);

    expect(described).toMatchObject({ status: 'FAILED', error: DEFINITION_CHANGED_ERROR });
    expect(described.cause).toMatch(/definition .* changed/);
    await expect(after.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect(after.handlers.calls).toHaveLength(0);
  }, 60_000);

  it('keeps finished executions and their names: a journaled name is not started twice', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await startOn(journalDir, clock);
    const executionArn = await before.start('req-kept');
    await before.close();

    const after = await startOn(journalDir, clock);
    const again = await after.sfn.send(
      new StartExecutionCommand({ stateMachineArn: after.stateMachineArn, name: 'req-kept', input: JSON.stringify({ requestId: 'req-kept', grantees: ['ann@example.com'] }) }),
    );
    await after.runtime.settle();

    expect(again.executionArn).toBe(executionArn);
    expect(after.handlers.calls).toHaveLength(0);
    const files = (await readdir(journalDir)).filter((file) => file.endsWith('.json'));
    expect(files).toHaveLength(1);
    const record = JSON.parse(await readFile(join(journalDir, files[0] ?? ''), 'utf8'));
    expect(record).toMatchObject({ name: 'req-kept', status: 'RUNNING' });
    expect(Object.values(record.parkedTokens)).toHaveLength(1);
  });
});
