/**
 * Test hooks: make the next invocation of a Task state fail (before its handler runs, or
 * after: a crash or a timeout once its writes are done), so a test can prove what a Retry
 * does (e.g. that a retried step sends no second e-mail); or run code around the next
 * invocation's handler, e.g. to arm faults on the wire (local/services/fault-proxy.ts) for
 * that step alone.
 */

/** `'after'` runs the handler and then fails (its effects happen); `'before'` fails without running it. */
export type FaultTiming = 'before' | 'after';

export interface InjectedFault {
  readonly error: { readonly name: string; readonly message: string };
  readonly when: FaultTiming;
}

/** Called when the next invocation's handler starts and when it ends (however it ends). */
export interface InvocationHooks {
  start(): void;
  end(): void;
}

export class FaultInjector {
  private readonly pending = new Map<string, InjectedFault[]>();
  private readonly hooks = new Map<string, InvocationHooks[]>();

  /** Runs `hooks` around the handler of the next live invocation of `stateName` (any execution). Calls queue up. */
  aroundNextInvocation(stateName: string, hooks: InvocationHooks): void {
    this.hooks.set(stateName, [...(this.hooks.get(stateName) ?? []), hooks]);
  }

  /** Takes the hooks queued for this invocation, if any. */
  takeHooks(stateName: string): InvocationHooks | undefined {
    const queue = this.hooks.get(stateName);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.hooks.delete(stateName);
    return next;
  }

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
