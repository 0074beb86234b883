/**
 * What the bus does after it accepted an event: every rule on that bus whose pattern matches
 * hands it to each of its targets, invoked asynchronously as EventBridge invokes a Lambda
 * function, and a failed invocation is run again as often as Lambda would (the template's
 * EventInvokeConfig, else Lambda's two) — at once, not a minute later. Invocations run one after
 * another, in the order the events were accepted, so `settle()` is one queue to wait for.
 */
import type { BusEvent, PutEvent } from './put-events.js';
import { matchesEventPattern } from './event-pattern.js';
import type { TemplateEventRule } from './template-event-rules.js';

/** Runs one target function with one event (the local stack binds it to the catalog's handlers). */
export type InvokeTarget = (target: TemplateEventRule['targets'][number], event: BusEvent) => Promise<unknown>;

export interface RuleDeliveries {
  /** Queues the invocations `put` owes. */
  route(put: PutEvent): void;
  /** Resolves once every queued invocation ended. */
  settle(): Promise<void>;
}

export function ruleDeliveries(options: {
  readonly rules: readonly TemplateEventRule[];
  readonly invoke: InvokeTarget;
  /** Where an invocation that failed every time is reported. */
  readonly onError: (message: string, error: unknown) => void;
}): RuleDeliveries {
  let queue: Promise<void> = Promise.resolve();
  const invokeWithRetries = async (rule: TemplateEventRule, target: TemplateEventRule['targets'][number], event: BusEvent): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.invoke(target, event);
        return;
      } catch (error) {
        if (attempt >= target.retryAttempts) {
          options.onError(`[eventbridge] rule ${rule.logicalId}: ${target.logicalId} failed ${attempt + 1} times on event ${event.id}`, error);
          return;
        }
      }
    }
  };
  return {
    route(put) {
      for (const rule of options.rules) {
        if (rule.eventBusName !== put.eventBusName || !matchesEventPattern(rule.eventPattern, put.event as unknown as Record<string, unknown>)) continue;
        for (const target of rule.targets) queue = queue.then(() => invokeWithRetries(rule, target, put.event));
      }
    },
    async settle() {
      let current: Promise<void>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },
  };
}
