/**
 * The journal that lets executions survive a restart (the library persists nothing): one
 * JSON file per execution, replaced atomically and durably (write to a temporary file, fsync,
 * rename, fsync the directory).
 *
 * It holds what a replay needs: the original input and definition hash, each finished
 * task invocation's outcome keyed by {@link taskOccurrenceKey}, and each parked token
 * with its deadline.
 */
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEventRecord } from './execution-history.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A finished task invocation: its result, or the error it failed with. */
export type JournaledTaskOutcome =
  | { readonly result: unknown }
  | { readonly error: { readonly name: string; readonly message: string } };

export interface JournaledParkedToken {
  readonly token: string;
  readonly stateName: string;
  /** Epoch ms; `null` when the task has no timeout. */
  readonly deadlineMs: number | null;
  /**
   * Set once the task's handler returned: it has handed the token to whoever answers it. A
   * token journaled without it (a crash while the handler ran) is handed over again on replay.
   */
  readonly submitted?: boolean;
}

export interface ExecutionRecord {
  readonly formatVersion: 1;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** The input as given to StartExecution (a JSON text). */
  readonly input: string;
  /** SHA-256 of the resolved definition the execution started with. */
  readonly definitionHash: string;
  status: ExecutionStatus;
  readonly startDate: number;
  stopDate: number | undefined;
  output: string | undefined;
  error: string | undefined;
  cause: string | undefined;
  readonly history: HistoryEventRecord[];
  /** By {@link taskOccurrenceKey}. */
  readonly taskOutcomes: Record<string, JournaledTaskOutcome>;
  /** Tokens waiting for SendTaskSuccess/Failure, by {@link taskOccurrenceKey}. */
  readonly parkedTokens: Record<string, JournaledParkedToken>;
  /** Tokens that answered, timed out or were stopped: they answer TaskTimedOut from now on. */
  readonly closedTokens: string[];
}

/**
 * Names one invocation of a Task state within an execution: the state, how many times the
 * same state was invoked before with the same payload (retries, reminder rounds), and the
 * canonical payload without the token (which also tells Map iterations apart).
 */
export function taskOccurrenceKey(stateName: string, occurrence: number, canonicalPayload: string): string {
  return `${stateName}#${occurrence}#${canonicalPayload}`;
}

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Execution journal ${file} cannot be read: ${reason}`);
  }
}

interface WriteSlot {
  tail: Promise<void>;
  /** A write queued but not started: later saves join it, since it will see their changes. */
  queued: Promise<void> | undefined;
}

export class ExecutionJournal {
  private readonly slots = new Map<string, WriteSlot>();
  private sealed = false;
  private temporaryCount = 0;

  /** From now on nothing is written (a runtime killed as a crash would kill it: what was on disk stays). */
  seal(): void {
    this.sealed = true;
  }

  private constructor(readonly directory: string) {}

  /** Opens (creating if needed) the journal directory and reads every execution in it. */
  static async open(directory: string): Promise<{ journal: ExecutionJournal; records: ExecutionRecord[] }> {
    await mkdir(directory, { recursive: true });
    const files = (await readdir(directory)).filter((file) => file.endsWith('.json')).sort();
    const records: ExecutionRecord[] = [];
    for (const file of files) {
      const text = await readFile(join(directory, file), 'utf8');
      let record: ExecutionRecord;
      try {
        record = JSON.parse(text) as ExecutionRecord;
      } catch (error) {
        throw new JournalCorruptError(file, (error as Error).message);
      }
      if (record.formatVersion !== 1) throw new JournalCorruptError(file, `unknown format version ${String(record.formatVersion)}`);
      records.push(record);
    }
    return { journal: new ExecutionJournal(directory), records };
  }

  /** Writes the record's current state; resolves once it is on disk. */
  save(record: ExecutionRecord): Promise<void> {
    if (this.sealed) return Promise.resolve();
    const file = this.fileOf(record);
    let slot = this.slots.get(file);
    if (!slot) {
      slot = { tail: Promise.resolve(), queued: undefined };
      this.slots.set(file, slot);
    }
    if (slot.queued) return slot.queued;
    const current = slot;
    const write = current.tail.then(async () => {
      current.queued = undefined;
      await this.writeAtomically(file, JSON.stringify(record));
    });
    current.queued = write;
    current.tail = write.catch(() => undefined);
    return write;
  }

  /** Resolves when every write asked for so far is done. */
  async idle(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => slot.tail));
  }

  private fileOf(record: ExecutionRecord): string {
    const stateMachineName = record.stateMachineArn.split(':').at(-1) ?? 'stateMachine';
    return join(this.directory, `${encodeURIComponent(stateMachineName)}--${encodeURIComponent(record.name)}.json`);
  }

  /**
   * Durable before it resolves: the new content is flushed to disk before it replaces the old
   * (rename), and the rename itself is flushed with the directory. A SendTaskSuccess is
   * answered only after this resolves, so an acknowledged answer survives a crash of the
   * machine, not only of the process — as AWS never loses an acknowledged answer.
   */
  private async writeAtomically(file: string, text: string): Promise<void> {
    const temporary = `${file}.${process.pid}.${(this.temporaryCount += 1)}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    await this.syncDirectory();
  }

  private async syncDirectory(): Promise<void> {
    const directory = await open(this.directory, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
