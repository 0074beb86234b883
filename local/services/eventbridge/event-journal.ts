/**
 * The events a local bus accepted, kept as EventBridge keeps nothing: one JSON line each in
 * `<dataDir>/events/events.jsonl`, appended and flushed to disk before PutEvents is answered
 * (as SES's mails are journaled, ses-local.ts), and read back on start, so `GET /events` lists
 * what the stack published across restarts, even a killed one.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isObject } from '../kms/json-object.js';
import type { PutEvent } from './put-events.js';

/** An event as `GET /events` lists it: the event a target receives, and the bus it was put on. */
export type CapturedBusEvent = PutEvent['event'] & { readonly eventBusName: string };

export class EventJournal {
  private appending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly captured: CapturedBusEvent[],
  ) {}

  /** Opens the journal of `file`, reading back what it holds (a line cut short by a crash is skipped). */
  static async open(file: string): Promise<EventJournal> {
    await mkdir(path.dirname(file), { recursive: true });
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const captured = text.split('\n').flatMap((line): CapturedBusEvent[] => {
      try {
        const parsed: unknown = line.trim() ? JSON.parse(line) : undefined;
        return isObject(parsed) && typeof parsed.id === 'string' ? [parsed as unknown as CapturedBusEvent] : [];
      } catch {
        return [];
      }
    });
    return new EventJournal(file, captured);
  }

  /** Appends the events of one PutEvents call, on disk before it resolves; appends run one after another. */
  append(puts: readonly PutEvent[]): Promise<void> {
    const lines = puts.map((put) => ({ ...put.event, eventBusName: put.eventBusName }));
    const next = this.appending.then(async () => {
      if (lines.length === 0) return;
      const handle = await open(this.file, 'a');
      try {
        await handle.writeFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(''), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.captured.push(...lines);
    });
    this.appending = next.catch(() => undefined);
    return next;
  }

  /** Every event journaled, oldest first. */
  list(): CapturedBusEvent[] {
    return [...this.captured];
  }

  /** Resolves once every append so far is on disk. */
  flushed(): Promise<void> {
    return this.appending;
  }
}
