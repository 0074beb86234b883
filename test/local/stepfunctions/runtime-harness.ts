/**
 * Starts the local runtime over the sample workflow with a manual clock, a temporary
 * journal directory and a real `@aws-sdk/client-sfn` client pointed at it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { ManualClock } from '../../../local/stepfunctions/clock.js';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../../local/stepfunctions/local-step-functions.js';
import { SAMPLE_STATE_MACHINE_PATH, SampleHandlers } from './sample-workflow.js';

export interface RuntimeHarness {
  readonly runtime: LocalStepFunctions;
  readonly sfn: SFNClient;
  readonly clock: ManualClock;
  readonly handlers: SampleHandlers;
  readonly journalDir: string;
  readonly stateMachineArn: string;
  /** StartExecution with `{requestId, grantees}`; returns the execution ARN. */
  start(name: string, grantees?: string[]): Promise<string>;
  /** Lets the workflow come to rest, then DescribeExecution. */
  describe(executionArn: string): Promise<DescribeExecutionCommandOutput>;
  close(): Promise<void>;
  /** Ends the runtime as a crash would (the journal keeps what it had; running handlers are abandoned). */
  kill(): Promise<void>;
}

export interface HarnessOptions {
  readonly template: object;
  readonly journalDir?: string;
  readonly clock?: ManualClock;
  readonly handlers?: SampleHandlers;
}

export async function temporaryJournalDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'local-sfn-journal-'));
}

export async function startHarness(options: HarnessOptions): Promise<RuntimeHarness> {
  const clock = options.clock ?? new ManualClock();
  const handlers = options.handlers ?? new SampleHandlers();
  const journalDir = options.journalDir ?? (await temporaryJournalDir());
  const runtime = await startLocalStepFunctions({
    template: options.template,
    resolveHandler: handlers.resolveHandler,
    journalDir,
    clock,
    retryIntervalOverrides: { GenerateForm: 0 },
  });
  const sfn = new SFNClient({
    endpoint: runtime.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const stateMachineArn = runtime.stateMachineArns[SAMPLE_STATE_MACHINE_PATH];
  if (!stateMachineArn) throw new Error(`No state machine at ${SAMPLE_STATE_MACHINE_PATH}`);
  return {
    runtime,
    sfn,
    clock,
    handlers,
    journalDir,
    stateMachineArn,
    async start(name: string, grantees: string[] = ['ann@example.com']): Promise<string> {
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ requestId: name, grantees }) }),
      );
      await runtime.settle();
      return executionArn ?? '';
    },
    async describe(executionArn: string): Promise<DescribeExecutionCommandOutput> {
      await runtime.settle();
      return sfn.send(new DescribeExecutionCommand({ executionArn }));
    },
    async close(): Promise<void> {
      sfn.destroy();
      await runtime.stop();
    },
    async kill(): Promise<void> {
      sfn.destroy();
      await runtime.kill();
    },
  };
}
