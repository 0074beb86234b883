/**
 * The executions of the local runtime: starts, describes, stops, lists them and tells
 * their history; runs each with the library, journals it, and after a restart replays
 * every execution the journal holds as RUNNING. An execution's own timeout (the definition's
 * top-level `TimeoutSeconds`) runs on the runtime's clock from its start date, across restarts.
 */
import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  HistoryEvent,
  ListExecutionsInput,
  ListExecutionsOutput,
  SendTaskFailureInput,
  SendTaskHeartbeatInput,
  SendTaskSuccessInput,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import { ExecutionError, ExecutionTimeoutError, type RunOptions } from 'aws-local-stepfunctions';
import type { FakeAwsEnvironment } from './asl-from-template.js';
import { canonicalJson } from '../../functions/domain/canonical-json.js';
import type { Clock, TimerHandle } from './clock.js';
import { detailsKeyOf, ExecutionHistory, historyEventFromLibrary, type HistoryEventRecord, type NewHistoryEvent } from './execution-history.js';
import type { ExecutionJournal, ExecutionRecord, ExecutionStatus, JournaledParkedToken, JournaledTaskOutcome } from './execution-journal.js';
import type { FaultInjector } from './fault-injection.js';
import type { LocalStateMachine } from './local-state-machine.js';
import {
  ExecutionAlreadyExistsError,
  ExecutionDoesNotExistError,
  StateMachineDoesNotExistError,
  StepFunctionsApiError,
} from './step-functions-errors.js';
import type { StepFunctionsOperations } from './step-functions-server.js';
import { bindTaskHandlers, type BoundExecution, type ResolveTaskHandler } from './task-binding.js';
import type { TaskTokenRegistry } from './task-tokens.js';
import type { WorkTracker } from './work-tracker.js';

type Overrides = NonNullable<RunOptions['overrides']>;

/** What `onEvent` receives: each history event as it is recorded. */
export interface LocalExecutionEvent {
  readonly executionArn: string;
  readonly event: HistoryEventRecord;
}

export interface LocalExecutionsOptions {
  readonly stateMachines: readonly LocalStateMachine[];
  readonly journal: ExecutionJournal;
  readonly clock: Clock;
  readonly tokens: TaskTokenRegistry;
  readonly faults: FaultInjector;
  readonly work: WorkTracker;
  readonly resolveHandler: ResolveTaskHandler;
  readonly environment: FakeAwsEnvironment;
  readonly waitTimeOverrides?: Overrides['waitTimeOverrides'];
  readonly retryIntervalOverrides?: Overrides['retryIntervalOverrides'];
  readonly onEvent?: (event: LocalExecutionEvent) => void;
  /** Where failures nobody awaits go (a journal write after the API answered). @default console.error */
  readonly onError?: (error: unknown) => void;
}

/** Why a journaled execution was failed instead of resumed. */
export const DEFINITION_CHANGED_ERROR = 'LocalStepFunctions.DefinitionChanged';
export const STATE_MACHINE_GONE_ERROR = 'LocalStepFunctions.StateMachineGone';

interface Execution {
  readonly record: ExecutionRecord;
  readonly history: ExecutionHistory;
  /** True while this runtime's library run drives the execution. */
  live: boolean;
  abort: (() => void) | undefined;
  /** The execution's own deadline (the definition's `TimeoutSeconds`), while it runs here. */
  deadline: TimerHandle | undefined;
  readonly occurrences: Map<string, number>;
  readonly replayedFailures: Set<string>;
}

const DEFAULT_PAGE_SIZE = 100;
const EXECUTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

export class LocalExecutions implements StepFunctionsOperations {
  private readonly executions = new Map<string, Execution>();
  private readonly machinesByArn: Map<string, LocalStateMachine>;

  constructor(private readonly options: LocalExecutionsOptions) {
    this.machinesByArn = new Map(options.stateMachines.map((machine) => [machine.template.arn, machine]));
  }

  /**
   * Takes over the journaled executions: finished ones answer Describe/List/History, and
   * RUNNING ones are replayed from their input (or failed if their definition changed).
   */
  async resume(records: readonly ExecutionRecord[]): Promise<void> {
    for (const record of records) this.options.tokens.rememberClosed(record.closedTokens);
    for (const record of records) {
      const execution = this.adopt(record);
      if (record.status !== 'RUNNING') {
        this.options.tokens.rememberClosed(Object.values(record.parkedTokens).map((parked) => parked.token));
        continue;
      }
      const machine = this.machinesByArn.get(record.stateMachineArn);
      if (!machine) {
        await this.failWithoutReplay(execution, STATE_MACHINE_GONE_ERROR, `State machine ${record.stateMachineArn} is no longer in the template; the execution cannot be resumed.`);
      } else if (machine.definitionHash !== record.definitionHash) {
        await this.failWithoutReplay(
          execution,
          DEFINITION_CHANGED_ERROR,
          `The definition of ${record.stateMachineArn} changed since this execution started (journaled ${record.definitionHash.slice(0, 12)}, now ${machine.definitionHash.slice(0, 12)}); it is not replayed on a different definition.`,
        );
      } else {
        this.launch(execution, machine, true);
      }
    }
  }

  /** Leaves every running execution to the journal (runtime shutdown): nothing is marked finished. */
  async detachAll(): Promise<void> {
    const running = [...this.executions.values()].filter((execution) => execution.live);
    for (const execution of running) execution.live = false;
    for (const execution of running) {
      execution.deadline?.cancel();
      execution.abort?.();
      await this.options.tokens.detachExecution(execution.record.executionArn, false);
    }
  }

  async startExecution(input: StartExecutionInput): Promise<StartExecutionOutput> {
    const machine = this.machinesByArn.get(input.stateMachineArn ?? '');
    if (!machine) throw new StateMachineDoesNotExistError(input.stateMachineArn ?? '');
    const name = input.name ?? randomUUID();
    if (!EXECUTION_NAME_PATTERN.test(name)) throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = input.input ?? '{}';
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(inputText);
    } catch {
      throw new StepFunctionsApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const executionArn = this.executionArnOf(machine, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      const sameInput = canonicalJson(JSON.parse(existing.record.input)) === canonicalJson(parsedInput);
      if (existing.record.status === 'RUNNING' && sameInput) {
        return { executionArn, startDate: new Date(existing.record.startDate) };
      }
      throw new ExecutionAlreadyExistsError(executionArn);
    }
    const record: ExecutionRecord = {
      formatVersion: 1,
      executionArn,
      stateMachineArn: machine.template.arn,
      name,
      input: inputText,
      definitionHash: machine.definitionHash,
      status: 'RUNNING',
      startDate: this.options.clock.now(),
      stopDate: undefined,
      output: undefined,
      error: undefined,
      cause: undefined,
      history: [],
      taskOutcomes: {},
      parkedTokens: {},
      closedTokens: [],
    };
    const execution = this.adopt(record);
    await this.options.journal.save(record);
    this.launch(execution, machine, false);
    return { executionArn, startDate: new Date(record.startDate) };
  }

  async describeExecution(input: DescribeExecutionInput): Promise<DescribeExecutionOutput> {
    const { record } = this.find(input.executionArn);
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: new Date(record.startDate),
      stopDate: record.stopDate === undefined ? undefined : new Date(record.stopDate),
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      outputDetails: record.output === undefined ? undefined : { included: true },
      error: record.error,
      cause: record.cause,
    };
  }

  async stopExecution(input: StopExecutionInput): Promise<StopExecutionOutput> {
    const execution = this.find(input.executionArn);
    const { record } = execution;
    if (record.status !== 'RUNNING') return { stopDate: new Date(record.stopDate ?? this.options.clock.now()) };
    execution.live = false;
    record.status = 'ABORTED';
    record.stopDate = this.options.clock.now();
    record.error = input.error;
    record.cause = input.cause;
    this.appendHistory(execution, { type: 'ExecutionAborted', details: { error: input.error, cause: input.cause } });
    for (const [key, parked] of Object.entries(record.parkedTokens)) {
      record.closedTokens.push(parked.token);
      delete record.parkedTokens[key];
    }
    await this.options.journal.save(record);
    execution.deadline?.cancel();
    execution.abort?.();
    await this.options.tokens.detachExecution(record.executionArn, true);
    return { stopDate: new Date(record.stopDate) };
  }

  /**
   * The execution ran past its `TimeoutSeconds`: TIMED_OUT with `States.Timeout`, as on AWS,
   * its history ending in ExecutionTimedOut; its waiting tokens answer TaskTimedOut from now on.
   */
  private async timeOut(execution: Execution): Promise<void> {
    const { record } = execution;
    if (!execution.live || record.status !== 'RUNNING') return;
    execution.live = false;
    record.status = 'TIMED_OUT';
    record.stopDate = this.options.clock.now();
    record.error = 'States.Timeout';
    record.cause = undefined;
    this.appendHistory(execution, { type: 'ExecutionTimedOut', details: { error: 'States.Timeout' } });
    for (const [key, parked] of Object.entries(record.parkedTokens)) {
      record.closedTokens.push(parked.token);
      delete record.parkedTokens[key];
    }
    await this.options.journal.save(record);
    execution.abort?.();
    await this.options.tokens.detachExecution(record.executionArn, true);
  }

  async sendTaskSuccess(input: SendTaskSuccessInput): Promise<void> {
    let output: unknown;
    try {
      output = JSON.parse(input.output ?? '');
    } catch {
      throw new StepFunctionsApiError('InvalidOutput', 'Invalid Output: not JSON');
    }
    await this.options.tokens.succeed(input.taskToken ?? '', output);
  }

  async sendTaskFailure(input: SendTaskFailureInput): Promise<void> {
    await this.options.tokens.fail(input.taskToken ?? '', input.error ?? '', input.cause ?? '');
  }

  async sendTaskHeartbeat(input: SendTaskHeartbeatInput): Promise<void> {
    this.options.tokens.heartbeat(input.taskToken ?? '');
  }

  async getExecutionHistory(input: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput> {
    const { history } = this.find(input.executionArn);
    const ordered = input.reverseOrder ? [...history.all].reverse() : history.all;
    const { page, nextToken } = paginate(ordered, input.maxResults, input.nextToken);
    return {
      events: page.map((event) => ({
        id: event.id,
        previousEventId: event.previousEventId,
        timestamp: new Date(event.timestamp),
        type: event.type,
        ...(event.details === undefined ? {} : { [detailsKeyOf(event.type)]: event.details }),
      })) as HistoryEvent[],
      nextToken,
    };
  }

  async listExecutions(input: ListExecutionsInput): Promise<ListExecutionsOutput> {
    const stateMachineArn = input.stateMachineArn ?? '';
    if (!this.machinesByArn.has(stateMachineArn) && ![...this.executions.values()].some((execution) => execution.record.stateMachineArn === stateMachineArn)) {
      throw new StateMachineDoesNotExistError(stateMachineArn);
    }
    const matching = [...this.executions.values()]
      .map((execution) => execution.record)
      .filter((record) => record.stateMachineArn === stateMachineArn && (!input.statusFilter || record.status === input.statusFilter))
      .sort((a, b) => b.startDate - a.startDate || a.name.localeCompare(b.name));
    const { page, nextToken } = paginate(matching, input.maxResults, input.nextToken);
    return {
      executions: page.map((record) => ({
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: new Date(record.startDate),
        stopDate: record.stopDate === undefined ? undefined : new Date(record.stopDate),
      })),
      nextToken,
    };
  }

  private adopt(record: ExecutionRecord): Execution {
    const execution: Execution = {
      record,
      history: new ExecutionHistory(record.history, () => this.options.clock.now()),
      live: false,
      abort: undefined,
      deadline: undefined,
      occurrences: new Map(),
      replayedFailures: new Set(),
    };
    this.executions.set(record.executionArn, execution);
    return execution;
  }

  private find(executionArn: string | undefined): Execution {
    const execution = this.executions.get(executionArn ?? '');
    if (!execution) throw new ExecutionDoesNotExistError(executionArn ?? '');
    return execution;
  }

  private executionArnOf(machine: LocalStateMachine, name: string): string {
    const { partition, region, accountId } = this.options.environment;
    return `arn:${partition}:states:${region}:${accountId}:execution:${machine.template.name}:${name}`;
  }

  private launch(execution: Execution, machine: LocalStateMachine, replay: boolean): void {
    const { record } = execution;
    execution.live = true;
    if (replay) execution.history.beginReplay();
    const handlers = bindTaskHandlers(
      {
        tasks: machine.tasks,
        functionsByName: machine.functionsByName,
        resolveHandler: this.options.resolveHandler,
        clock: this.options.clock,
        tokens: this.options.tokens,
        faults: this.options.faults,
        work: this.options.work,
        region: this.options.environment.region,
      },
      this.boundExecution(execution),
    );
    const run = machine.interpreter.run(JSON.parse(record.input), {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: this.options.waitTimeOverrides,
        retryIntervalOverrides: this.retryIntervals(execution),
      },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, StartTime: new Date(record.startDate).toISOString() },
        StateMachine: { Id: machine.template.arn, Name: machine.template.name },
      },
    });
    execution.abort = run.abort;
    if (machine.executionTimeoutSeconds !== undefined) {
      // From the start date, so a replay keeps the first run's deadline (a passed one fires at once).
      execution.deadline = this.options.clock.setTimer(record.startDate + machine.executionTimeoutSeconds * 1000, () => {
        void this.options.work.track(this.timeOut(execution)).catch(this.options.onError ?? ((error: unknown) => console.error('[local-step-functions] timing out an execution failed', error)));
      });
    }
    const eventsConsumed = (async (): Promise<void> => {
      for await (const event of run.eventLogs) {
        this.options.work.touch();
        if (!execution.live) continue;
        const historyEvent = historyEventFromLibrary(event);
        if (historyEvent) this.appendHistory(execution, historyEvent);
      }
    })();
    void Promise.allSettled([run.result, eventsConsumed]).then(([result]) => this.finish(execution, result));
  }

  /**
   * Retry intervals as the caller set them, except right after a journaled failure was
   * replayed: that retry already waited in the first run. (The library reads this object
   * at each failure, so a Proxy can answer per moment.)
   */
  private retryIntervals(execution: Execution): Overrides['retryIntervalOverrides'] {
    const configured = this.options.retryIntervalOverrides ?? {};
    return new Proxy(configured, {
      get: (target, stateName): number | number[] | undefined => {
        if (typeof stateName !== 'string') return undefined;
        if (execution.replayedFailures.has(stateName)) return 0;
        return target[stateName];
      },
    });
  }

  private finish(execution: Execution, result: PromiseSettledResult<unknown>): void {
    this.options.work.touch();
    if (!execution.live) return;
    execution.deadline?.cancel();
    execution.live = false;
    const { record } = execution;
    record.stopDate = this.options.clock.now();
    if (result.status === 'fulfilled') {
      record.status = 'SUCCEEDED';
      record.output = JSON.stringify(result.value ?? null);
    } else {
      const { status, error, cause } = failureOf(result.reason);
      record.status = status;
      record.error = error;
      record.cause = cause;
    }
    this.persist(record);
  }

  private async failWithoutReplay(execution: Execution, error: string, cause: string): Promise<void> {
    const { record } = execution;
    record.status = 'FAILED';
    record.stopDate = this.options.clock.now();
    record.error = error;
    record.cause = cause;
    for (const [key, parked] of Object.entries(record.parkedTokens)) {
      record.closedTokens.push(parked.token);
      delete record.parkedTokens[key];
    }
    this.options.tokens.rememberClosed(record.closedTokens);
    this.appendHistory(execution, { type: 'ExecutionFailed', details: { error, cause } });
    await this.options.journal.save(record);
  }

  private appendHistory(execution: Execution, event: NewHistoryEvent): void {
    const appended = execution.history.append(event);
    if (!appended) return;
    this.persist(execution.record);
    this.options.onEvent?.({ executionArn: execution.record.executionArn, event: appended });
  }

  private persist(record: ExecutionRecord): void {
    this.options.work.touch();
    this.options.journal.save(record).catch(this.options.onError ?? ((error: unknown) => console.error('[local-step-functions] journal write failed', error)));
  }

  private boundExecution(execution: Execution): BoundExecution {
    const { record } = execution;
    return {
      executionArn: record.executionArn,
      executionName: record.name,
      isLive: () => execution.live,
      nextOccurrence: (stateName: string, canonicalPayload: string): number => {
        const key = `${stateName}\n${canonicalPayload}`;
        const occurrence = execution.occurrences.get(key) ?? 0;
        execution.occurrences.set(key, occurrence + 1);
        return occurrence;
      },
      journaledOutcome: (key: string): JournaledTaskOutcome | undefined => record.taskOutcomes[key],
      journaledParkedToken: (key: string): JournaledParkedToken | undefined => record.parkedTokens[key],
      recordOutcome: async (key: string, outcome: JournaledTaskOutcome, closedToken?: string): Promise<void> => {
        record.taskOutcomes[key] = outcome;
        if (closedToken !== undefined) {
          delete record.parkedTokens[key];
          record.closedTokens.push(closedToken);
        }
        await this.options.journal.save(record);
      },
      recordParkedToken: async (key: string, parked: JournaledParkedToken): Promise<void> => {
        record.parkedTokens[key] = parked;
        await this.options.journal.save(record);
      },
      recordHistory: (event: NewHistoryEvent): void => {
        if (execution.live) this.appendHistory(execution, event);
      },
      noteReplayedFailure: (stateName: string, replayed: boolean): void => {
        if (replayed) execution.replayedFailures.add(stateName);
        else execution.replayedFailures.delete(stateName);
      },
    };
  }
}

function failureOf(reason: unknown): { status: ExecutionStatus; error: string | undefined; cause: string | undefined } {
  if (reason instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: undefined };
  const failure = reason instanceof ExecutionError && reason.cause instanceof Error ? reason.cause : reason;
  if (failure instanceof Error) return { status: 'FAILED', error: failure.name, cause: failure.message };
  return { status: 'FAILED', error: 'Error', cause: String(failure) };
}

/** Pages with an opaque token that is the offset of the next item. */
function paginate<T>(items: readonly T[], maxResults: number | undefined, nextToken: string | undefined): { page: T[]; nextToken: string | undefined } {
  const size = maxResults && maxResults > 0 ? maxResults : DEFAULT_PAGE_SIZE;
  let offset = 0;
  if (nextToken) {
    offset = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new StepFunctionsApiError('ValidationException', 'Invalid nextToken');
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(String(offset + size), 'utf8').toString('base64url') : undefined;
  return { page, nextToken: next };
}
