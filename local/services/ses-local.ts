/**
 * SES v2 on loopback: aws-ses-v2-local. It captures every e-mail instead of sending it;
 * its page at `/` is the mail viewer and `GET /store` lists the captured mails.
 *
 * Captured mails live in the package's module-level memory, shared by every SES server
 * started in the same process. With `storeFile`, they are written there on stop and read
 * back on start, so the mail viewer (and the links in it) survives a restart of `npm start`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as sesEmulator from 'aws-ses-v2-local';
import { LocalStackError } from '../local-stack-error.js';

export interface SesLocalOptions {
  /** Port to listen on; `0` or absent picks a free one. */
  readonly port?: number;
  /** Where captured mails are kept across restarts (JSON); absent keeps them in memory only. */
  readonly storeFile?: string;
}

/** One e-mail as the emulator captured it. */
export interface CapturedEmail {
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly replyTo: readonly string[];
  readonly subject: string;
  readonly text: string | undefined;
  readonly html: string | undefined;
  readonly attachments: readonly { readonly filename: string | undefined; readonly contentType: string; readonly size: number }[];
  /** When it was sent (the emulator keeps whole seconds). */
  readonly at: Date;
}

export interface SesLocal {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`, and the mail viewer in a browser. */
  readonly endpoint: string;
  /** Every captured e-mail, oldest first. */
  listEmails(): Promise<CapturedEmail[]>;
  /** Forgets every captured e-mail. */
  clearEmails(): Promise<void>;
  /** Stops the server. Safe to call twice. */
  stop(): Promise<void>;
}

/** The emulator answered `/store` with something else than its list of e-mails. */
export class SesStoreError extends LocalStackError {
  override readonly name = 'SesStoreError';
}

type StartSesServer = (config: { host: string; port: number }) => Promise<Server>;

/**
 * The package is CommonJS with `exports.default`: Node hands an ES module the whole
 * `exports` object as default, vitest the function itself. Accept both.
 */
const startSesServer: StartSesServer = (() => {
  const imported: unknown = sesEmulator.default;
  const candidate = typeof imported === 'function' ? imported : (imported as { default?: unknown } | undefined)?.default;
  if (typeof candidate !== 'function') throw new LocalStackError('aws-ses-v2-local exports no server function');
  return candidate as StartSesServer;
})();

/** Starts aws-ses-v2-local on 127.0.0.1. */
export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  if (options.storeFile) await restoreEmails(options.storeFile);
  const server = await startSesServer({ host: '127.0.0.1', port: options.port ?? 0 });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    listEmails: () => listCapturedEmails(endpoint),
    clearEmails: async () => {
      const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new SesStoreError(`POST ${endpoint}/clear-store answered ${response.status}`);
    },
    stop: () =>
      (stopping ??= (options.storeFile ? saveEmails(options.storeFile) : Promise.resolve()).then(
        () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      )),
  };
}

/** The emulator's in-memory store (its `dist/store.js`; the package exports no API for it). */
const emulatorStore = (): { emails: StoredEmail[] } =>
  (createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as { getStoreReadonly(): { emails: StoredEmail[] } }).getStoreReadonly();

async function saveEmails(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(emulatorStore().emails));
  await rename(`${file}.tmp`, file);
}

/** Puts saved mails back, skipping any this process's store still holds. */
async function restoreEmails(file: string): Promise<void> {
  let saved: StoredEmail[];
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as StoredEmail[];
  } catch {
    return; // nothing saved yet
  }
  const store = emulatorStore();
  const present = new Set(store.emails.map((email) => email.messageId));
  store.emails.unshift(...saved.filter((email) => !present.has(email.messageId)));
}

/** The e-mails captured by the SES emulator at `endpoint` (another process's too). */
export async function listCapturedEmails(endpoint: string): Promise<CapturedEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new SesStoreError(`GET ${endpoint}/store answered ${response.status}`);
  const store = (await response.json()) as { emails?: unknown };
  if (!Array.isArray(store.emails)) throw new SesStoreError(`GET ${endpoint}/store has no "emails" list`);
  return store.emails.map((email) => toCapturedEmail(email as StoredEmail));
}

/** The emulator's own record (`aws-ses-v2-local/dist/store.d.ts`). */
interface StoredEmail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body?: { html?: string; text?: string };
  attachments?: { contentType: string; filename?: string; size: number }[];
  at: number;
}

function toCapturedEmail(email: StoredEmail): CapturedEmail {
  return {
    messageId: email.messageId,
    from: email.from,
    to: email.destination?.to ?? [],
    cc: email.destination?.cc ?? [],
    bcc: email.destination?.bcc ?? [],
    replyTo: email.replyTo ?? [],
    subject: email.subject,
    text: email.body?.text,
    html: email.body?.html,
    attachments: (email.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
    at: new Date(email.at * 1000),
  };
}
