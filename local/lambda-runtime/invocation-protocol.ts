/**
 * The messages between the stack and a worker thread of its invocation pool
 * (`invocation-pool.ts` posts, `invocation-worker.ts` answers). Events and results are what
 * Lambda carries as JSON (API Gateway payload 2.0 events and results, task payloads), so a
 * structured clone carries them unchanged; the context and a thrown error cross as data.
 */
import type { LambdaContextSnapshot } from '../lambda-context.js';
import type { CarriedThrown } from './invocation-errors.js';

/** Run the `handler` export of the module at `moduleUrl` once. */
export interface InvocationRequest {
  readonly type: 'invoke';
  readonly id: number;
  /** A file URL; the worker imports each module once, on its first invocation (its cold start). */
  readonly moduleUrl: string;
  readonly event: unknown;
  readonly context: LambdaContextSnapshot;
}

/**
 * Import these modules before any invocation needs them (a new worker of a busy pool takes on
 * the functions the others run warm, as provisioned concurrency would), then say
 * {@link WorkerWarmed}.
 */
export interface WarmRequest {
  readonly type: 'warm';
  readonly moduleUrls: readonly string[];
  /** The worker takes no invocation until these are imported (a new worker's first warming); echoed in {@link WorkerWarmed}. */
  readonly gatesReadiness: boolean;
}

/** What the stack posts to a worker. */
export type WorkerRequest = InvocationRequest | WarmRequest;

/** The modules of a {@link WarmRequest} are imported (or failed to: their first invocation says why). */
export interface WorkerWarmed {
  readonly type: 'warmed';
  readonly gatesReadiness: boolean;
}

/** What the worker measured of one invocation. */
export interface InvocationTiming {
  /** The handler's run, from its call to its settling: what Lambda bills. */
  readonly durationMs: number;
  /** The module's import, on the invocation that loaded it in this worker (Lambda's INIT phase); absent when it was warm. */
  readonly initDurationMs?: number;
}

/** The worker's answer to one {@link InvocationRequest}. */
export type InvocationReply =
  | ({ readonly type: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown } & InvocationTiming)
  | ({ readonly type: 'reply'; readonly id: number; readonly ok: false; readonly thrown: CarriedThrown } & InvocationTiming);

/** What a worker posts to the stack. */
export type WorkerMessage = InvocationReply | WorkerWarmed;
