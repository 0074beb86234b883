/**
 * Time as the local workflow runtime sees it. Task timeouts (reminder rounds, expiry)
 * are enforced on this clock instead of the library's `setTimeout`, so tests drive days
 * of waiting with `ManualClock.advance` and never sleep.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once when the clock reaches `atMs` (at once, asynchronously, if it is past). */
  setTimer(atMs: number, fn: () => void): TimerHandle;
}

export interface TimerHandle {
  cancel(): void;
}

/** Node's timers overflow above this many milliseconds and fire at once (2³¹−1). */
const LONGEST_NODE_TIMER_MS = 2 ** 31 - 1;

/** The wall clock. Timers longer than Node allows are chained in chunks. */
export const systemClock: Clock = {
  now: (): number => Date.now(),
  setTimer(atMs: number, fn: () => void): TimerHandle {
    let timeout: NodeJS.Timeout | undefined;
    let cancelled = false;
    const schedule = (): void => {
      const remaining = atMs - Date.now();
      if (remaining <= 0) {
        timeout = setTimeout(() => {
          if (!cancelled) fn();
        }, 0);
        return;
      }
      timeout = setTimeout(schedule, Math.min(remaining, LONGEST_NODE_TIMER_MS));
    };
    schedule();
    return {
      cancel(): void {
        cancelled = true;
        clearTimeout(timeout);
      },
    };
  },
};

interface ManualTimer {
  readonly atMs: number;
  readonly sequence: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/**
 * Lets pending promise chains and I/O callbacks run, so the workflow reacts to a fired
 * timer (Catch, next state, next task) before a test looks at it.
 */
export async function letPendingWorkRun(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  private currentMs: number;
  private nextSequence = 0;
  private timers: ManualTimer[] = [];

  /** @param startMs where time starts. @default 2025-01-01T00:00:00Z */
  constructor(startMs: number = Date.UTC(2025, 0, 1)) {
    this.currentMs = startMs;
  }

  now(): number {
    return this.currentMs;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    const timer: ManualTimer = { atMs, sequence: this.nextSequence++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel(): void {
        timer.cancelled = true;
      },
    };
  }

  /** How many timers wait to fire. */
  get pendingTimerCount(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order (each at its own time) and
   * letting the workflow process each one before the next.
   */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.currentMs + ms);
  }

  /** Moves time to `atMs` (never backwards); see {@link advance}. */
  async advanceTo(atMs: number): Promise<void> {
    await letPendingWorkRun();
    for (;;) {
      const due = this.nextDueTimer(atMs);
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.currentMs = Math.max(this.currentMs, due.atMs);
      due.fn();
      await letPendingWorkRun();
    }
    this.currentMs = Math.max(this.currentMs, atMs);
    await letPendingWorkRun();
  }

  private nextDueTimer(untilMs: number): ManualTimer | undefined {
    this.timers = this.timers.filter((timer) => !timer.cancelled);
    let next: ManualTimer | undefined;
    for (const timer of this.timers) {
      if (timer.atMs > untilMs) continue;
      if (!next || timer.atMs < next.atMs || (timer.atMs === next.atMs && timer.sequence < next.sequence)) next = timer;
    }
    return next;
  }
}
