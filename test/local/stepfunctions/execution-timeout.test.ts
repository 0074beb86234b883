/**
 * An execution's own timeout (the definition's top-level `TimeoutSeconds`) runs on the
 * runtime's clock, as task timeouts do: the interpreter's timer would overflow past 2³¹ ms
 * (24.8 days) and time every execution out at once, and could not survive a restart.
 */
import { Duration } from 'aws-cdk-lib';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../local/stepfunctions/clock.js';
import { prepareDefinition } from '../../../local/stepfunctions/task-states.js';
import { stateMachinesFromTemplate } from '../../../local/stepfunctions/asl-from-template.js';
import { synthesizeSampleWorkflow } from './sample-workflow.js';
import { startHarness, temporaryJournalDir, type RuntimeHarness } from './runtime-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Past Node's longest timer (2³¹ ms ≈ 24.8 days), below the sample's first signature timeout (4 days) times 3 rounds plus 14 days of activation. */
const LONG_TIMEOUT_DAYS = 26;
/** Inside the sample's second signature round (rounds of 4 days), so the execution is waiting when it times out. */
const SHORT_TIMEOUT_DAYS = 6;

describe('local Step Functions runtime: the execution timeout', () => {
  let longTimeoutTemplate: object;
  let shortTimeoutTemplate: object;
  const open: RuntimeHarness[] = [];

  beforeAll(() => {
    longTimeoutTemplate = synthesizeSampleWorkflow({ timeout: Duration.days(LONG_TIMEOUT_DAYS) });
    shortTimeoutTemplate = synthesizeSampleWorkflow({ timeout: Duration.days(SHORT_TIMEOUT_DAYS) });
  }, 120_000);

  afterEach(async () => {
    for (const harness of open.splice(0)) await harness.close();
  });

  async function started(template: object, options: { journalDir?: string; clock?: ManualClock } = {}): Promise<RuntimeHarness> {
    const harness = await startHarness({ template, ...options });
    open.push(harness);
    return harness;
  }

  it('takes the top-level TimeoutSeconds out of what the interpreter runs, and keeps it for the runtime', () => {
    const [machine] = stateMachinesFromTemplate(longTimeoutTemplate);

    const prepared = prepareDefinition(machine!.asl);

    expect(machine!.asl.TimeoutSeconds).toBe(LONG_TIMEOUT_DAYS * 86_400);
    expect(prepared.executionTimeoutSeconds).toBe(LONG_TIMEOUT_DAYS * 86_400);
    expect(prepared.asl).not.toHaveProperty('TimeoutSeconds');
  });

  it('keeps an execution whose timeout is longer than a Node timer RUNNING until its clock gets there', async () => {
    const harness = await started(longTimeoutTemplate);

    const executionArn = await harness.start('req-long');
    await harness.clock.advance(3 * DAY_MS);

    expect((await harness.describe(executionArn)).status).toBe('RUNNING');
  });

  it('times the execution out on the clock: TIMED_OUT with States.Timeout, history ending in ExecutionTimedOut, its waiting token closed', async () => {
    const harness = await started(shortTimeoutTemplate);
    const executionArn = await harness.start('req-short');
    await harness.clock.advance(SHORT_TIMEOUT_DAYS * DAY_MS - 1);
    expect((await harness.describe(executionArn)).status).toBe('RUNNING');
    const waitingToken = harness.handlers.tokensOf('RequestSignature').at(-1)!;

    await harness.clock.advance(1);

    const described = await harness.describe(executionArn);
    expect(described.status).toBe('TIMED_OUT');
    expect(described.error).toBe('States.Timeout');
    const { events = [] } = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    expect(events.at(-1)?.type).toBe('ExecutionTimedOut');
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: waitingToken, output: '{"method":"eid"}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect(harness.handlers.callsOf('RecordOutcome')).toEqual([]);
  });

  it('keeps the first run\'s deadline across a restart (counted from the start date)', async () => {
    const journalDir = await temporaryJournalDir();
    const clock = new ManualClock();
    const before = await started(shortTimeoutTemplate, { journalDir, clock });
    const executionArn = await before.start('req-restart');
    await clock.advance(5 * DAY_MS);
    await before.close();
    open.splice(open.indexOf(before), 1);

    const after = await started(shortTimeoutTemplate, { journalDir, clock });
    await after.runtime.settle();
    expect((await after.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await clock.advance(DAY_MS);

    expect((await after.describe(executionArn)).status).toBe('TIMED_OUT');
  });
});
