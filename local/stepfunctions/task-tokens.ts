/**
 * Task tokens: minted fresh per waiting task invocation, parked until SendTaskSuccess,
 * SendTaskFailure or the task's deadline (on the injectable clock), then closed for good.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from './clock.js';
import { InvalidTokenError, TaskDoesNotExistError, TaskTimedOutError } from './step-functions-errors.js';

const TOKEN_PREFIX = 'lst-';

/**
 * As long as an AWS task token may be (Step Functions' limit, 1,024 characters): every item,
 * outbox entry and payload that carries one is sized locally as it may be on AWS, so the
 * local stack cannot hide a limit or a cost that a long token brings (`npm run cost`).
 */
export const TASK_TOKEN_LENGTH = 1024;

const TOKEN_PATTERN = new RegExp(`^lst-[A-Za-z0-9_-]{${TASK_TOKEN_LENGTH - TOKEN_PREFIX.length}}$`);

/** A token of the runtime's shape made of `fill` (tests: a token no task holds). */
export function wellFormedTaskToken(fill = 'A'): string {
  return TOKEN_PREFIX + fill.repeat(TASK_TOKEN_LENGTH - TOKEN_PREFIX.length);
}

/** A new opaque token: 'lst-' and random bytes, base64url, {@link TASK_TOKEN_LENGTH} characters in all. */
export function mintTaskToken(): string {
  return (TOKEN_PREFIX + randomBytes(768).toString('base64url')).slice(0, TASK_TOKEN_LENGTH);
}

/** How a parked task ended. */
export type ParkedTaskOutcome =
  | { readonly kind: 'succeeded'; readonly output: unknown }
  | { readonly kind: 'failed'; readonly error: string; readonly cause: string }
  | { readonly kind: 'timed-out' }
  /** StopExecution or runtime shutdown: nothing to record for the task itself. */
  | { readonly kind: 'detached' };

export interface ParkOptions {
  readonly executionArn: string;
  readonly stateName: string;
  /** Epoch ms on the runtime's clock; `undefined` waits for ever. */
  readonly deadlineMs: number | undefined;
  /** Records the outcome (journal, history) before the task resumes and before the API answers. */
  readonly onOutcome: (outcome: ParkedTaskOutcome) => Promise<void>;
}

interface ParkedTask {
  readonly options: ParkOptions;
  readonly resume: (outcome: ParkedTaskOutcome) => void;
  timer: TimerHandle | undefined;
}

export class TaskTokenRegistry {
  private readonly parked = new Map<string, ParkedTask>();
  private readonly closed = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /**
   * Parks the task behind `token`. The promise resolves (never rejects) with the outcome,
   * after `onOutcome` has recorded it.
   */
  park(token: string, options: ParkOptions): Promise<ParkedTaskOutcome> {
    const { promise, resolve } = Promise.withResolvers<ParkedTaskOutcome>();
    const task: ParkedTask = { options, resume: resolve, timer: undefined };
    this.parked.set(token, task);
    if (options.deadlineMs !== undefined) {
      const onDeadline = (): void => void this.settle(token, { kind: 'timed-out' });
      if (options.deadlineMs <= this.clock.now()) queueMicrotask(onDeadline);
      else task.timer = this.clock.setTimer(options.deadlineMs, onDeadline);
    }
    return promise;
  }

  /** SendTaskSuccess. Resolves once the outcome is recorded. */
  async succeed(token: string, output: unknown): Promise<void> {
    this.assertParked(token);
    await this.settle(token, { kind: 'succeeded', output });
  }

  /** SendTaskFailure. Resolves once the outcome is recorded. */
  async fail(token: string, error: string, cause: string): Promise<void> {
    this.assertParked(token);
    await this.settle(token, { kind: 'failed', error, cause });
  }

  /** SendTaskHeartbeat: accepted for a parked token; HeartbeatSeconds is not enforced. */
  heartbeat(token: string): void {
    this.assertParked(token);
  }

  /** Closes a token without resuming its task (the handler that should have received it failed). */
  discard(token: string): void {
    const task = this.parked.get(token);
    task?.timer?.cancel();
    this.parked.delete(token);
    this.closed.add(token);
  }

  /** Remembers tokens closed in an earlier run, so they answer TaskTimedOut rather than TaskDoesNotExist. */
  rememberClosed(tokens: Iterable<string>): void {
    for (const token of tokens) this.closed.add(token);
  }

  /**
   * Resumes every task parked for the execution as detached. `close` (StopExecution) also
   * invalidates the tokens; without it (runtime shutdown) they stay valid for the next runtime.
   */
  async detachExecution(executionArn: string, close: boolean): Promise<string[]> {
    const tokens = [...this.parked].filter(([, task]) => task.options.executionArn === executionArn).map(([token]) => token);
    await Promise.all(tokens.map((token) => this.settle(token, { kind: 'detached' }, close)));
    return tokens;
  }

  /** Tokens parked right now, for tests and diagnostics. */
  get parkedCount(): number {
    return this.parked.size;
  }

  private assertParked(token: string): void {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw new InvalidTokenError('not a token of this runtime');
    if (this.parked.has(token)) return;
    if (this.closed.has(token)) throw new TaskTimedOutError();
    throw new TaskDoesNotExistError();
  }

  private async settle(token: string, outcome: ParkedTaskOutcome, close = true): Promise<void> {
    const task = this.parked.get(token);
    if (!task) return;
    task.timer?.cancel();
    this.parked.delete(token);
    if (close) this.closed.add(token);
    try {
      await task.options.onOutcome(outcome);
    } finally {
      task.resume(outcome);
    }
  }
}
