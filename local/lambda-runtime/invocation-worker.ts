/**
 * One worker thread of the invocation pool (`invocation-pool.ts`): a Lambda execution
 * environment shared by every function. It imports a function's module on that function's
 * first invocation here (its cold start) and keeps it, as a warm Lambda keeps its module scope;
 * the functions read their configuration from `process.env`, which this thread shares with the
 * stack (`SHARE_ENV`). Started with tsx's loader, so the TypeScript entries load as they are.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { lambdaContextFromSnapshot } from '../lambda-context.js';
import { LocalStackError } from '../local-stack-error.js';
import { carryThrown } from './invocation-errors.js';
import type { InvocationReply, InvocationRequest, WarmRequest, WorkerMessage, WorkerRequest } from './invocation-protocol.js';

type LambdaHandler = (event: unknown, context: Context) => unknown;

/** A function module without a `handler` export. */
export class MissingHandlerError extends LocalStackError {
  override readonly name = 'MissingHandlerError';
}

const handlers = new Map<string, Promise<LambdaHandler>>();

async function importHandler(moduleUrl: string): Promise<LambdaHandler> {
  const module = (await import(moduleUrl)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new MissingHandlerError(`${moduleUrl} exports no handler`);
  return module.handler as LambdaHandler;
}

/** The module's handler, imported on first use; a module that failed to load is imported again next time, as Lambda retries an INIT. */
function loadHandler(moduleUrl: string): { readonly loading: Promise<LambdaHandler>; readonly cold: boolean } {
  const loaded = handlers.get(moduleUrl);
  if (loaded) return { loading: loaded, cold: false };
  const loading = importHandler(moduleUrl);
  handlers.set(moduleUrl, loading);
  loading.catch(() => handlers.delete(moduleUrl));
  return { loading, cold: true };
}

async function invoke(request: InvocationRequest): Promise<InvocationReply> {
  const { loading, cold } = loadHandler(request.moduleUrl);
  const importStarted = performance.now();
  // Also waits for a warming import of the module in progress: init, not the handler's duration.
  const handler = await loading.catch((thrown: unknown) => ({ thrown }));
  const init = cold ? { initDurationMs: performance.now() - importStarted } : {};
  if (typeof handler !== 'function') return { type: 'reply', id: request.id, ok: false, thrown: carryThrown(handler.thrown), durationMs: 0, ...init };
  const started = performance.now();
  try {
    const result = await handler(request.event, lambdaContextFromSnapshot(request.context));
    return { type: 'reply', id: request.id, ok: true, result, durationMs: performance.now() - started, ...init };
  } catch (thrown) {
    return { type: 'reply', id: request.id, ok: false, thrown: carryThrown(thrown), durationMs: performance.now() - started, ...init };
  }
}

async function warm(request: WarmRequest): Promise<void> {
  await Promise.all(request.moduleUrls.map((moduleUrl) => loadHandler(moduleUrl).loading.catch(() => undefined)));
  parentPort?.postMessage({ type: 'warmed', gatesReadiness: request.gatesReadiness } satisfies WorkerMessage);
}

function answer(reply: InvocationReply): void {
  try {
    parentPort?.postMessage(reply satisfies WorkerMessage);
  } catch (thrown) {
    // A result a structured clone cannot carry (a function, a class instance with a symbol…): Lambda would fail to serialise it too.
    const failure = new LocalStackError(`The handler's result cannot be sent back: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    parentPort?.postMessage({ type: 'reply', id: reply.id, ok: false, thrown: carryThrown(failure), durationMs: reply.durationMs } satisfies WorkerMessage);
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'warm') void warm(request);
  else void invoke(request).then(answer);
});
