/**
 * The parent's side of stack-process.ts: the local stack in a child process that a test can
 * kill with SIGKILL and start again on the same data directory and ports. The handle keeps
 * track of the stack's clock, so a restarted stack resumes at (or after) the time the killed
 * one had reached: a clock moved by an `advance` whose answer the kill cut off is counted too.
 * The child's console output is kept for error messages; `STACK_PROCESS_ECHO=1` also prints it.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalStackPorts } from '../../../local/local-stack.js';
import type { StackProcessInfo, StackProcessLaunch, StackProcessMessage, StackProcessRequest } from './stack-process.js';

const CHILD_ENTRY = path.join(import.meta.dirname, 'stack-process.ts');

/**
 * tsx's loader (`--import tsx`), as an absolute URL: a bare `tsx` would be resolved from the
 * child's working directory, which need not be this project.
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** How much of the child's console output an error quotes. */
const OUTPUT_TAIL_CHARS = 8_000;

/** What the parent may ask the running child. */
export type StackProcessCall = { readonly type: 'info' } | { readonly type: 'settle' } | { readonly type: 'advance'; readonly ms: number };

/** The child is not running (killed, or not started yet), or died while it was asked something. */
export class StackProcessDown extends Error {
  override readonly name = 'StackProcessDown';
}

/** The child failed to start, or answered a call with an error. */
export class StackProcessError extends Error {
  override readonly name = 'StackProcessError';
}

export interface StackProcess {
  /** The running child's stack (the last one's while it is down: ports and URLs do not change). */
  readonly info: StackProcessInfo;
  /** Whether a child is running and ready. */
  readonly up: boolean;
  /** The latest time the stack's clock may have reached (what a restart resumes from). */
  readonly clockMs: number;
  /** How many times the child was killed. */
  readonly kills: number;
  /** Resolves once a child is running and ready (at once if it is). */
  whenUp(): Promise<void>;
  /** Asks the running child; rejects with {@link StackProcessDown} if it is down or dies meanwhile. */
  call(request: StackProcessCall): Promise<StackProcessInfo>;
  /** Kills the child with SIGKILL and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts a new child on the same data, ports and clock, and waits until it is ready. */
  restart(): Promise<void>;
  /** Stops the child cleanly (or kills it if it is not ready) and waits for it to exit. */
  stop(): Promise<void>;
}

interface PendingCall {
  readonly request: StackProcessCall;
  resolve(info: StackProcessInfo): void;
  reject(error: Error): void;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly output: () => string;
  hasExited: boolean;
}

/** Starts the local stack in a child process on `dataDir` and `ports`, its clock at `startMs`. */
export async function startStackProcess(dataDir: string, ports: LocalStackPorts, startMs: number): Promise<StackProcess> {
  let running: Running | undefined;
  let info: StackProcessInfo | undefined;
  let clockCeiling = startMs;
  let kills = 0;
  let nextId = 1;
  const pending = new Map<number, PendingCall>();
  let upWaiters: (() => void)[] = [];
  let up = false;

  const failPending = (reason: string) => {
    for (const call of pending.values()) call.reject(new StackProcessDown(reason));
    pending.clear();
  };

  const launch = async (): Promise<void> => {
    const arguments_: StackProcessLaunch = { dataDir, ports, startMs: clockCeiling };
    const child = fork(CHILD_ENTRY, [JSON.stringify(arguments_)], {
      execPath: process.execPath,
      execArgv: ['--import', TSX_LOADER],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: process.env,
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
      if (process.env.STACK_PROCESS_ECHO) process.stderr.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const current: Running = {
      child,
      output: () => tail,
      hasExited: false,
      exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
    };
    void current.exited.then(() => {
      current.hasExited = true;
      if (running === current) {
        up = false;
        failPending(`the stack process ${child.pid ?? '?'} exited`);
      }
    });
    running = current;

    const ready = await new Promise<StackProcessInfo>((resolve, reject) => {
      child.on('message', (message: StackProcessMessage) => {
        if ('id' in message) {
          const call = pending.get(message.id);
          if (!call) return;
          pending.delete(message.id);
          if (message.ok) {
            clockCeiling = Math.max(clockCeiling, message.result.clockMs);
            info = message.result;
            call.resolve(message.result);
          } else {
            call.reject(new StackProcessError(`${call.request.type}: ${message.error}`));
          }
        } else if (message.type === 'ready') {
          resolve(message.info);
        } else {
          reject(new StackProcessError(`The stack process did not start: ${message.error}\n--- its output ---\n${tail}`));
        }
      });
      void current.exited.then(() => reject(new StackProcessError(`The stack process exited while starting\n--- its output ---\n${tail}`)));
    });
    clockCeiling = Math.max(clockCeiling, ready.clockMs);
    info = ready;
    up = true;
    const waiters = upWaiters;
    upWaiters = [];
    for (const wake of waiters) wake();
  };

  const handle: StackProcess = {
    get info() {
      if (!info) throw new StackProcessDown('The stack process has not started yet');
      return info;
    },
    get up() {
      return up;
    },
    get clockMs() {
      return clockCeiling;
    },
    get kills() {
      return kills;
    },
    whenUp: () => (up ? Promise.resolve() : new Promise<void>((resolve) => upWaiters.push(resolve))),
    call(request) {
      const child = running?.child;
      if (!up || !child) return Promise.reject(new StackProcessDown('The stack process is down'));
      const id = nextId++;
      return new Promise<StackProcessInfo>((resolve, reject) => {
        pending.set(id, { request, resolve, reject });
        const message: StackProcessRequest = request.type === 'advance' ? { id, type: 'advance', ms: request.ms } : { id, type: request.type };
        child.send(message, (error) => {
          if (error && pending.delete(id)) reject(new StackProcessDown(`The stack process could not be asked: ${error.message}`));
        });
      });
    },
    async kill() {
      const current = running;
      if (!current || current.hasExited) return;
      // An advance cut off by the kill may have moved the clock by its ms past the later of its
      // time and the real time: the restarted stack resumes no earlier than that.
      const cutOffMs = [...pending.values()].reduce((sum, call) => sum + (call.request.type === 'advance' ? call.request.ms : 0), 0);
      up = false;
      kills++;
      current.child.kill('SIGKILL');
      await current.exited;
      clockCeiling = Math.max(clockCeiling, Date.now()) + cutOffMs;
    },
    async restart() {
      if (running && !running.hasExited) throw new StackProcessError('The stack process still runs: kill or stop it first');
      await launch();
    },
    async stop() {
      const current = running;
      if (!current || current.hasExited) return;
      up = false;
      if (current.child.connected) current.child.send({ id: nextId++, type: 'stop' } satisfies StackProcessRequest);
      else current.child.kill('SIGKILL');
      await current.exited;
    },
  };

  await launch();
  return handle;
}
