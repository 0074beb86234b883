/**
 * Test hook: makes the next invocation of a Task state fail, so a test can prove what a
 * Retry does (e.g. that a retried step sends no second e-mail).
 */

/** `'after'` runs the handler and then fails (its effects happen); `'before'` fails without running it. */
export type FaultTiming = 'before' | 'after';

export interface InjectedFault {
  readonly error: { readonly name: string; readonly message: string };
  readonly when: FaultTiming;
}

export class FaultInjector {
  private readonly pending = new Map<string, InjectedFault[]>();

  /** The next live invocation of `stateName` (any execution) fails with `error`. Calls queue up. */
  failNextInvocation(stateName: string, error: { name: string; message: string }, when: FaultTiming = 'after'): void {
    const queue = this.pending.get(stateName) ?? [];
    queue.push({ error: { name: error.name, message: error.message }, when });
    this.pending.set(stateName, queue);
  }

  /** Takes the fault queued for this invocation, if any. */
  take(stateName: string): InjectedFault | undefined {
    const queue = this.pending.get(stateName);
    const fault = queue?.shift();
    if (queue && queue.length === 0) this.pending.delete(stateName);
    return fault;
  }
}
