/**
 * A small workflow shaped like the product's (docs/architecture.md): a direct task, a
 * signature wait with reminder rounds on timeout (MathAdd loop), a declined path, a plain
 * lambda:invoke, a Map of activation waits, an outcome record. Built with the CDK
 * constructs and synthesized in-process, as the local stack does, plus recording handlers.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { TemplateFunction } from '../../../local/stepfunctions/asl-from-template.js';
import type { LocalTaskHandler } from '../../../local/stepfunctions/task-binding.js';

export const SIGNATURE_ROUND_DAYS = 4;
export const SIGNATURE_ROUNDS = 3;

export interface SampleWorkflowOptions {
  /** Changes the definition (to prove a changed definition is not replayed). */
  readonly variant?: 'original' | 'changed';
  /** The execution's own timeout (top-level `TimeoutSeconds`). @default none */
  readonly timeout?: Duration;
}

/** Synthesizes the sample stack; path metadata on, as `cdk synth` does. */
export function synthesizeSampleWorkflow(options: SampleWorkflowOptions = {}): object {
  const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Sample');
  const functions = new Construct(stack, 'Functions');
  const functionNamed = (id: string): lambda.Function =>
    new lambda.Function(functions, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
  const generateForm = functionNamed('GenerateForm');
  const requestSignature = functionNamed('RequestSignature');
  const notify = functionNamed('Notify');
  const requestActivation = functionNamed('RequestActivation');
  const recordOutcome = functionNamed('RecordOutcome');

  const recordOutcomeTask = (id: string, outcome: string): tasks.LambdaInvoke =>
    new tasks.LambdaInvoke(stack, id, {
      lambdaFunction: recordOutcome,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({ requestId: sfn.JsonPath.stringAt('$.requestId'), outcome }),
      resultPath: sfn.JsonPath.DISCARD,
    });

  const generate = new tasks.LambdaInvoke(stack, 'GenerateForm', {
    lambdaFunction: generateForm,
    payloadResponseOnly: true,
    payload: sfn.TaskInput.fromObject({ requestId: sfn.JsonPath.stringAt('$.requestId') }),
    resultPath: '$.form',
    retryOnServiceExceptions: false,
  });
  generate.addRetry({ errors: ['TransientStepError'], interval: Duration.seconds(2), maxAttempts: 2 });

  const startSignature = new sfn.Pass(stack, 'StartSignature', { result: sfn.Result.fromObject({ round: 1 }), resultPath: '$.signing' });
  const signature = new tasks.LambdaInvoke(stack, 'RequestSignature', {
    lambdaFunction: requestSignature,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      requestId: sfn.JsonPath.stringAt('$.requestId'),
      round: sfn.JsonPath.numberAt('$.signing.round'),
      rounds: SIGNATURE_ROUNDS,
      taskToken: sfn.JsonPath.taskToken,
    }),
    taskTimeout: sfn.Timeout.duration(Duration.days(options.variant === 'changed' ? 5 : SIGNATURE_ROUND_DAYS)),
    resultPath: '$.signature',
    retryOnServiceExceptions: false,
  });
  const countRound = new sfn.Pass(stack, 'CountSignatureRound', {
    parameters: { round: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.signing.round'), 1) },
    resultPath: '$.signing',
  });
  const roundsLeft = new sfn.Choice(stack, 'SignatureRoundsLeft');
  const expired = recordOutcomeTask('RecordExpired', 'expired').next(new sfn.Succeed(stack, 'Expired'));
  const declined = recordOutcomeTask('RecordDeclined', 'declined').next(new sfn.Succeed(stack, 'Declined'));
  signature.addCatch(countRound, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  signature.addCatch(declined, { errors: ['SignatureDeclined'], resultPath: '$.declined' });
  countRound.next(roundsLeft.when(sfn.Condition.numberLessThanEquals('$.signing.round', SIGNATURE_ROUNDS), signature).otherwise(expired));

  const notifyTask = new tasks.LambdaInvoke(stack, 'NotifySigned', {
    lambdaFunction: notify,
    payload: sfn.TaskInput.fromObject({ requestId: sfn.JsonPath.stringAt('$.requestId'), method: sfn.JsonPath.stringAt('$.signature.method') }),
    resultSelector: { 'sent.$': '$.Payload.sent' },
    resultPath: '$.notified',
    retryOnServiceExceptions: false,
  });

  const activation = new tasks.LambdaInvoke(stack, 'RequestActivation', {
    lambdaFunction: requestActivation,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      requestId: sfn.JsonPath.stringAt('$.requestId'),
      grantee: sfn.JsonPath.stringAt('$.grantee'),
      taskToken: sfn.JsonPath.taskToken,
    }),
    taskTimeout: sfn.Timeout.duration(Duration.days(14)),
    retryOnServiceExceptions: false,
  });
  const activateEach = new sfn.Map(stack, 'ActivateEachGrantee', {
    itemsPath: '$.grantees',
    itemSelector: { requestId: sfn.JsonPath.stringAt('$.requestId'), grantee: sfn.JsonPath.stringAt('$$.Map.Item.Value') },
    resultPath: '$.activations',
  });
  activateEach.itemProcessor(activation);

  const completed = recordOutcomeTask('RecordCompleted', 'completed').next(new sfn.Succeed(stack, 'Completed'));
  const definition = generate.next(startSignature).next(signature).next(notifyTask).next(activateEach).next(completed);
  new sfn.StateMachine(stack, 'Workflow', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  return Template.fromStack(stack).toJSON();
}

export const SAMPLE_STATE_MACHINE_PATH = 'Sample/Workflow/Resource';

export interface RecordedCall {
  readonly functionPath: string;
  readonly event: Record<string, unknown>;
}

/**
 * In-test handlers for the sample functions: they record each call (and the tokens
 * handed out) the way the product's steps store their tokens.
 */
export class SampleHandlers {
  readonly calls: RecordedCall[] = [];

  /** Handlers by construct path of the function. */
  private readonly byPath: Record<string, (event: Record<string, unknown>) => unknown> = {
    'Sample/Functions/GenerateForm/Resource': (event) => ({ formSha256: `sha-of-${String(event.requestId)}` }),
    'Sample/Functions/RequestSignature/Resource': () => ({ mailed: true }),
    'Sample/Functions/Notify/Resource': () => ({ sent: true }),
    'Sample/Functions/RequestActivation/Resource': () => ({ mailed: true }),
    'Sample/Functions/RecordOutcome/Resource': () => ({}),
  };

  readonly resolveHandler = (fn: TemplateFunction): LocalTaskHandler => {
    const path = fn.cdkPath ?? fn.logicalId;
    const handler = this.byPath[path];
    if (!handler) throw new Error(`No sample handler for ${path}`);
    return async (event: Record<string, unknown>) => {
      this.calls.push({ functionPath: path, event });
      return handler(event);
    };
  };

  /** Makes the function at `path` behave differently from now on. */
  replace(path: string, handler: (event: Record<string, unknown>) => unknown): void {
    this.byPath[path] = handler;
  }

  callsOf(functionName: string): Record<string, unknown>[] {
    return this.calls.filter((call) => call.functionPath === `Sample/Functions/${functionName}/Resource`).map((call) => call.event);
  }

  /** Tokens handed to the function, in order. */
  tokensOf(functionName: string): string[] {
    return this.callsOf(functionName).map((event) => String(event.taskToken));
  }
}
