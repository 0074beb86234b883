/**
 * How the local stack calls a catalog function, in worker threads or in its own thread, and
 * meters each invocation as Lambda bills it (issue 11, "Speed and cost": `npm run cost` prices
 * Lambda from `stack.invocations()`). One parametrised suite runs both modes: a caller cannot
 * tell them apart.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaContext, catalogLambdaSettings } from '../../../local/lambda-context.js';
import { billedDurationMs } from '../../../local/lambda-runtime/invocation-meter.js';
import { createLambdaInvoker, type InvocationMode, type LambdaInvoker } from '../../../local/lambda-runtime/lambda-invoker.js';
import type { ProbeEvent } from './fixtures/probe-handler.js';

const PROBE = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'probe-handler.ts')).href;

const context = () => lambdaContext({ functionName: 'GenerateForm', region: 'eu-west-1', ...catalogLambdaSettings('GenerateForm') });

let invoker: LambdaInvoker | undefined;

afterEach(async () => {
  await invoker?.stop();
  invoker = undefined;
});

describe('billedDurationMs', () => {
  it('rounds up to the millisecond, at least one, as Lambda bills', () => {
    expect([0, 0.2, 5, 12.01, 999.5].map(billedDurationMs)).toEqual([1, 1, 5, 13, 1000]);
  });
});

describe.each<InvocationMode>(['threads', 'in-process'])('a catalog function invoked %s', (mode) => {
  const start = (): LambdaInvoker => {
    invoker = createLambdaInvoker({ mode, moduleUrlOf: () => PROBE, pool: { size: 2, onWorkerExit: () => undefined } });
    return invoker;
  };

  it('meters each invocation: function, catalog memory, duration, billed duration, start, source', async () => {
    const invocations = start();
    const startedAfter = Date.now();

    await invocations.handler('GenerateForm', 'task')({ action: 'describe' } satisfies ProbeEvent, context());
    await invocations.handler('BrokerApi', 'api')({ action: 'describe' } satisfies ProbeEvent, context());

    const [first, second] = invocations.invocations();
    expect(invocations.invocations()).toHaveLength(2);
    expect(first).toMatchObject({ functionId: 'GenerateForm', memoryMb: catalogLambdaSettings('GenerateForm').memoryMb, source: 'task', failed: false });
    expect(second).toMatchObject({ functionId: 'BrokerApi', memoryMb: catalogLambdaSettings('BrokerApi').memoryMb, source: 'api', failed: false });
    for (const record of [first, second]) {
      expect(record?.billedDurationMs).toBe(billedDurationMs(record?.durationMs ?? Number.NaN));
      expect(record?.startedAt).toBeGreaterThanOrEqual(startedAfter);
      expect(record?.startedAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it('meters a failed invocation too, and hands its caller the error by its name', async () => {
    const invocations = start();

    const thrown = await invocations.handler('RecordOutcome', 'task')({ action: 'throw-named' } satisfies ProbeEvent, context()).catch((error: unknown) => error);

    expect(thrown).toMatchObject({ name: 'ProbeRefused', message: 'The probe refuses', details: { requestId: 'R-1', status: 'SIGNED' } });
    expect(invocations.invocations()).toEqual([expect.objectContaining({ functionId: 'RecordOutcome', source: 'task', failed: true })]);
  });

  it('starts a new count on clearInvocations()', async () => {
    const invocations = start();
    await invocations.handler('Housekeeping', 'schedule')({ action: 'describe' } satisfies ProbeEvent, context());
    const before = invocations.invocations();

    invocations.clearInvocations();
    await invocations.handler('WebhookDelivery', 'event')({ action: 'describe' } satisfies ProbeEvent, context());

    expect(before).toEqual([expect.objectContaining({ functionId: 'Housekeeping', source: 'schedule' })]);
    expect(invocations.invocations()).toEqual([expect.objectContaining({ functionId: 'WebhookDelivery', source: 'event' })]);
  });
});
