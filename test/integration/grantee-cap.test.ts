/**
 * A request that names as many grantees as a request may (MAX_GRANTEES), on the local stack
 * with the synthesized workflow and the API's throttling: every grantee is asked at once (the
 * activation Map runs them all together), each activates, and the request completes (R7).
 * The largest payload of any state stays far below Step Functions' 256 KB.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { executionHistory } from '../../bench/cost/usage-meters.js';
import { MAX_GRANTEES } from '../../functions/domain/request-schema.js';
import { ANONYMOUS_ROUTE_THROTTLE } from '../../infra/route-throttles.js';
import { naturalClientRequest, numberedGrantees, PEOPLE, withGrantees } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { activate, useTestStack } from './support/test-stack.js';

const stack = useTestStack({ routeThrottling: true });

/** Step Functions' limit on a state's input, output or a task's parameters and result. */
const STEP_FUNCTIONS_PAYLOAD_BYTES = 256 * 1024;

/** The UTF-8 size of each payload an event carries (a state's input or output, a task's parameters or result). */
function payloadSizes(event: HistoryEvent): number[] {
  return Object.entries(event)
    .filter(([key, details]) => key.endsWith('EventDetails') && typeof details === 'object' && details !== null)
    .flatMap(([, details]) => Object.entries(details as Record<string, unknown>))
    .filter(([field, value]) => ['input', 'output', 'parameters'].includes(field) && typeof value === 'string')
    .map(([, value]) => Buffer.byteLength(value as string, 'utf8'));
}

describe(`a request with ${MAX_GRANTEES} grantees, the most a request may name`, () => {
  it('mails every grantee at once, takes every activation (throttled ones a second later), and completes with small state payloads', async () => {
    const grantees = numberedGrantees(MAX_GRANTEES);
    const emails = grantees.map((grantee) => grantee.person.email);
    const id = await fileRequest(stack, withGrantees(naturalClientRequest(), ...grantees));

    // Signed and approved, then one settle: every grantee has his activation e-mail, none waits for another.
    await signByScanAndApprove(stack, id, PEOPLE.hans().email);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    const activationMails = (await stack.mails()).filter((mail) => mail.text?.includes('/activate/'));
    expect(activationMails).toHaveLength(MAX_GRANTEES);
    expect(activationMails.flatMap((mail) => mail.to).sort()).toEqual([...emails].sort());

    // They all follow their links in the same instant: the route takes a burst, then 429 until its bucket refills.
    const throttled: string[] = [];
    for (const email of emails) {
      const link = await latestLink(stack, email, 'activate');
      let answer = await activate(link);
      while (answer.status === 429) {
        expect(await answer.json()).toEqual({ message: 'Too Many Requests' });
        throttled.push(email);
        await stack.clock.advance(1000);
        answer = await activate(link);
      }
      expect(answer.status, `activation of ${email}`).toBe(200);
    }
    await stack.settle();

    expect(throttled[0]).toBe(emails[ANONYMOUS_ROUTE_THROTTLE.burstLimit]);
    expect(throttled).toHaveLength(Math.ceil((MAX_GRANTEES - ANONYMOUS_ROUTE_THROTTLE.burstLimit) / ANONYMOUS_ROUTE_THROTTLE.rateLimit));
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    for (const email of [emails[0]!, emails.at(-1)!]) {
      expect((await stack.portal.access(email, 'C-1001', 'POL-1')).body.allowed, email).toBe(true);
    }

    const history = await executionHistory(stack, id);
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(history.filter((event) => event.type === 'MapIterationSucceeded')).toHaveLength(MAX_GRANTEES);
    const largest = Math.max(...history.flatMap(payloadSizes));
    // The Map's raw result (every iteration's output, discarded by its ResultPath) counts too.
    const mapResult = history
      // Each iteration ends at RequestActivation (an end state): its output is the iteration's.
      .filter((event) => event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === 'RequestActivation')
      .reduce((bytes, event) => bytes + Buffer.byteLength(event.stateExitedEventDetails?.output ?? '', 'utf8') + 1, 2);
    expect(largest).toBeGreaterThan(MAX_GRANTEES * 40); // the grants list is in it
    expect(largest).toBeLessThan(STEP_FUNCTIONS_PAYLOAD_BYTES / 10);
    expect(mapResult).toBeLessThan(STEP_FUNCTIONS_PAYLOAD_BYTES / 10);
    console.info(`[grantee-cap] largest state payload ${largest} bytes, the Map's raw result ${mapResult} bytes (limit ${STEP_FUNCTIONS_PAYLOAD_BYTES})`);
  }, 180_000);
});
