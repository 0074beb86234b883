/**
 * The Step Functions workflow seen from the functions: start a request's execution, answer
 * a parked task, stop an execution. `AWS_ENDPOINT_URL_SFN` points it at the local stack.
 */
import { ProductError } from '../errors/product-error.js';
import { config } from '../config/config.js';
import { clientOnFirstUse, isServiceError } from './sdk-on-first-use.js';

/** Step Functions' SDK, imported on the first call to the workflow (functions/adapters/sdk-on-first-use.ts). */
const sfn = clientOnFirstUse(() => import('@aws-sdk/client-sfn'), (sdk) => new sdk.SFNClient({}));

/** The parked task is gone (timed out, answered, or its execution stopped). */
export class TaskNoLongerWaiting extends ProductError<{ upstream: string }> {
  override readonly name = 'TaskNoLongerWaiting';
}

/** Starts the request's execution; the execution is named after the request, so a retry is idempotent. */
export async function startRequestExecution(requestId: string): Promise<string> {
  const { client, sdk } = await sfn();
  try {
    const answer = await client.send(
      new sdk.StartExecutionCommand({
        stateMachineArn: config().STATE_MACHINE_ARN,
        name: requestId,
        input: JSON.stringify({ requestId }),
      }),
    );
    return answer.executionArn ?? executionArnOf(requestId);
  } catch (error) {
    if (isServiceError(error, 'ExecutionAlreadyExists')) return executionArnOf(requestId);
    throw error;
  }
}

export function executionArnOf(requestId: string): string {
  return `${config().STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${requestId}`;
}

export async function completeTask(taskToken: string, output: unknown): Promise<void> {
  const { client, sdk } = await sfn();
  await answerTask(() => client.send(new sdk.SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
}

/** Fails a parked task with a named error, which the workflow's Catch matches. */
export async function failTask(taskToken: string, error: string, cause: string): Promise<void> {
  const { client, sdk } = await sfn();
  await answerTask(() => client.send(new sdk.SendTaskFailureCommand({ taskToken, error, cause })));
}

export async function stopExecution(executionArn: string, cause: string): Promise<void> {
  const { client, sdk } = await sfn();
  await client.send(new sdk.StopExecutionCommand({ executionArn, cause, error: 'Cancelled' }));
}

/**
 * Waits for an answer to a task, taking "the task no longer waits" (answered by someone else,
 * timed out, stopped) as done: nothing is owed to it any more. Answers whether it was delivered.
 */
export async function ifStillWaiting(answer: Promise<void>): Promise<boolean> {
  try {
    await answer;
    return true;
  } catch (error) {
    if (error instanceof TaskNoLongerWaiting) return false;
    throw error;
  }
}

async function answerTask(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (isServiceError(error, 'TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist')) {
      throw new TaskNoLongerWaiting(`The task no longer waits (${error.name})`, { upstream: error.name }, { cause: error });
    }
    throw error;
  }
}
