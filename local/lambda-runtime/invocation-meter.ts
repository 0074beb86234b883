/**
 * Every Lambda invocation the local stack ran, as Lambda bills it: the function, its configured
 * memory and the handler's duration, rounded up to the millisecond (issue 11, "Speed and cost":
 * `npm run cost` prices Lambda from these). An array appended to, nothing more, so metering
 * costs nothing measurable; `clear()` starts a new count.
 */
import type { FunctionId } from '../../catalog/function-catalog.js';

/** What invoked the function: the HTTP front, a workflow Task, an EventBridge rule, a schedule. */
export type InvocationSource = 'api' | 'task' | 'event' | 'schedule';

export interface InvocationRecord {
  readonly functionId: FunctionId;
  /** The memory the CDK app deploys the function with (catalog/function-catalog.ts): the price per millisecond. */
  readonly memoryMb: number;
  /** The handler's run, from its call until it settled. */
  readonly durationMs: number;
  /** {@link durationMs} rounded up to the millisecond, as Lambda bills (at least 1 ms). */
  readonly billedDurationMs: number;
  /**
   * The module's import, on the invocation whose worker loaded it (a cold start; Lambda's INIT
   * phase, which Lambda bills too); absent on a warm invocation.
   */
  readonly initDurationMs?: number;
  /** When the invocation was handed to its function, in milliseconds since the epoch (real time). */
  readonly startedAt: number;
  readonly source: InvocationSource;
  /** The handler threw, or its runtime died: billed all the same. */
  readonly failed: boolean;
}

/** Lambda's billing granularity: 1 ms, rounded up. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

export interface InvocationMeter {
  record(record: Omit<InvocationRecord, 'billedDurationMs'>): void;
  /** Every invocation recorded since the stack started or the last `clear()`, oldest first. */
  list(): readonly InvocationRecord[];
  clear(): void;
}

export function createInvocationMeter(): InvocationMeter {
  let records: InvocationRecord[] = [];
  return {
    record: (record) => void records.push({ ...record, billedDurationMs: billedDurationMs(record.durationMs) }),
    list: () => records,
    clear: () => {
      records = [];
    },
  };
}
