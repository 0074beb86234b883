import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeForLog, ProductError } from '../../../functions/errors/product-error.js';
import { InvalidStepInput, stepHandler, TransientStepError, UpstreamStepError } from '../../../functions/steps/step-handler.js';

const input = z.object({ requestId: z.string().min(1) });

/** An AWS SDK error as the SDK throws it: a name, HTTP metadata, and maybe `$retryable`. */
function sdkError(name: string, status: number, retryable = false): Error {
  return Object.assign(new Error(`${name} from the service`), { name, $metadata: { httpStatusCode: status }, ...(retryable ? { $retryable: {} } : {}) });
}

describe('stepHandler: errors the workflow can tell apart (Retry and Catch match on the name)', () => {
  it('refuses a payload that does not match the step schema, naming the field', async () => {
    const handler = stepHandler('Example', input, async () => 'ran');
    await expect(handler({ requestId: '' })).rejects.toSatisfy(
      (error: Error) => error instanceof InvalidStepInput && error.name === 'InvalidStepInput' && error.message.includes('requestId'),
    );
  });

  it.each([
    ['a throttled call', sdkError('ThrottlingException', 400, true)],
    ['a server error', sdkError('InternalServerError', 500)],
    ['too many requests', sdkError('TooManyRequestsException', 429)],
  ])('turns %s into TransientStepError, which the workflow retries with backoff', async (_label, error) => {
    const handler = stepHandler('Example', input, async () => {
      throw error;
    });
    await expect(handler({ requestId: 'req_1' })).rejects.toSatisfy((thrown: Error) => thrown instanceof TransientStepError && thrown.cause === error);
  });

  it('keeps a product error as it is, so a Catch on its name still matches', async () => {
    class SignatureDeclined extends ProductError<{ role: string }> {
      override readonly name = 'SignatureDeclined';
    }
    const declined = new SignatureDeclined('no', { role: 'requester' });
    const handler = stepHandler('Example', input, async () => {
      throw declined;
    });
    await expect(handler({ requestId: 'req_1' })).rejects.toBe(declined);
  });

  it('turns a client error of another service into UpstreamStepError (not retried), keeping it only as the cause', async () => {
    const rejected = sdkError('MessageRejected', 400);
    const handler = stepHandler('Example', input, async () => {
      throw rejected;
    });
    await expect(handler({ requestId: 'req_1' })).rejects.toSatisfy(
      (thrown: Error) => thrown instanceof UpstreamStepError && thrown.cause === rejected && thrown.message === 'MessageRejected (HTTP 400): a call to another service failed',
    );
  });

  it('never passes on the words of another service: they may name a recipient (no personal data in the execution history)', async () => {
    const named = Object.assign(new Error('Email address is not verified. The following identities failed the check: hans@example.be'), {
      name: 'MessageRejected',
      $metadata: { httpStatusCode: 400 },
    });
    const throttled = Object.assign(new Error('Rate exceeded for hans@example.be'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 }, $retryable: {} });
    for (const error of [named, throttled]) {
      const handler = stepHandler('Example', input, async () => {
        throw error;
      });
      const thrown = await handler({ requestId: 'req_1' }).catch((caught: unknown) => caught as Error);
      expect(thrown.message).not.toContain('@');
      expect(JSON.stringify(describeForLog(thrown))).not.toContain('hans');
    }
  });

  it('answers the step result when all goes well', async () => {
    const handler = stepHandler('Example', input, async ({ requestId }) => ({ seen: requestId }));
    await expect(handler({ requestId: 'req_1' })).resolves.toEqual({ seen: 'req_1' });
  });
});
