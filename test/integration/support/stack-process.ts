/**
 * The local stack in a child process of its own, so a test can kill it outright (SIGKILL) and
 * start it again on the same data and ports, as a machine that lost power would. The parent
 * (stack-process-client.ts) forks this file with tsx's loader and talks to it over IPC:
 *
 * - argv[2] is the launch, as JSON: `{ dataDir, ports, startMs }`;
 * - once started, the child sends `{ type: 'ready', info }`;
 * - it answers each `{ id, type: 'info' | 'advance' | 'settle' | 'stop', ms? }` with
 *   `{ id, ok: true, result }` or `{ id, ok: false, error }`.
 *
 * The stack runs on a manual clock that starts at `startMs` (the parent restarts a killed
 * child with the time it had reached, so the clock never goes back), with no retry backoff,
 * and its scheduled jobs run only when the parent advances the clock.
 */
import { startLocalStack } from '../../../local/local-stack.js';
import type { LocalStack, LocalStackPorts } from '../../../local/local-stack.js';
import { ManualClock } from '../../../local/stepfunctions/clock.js';
import { advanceStack, settleStack } from './stack-time.js';

/** What the parent passes as argv[2]. */
export interface StackProcessLaunch {
  readonly dataDir: string;
  readonly ports: LocalStackPorts;
  /** The manual clock's start: the time the previous run of the stack had reached, or later. */
  readonly startMs: number;
}

/** Where the child's stack is, as the parent needs it. */
export interface StackProcessInfo {
  readonly apiUrl: string;
  readonly mailUrl: string;
  readonly brokers: readonly { readonly id: string; readonly token: string }[];
  readonly portalToken: string;
  readonly ports: LocalStackPorts;
  /** The table the functions use (named by the synthesized template). */
  readonly tableName: string;
  /** The stack's clock, in milliseconds since the epoch. */
  readonly clockMs: number;
  readonly pid: number;
}

/** A request from the parent. */
export type StackProcessRequest =
  | { readonly id: number; readonly type: 'info' }
  | { readonly id: number; readonly type: 'settle' }
  /** Moves the clock `ms` past the later of its own time and the real time, runs the due jobs, then settles. */
  | { readonly id: number; readonly type: 'advance'; readonly ms: number }
  /** Stops the stack cleanly and exits (no answer: the parent waits for the exit). */
  | { readonly id: number; readonly type: 'stop' };

/** What the child sends. */
export type StackProcessMessage =
  | { readonly type: 'ready'; readonly info: StackProcessInfo }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly id: number; readonly ok: true; readonly result: StackProcessInfo }
  | { readonly id: number; readonly ok: false; readonly error: string };

function send(message: StackProcessMessage): void {
  process.send?.(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('stack-process.ts runs as a forked child (child_process.fork), with an IPC channel');
  const launch = JSON.parse(process.argv[2] ?? '') as StackProcessLaunch;
  const clock = new ManualClock(launch.startMs);
  const stack = await startLocalStack({ dataDir: launch.dataDir, ports: launch.ports, clock, retryIntervalMs: 0, autoTick: false });
  const info = (): StackProcessInfo => ({
    apiUrl: stack.apiUrl,
    mailUrl: stack.mailUrl,
    brokers: stack.brokers,
    portalToken: stack.portalToken,
    ports: stack.ports,
    tableName: process.env.TABLE_NAME ?? '',
    clockMs: clock.now(),
    pid: process.pid,
  });
  const settle = (): Promise<void> => settleStack(stack);

  let stopping: Promise<void> | undefined;
  const stopAndExit = (): Promise<void> => (stopping ??= stack.stop().finally(() => process.exit(0)));
  process.on('message', (request: StackProcessRequest) => {
    if (request.type === 'stop') void stopAndExit();
    else void answer(stack, clock, settle, info, request);
  });
  // The parent is gone (its test ended or it died): leave nothing running.
  process.once('disconnect', () => void stopAndExit());
  send({ type: 'ready', info: info() });
}

async function answer(
  stack: LocalStack,
  clock: ManualClock,
  settle: () => Promise<void>,
  info: () => StackProcessInfo,
  request: Exclude<StackProcessRequest, { type: 'stop' }>,
): Promise<void> {
  try {
    switch (request.type) {
      case 'info':
        break;
      case 'settle':
        await settle();
        break;
      case 'advance':
        await advanceStack(stack, clock, request.ms);
        break;
    }
    send({ id: request.id, ok: true, result: info() });
  } catch (error) {
    send({ id: request.id, ok: false, error: messageOf(error) });
  }
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: messageOf(error) });
  process.exitCode = 1;
  setImmediate(() => process.exit(1));
});
