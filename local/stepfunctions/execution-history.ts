/**
 * An execution's history as GetExecutionHistory returns it. The library's event stream
 * gives state and execution events (no task events, no tokens); the task binding adds
 * TaskScheduled (with the token in its parameters, as AWS does), TaskStarted,
 * TaskSubmitted, TaskSucceeded/Failed/TimedOut and their Lambda counterparts.
 *
 * When a journaled execution is replayed after a restart, the library emits its events
 * again; those already in the journal are recognised by a replay signature and skipped.
 */
import type { StateMachine } from 'aws-local-stepfunctions';

/** One history event; `timestamp` is epoch ms (the server answers seconds). */
export interface HistoryEventRecord {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  /** `<type>EventDetails` as AWS names them, e.g. `taskScheduledEventDetails`. */
  readonly details: Record<string, unknown> | undefined;
  /** Identifies an event from the library across a replay; absent on the binding's own events. */
  readonly replaySignature?: string;
}

export type NewHistoryEvent = Omit<HistoryEventRecord, 'id' | 'previousEventId' | 'timestamp'>;

type LibraryEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

const stateTypeNames: Record<string, string> = {
  Task: 'Task',
  Choice: 'Choice',
  Pass: 'Pass',
  Wait: 'Wait',
  Map: 'Map',
  Parallel: 'Parallel',
  Succeed: 'Succeed',
  Fail: 'Fail',
};

/**
 * The AWS name of a details field: `TaskScheduled` → `taskScheduledEventDetails`, but every
 * `<Type>StateEntered`/`<Type>StateExited` shares `stateEnteredEventDetails`/`stateExitedEventDetails`.
 */
export function detailsKeyOf(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/**
 * Maps a library event to the AWS history event it stands for, or `undefined` when AWS
 * has none (retries and catches show as new Task events there; the binding records task
 * failures itself).
 */
export function historyEventFromLibrary(event: LibraryEvent): NewHistoryEvent | undefined {
  switch (event.type) {
    case 'ExecutionStarted':
      return { type: 'ExecutionStarted', details: { input: stringify(event.input), inputDetails: { truncated: false } }, replaySignature: 'ExecutionStarted' };
    case 'ExecutionSucceeded':
      return { type: 'ExecutionSucceeded', details: { output: stringify(event.output), outputDetails: { truncated: false } }, replaySignature: 'ExecutionSucceeded' };
    case 'ExecutionFailed':
      return { type: 'ExecutionFailed', details: { error: event.Error, cause: stringify(event.Cause) }, replaySignature: 'ExecutionFailed' };
    case 'ExecutionTimeout':
      return { type: 'ExecutionTimedOut', details: {}, replaySignature: 'ExecutionTimedOut' };
    case 'ExecutionAborted':
      return undefined; // recorded by StopExecution with its error and cause
    case 'StateEntered': {
      const type = `${stateTypeNames[event.state.type] ?? event.state.type}StateEntered`;
      return { type, details: { name: event.state.name, input: stringify(event.state.input) }, replaySignature: signature(type, event.state.name, event.index) };
    }
    case 'StateExited': {
      const type = `${stateTypeNames[event.state.type] ?? event.state.type}StateExited`;
      return { type, details: { name: event.state.name, output: stringify(event.state.output) }, replaySignature: signature(type, event.state.name, event.index) };
    }
    case 'StateFailed': {
      if (event.state.type !== 'Map' && event.state.type !== 'Parallel') return undefined;
      const type = `${event.state.type}StateFailed`;
      return { type, details: undefined, replaySignature: signature(type, event.state.name, event.index) };
    }
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return { type: event.type, details: { name: event.parentState.name, index: event.index }, replaySignature: signature(event.type, event.parentState.name, event.index) };
    default:
      return undefined;
  }
}

function signature(type: string, stateName: string, mapIndex: number | undefined): string {
  return `${type}|${stateName}|${mapIndex ?? ''}`;
}

/**
 * The history of one execution. During a replay, library events whose signature already
 * appears in the journaled history (as many times) are dropped.
 */
export class ExecutionHistory {
  private readonly replayable = new Map<string, number>();

  constructor(
    private readonly events: HistoryEventRecord[],
    private readonly now: () => number,
  ) {}

  /** Starts a replay over the journaled events. */
  beginReplay(): void {
    this.replayable.clear();
    for (const event of this.events) {
      if (event.replaySignature) this.replayable.set(event.replaySignature, (this.replayable.get(event.replaySignature) ?? 0) + 1);
    }
  }

  /** Appends the event unless a replay already has it; returns what was appended. */
  append(event: NewHistoryEvent): HistoryEventRecord | undefined {
    const { replaySignature } = event;
    if (replaySignature) {
      const left = this.replayable.get(replaySignature) ?? 0;
      if (left > 0) {
        this.replayable.set(replaySignature, left - 1);
        return undefined;
      }
    }
    const previous = this.events.at(-1);
    const record: HistoryEventRecord = {
      ...event,
      id: (previous?.id ?? 0) + 1,
      previousEventId: previous?.id ?? 0,
      timestamp: this.now(),
    };
    this.events.push(record);
    return record;
  }

  get all(): readonly HistoryEventRecord[] {
    return this.events;
  }
}
