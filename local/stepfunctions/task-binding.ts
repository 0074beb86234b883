/**
 * Binds each Task state of a definition to local handler code, for one execution run:
 * builds the library's `overrides.taskResourceLocalHandlers` (keyed by state name).
 *
 * - `Resource` = function ARN (CDK `payloadResponseOnly`): the handler gets the state's
 *   input after `Parameters`; its return value is the result.
 * - `lambda:invoke`: the handler gets `Payload`; the result is wrapped in the Lambda
 *   envelope `{Payload, StatusCode, ExecutedVersion}` the CDK's selectors expect.
 * - `lambda:invoke.waitForTaskToken`: a fresh token per invocation replaces the
 *   placeholder, the handler runs, and the task waits for SendTaskSuccess/Failure or its
 *   `TimeoutSeconds` on the runtime's clock.
 *
 * Every finished invocation is journaled; when an execution is replayed after a restart,
 * journaled invocations are answered from the journal (the handler is not called again)
 * and parked tokens are parked again, the same token with the same deadline.
 */
import type { Context as LambdaContext } from 'aws-lambda';
import type { RunOptions } from 'aws-local-stepfunctions';
import { canonicalJson } from '../../functions/domain/canonical-json.js';
import type { Clock } from './clock.js';
import type { NewHistoryEvent } from './execution-history.js';
import { taskOccurrenceKey, type JournaledParkedToken, type JournaledTaskOutcome } from './execution-journal.js';
import type { FaultInjector } from './fault-injection.js';
import type { TemplateFunction } from './asl-from-template.js';
import { catalogFunctionAt, catalogLambdaSettings, LAMBDA_DEFAULT_SETTINGS, lambdaContext } from '../lambda-context.js';
import { ExecutionDetachedError, TaskFailedError, TaskTimeoutError, UnboundTaskError } from './task-errors.js';
import { insertTaskToken, readReferencePath, type TaskState } from './task-states.js';
import { mintTaskToken, type ParkedTaskOutcome, type TaskTokenRegistry } from './task-tokens.js';
import type { WorkTracker } from './work-tracker.js';

/**
 * Local code run for a Lambda function, called like Lambda calls it. Declared as a method
 * so handlers typed with their own event type are accepted.
 */
export type LocalTaskHandler = {
  handle(event: unknown, context: LambdaContext): unknown;
}['handle'];

/** Gives the local handler of a function of the template (match on `cdkPath`). */
export type ResolveTaskHandler = (fn: TemplateFunction) => LocalTaskHandler;

export type TaskResourceLocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type JsonValue = Awaited<ReturnType<TaskResourceLocalHandlers[string]>>;

/** What the binding needs from the execution it runs for. */
export interface BoundExecution {
  readonly executionArn: string;
  readonly executionName: string;
  /** False once StopExecution or a runtime shutdown detached the execution. */
  isLive(): boolean;
  /** 0 for the first invocation of this state with this payload in this run, then 1, 2... */
  nextOccurrence(stateName: string, canonicalPayload: string): number;
  journaledOutcome(key: string): JournaledTaskOutcome | undefined;
  journaledParkedToken(key: string): JournaledParkedToken | undefined;
  /** Journals a finished invocation (and closes its token, if it had one); resolves once on disk. */
  recordOutcome(key: string, outcome: JournaledTaskOutcome, closedToken?: string): Promise<void>;
  recordParkedToken(key: string, parked: JournaledParkedToken): Promise<void>;
  recordHistory(event: NewHistoryEvent): void;
  /** A journaled failure was replayed: its Retry must not wait again. */
  noteReplayedFailure(stateName: string, replayed: boolean): void;
}

/** What the binding shares across executions. */
export interface TaskBindingDependencies {
  readonly tasks: ReadonlyMap<string, TaskState>;
  /** The template's functions by logical id (= function name in the fake ARNs). */
  readonly functionsByName: ReadonlyMap<string, TemplateFunction>;
  readonly resolveHandler: ResolveTaskHandler;
  readonly clock: Clock;
  readonly tokens: TaskTokenRegistry;
  readonly faults: FaultInjector;
  readonly work: WorkTracker;
  readonly region: string;
}

/** Builds `taskResourceLocalHandlers` for one run of one execution. */
export function bindTaskHandlers(dependencies: TaskBindingDependencies, execution: BoundExecution): TaskResourceLocalHandlers {
  const handlers: TaskResourceLocalHandlers = {};
  for (const task of dependencies.tasks.values()) {
    handlers[task.name] = async (input: JsonValue): Promise<JsonValue> => {
      // Only the handler's own run counts as work; waiting for a token is rest (see settle()).
      const outcome = await dependencies.work.track(invokeTask(dependencies, execution, task, input));
      return (await outcome.settled) as JsonValue;
    };
  }
  return handlers;
}

/** A task's result, possibly still to come from SendTaskSuccess (wrapped so awaiting the invocation does not wait for it). */
interface TaskOutcome {
  readonly settled: Promise<unknown>;
}

function resultNow(value: unknown): TaskOutcome {
  return { settled: Promise.resolve(value) };
}

async function invokeTask(dependencies: TaskBindingDependencies, execution: BoundExecution, task: TaskState, input: unknown): Promise<TaskOutcome> {
  // The library emits StateEntered synchronously before calling us but hands it to its
  // event stream a few promise turns later: let it through so the history stays in order.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!execution.isLive()) throw new ExecutionDetachedError(execution.executionArn);
  execution.noteReplayedFailure(task.name, false);

  const canonicalPayload = canonicalJson(input);
  const key = taskOccurrenceKey(task.name, execution.nextOccurrence(task.name, canonicalPayload), canonicalPayload);
  const journaled = execution.journaledOutcome(key);
  if (journaled) {
    if ('result' in journaled) return resultNow(journaled.result);
    execution.noteReplayedFailure(task.name, true);
    throw new TaskFailedError(journaled.error.name, journaled.error.message);
  }
  const parked = execution.journaledParkedToken(key);
  // The handler that stores the token ran before the crash: park the same token again.
  if (parked?.submitted) {
    const settled = awaitToken(dependencies, execution, task, key, parked.token, parked.deadlineMs ?? undefined);
    settled.catch(() => undefined); // an expired deadline may settle it before the library awaits it
    return { settled };
  }
  // Journaled but its handler may not have run (or finished) before the crash: nobody may know
  // the token yet, so the handler runs again with the same token and deadline (steps are idempotent).
  if (parked) return new LiveInvocation(dependencies, execution, task, key, input).resumeUnsubmitted(parked);

  return new LiveInvocation(dependencies, execution, task, key, input).run();
}

/** An invocation that is not in the journal: runs the handler. */
class LiveInvocation {
  private readonly history: TaskHistory;

  constructor(
    private readonly dependencies: TaskBindingDependencies,
    private readonly execution: BoundExecution,
    private readonly task: TaskState,
    private readonly key: string,
    private readonly input: unknown,
  ) {
    this.history = new TaskHistory(task, execution, dependencies.region);
  }

  async run(): Promise<TaskOutcome> {
    const fault = this.dependencies.faults.take(this.task.name);
    switch (this.task.integration) {
      case 'lambda-direct':
        return resultNow(await this.runToCompletion(this.task.resource, this.input, (result) => result, fault));
      case 'lambda-invoke': {
        const { functionName, payload } = this.invokeParameters();
        const shape = (result: unknown): unknown => ({ Payload: result ?? null, StatusCode: 200, ExecutedVersion: '$LATEST' });
        return resultNow(await this.runToCompletion(functionName, payload, shape, fault));
      }
      case 'lambda-invoke-wait-for-task-token':
        return this.runUntilCallback(fault);
      default:
        return this.fail(new UnboundTaskError(this.task.name, `resource ${this.task.resource} has no local binding (only Lambda integrations do)`));
    }
  }

  private async runToCompletion(
    functionName: string,
    payload: unknown,
    shapeResult: (result: unknown) => unknown,
    fault: ReturnType<FaultInjector['take']>,
  ): Promise<unknown> {
    this.history.scheduled(this.input, this.timeoutSeconds());
    this.history.started();
    if (fault?.when === 'before') return this.fail(new TaskFailedError(fault.error.name, fault.error.message));
    let result: unknown;
    try {
      result = shapeResult(await this.callHandler(functionName, payload));
    } catch (error) {
      return this.fail(asNamedError(error));
    }
    if (fault) return this.fail(new TaskFailedError(fault.error.name, fault.error.message));
    if (!this.execution.isLive()) throw new ExecutionDetachedError(this.execution.executionArn);
    this.history.succeeded(result);
    await this.execution.recordOutcome(this.key, { result });
    return result;
  }

  /** A token journaled before a crash whose handler never reported back: run the handler again with it. */
  resumeUnsubmitted(parked: JournaledParkedToken): Promise<TaskOutcome> {
    return this.runUntilCallback(undefined, parked);
  }

  private async runUntilCallback(fault: ReturnType<FaultInjector['take']>, resumed?: JournaledParkedToken): Promise<TaskOutcome> {
    const { functionName, payload } = this.invokeParameters();
    const token = resumed?.token ?? mintTaskToken();
    const timeoutSeconds = this.timeoutSeconds();
    const deadlineMs = resumed ? (resumed.deadlineMs ?? undefined) : timeoutSeconds === undefined ? undefined : this.dependencies.clock.now() + timeoutSeconds * 1000;
    const journaled: JournaledParkedToken = { token, stateName: this.task.name, deadlineMs: deadlineMs ?? null };
    this.history.scheduled(insertTaskToken(this.input, token), timeoutSeconds);
    // Journal the token before any handler can store it: a crash from here on resumes it.
    if (!resumed) await this.execution.recordParkedToken(this.key, journaled);
    this.history.started();
    const callback = awaitToken(this.dependencies, this.execution, this.task, this.key, token, deadlineMs);
    // It may settle (timeout, StopExecution) before the library awaits it, or never be awaited if the handler fails.
    callback.catch(() => undefined);
    const handlerFailure = async (error: Error): Promise<never> => {
      this.dependencies.tokens.discard(token);
      return this.fail(error, token);
    };
    if (fault?.when === 'before') return handlerFailure(new TaskFailedError(fault.error.name, fault.error.message));
    let submitted: unknown;
    try {
      submitted = await this.callHandler(functionName, insertTaskToken(payload, token));
    } catch (error) {
      return handlerFailure(asNamedError(error));
    }
    if (fault) return handlerFailure(new TaskFailedError(fault.error.name, fault.error.message));
    this.history.submitted({ Payload: submitted ?? null, StatusCode: 200, ExecutedVersion: '$LATEST' });
    // From now on a replay only parks the token again: the handler has stored it where the answer comes from.
    // (Unless the answer already came and closed it.)
    if (this.execution.isLive() && this.execution.journaledParkedToken(this.key)?.token === token) {
      await this.execution.recordParkedToken(this.key, { ...journaled, submitted: true });
    }
    return { settled: callback };
  }

  private async fail(error: Error, closedToken?: string): Promise<never> {
    if (!this.execution.isLive()) throw new ExecutionDetachedError(this.execution.executionArn);
    this.history.failed(error.name, error.message);
    await this.execution.recordOutcome(this.key, { error: { name: error.name, message: error.message } }, closedToken);
    throw error;
  }

  private invokeParameters(): { functionName: string; payload: unknown } {
    const parameters = (this.input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
    if (typeof parameters.FunctionName !== 'string') {
      throw new UnboundTaskError(this.task.name, 'lambda:invoke without a FunctionName in Parameters');
    }
    return { functionName: parameters.FunctionName, payload: parameters.Payload ?? {} };
  }

  private timeoutSeconds(): number | undefined {
    if (this.task.timeoutSeconds !== undefined) return this.task.timeoutSeconds;
    if (this.task.timeoutSecondsPath === undefined) return undefined;
    const seconds = readReferencePath(this.input, this.task.timeoutSecondsPath);
    return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
  }

  private async callHandler(functionName: string, event: unknown): Promise<unknown> {
    const fn = this.resolveFunction(functionName);
    const handler = this.dependencies.resolveHandler(fn);
    // A test's faults on the wire (a throttled service, say) are armed for this invocation only.
    const hooks = this.dependencies.faults.takeHooks(this.task.name);
    hooks?.start();
    try {
      return await handler(event, lambdaContextFor(fn, functionName, this.dependencies.region));
    } finally {
      hooks?.end();
    }
  }

  private resolveFunction(functionName: string): TemplateFunction {
    // FunctionName may be an ARN (with a qualifier) or a bare name.
    const name = functionName.startsWith('arn:') ? (functionName.split(':')[6] ?? functionName) : functionName;
    const fn = this.dependencies.functionsByName.get(name);
    if (!fn) throw new UnboundTaskError(this.task.name, `function ${functionName} is not in the template`);
    return fn;
  }
}

/** Parks the task on its token and turns the outcome into the task's result or error. */
async function awaitToken(
  dependencies: TaskBindingDependencies,
  execution: BoundExecution,
  task: TaskState,
  key: string,
  token: string,
  deadlineMs: number | undefined,
): Promise<unknown> {
  const history = new TaskHistory(task, execution, dependencies.region);
  const outcome = await dependencies.tokens.park(token, {
    executionArn: execution.executionArn,
    stateName: task.name,
    deadlineMs,
    onOutcome: async (settled: ParkedTaskOutcome): Promise<void> => {
      const journaled = journaledOutcomeOf(settled, task.name);
      if (!journaled) return;
      if ('result' in journaled) history.succeeded(journaled.result);
      else if (settled.kind === 'timed-out') history.timedOut(journaled.error.message);
      else history.failed(journaled.error.name, journaled.error.message);
      await execution.recordOutcome(key, journaled, token);
    },
  });
  switch (outcome.kind) {
    case 'succeeded':
      return outcome.output;
    case 'failed':
      throw new TaskFailedError(outcome.error, outcome.cause);
    case 'timed-out':
      throw new TaskTimeoutError(task.name);
    default:
      throw new ExecutionDetachedError(execution.executionArn);
  }
}

function journaledOutcomeOf(outcome: ParkedTaskOutcome, stateName: string): JournaledTaskOutcome | undefined {
  switch (outcome.kind) {
    case 'succeeded':
      return { result: outcome.output };
    case 'failed':
      return { error: { name: outcome.error, message: outcome.cause } };
    case 'timed-out': {
      const timeout = new TaskTimeoutError(stateName);
      return { error: { name: timeout.name, message: timeout.message } };
    }
    default:
      return undefined;
  }
}

/** Keeps the thrown error's `name` (Retry and Catch match on it); wraps what is not an Error. */
function asNamedError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new TaskFailedError('Error', typeof error === 'string' ? error : JSON.stringify(error));
}

/** The task events AWS writes to the history, by integration. */
class TaskHistory {
  private readonly lambdaDirect: boolean;
  private readonly resource: string;

  constructor(
    private readonly task: TaskState,
    private readonly execution: BoundExecution,
    private readonly region: string,
  ) {
    this.lambdaDirect = task.integration === 'lambda-direct';
    this.resource = task.integration === 'lambda-invoke-wait-for-task-token' ? 'invoke.waitForTaskToken' : 'invoke';
  }

  scheduled(parameters: unknown, timeoutInSeconds: number | undefined): void {
    if (this.lambdaDirect) {
      this.record('LambdaFunctionScheduled', { resource: this.task.resource, input: JSON.stringify(parameters), timeoutInSeconds });
    } else {
      this.record('TaskScheduled', { resourceType: 'lambda', resource: this.resource, region: this.region, parameters: JSON.stringify(parameters), timeoutInSeconds });
    }
  }

  started(): void {
    if (this.lambdaDirect) this.record('LambdaFunctionStarted', undefined);
    else this.record('TaskStarted', { resourceType: 'lambda', resource: this.resource });
  }

  submitted(output: unknown): void {
    this.record('TaskSubmitted', { resourceType: 'lambda', resource: this.resource, output: JSON.stringify(output) });
  }

  succeeded(output: unknown): void {
    if (this.lambdaDirect) this.record('LambdaFunctionSucceeded', { output: JSON.stringify(output ?? null) });
    else this.record('TaskSucceeded', { resourceType: 'lambda', resource: this.resource, output: JSON.stringify(output ?? null) });
  }

  failed(error: string, cause: string): void {
    if (this.lambdaDirect) this.record('LambdaFunctionFailed', { error, cause });
    else this.record('TaskFailed', { resourceType: 'lambda', resource: this.resource, error, cause });
  }

  timedOut(cause: string): void {
    this.record('TaskTimedOut', { resourceType: 'lambda', resource: this.resource, error: 'States.Timeout', cause });
  }

  private record(type: string, details: Record<string, unknown> | undefined): void {
    this.execution.recordHistory({ type, details });
  }
}

/** The context of the catalog function the template's function stands for; Lambda's defaults for any other. */
function lambdaContextFor(fn: TemplateFunction, invokedName: string, region: string): LambdaContext {
  const functionId = catalogFunctionAt(fn.cdkPath);
  const settings = functionId ? catalogLambdaSettings(functionId) : LAMBDA_DEFAULT_SETTINGS;
  const accountId = invokedName.startsWith('arn:') ? invokedName.split(':')[4] : undefined;
  return lambdaContext({ functionName: fn.logicalId, region, ...settings, ...(accountId ? { accountId } : {}) });
}
