/**
 * Lambda invocations run in worker threads, as wide as the machine's cores (issue 11, "200 at
 * once"): on AWS each invocation runs apart from the API, the workflow and the services, so a
 * heavy step (GenerateForm renders a PDF) must not stall the HTTP front, the workflow runtime,
 * S3 or SES, which keep the stack's own thread.
 *
 * Every worker starts with the pool, and imports each function as soon as any of them runs it
 * (as provisioned concurrency keeps environments warm): a burst after the first request finds
 * every worker warm, where a worker started by the burst would spend its first second importing.
 * Each invocation goes to the least busy ready worker, one that has the function warm first; when
 * each runs {@link DEFAULT_INVOCATIONS_PER_WORKER} already, it waits in the pool for one to end. A
 * worker that dies fails its running invocations as Lambda fails a runtime that exited
 * (`Lambda.Unknown`); the next invocation starts its replacement, which imports what the pool
 * has run before it takes any other.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { snapshotLambdaContext } from '../lambda-context.js';
import { InvocationPoolStoppedError, LambdaRuntimeExitedError, rebuildThrown } from './invocation-errors.js';
import type { InvocationReply, InvocationRequest, InvocationTiming, WorkerMessage, WorkerRequest } from './invocation-protocol.js';

/** The worker's entry, run with tsx's loader so it (and the functions) load as TypeScript. */
const WORKER_ENTRY = path.join(import.meta.dirname, 'invocation-worker.ts');

/**
 * tsx's loader as an absolute URL, for the worker's `--import`: the stack may run under tsx
 * (`npm start`) or under vitest, whose own transform does not reach a worker thread.
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The stack's own profiling flags a worker takes too (`node --cpu-prof --import tsx local/start.ts`
 * writes one profile per thread), since the functions' time is spent there.
 */
const PROFILING_FLAGS = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof') || flag.startsWith('--heap-prof'));

/** At least two workers, so one heavy invocation never holds every other back. */
const MIN_POOL_SIZE = 2;

/** The pool's width by default: one worker per core, at least {@link MIN_POOL_SIZE}. */
export function defaultPoolSize(): number {
  return Math.max(MIN_POOL_SIZE, availableParallelism());
}

/**
 * How many invocations one worker runs at once. Enough to overlap their waits on the services;
 * few enough that a burst (200 submits) does not interleave hundreds of handlers in each thread,
 * where every one of them would finish late and many past their Lambda timeout, and be tried
 * again (a 503), adding work: the others wait their turn in the pool, as invocations do for
 * a free environment, their timeout counted from their start.
 */
export const DEFAULT_INVOCATIONS_PER_WORKER = 8;

export interface InvocationPoolOptions {
  /** How many worker threads at most. @default defaultPoolSize() */
  readonly size?: number;
  /** How many invocations a worker runs at once; the next wait in the pool, first come first served. @default DEFAULT_INVOCATIONS_PER_WORKER */
  readonly invocationsPerWorker?: number;
  /** Where a worker's death is reported. @default console.error */
  readonly onWorkerExit?: (message: string, error: unknown) => void;
}

/** How one invocation ended, with what the worker measured (a dead worker's invocation: the time until it died). */
export type PooledOutcome = ({ readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: unknown }) & InvocationTiming;

export interface InvocationPool {
  /** Runs the `handler` of the module at `moduleUrl` with `event` and a copy of `context` in a worker. */
  invoke(moduleUrl: string, event: unknown, context: Context): Promise<PooledOutcome>;
  /** The worker threads running now. */
  readonly threads: number;
  /** Ends every worker; invocations still running fail with {@link InvocationPoolStoppedError}. */
  stop(): Promise<void>;
}

interface Pending {
  readonly dispatchedAt: number;
  settle(outcome: PooledOutcome): void;
}

/** An invocation waiting for a worker to have room. */
interface Queued {
  readonly request: InvocationRequest;
  readonly queuedAt: number;
  readonly settle: (outcome: PooledOutcome) => void;
}

/** What the pool hears of a worker. */
interface WorkerEvents {
  onReply(worker: PooledWorker, reply: InvocationReply): void;
  /** It imported what it was started with: it takes invocations from now on. */
  onReady(): void;
  onExit(worker: PooledWorker, code: number, error: unknown): void;
}

/** One worker thread and what the pool knows of it. */
class PooledWorker {
  readonly running = new Map<number, Pending>();
  /** Modules invoked or warmed here (imported, or importing). */
  readonly warm: Set<string>;
  readonly thread: Worker;
  /** False while it imports the modules it was started with. */
  ready: boolean;

  constructor(warmModules: readonly string[], events: WorkerEvents) {
    this.thread = new Worker(WORKER_ENTRY, { env: SHARE_ENV, execArgv: ['--import', TSX_LOADER, ...PROFILING_FLAGS] });
    this.warm = new Set(warmModules);
    this.ready = warmModules.length === 0;
    if (!this.ready) this.post({ type: 'warm', moduleUrls: warmModules, gatesReadiness: true });
    // Idle workers do not keep the process alive; one running an invocation does (see track()).
    this.thread.unref();
    let uncaught: unknown;
    this.thread.on('message', (message: WorkerMessage) => {
      if (message.type === 'reply') events.onReply(this, message);
      else if (message.gatesReadiness && !this.ready) {
        this.ready = true;
        events.onReady();
      }
    });
    this.thread.on('error', (error) => {
      uncaught = error;
    });
    this.thread.on('exit', (code) => events.onExit(this, code, uncaught));
  }

  track(id: number, pending: Pending): void {
    if (this.running.size === 0) this.thread.ref();
    this.running.set(id, pending);
  }

  post(request: WorkerRequest): void {
    this.thread.postMessage(request);
  }

  untrack(id: number): Pending | undefined {
    const pending = this.running.get(id);
    this.running.delete(id);
    if (this.running.size === 0) this.thread.unref();
    return pending;
  }
}

/** Starts the pool's workers; they import a function's module when the pool first runs it. */
export function startInvocationPool(options: InvocationPoolOptions = {}): InvocationPool {
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const perWorker = Math.max(1, options.invocationsPerWorker ?? DEFAULT_INVOCATIONS_PER_WORKER);
  const queue: Queued[] = [];
  const onWorkerExit = options.onWorkerExit ?? ((message: string, error: unknown) => console.error(message, error));
  const workers: PooledWorker[] = [];
  /** Every module the pool has run: what a new worker imports before it takes invocations. */
  const known = new Set<string>();
  let nextId = 1;
  let stopped = false;

  const onReply = (worker: PooledWorker, reply: InvocationReply): void => {
    const pending = worker.untrack(reply.id);
    if (!pending) return;
    const timing: InvocationTiming = { durationMs: reply.durationMs, ...(reply.initDurationMs === undefined ? {} : { initDurationMs: reply.initDurationMs }) };
    pending.settle(reply.ok ? { ok: true, result: reply.result, ...timing } : { ok: false, error: rebuildThrown(reply.thrown), ...timing });
    drain();
  };

  const onExit = (worker: PooledWorker, code: number, uncaught: unknown): void => {
    const index = workers.indexOf(worker);
    if (index !== -1) workers.splice(index, 1);
    if (stopped) return;
    onWorkerExit(`[lambda-runtime] a worker thread exited (code ${code}) with ${worker.running.size} invocation(s) running`, uncaught);
    for (const [id, pending] of [...worker.running]) {
      worker.untrack(id);
      pending.settle({ ok: false, error: new LambdaRuntimeExitedError(code, { cause: uncaught }), durationMs: performance.now() - pending.dispatchedAt });
    }
    // What waited for room goes to the others, or to the replacement the next dispatch starts.
    drain();
  };

  const startWorker = (): PooledWorker => {
    const worker = new PooledWorker([...known], { onReply, onReady: () => drain(), onExit });
    workers.push(worker);
    return worker;
  };

  /** The least busy of `candidates`, one with the module warm among equals. */
  const leastBusy = (candidates: readonly PooledWorker[], moduleUrl: string): PooledWorker | undefined => {
    let best: PooledWorker | undefined;
    for (const worker of candidates) {
      if (!best || worker.running.size < best.running.size || (worker.running.size === best.running.size && worker.warm.has(moduleUrl) && !best.warm.has(moduleUrl))) {
        best = worker;
      }
    }
    return best;
  };

  /** The worker to run an invocation of `moduleUrl` now, or undefined when every one runs its most. */
  const choose = (moduleUrl: string): PooledWorker | undefined => {
    const best = leastBusy(
      workers.filter((worker) => worker.ready),
      moduleUrl,
    );
    // A worker died: its replacement starts now (not at the death, so a module that kills every
    // worker as it loads costs one thread per invocation, not a loop); it takes this invocation
    // only if no ready worker is idle, cold, as Lambda would start an environment.
    const replacement = workers.length < size ? startWorker() : undefined;
    if (best && best.running.size === 0) return best;
    const chosen = replacement ?? best ?? leastBusy(workers, moduleUrl);
    return chosen && chosen.running.size < perWorker ? chosen : undefined;
  };

  /** Hands `queued` to `worker`; its Lambda timeout counts from now, not from when it was queued. */
  const dispatch = (worker: PooledWorker, queued: Queued): void => {
    const { request } = queued;
    const waitedMs = Date.now() - queued.queuedAt;
    const started: InvocationRequest = waitedMs > 0 ? { ...request, context: { ...request.context, deadlineMs: request.context.deadlineMs + waitedMs } } : request;
    worker.track(request.id, { dispatchedAt: performance.now(), settle: queued.settle });
    worker.warm.add(request.moduleUrl);
    if (!known.has(request.moduleUrl)) {
      known.add(request.moduleUrl);
      // The other workers import it meanwhile, so a burst of it never meets a cold worker.
      for (const other of workers) {
        if (other.warm.has(request.moduleUrl)) continue;
        other.warm.add(request.moduleUrl);
        other.post({ type: 'warm', moduleUrls: [request.moduleUrl], gatesReadiness: false });
      }
    }
    try {
      worker.post(started);
    } catch (error) {
      // An event a structured clone cannot carry: Lambda would refuse it as a payload that is no JSON.
      worker.untrack(request.id);
      queued.settle({ ok: false, error, durationMs: 0 });
    }
  };

  /** Starts the invocations that wait, first come first served, while a worker has room. */
  const drain = (): void => {
    while (!stopped && queue.length > 0) {
      const next = queue[0];
      const worker = next ? choose(next.request.moduleUrl) : undefined;
      if (!next || !worker) return;
      queue.shift();
      dispatch(worker, next);
    }
  };

  // They boot while the stack starts its services.
  for (let started = 0; started < size; started++) startWorker();
  return {
    invoke(moduleUrl, event, context) {
      if (stopped) return Promise.reject(new InvocationPoolStoppedError('The invocation pool is stopped'));
      const request: InvocationRequest = { type: 'invoke', id: nextId++, moduleUrl, event, context: snapshotLambdaContext(context) };
      return new Promise<PooledOutcome>((resolve) => {
        const queued: Queued = { request, queuedAt: Date.now(), settle: resolve };
        const worker = queue.length === 0 ? choose(moduleUrl) : undefined;
        if (worker) dispatch(worker, queued);
        else queue.push(queued);
      });
    },
    get threads() {
      return workers.length;
    },
    async stop() {
      stopped = true;
      for (const queued of queue.splice(0)) {
        queued.settle({ ok: false, error: new InvocationPoolStoppedError('The invocation pool stopped before the invocation started'), durationMs: 0 });
      }
      const ending = workers.splice(0);
      await Promise.all(
        ending.map(async (worker) => {
          const running = [...worker.running];
          await worker.thread.terminate();
          for (const [id, pending] of running) {
            worker.untrack(id);
            pending.settle({ ok: false, error: new InvocationPoolStoppedError('The invocation pool stopped while the invocation ran'), durationMs: performance.now() - pending.dispatchedAt });
          }
        }),
      );
    },
  };
}
