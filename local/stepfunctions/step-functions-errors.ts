/**
 * The errors the Step Functions API answers with. `name` is the AWS error code: the
 * server sends it as `__type`, so `@aws-sdk/client-sfn` throws its modelled error
 * (`TaskTimedOut`, `InvalidToken`, ...).
 */
export type StepFunctionsErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'UnknownOperationException'
  | 'ValidationException';

/** A refusal the API answers with HTTP 400 and this error code. */
export class StepFunctionsApiError extends Error {
  override readonly name: StepFunctionsErrorCode;
  constructor(code: StepFunctionsErrorCode, message: string) {
    super(message);
    this.name = code;
  }
}

export class ExecutionAlreadyExistsError extends StepFunctionsApiError {
  constructor(readonly executionArn: string) {
    super('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }
}

export class ExecutionDoesNotExistError extends StepFunctionsApiError {
  constructor(readonly executionArn: string) {
    super('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
}

export class StateMachineDoesNotExistError extends StepFunctionsApiError {
  constructor(readonly stateMachineArn: string) {
    super('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
  }
}

export class InvalidTokenError extends StepFunctionsApiError {
  constructor(reason: string) {
    super('InvalidToken', `Invalid Token: '${reason}'`);
  }
}

export class TaskDoesNotExistError extends StepFunctionsApiError {
  constructor() {
    super('TaskDoesNotExist', 'Task does not exist anymore');
  }
}

export class TaskTimedOutError extends StepFunctionsApiError {
  constructor() {
    super('TaskTimedOut', 'Task Timed Out: the task has timed out or its execution has been closed');
  }
}
