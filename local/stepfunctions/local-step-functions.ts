/**
 * The local Step Functions runtime: the state machines of a synthesized CDK template, run
 * by aws-local-stepfunctions with each Task bound to local handler code, journaled to a
 * directory, behind a Step Functions API server for `@aws-sdk/client-sfn`.
 */
import type { RunOptions } from 'aws-local-stepfunctions';
import { defaultFakeAwsEnvironment, stateMachinesFromTemplate, type FakeAwsEnvironment } from './asl-from-template.js';
import { systemClock, type Clock } from './clock.js';
import { ExecutionJournal } from './execution-journal.js';
import { FaultInjector, type FaultTiming, type InvocationHooks } from './fault-injection.js';
import { LocalExecutions, type LocalExecutionEvent } from './local-executions.js';
import { prepareLocalStateMachine } from './local-state-machine.js';
import { startStepFunctionsServer } from './step-functions-server.js';
import type { ResolveTaskHandler } from './task-binding.js';
import { TaskTokenRegistry } from './task-tokens.js';
import { WorkTracker } from './work-tracker.js';

type Overrides = NonNullable<RunOptions['overrides']>;

export interface LocalStepFunctionsOptions {
  /** The synthesized CloudFormation template (`Template.fromStack(stack).toJSON()` or `cdk.out/*.template.json`). */
  readonly template: object;
  /** Gives the local handler of each Lambda function the definition uses (match on `cdkPath`). */
  readonly resolveHandler: ResolveTaskHandler;
  /** Where executions are journaled; a runtime started on the same directory resumes them. */
  readonly journalDir: string;
  /** Task timeouts run on this clock. @default systemClock */
  readonly clock?: Clock;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Milliseconds each state's Retry waits instead of its backoff (0 in tests). Runs on the real clock. */
  readonly retryIntervalOverrides?: Overrides['retryIntervalOverrides'];
  /** Milliseconds each Wait state waits instead of its own duration. Runs on the real clock. */
  readonly waitTimeOverrides?: Overrides['waitTimeOverrides'];
  /** Region, account and partition of the fake ARNs. @default eu-west-1, 000000000000, aws */
  readonly environment?: FakeAwsEnvironment;
  /** Called with each history event as it is recorded (logging, tests). */
  readonly onEvent?: (event: LocalExecutionEvent) => void;
}

export interface LocalStepFunctions {
  /** The API endpoint for `new SFNClient({ endpoint: url })`. */
  readonly url: string;
  /** State machine ARNs, by construct path (e.g. `Stack/Workflow/Resource`) and by logical id. */
  readonly stateMachineArns: Record<string, string>;
  /** Fault injection: the next invocation of `stateName` fails with `error` (after running its handler unless `when` is 'before'). */
  failNextInvocation(stateName: string, error: { name: string; message: string }, when?: FaultTiming): void;
  /** Runs `hooks` around the handler of the next invocation of `stateName` (e.g. to arm faults on the wire for that step). */
  aroundNextInvocation(stateName: string, hooks: InvocationHooks): void;
  /** Resolves once no task handler runs and every execution has finished or waits (token, timer). */
  settle(): Promise<void>;
  /** Closes the server and cancels timers; RUNNING executions stay in the journal for the next runtime. */
  stop(): Promise<void>;
  /**
   * Stops as a crash would (tests of restarts): the journal takes no more writes, the server
   * closes, and handlers still running are abandoned, not waited for.
   */
  kill(): Promise<void>;
}

/** Starts the runtime, resuming whatever the journal directory holds as RUNNING. */
export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  const clock = options.clock ?? systemClock;
  const environment = options.environment ?? defaultFakeAwsEnvironment;
  const stateMachines = stateMachinesFromTemplate(options.template, environment).map(prepareLocalStateMachine);
  const { journal, records } = await ExecutionJournal.open(options.journalDir);
  const work = new WorkTracker();
  const faults = new FaultInjector();
  const executions = new LocalExecutions({
    stateMachines,
    journal,
    clock,
    tokens: new TaskTokenRegistry(clock),
    faults,
    work,
    resolveHandler: options.resolveHandler,
    environment,
    waitTimeOverrides: options.waitTimeOverrides,
    retryIntervalOverrides: options.retryIntervalOverrides,
    onEvent: options.onEvent,
  });
  await executions.resume(records);
  const server = await startStepFunctionsServer({ operations: executions, host: options.host, port: options.port });

  const stateMachineArns: Record<string, string> = {};
  for (const { template } of stateMachines) {
    stateMachineArns[template.logicalId] = template.arn;
    if (template.cdkPath) stateMachineArns[template.cdkPath] = template.arn;
  }
  let stopped = false;
  return {
    url: server.url,
    stateMachineArns,
    failNextInvocation: (stateName, error, when = 'after') => faults.failNextInvocation(stateName, error, when),
    aroundNextInvocation: (stateName, hooks) => faults.aroundNextInvocation(stateName, hooks),
    settle: () => work.settle(() => journal.idle()),
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await server.close();
      await executions.detachAll();
      await work.settle(() => journal.idle());
    },
    async kill(): Promise<void> {
      if (stopped) return;
      stopped = true;
      journal.seal();
      await server.close();
      await executions.detachAll();
    },
  };
}
