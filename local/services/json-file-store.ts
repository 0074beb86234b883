/**
 * The state a local service must keep across restarts (KMS keys, secrets, the signing service's
 * root and sessions) is a JSON file under its data dir, because what was MACed, sealed or signed
 * before a restart must still verify after it. So a file is replaced whole and atomically (a
 * crash leaves the old state or the new one, never half of one), writes run one after the
 * other, and a file that cannot be read back stops the start rather than being replaced by an
 * empty store.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** What every store file carries, so that a later layout is refused rather than misread. */
export interface VersionedStoreFile {
  readonly formatVersion: 1;
}

/** How a store names a file it cannot read back (its own named error, so its caller can tell which store). */
export type UnreadableStoreError = new (message: string, options: { cause: unknown }) => Error;

/**
 * Reads `file` back and hands its content to `restore`. When there is no file yet (a first
 * start), creates its folder instead and restores nothing.
 * @throws `unreadable` when the file is not JSON, not format version 1, or `restore` refuses
 *   it; the file is left as it is.
 */
export async function readJsonStoreFile<T extends VersionedStoreFile>(
  file: string,
  restore: (saved: T) => void,
  unreadable: UnreadableStoreError,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    return;
  }
  try {
    const saved = JSON.parse(text) as T;
    if (saved.formatVersion !== 1) throw new Error(`unknown formatVersion ${String(saved.formatVersion)}`);
    restore(saved);
  } catch (error) {
    throw new unreadable(`${file} cannot be read back (delete it to start afresh): ${(error as Error).message}`, { cause: error });
  }
}

/** Writes `value` as indented JSON (a person may read the store), atomically. */
export function writeJsonFileAtomically(file: string, value: unknown): Promise<void> {
  return writeFileAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A store's content must not be half-written: a temporary file, synced, renamed over the old one. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself is durable only once the directory is synced (not possible everywhere).
  const directory = await open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } catch {
    // Windows cannot sync a directory; the rename is still atomic there.
  } finally {
    await directory.close();
  }
}

/**
 * A store's writes, one after the other: each whole-file write starts once the one before it
 * ended, so an older state never lands on disk after a newer one.
 */
export class WriteQueue {
  private last: Promise<void> = Promise.resolve();

  /** Runs `write` after every write queued before it; its failure is its caller's, and does not stop the writes queued after it. */
  enqueue(write: () => Promise<void>): Promise<void> {
    const next = this.last.then(write);
    this.last = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write queued so far has ended. */
  flushed(): Promise<void> {
    return this.last;
  }
}
