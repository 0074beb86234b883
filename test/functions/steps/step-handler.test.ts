import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidStepInput, stepHandler, TransientStepError } from '../../../functions/steps/step-handler.js';

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

  it('keeps the name of a domain error, so a Catch on it still matches', async () => {
    class SignatureDeclined extends Error {
      override readonly name = 'SignatureDeclined';
    }
    const handler = stepHandler('Example', input, async () => {
      throw new SignatureDeclined('no');
    });
    await expect(handler({ requestId: 'req_1' })).rejects.toMatchObject({ name: 'SignatureDeclined' });
  });

  it('keeps a client error of the service as it is (a bug, not a retry case)', async () => {
    const validation = sdkError('ValidationException', 400);
    const handler = stepHandler('Example', input, async () => {
      throw validation;
    });
    await expect(handler({ requestId: 'req_1' })).rejects.toBe(validation);
  });

  it('answers the step result when all goes well', async () => {
    const handler = stepHandler('Example', input, async ({ requestId }) => ({ seen: requestId }));
    await expect(handler({ requestId: 'req_1' })).resolves.toEqual({ seen: 'req_1' });
  });
});
