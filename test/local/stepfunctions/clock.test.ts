import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../../local/stepfunctions/clock.js';

describe('ManualClock', () => {
  it('fires due timers in time order, each at its own time, and skips cancelled ones', async () => {
    const clock = new ManualClock(1_000);
    const fired: Array<[string, number]> = [];
    clock.setTimer(3_000, () => fired.push(['late', clock.now()]));
    clock.setTimer(2_000, () => fired.push(['early', clock.now()]));
    clock.setTimer(2_500, () => fired.push(['cancelled', clock.now()])).cancel();
    clock.setTimer(9_000, () => fired.push(['future', clock.now()]));

    await clock.advance(2_500);

    expect(fired).toEqual([
      ['early', 2_000],
      ['late', 3_000],
    ]);
    expect(clock.now()).toBe(3_500);
    expect(clock.pendingTimerCount).toBe(1);
  });

  it('fires a timer set by a firing timer when it falls within the same advance', async () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimer(10, () => clock.setTimer(20, () => fired.push(clock.now())));

    await clock.advanceTo(25);

    expect(fired).toEqual([20]);
  });
});

describe('systemClock', () => {
  it('fires a due timer and can cancel one far beyond the 2^31 ms Node limit', async () => {
    const fired = await new Promise<boolean>((resolve) => {
      systemClock.setTimer(systemClock.now(), () => resolve(true));
    });
    const far = systemClock.setTimer(systemClock.now() + 40 * 24 * 60 * 60 * 1000, () => {
      throw new Error('must not fire');
    });
    far.cancel();

    expect(fired).toBe(true);
  });
});
