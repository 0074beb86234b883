/**
 * The local stack runs its functions in worker threads (issue 11, "200 at once") and meters
 * each invocation: a request filed through the HTTP front reaches its signature e-mail through
 * the workflow's steps, every invocation recorded with its function, catalog memory and source.
 */
import { describe, expect, it } from 'vitest';
import { catalogLambdaSettings } from '../../../local/lambda-context.js';
import type { InvocationRecord } from '../../../local/lambda-runtime/invocation-meter.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../../fixtures/access-request-builder.js';
import { fileRequest, statusOf } from '../../integration/support/request-story.js';
import { useTestStack } from '../../integration/support/test-stack.js';

const stack = useTestStack();

describe('the local stack, its functions in worker threads', () => {
  it('files a request through to its signature e-mail, metering every invocation with its source and catalog memory', async () => {
    stack.stack.clearInvocations();
    const hans = { ...PEOPLE.hans(), email: 'hans.metered@example.be' };

    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-METERED', requester: hans, grantees: [policyholderGrantee(hans)] }));

    const records = [...stack.stack.invocations()];
    expect(await statusOf(stack, id)).toBe('AWAITING_SIGNATURE');
    expect(await stack.mails(hans.email)).toEqual([expect.objectContaining({ text: expect.stringContaining('/sign/') })]);
    const of = (functionId: InvocationRecord['functionId']) => records.filter((record) => record.functionId === functionId);
    expect(of('BrokerApi')).toEqual([expect.objectContaining({ source: 'api', memoryMb: catalogLambdaSettings('BrokerApi').memoryMb, failed: false })]);
    expect(of('GenerateForm')).toEqual([expect.objectContaining({ source: 'task', memoryMb: catalogLambdaSettings('GenerateForm').memoryMb, failed: false })]);
    expect(of('RequestSignature')).toEqual([expect.objectContaining({ source: 'task', failed: false })]);
    for (const record of records) expect(record.billedDurationMs).toBe(Math.max(1, Math.ceil(record.durationMs)));
  });

  it('answers a handler error on the API as before: the route still gets its 4xx (a request not found)', async () => {
    const answer = await stack.broker().get('R-00000000000000000000000000');

    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });
});
