/**
 * How the local stack runs a catalog function: in a pool of worker threads (the default, as
 * Lambda runs each invocation apart from the API and the workflow), or in the stack's own
 * thread (`'in-process'`, for a debugger's breakpoints or a profile of one thread). Either way
 * the caller gets what the handler returned or the error it threw, name and fields kept, and
 * every invocation is metered (`invocation-meter.ts`).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { catalogLambdaSettings } from '../lambda-context.js';
import { LocalStackError } from '../local-stack-error.js';
import { createInvocationMeter, type InvocationRecord, type InvocationSource } from './invocation-meter.js';
import { startInvocationPool, type InvocationPoolOptions, type PooledOutcome } from './invocation-pool.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where the local stack runs its functions' invocations. */
export type InvocationMode = 'threads' | 'in-process';

/** A catalog function's handler as its callers hold it. */
export type CatalogHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LambdaInvokerOptions {
  /** @default 'threads' */
  readonly mode?: InvocationMode;
  /** The thread pool's width and crash reporting (mode `'threads'`). */
  readonly pool?: InvocationPoolOptions;
  /** The module of a function, as a file URL. @default its catalog `entry` (tests point at a probe of their own) */
  readonly moduleUrlOf?: (functionId: FunctionId) => string;
}

export interface LambdaInvoker {
  readonly mode: InvocationMode;
  /** The handler of `functionId` for callers of one kind: each call is one metered invocation. */
  handler(functionId: FunctionId, source: InvocationSource): CatalogHandler;
  /** Every invocation since the start or the last {@link clearInvocations}. */
  invocations(): readonly InvocationRecord[];
  clearInvocations(): void;
  /** Ends the worker threads (nothing to end in-process). */
  stop(): Promise<void>;
}

/** A catalog entry whose module has no `handler` export. */
export class MissingCatalogHandlerError extends LocalStackError {
  override readonly name = 'MissingCatalogHandlerError';
}

function catalogModuleUrl(functionId: FunctionId): string {
  return pathToFileURL(path.join(PROJECT_ROOT, FUNCTIONS[functionId].entry)).href;
}

export function createLambdaInvoker(options: LambdaInvokerOptions = {}): LambdaInvoker {
  const mode = options.mode ?? 'threads';
  const meter = createInvocationMeter();
  const run = mode === 'threads' ? pooledRunner(options.pool) : inProcessRunner();
  const moduleUrlOf = options.moduleUrlOf ?? catalogModuleUrl;
  const handlers = new Map<string, CatalogHandler>();
  const meteredHandler = (functionId: FunctionId, source: InvocationSource): CatalogHandler => {
    const moduleUrl = moduleUrlOf(functionId);
    const { memoryMb } = catalogLambdaSettings(functionId);
    return async (event, context) => {
      const startedAt = Date.now();
      const outcome = await run.invoke(moduleUrl, event, context);
      meter.record({
        functionId,
        memoryMb,
        durationMs: outcome.durationMs,
        ...(outcome.initDurationMs === undefined ? {} : { initDurationMs: outcome.initDurationMs }),
        startedAt,
        source,
        failed: !outcome.ok,
      });
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    };
  };
  return {
    mode,
    handler: (functionId, source) => {
      // The workflow resolves a task's handler at each invocation: one per function and source will do.
      const key = `${source}:${functionId}`;
      let handler = handlers.get(key);
      if (!handler) {
        handler = meteredHandler(functionId, source);
        handlers.set(key, handler);
      }
      return handler;
    },
    invocations: () => meter.list(),
    clearInvocations: () => meter.clear(),
    stop: () => run.stop(),
  };
}

interface Runner {
  invoke(moduleUrl: string, event: unknown, context: Context): Promise<PooledOutcome>;
  stop(): Promise<void>;
}

function pooledRunner(options: InvocationPoolOptions | undefined): Runner {
  const pool = startInvocationPool(options);
  return { invoke: (moduleUrl, event, context) => pool.invoke(moduleUrl, event, context), stop: () => pool.stop() };
}

/** Modules imported into this thread, shared by every in-process invoker (a module is evaluated once per thread anyway). */
const inProcessHandlers = new Map<string, Promise<CatalogHandler>>();

function inProcessRunner(): Runner {
  return {
    async invoke(moduleUrl, event, context) {
      let initDurationMs: number | undefined;
      let loading = inProcessHandlers.get(moduleUrl);
      if (!loading) {
        const importStarted = performance.now();
        loading = import(moduleUrl).then((module: { handler?: unknown }) => {
          if (typeof module.handler !== 'function') throw new MissingCatalogHandlerError(`${moduleUrl} exports no handler`);
          return module.handler as CatalogHandler;
        });
        inProcessHandlers.set(moduleUrl, loading);
        await loading.catch(() => undefined);
        initDurationMs = performance.now() - importStarted;
      }
      const init = initDurationMs === undefined ? {} : { initDurationMs };
      const started = performance.now();
      try {
        const result = await (await loading)(event, context);
        return { ok: true, result, durationMs: performance.now() - started, ...init };
      } catch (error) {
        return { ok: false, error, durationMs: performance.now() - started, ...init };
      }
    },
    stop: async () => undefined,
  };
}
