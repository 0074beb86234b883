/**
 * Resting and moving time on a local stack driven by a manual clock, the same way in-process
 * (test-stack.ts) and in a child process (stack-process.ts).
 */
import type { LocalStack } from '../../../local/local-stack.js';
import type { ManualClock } from '../../../local/stepfunctions/clock.js';

/**
 * Lets every running step and scheduled job finish; they wake each other (an outbox delivery
 * answers a task), so both are settled; then the bus's rule targets that the events they
 * published invoked (the webhooks), which wake nothing.
 */
export async function settleStack(stack: LocalStack): Promise<void> {
  await stack.stepFunctions.settle();
  await stack.scheduler.settle();
  await stack.stepFunctions.settle();
  await stack.events.settle();
}

/**
 * Moves the clock `ms` forward, runs the scheduled jobs that became due (housekeeping, TTL,
 * lifecycle), then settles. The functions stamp what they write with the real time, which keeps
 * running under a test: "ms from now" is counted from whichever is later, so the stack's clock
 * never lags behind it.
 */
export async function advanceStack(stack: LocalStack, clock: ManualClock, ms: number): Promise<void> {
  await clock.advanceTo(Math.max(clock.now(), Date.now()) + ms);
  await stack.scheduler.tick();
  await settleStack(stack);
}
