/**
 * The wrapper every workflow step shares: validates the payload with the step's zod schema,
 * logs with the request id and the step, and names errors so the workflow's Retry and Catch
 * can tell them apart (Step Functions matches on the error name only).
 */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../observability/logger.js';

/** A failure worth retrying: the workflow retries it with backoff (workflows/). */
export class TransientStepError extends Error {
  override readonly name = 'TransientStepError';
}

/** The payload the workflow sent does not match the step's schema: a bug, not a retry case. */
export class InvalidStepInput extends Error {
  override readonly name = 'InvalidStepInput';
}

export type StepHandler<Result> = (event: unknown, context?: Context) => Promise<Result>;

export function stepHandler<Schema extends z.ZodType, Result>(
  step: string,
  schema: Schema,
  run: (input: z.infer<Schema>) => Promise<Result>,
): StepHandler<Result> {
  return async (event, context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new InvalidStepInput(`${step}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
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
      logger.error('step failed', { errorName: named.name, error: named });
      throw named;
    } finally {
      logger.removeKeys(['step', 'requestId']);
    }
  };
}

/** AWS SDK errors that are throttling or server-side become retryable; the rest keep their name. */
function classify(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = meta.$metadata?.httpStatusCode ?? 0;
  if (meta.$retryable || status >= 500 || status === 429 || meta.name === 'TimeoutError' || meta.code === 'ECONNREFUSED' || meta.code === 'ECONNRESET') {
    return new TransientStepError(`${meta.name}: ${meta.message}`, { cause: error });
  }
  return error;
}
