/**
 * Knows whether the runtime is still busy, so a test can wait for the workflow to come to
 * rest (every execution finished or parked on a token or timer) instead of sleeping.
 */
import { letPendingWorkRun } from './clock.js';

export class RuntimeNeverSettledError extends Error {
  override readonly name = 'RuntimeNeverSettledError';
  constructor(rounds: number) {
    super(`The local workflow runtime was still busy after ${rounds} rounds`);
  }
}

export class WorkTracker {
  private readonly running = new Set<Promise<unknown>>();
  private activity = 0;

  /** Counts `work` as running until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.activity += 1;
    this.running.add(work);
    const forget = (): void => {
      this.running.delete(work);
      this.activity += 1;
    };
    work.then(forget, forget);
    return work;
  }

  /** Notes that something happened (an event, a journal write). */
  touch(): void {
    this.activity += 1;
  }

  /**
   * Resolves once no tracked work runs, `flush` is done and nothing happened for a round.
   * @param flush e.g. the journal's pending writes
   */
  async settle(flush: () => Promise<void>, maxRounds = 10_000): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) {
      const before = this.activity;
      if (this.running.size > 0) await Promise.allSettled([...this.running]);
      await flush();
      await letPendingWorkRun(2);
      await flush();
      if (this.running.size === 0 && this.activity === before) return;
    }
    throw new RuntimeNeverSettledError(maxRounds);
  }
}
