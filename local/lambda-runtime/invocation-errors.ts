/**
 * What a handler threw, carried from the worker thread that ran it back to the caller. A
 * thread's structured clone keeps an error's message but not its `name` unless it is one of
 * JavaScript's own (a `SignatureDeclined` would arrive as `Error`), and the workflow's Retry and
 * Catch match on that name (local/stepfunctions/task-errors.ts): so an error crosses as plain
 * data, name, message, stack, `cause` and its own fields (a product error's `details`), and is
 * rebuilt with all of them.
 */
import { LocalStackError } from '../local-stack-error.js';

/** A thrown error as data a thread can post. */
export interface CarriedError {
  readonly kind: 'error';
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Its own enumerable fields, but `name`, `message`, `stack` and `cause` (e.g. `details`, `$metadata`, `isRetryable`). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly cause?: CarriedThrown;
}

/** Anything thrown that is no Error (a string, an object), as a structured clone carries it. */
export interface CarriedValue {
  readonly kind: 'value';
  readonly value: unknown;
}

export type CarriedThrown = CarriedError | CarriedValue;

/** How deep a chain of causes is carried; deeper ones are cut (no log or caller reads that far). */
const MAX_CAUSE_DEPTH = 5;

/** `thrown` as data a thread can post: cloneable fields as they are, any other as its string. */
export function carryThrown(thrown: unknown, depth = 0): CarriedThrown {
  if (!(thrown instanceof Error)) return { kind: 'value', value: cloneable(thrown) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(thrown)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    fields[key] = cloneable(value);
  }
  return {
    kind: 'error',
    name: thrown.name,
    message: thrown.message,
    stack: thrown.stack,
    fields,
    ...(thrown.cause !== undefined && depth < MAX_CAUSE_DEPTH ? { cause: carryThrown(thrown.cause, depth + 1) } : {}),
  };
}

/**
 * The error a handler threw, rebuilt on the caller's side: an `Error` with the handler's
 * `name`, `message`, `stack`, `cause` and fields (not its class: callers read names, as Step
 * Functions does); a thrown non-Error comes back as the value it was.
 */
export function rebuildThrown(carried: CarriedThrown): unknown {
  if (carried.kind === 'value') return carried.value;
  const error = new Error(carried.message, carried.cause === undefined ? undefined : { cause: rebuildThrown(carried.cause) });
  Object.assign(error, carried.fields);
  // Set as own properties, as a product error's class field `name` is.
  Object.defineProperty(error, 'name', { value: carried.name, enumerable: true, writable: true, configurable: true });
  if (carried.stack !== undefined) error.stack = carried.stack;
  return error;
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}

/**
 * The worker thread running the invocation died before it answered (an uncaught exception, an
 * unhandled rejection, `process.exit`, a thread out of memory): what Step Functions reports of a
 * Lambda runtime that exited, `Lambda.Unknown`, which every Task retries
 * (workflows/access-request-workflow.ts, `LAMBDA_SERVICE_ERRORS`).
 */
export class LambdaRuntimeExitedError extends Error {
  override readonly name = 'Lambda.Unknown';

  constructor(exitCode: number, options?: { cause?: unknown }) {
    super(`Runtime exited with error: exit status ${exitCode}`, options);
  }
}

/** The stack stopped its invocation threads while this invocation was running or waiting. */
export class InvocationPoolStoppedError extends LocalStackError {
  override readonly name = 'InvocationPoolStoppedError';
}
