/**
 * The Lambda context crosses to the worker thread that runs an invocation as data (a thread
 * cannot be handed functions): rebuilt there, it is the same context, counting down to the same
 * deadline.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, lambdaContextFromSnapshot, snapshotLambdaContext, UnsupportedLambdaCallbackError } from '../../../local/lambda-context.js';

describe('a Lambda context carried to a worker thread', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is rebuilt with the same data and the same deadline, however long it took to cross', () => {
    const original = lambdaContext({ functionName: 'GenerateForm', timeoutMs: 60_000, memoryMb: 1024, region: 'eu-west-1' });
    vi.advanceTimersByTime(1_500);

    const snapshot = structuredClone(snapshotLambdaContext(original));
    vi.advanceTimersByTime(500);
    const rebuilt = lambdaContextFromSnapshot(snapshot);

    const { getRemainingTimeInMillis: _remaining, done: _done, fail: _fail, succeed: _succeed, ...data } = original;
    expect(rebuilt).toMatchObject(data);
    expect([rebuilt.getRemainingTimeInMillis(), original.getRemainingTimeInMillis()]).toEqual([58_000, 58_000]);
    vi.advanceTimersByTime(60_000);
    expect(rebuilt.getRemainingTimeInMillis()).toBe(0);
  });

  it('refuses the callback-style completion there too', () => {
    const rebuilt = lambdaContextFromSnapshot(snapshotLambdaContext(lambdaContext({ functionName: 'PortalApi', timeoutMs: 20_000, memoryMb: 256, region: 'eu-west-1' })));

    expect(() => rebuilt.succeed({})).toThrow(UnsupportedLambdaCallbackError);
  });
});
