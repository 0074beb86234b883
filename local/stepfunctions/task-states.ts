/**
 * Reads the Task states out of an ASL definition (Map iterators and Parallel branches
 * included) and rewrites the definition into what aws-local-stepfunctions runs well:
 * - `"key.$": "$$.Task.Token"` becomes a literal placeholder, replaced by a fresh token on
 *   each invocation (the library only knows one static token);
 * - task timeouts are taken out of the library's hands (its default is 60 s, and its
 *   `setTimeout` can neither be driven by a test clock nor survive a restart): every Task
 *   gets {@link LIBRARY_TASK_TIMEOUT_SECONDS} and the real timeout is enforced by the binding;
 * - the execution's own timeout (top-level `TimeoutSeconds`) likewise: the library would arm
 *   one `setTimeout` for it, which overflows past 2³¹ ms and fires at once, so it is taken out
 *   and enforced on the runtime's clock (`local-executions.ts`).
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/** How a Task state reaches its Lambda function. */
export type TaskIntegration =
  /** `Resource` is the function ARN (CDK `payloadResponseOnly`): input in, result out. */
  | 'lambda-direct'
  /** `arn:aws:states:::lambda:invoke`: `{FunctionName, Payload}` in, Lambda envelope out. */
  | 'lambda-invoke'
  /** `...lambda:invoke.waitForTaskToken`: the result is what SendTaskSuccess sends. */
  | 'lambda-invoke-wait-for-task-token'
  /** Anything else: no local binding. */
  | 'unsupported';

export interface TaskState {
  readonly name: string;
  readonly resource: string;
  readonly integration: TaskIntegration;
  readonly timeoutSeconds: number | undefined;
  /** Evaluated against the task's input after `Parameters` (as the library does). */
  readonly timeoutSecondsPath: string | undefined;
}

/** Stands where the ASL had `$$.Task.Token`; each invocation swaps in its own token. */
export const TASK_TOKEN_PLACEHOLDER = '__local-step-functions:task-token__';

/**
 * What the library is told for every Task: just under Node's 2³¹ ms timer limit (a longer
 * delay would fire at once). The binding's own deadline must come first, so a definition
 * whose Task waits longer is refused ({@link TaskTimeoutTooLongError}).
 */
export const LIBRARY_TASK_TIMEOUT_SECONDS = 2_147_000;

/** A Task's `TimeoutSeconds` is longer than the library's own timer can hold. */
export class TaskTimeoutTooLongError extends Error {
  override readonly name = 'TaskTimeoutTooLongError';
}

export interface PreparedDefinition {
  /** The definition to hand to the library. */
  readonly asl: StateMachineDefinition;
  /** Every Task state by name (names are unique across the whole machine). */
  readonly tasks: ReadonlyMap<string, TaskState>;
  /** The definition's top-level `TimeoutSeconds`, left out of {@link asl}; undefined when it has none. */
  readonly executionTimeoutSeconds: number | undefined;
}

type Json = Record<string, unknown>;

/** Collects the Task states and rewrites the definition for the library (see the file header). */
export function prepareDefinition(asl: Json): PreparedDefinition {
  const tasks = new Map<string, TaskState>();
  const prepared = prepareMachine(structuredClone(asl), tasks);
  const executionTimeoutSeconds = typeof prepared.TimeoutSeconds === 'number' ? prepared.TimeoutSeconds : undefined;
  delete prepared.TimeoutSeconds;
  return { asl: prepared as unknown as StateMachineDefinition, tasks, executionTimeoutSeconds };
}

function prepareMachine(machine: Json, tasks: Map<string, TaskState>): Json {
  const states = (machine.States ?? {}) as Record<string, Json>;
  for (const [name, state] of Object.entries(states)) {
    switch (state.Type) {
      case 'Task':
        tasks.set(name, describeTask(name, state));
        prepareTask(state);
        break;
      case 'Map': {
        const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
        if (processor) prepareMachine(processor, tasks);
        break;
      }
      case 'Parallel':
        for (const branch of (state.Branches ?? []) as Json[]) prepareMachine(branch, tasks);
        break;
      default:
        break;
    }
  }
  return machine;
}

function describeTask(name: string, state: Json): TaskState {
  const resource = String(state.Resource ?? '');
  if (typeof state.TimeoutSeconds === 'number' && state.TimeoutSeconds >= LIBRARY_TASK_TIMEOUT_SECONDS) {
    throw new TaskTimeoutTooLongError(
      `${name}: TimeoutSeconds ${state.TimeoutSeconds} is not below ${LIBRARY_TASK_TIMEOUT_SECONDS}, the longest wait the local interpreter's own timer holds`,
    );
  }
  return {
    name,
    resource,
    integration: integrationOf(resource),
    timeoutSeconds: typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined,
    timeoutSecondsPath: typeof state.TimeoutSecondsPath === 'string' ? state.TimeoutSecondsPath : undefined,
  };
}

function integrationOf(resource: string): TaskIntegration {
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) return 'lambda-direct';
  const service = /^arn:[^:]+:states:::lambda:invoke(\.waitForTaskToken)?$/.exec(resource);
  if (!service) return 'unsupported';
  return service[1] ? 'lambda-invoke-wait-for-task-token' : 'lambda-invoke';
}

function prepareTask(state: Json): void {
  delete state.TimeoutSecondsPath;
  delete state.HeartbeatSeconds;
  delete state.HeartbeatSecondsPath;
  state.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
  if (state.Parameters !== undefined) state.Parameters = replaceTokenReferences(state.Parameters);
}

function replaceTokenReferences(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(replaceTokenReferences);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key.endsWith('.$') && value === '$$.Task.Token'
        ? [key.slice(0, -2), TASK_TOKEN_PLACEHOLDER]
        : [key, replaceTokenReferences(value)],
    ),
  );
}

/** Copies `payload`, putting `token` wherever the definition asked for `$$.Task.Token`. */
export function insertTaskToken(payload: unknown, token: string): unknown {
  if (payload === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(payload)) return payload.map((item) => insertTaskToken(item, token));
  if (!payload || typeof payload !== 'object') return payload;
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, insertTaskToken(value, token)]));
}

/** Reads a simple reference path (`$.a.b[0]`) such as `TimeoutSecondsPath`. */
export function readReferencePath(input: unknown, path: string): unknown {
  if (path === '$') return input;
  const steps = path
    .replace(/^\$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((step): step is string => step !== undefined && step !== '');
  let node: unknown = input;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}
