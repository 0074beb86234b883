import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
  const DAY_MS = 24 * 60 * 60 * 1000;

  beforeEach(() => {
    // Node's fake timers keep Node's limit: a delay above 2^31 - 1 ms fires after 1 ms.
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 28) });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a timer due now or past on a later turn, not at once', () => {
    const fired: string[] = [];
    systemClock.setTimer(Date.now(), () => fired.push('now'));
    systemClock.setTimer(Date.now() - 5_000, () => fired.push('past'));

    expect(fired).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['now', 'past']);
  });

  it('fires a timer 40 days ahead, beyond the 2^31 ms a Node timer holds, at its time (as Node, a ms late at most) and once', () => {
    const start = Date.now();
    const firedAt: number[] = [];
    systemClock.setTimer(start + 40 * DAY_MS, () => firedAt.push(Date.now() - start));

    vi.advanceTimersByTime(1);
    expect(firedAt).toEqual([]);
    vi.advanceTimersByTime(40 * DAY_MS - 2);
    expect(firedAt).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(firedAt).toHaveLength(1);
    expect(firedAt[0]).toBeGreaterThanOrEqual(40 * DAY_MS);
    expect(firedAt[0]).toBeLessThanOrEqual(40 * DAY_MS + 1);
    vi.advanceTimersByTime(40 * DAY_MS);
    expect(firedAt).toHaveLength(1);
  });

  it('cancels a 40-day timer after its first 2^31 ms chunk has passed', () => {
    let fired = false;
    const timer = systemClock.setTimer(Date.now() + 40 * DAY_MS, () => {
      fired = true;
    });

    vi.advanceTimersByTime(30 * DAY_MS);
    timer.cancel();
    vi.advanceTimersByTime(20 * DAY_MS);

    expect(fired).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
