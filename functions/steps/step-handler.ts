/**
 * The wrapper every workflow step shares: validates the payload with the step's zod schema,
 * logs with the request id and the step, and names errors so the workflow's Retry and Catch
 * can tell them apart (Step Functions matches on the error name only).
 *
 * What a step throws reaches the execution history (as the error's cause) and, through
 * RecordFailure, the stored request: so an error that is not one of ours (an AWS SDK error,
 * whose message may quote a recipient's address) is replaced by one of ours that names only
 * the failing service call and its status; the original stays as `cause`, never serialized.
 */
import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { isPassingFault } from '../errors/passing-fault.js';
import { describeForLog, ProductError } from '../errors/product-error.js';
import { logger } from '../observability/logger.js';

interface UpstreamDetails {
  readonly upstream: string;
  readonly statusCode?: number;
}

/** A failure worth retrying (throttling, a 5xx, a network fault): the workflow retries it with backoff (workflows/). */
export class TransientStepError extends ProductError<UpstreamDetails> {
  override readonly name = 'TransientStepError';
}

/** A failure of another service that a retry will not mend (e.g. a 4xx): the workflow records it and fails. */
export class UpstreamStepError extends ProductError<UpstreamDetails> {
  override readonly name = 'UpstreamStepError';
}

/** The payload the workflow sent does not match the step's schema: a bug, not a retry case. */
export class InvalidStepInput extends ProductError<{ step: string; paths: string[] }> {
  override readonly name = 'InvalidStepInput';
}

export type StepHandler<Result> = (event: unknown, context?: Context) => Promise<Result>;

export function stepHandler<Schema extends z.ZodMiniType, Result>(
  step: string,
  schema: Schema,
  run: (input: z.infer<Schema>) => Promise<Result>,
): StepHandler<Result> {
  return async (event, context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      const paths = parsed.error.issues.map((issue) => issue.path.join('.'));
      throw new InvalidStepInput(`${step}: the payload does not match the step's schema at ${paths.join(', ')}`, { step, paths });
    }
    const requestId = (parsed.data as { requestId?: string }).requestId;
    if (context) logger.addContext(context);
    logger.appendKeys({ step, requestId });
    try {
      const result = await run(parsed.data);
      logger.info('step done');
      return result;
    } catch (error) {
      const named = classify(error);
      logger.error('step failed', { error: describeForLog(named) });
      throw named;
    } finally {
      logger.removeKeys(['step', 'requestId']);
    }
  };
}

/** Our errors keep their name; another service's becomes transient (throttling, 5xx, network) or upstream. */
export function classify(error: unknown): Error {
  if (error instanceof ProductError) return error;
  if (!(error instanceof Error)) return new UpstreamStepError('A step failed with a value that is not an error', { upstream: typeof error });
  const meta = error as Error & { $metadata?: { httpStatusCode?: number } };
  const statusCode = meta.$metadata?.httpStatusCode;
  const details: UpstreamDetails = { upstream: meta.name, ...(statusCode ? { statusCode } : {}) };
  const summary = `${meta.name}${statusCode ? ` (HTTP ${statusCode})` : ''}`;
  return isPassingFault(error)
    ? new TransientStepError(`${summary}: worth another try`, details, { cause: error })
    : new UpstreamStepError(`${summary}: a call to another service failed`, details, { cause: error });
}
