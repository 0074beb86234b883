/**
 * Errors the task binding throws into the workflow. The library matches Retry and Catch on
 * `error.name` exactly and turns a caught error into `{Error: name, Cause: message}`.
 */

/** A task failure with the name and cause Step Functions would report (handler error, SendTaskFailure). */
export class TaskFailedError extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

/** The task's `TimeoutSeconds` elapsed before SendTaskSuccess/SendTaskFailure. */
export class TaskTimeoutError extends Error {
  override readonly name = 'States.Timeout';
  constructor(stateName: string) {
    super(`Task ${stateName} timed out`);
  }
}

/**
 * The execution was stopped (StopExecution) or the runtime shut down: ends whatever the
 * library still runs for it. Neither retryable nor catchable, like the library's own
 * runtime errors, so no Retry or Catch runs a handler again.
 */
export class ExecutionDetachedError extends Error {
  override readonly name = 'LocalStepFunctions.ExecutionDetached';
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(executionArn: string) {
    super(`Execution ${executionArn} is no longer run by this runtime`);
  }
}

/** The Task's resource has no local binding (only Lambda integrations are bound). */
export class UnboundTaskError extends Error {
  override readonly name = 'LocalStepFunctions.UnboundTask';
  constructor(stateName: string, detail: string) {
    super(`Task ${stateName}: ${detail}`);
  }
}
