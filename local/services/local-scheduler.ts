/**
 * What runs on a schedule in AWS, run locally on the stack's clock: the EventBridge rules of
 * the synthesized template (`rate(...)` schedules invoking a Lambda function, e.g. the
 * housekeeping job every minute), and the background work of AWS services that the local
 * servers lack (DynamoDB's TTL deletions, S3's lifecycle expirations).
 *
 * A job runs when its period has passed on the clock since its last run. With the system
 * clock, `npm start` ticks every few seconds by itself; tests call {@link LocalScheduler.tick}
 * after moving their manual clock, and a job whose period passed several times runs once —
 * as a scheduled job on a machine that was asleep — so a test can move days ahead at once.
 */
import { LocalStackError } from '../local-stack-error.js';
import type { Clock } from '../stepfunctions/clock.js';

/** One job on a fixed period. */
export interface ScheduledJob {
  readonly name: string;
  readonly periodMs: number;
  /** Runs the job as of `now` (the clock's time, e.g. EventBridge's event `time`). */
  run(now: Date): Promise<unknown>;
}

export interface LocalScheduler {
  /** Runs, one after another, every job whose period passed since its last run; resolves when they are done. */
  tick(): Promise<void>;
  /** Runs one job now, whatever its period (a test's "and then the schedule fires"). */
  runNow(name: string): Promise<void>;
  /** Resolves once no job is running. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalSchedulerOptions {
  readonly jobs: readonly ScheduledJob[];
  readonly clock: Clock;
  /** When set, the scheduler ticks by itself every this many real milliseconds (`npm start`). */
  readonly autoTickMs?: number;
  /** Where a failing job is reported. @default console.error */
  readonly onError?: (job: string, error: unknown) => void;
}

/** A schedule expression the local scheduler cannot run. */
export class UnsupportedScheduleError extends LocalStackError {
  override readonly name = 'UnsupportedScheduleError';
}

const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** The period of an EventBridge `rate(N unit)` expression, in milliseconds. */
export function ratePeriodMs(expression: string): number {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  const unit = match?.[2] ? UNIT_MS[match[2]] : undefined;
  if (!match || unit === undefined) throw new UnsupportedScheduleError(`Only rate(N minutes|hours|days) schedules run locally, not ${expression}`);
  return Number(match[1]) * unit;
}

export function startLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const lastRun = new Map<string, number>(options.jobs.map((job) => [job.name, options.clock.now()]));
  const onError = options.onError ?? ((job: string, error: unknown) => console.error(`[scheduler] ${job} failed`, error));
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const runJob = async (job: ScheduledJob, nowMs: number): Promise<void> => {
    lastRun.set(job.name, nowMs);
    try {
      await job.run(new Date(nowMs));
    } catch (error) {
      onError(job.name, error);
    }
  };
  // Runs are queued one after another, as a tick and a test's runNow may overlap.
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    running = running.then(work, work);
    return running;
  };

  const tick = (): Promise<void> =>
    enqueue(async () => {
      if (stopped) return;
      const nowMs = options.clock.now();
      for (const job of options.jobs) {
        if (nowMs - (lastRun.get(job.name) ?? 0) >= job.periodMs) await runJob(job, nowMs);
      }
    });

  const interval = options.autoTickMs ? setInterval(() => void tick(), options.autoTickMs) : undefined;
  interval?.unref();

  return {
    tick,
    runNow: (name) => {
      const job = options.jobs.find((candidate) => candidate.name === name);
      if (!job) return Promise.reject(new LocalStackError(`No scheduled job named ${name}`));
      return enqueue(() => runJob(job, options.clock.now()));
    },
    settle: async () => {
      let current: Promise<void>;
      do {
        current = running;
        await current;
      } while (current !== running);
    },
    stop: async () => {
      stopped = true;
      if (interval) clearInterval(interval);
      await running;
    },
  };
}
