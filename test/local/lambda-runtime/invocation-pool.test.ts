/**
 * The local stack's Lambda runtime (local/lambda-runtime/): invocations run in worker threads
 * as wide as the cores (issue 11, "200 at once"), and come back to their callers as an
 * in-process call would: the result, or the error with its name and fields (the workflow's
 * Retry and Catch match on the name).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../local/lambda-context.js';
import { startInvocationPool, type InvocationPool, type PooledOutcome } from '../../../local/lambda-runtime/invocation-pool.js';
import type { ProbeDescription, ProbeEvent } from './fixtures/probe-handler.js';

const PROBE = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'probe-handler.ts')).href;

const context = () => lambdaContext({ functionName: 'Probe', region: 'eu-west-1', timeoutMs: 20_000, memoryMb: 512 });

let pool: InvocationPool | undefined;

afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

function start(size = 2, invocationsPerWorker?: number): InvocationPool {
  pool = startInvocationPool({ size, onWorkerExit: () => undefined, ...(invocationsPerWorker === undefined ? {} : { invocationsPerWorker }) });
  return pool;
}

async function succeeded(outcome: Promise<PooledOutcome>): Promise<unknown> {
  const settled = await outcome;
  if (!settled.ok) throw settled.error;
  return settled.result;
}

async function failure(outcome: Promise<PooledOutcome>): Promise<unknown> {
  const settled = await outcome;
  if (settled.ok) throw new Error(`expected a failure, got ${JSON.stringify(settled.result)}`);
  return settled.error;
}

describe('the invocation pool', () => {
  it("runs a handler in a worker thread with the caller's context rebuilt: same request id, memory and deadline", async () => {
    const invocations = start();
    const given = context();
    const remainingBefore = given.getRemainingTimeInMillis();

    const answer = (await succeeded(invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, given))) as ProbeDescription;
    const remainingAfter = given.getRemainingTimeInMillis();

    expect(answer.threadId).not.toBe(threadId);
    expect(answer).toMatchObject({ functionName: 'Probe', awsRequestId: given.awsRequestId, memoryLimitInMB: '512' });
    // One deadline, counted on the clock the threads share.
    expect(answer.remainingMs).toBeLessThanOrEqual(remainingBefore);
    expect(answer.remainingMs).toBeGreaterThanOrEqual(remainingAfter);
  });

  it('measures the handler and, on the invocation that imported the module, the import (a cold start)', async () => {
    const invocations = start(1);

    const cold = await invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context());
    const warm = await invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context());

    expect(cold.initDurationMs).toBeGreaterThan(0);
    expect(warm.initDurationMs).toBeUndefined();
    expect(warm.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('shares the environment the stack configures, also what it sets after the workers started', async () => {
    const invocations = start();
    await succeeded(invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context()));
    const name = `PROBE_SETTING_${process.pid}`;
    process.env[name] = 'configured-later';
    try {
      const answer = (await succeeded(invocations.invoke(PROBE, { action: 'describe', envName: name } satisfies ProbeEvent, context()))) as ProbeDescription;
      expect(answer.env).toBe('configured-later');
    } finally {
      delete process.env[name];
    }
  });

  it("gives back a handler's error with its name, message, fields and cause (Retry and Catch match on the name)", async () => {
    const invocations = start();

    const error = (await failure(invocations.invoke(PROBE, { action: 'throw-named' } satisfies ProbeEvent, context()))) as Error & { details?: unknown };

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ProbeRefused');
    expect(error.message).toBe('The probe refuses');
    expect(error.details).toEqual({ requestId: 'R-1', status: 'SIGNED' });
    expect(error.cause).toMatchObject({ name: 'RangeError', message: 'out of range' });
    expect(error.stack).toContain('probe-handler.ts');
  });

  it('fails the invocation of a module without a handler export, by a name that says so', async () => {
    const invocations = start();
    const noHandler = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'no-handler.ts')).href;

    expect(await failure(invocations.invoke(noHandler, {}, context()))).toMatchObject({ name: 'MissingHandlerError' });
  });

  it('gives back a thrown value that is no Error as it was', async () => {
    const invocations = start();

    expect(await failure(invocations.invoke(PROBE, { action: 'throw-value' } satisfies ProbeEvent, context()))).toBe('a bare string');
  });

  it('fails the invocation of a worker that dies as Lambda.Unknown, and runs the next one in a new worker', async () => {
    const invocations = start(1);
    const before = (await succeeded(invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context()))) as ProbeDescription;

    const error = (await failure(invocations.invoke(PROBE, { action: 'crash' } satisfies ProbeEvent, context()))) as Error;
    const after = (await succeeded(invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context()))) as ProbeDescription;

    expect(error.name).toBe('Lambda.Unknown');
    expect(error.message).toBe('Runtime exited with error: exit status 1');
    expect(after.threadId).not.toBe(before.threadId);
  });

  it('runs an invocation in another worker while one holds its thread (a heavy render stalls nothing else)', async () => {
    const invocations = start(2);
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const blocked = invocations.invoke(PROBE, { action: 'block', gate } satisfies ProbeEvent, context());

    const other = (await succeeded(invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context()))) as ProbeDescription;
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const released = (await succeeded(blocked)) as { threadId: number };

    expect(other.threadId).not.toBe(released.threadId);
    expect(invocations.threads).toBe(2);
  });

  it('holds an invocation in the pool while every worker runs its most, and counts its timeout from its start', async () => {
    const invocations = start(1, 1);
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const blocked = invocations.invoke(PROBE, { action: 'block', gate } satisfies ProbeEvent, context());
    const given = context();
    const deadlineMs = Date.now() + given.getRemainingTimeInMillis();
    const waiting = invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, given);

    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const first = await blocked;
    const answer = (await succeeded(waiting)) as ProbeDescription;

    expect(answer.awsRequestId).toBe(given.awsRequestId);
    // It waited at least while the worker imported the probe for the first: its deadline moved by that.
    const movedMs = answer.remainingMs - (deadlineMs - answer.nowMs);
    expect(movedMs).toBeGreaterThanOrEqual(Math.floor(first.initDurationMs ?? 0) - 2);
    expect(movedMs).toBeGreaterThan(0);
  });

  it('starts as many workers as asked, and a dead one is replaced by the next invocation', async () => {
    const invocations = start(2);
    expect(invocations.threads).toBe(2);

    await failure(invocations.invoke(PROBE, { action: 'crash' } satisfies ProbeEvent, context()));
    expect(invocations.threads).toBe(1);
    await succeeded(invocations.invoke(PROBE, { action: 'describe' } satisfies ProbeEvent, context()));

    expect(invocations.threads).toBe(2);
  });
});
