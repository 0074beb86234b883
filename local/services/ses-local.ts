/**
 * SES v2 on loopback: aws-ses-v2-local. It captures every e-mail instead of sending it;
 * its page at `/` is the mail viewer and `GET /store` lists the captured mails.
 *
 * Captured mails live in the package's module-level memory, shared by every SES server
 * started in the same process. With `storeFile`, each mail SES accepted is appended to that
 * file (one JSON line, flushed to disk) before SendEmail is answered — as AWS sends a mail it
 * accepted even if the caller dies a moment later — and read back on start, so the mail
 * viewer (and the links in it) survives a restart of `npm start`, even a killed one.
 *
 * With `onAccepted`, each mail SES accepted is handed on once it is journaled: the local stack
 * gives it to the mailbox simulator (ses/mailbox-simulator.ts), which answers SES's simulator
 * addresses with the feedback SES sends.
 */
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as sesEmulator from 'aws-ses-v2-local';
import { LocalStackError } from '../local-stack-error.js';
import { listenOnLoopback, type ListeningServer } from './listen-on-loopback.js';

export interface SesLocalOptions {
  /** Port to listen on; `0` or absent picks a free one. */
  readonly port?: number;
  /** Where captured mails are kept across restarts (JSON); absent keeps them in memory only. */
  readonly storeFile?: string;
  /** Told of each mail SendEmail accepted, once it is journaled (before SendEmail is answered). */
  readonly onAccepted?: (mails: readonly CapturedEmail[]) => void;
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

/** Starts aws-ses-v2-local on 127.0.0.1 (behind a journaling front when `storeFile` is given). */
export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  if (options.storeFile) await restoreEmails(options.storeFile);
  const fronted = options.storeFile !== undefined || options.onAccepted !== undefined;
  const emulator = await startSesServer({ host: '127.0.0.1', port: fronted ? 0 : (options.port ?? 0) });
  const emulatorEndpoint = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
  const front = fronted ? await startJournalingFront(emulatorEndpoint, options, options.port ?? 0) : undefined;
  const endpoint = front?.endpoint ?? emulatorEndpoint;
  const close = (server: Server) =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    listEmails: () => listCapturedEmails(endpoint),
    clearEmails: async () => {
      const response = await fetch(`${emulatorEndpoint}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new SesStoreError(`POST ${endpoint}/clear-store answered ${response.status}`);
      if (options.storeFile) await writeFile(options.storeFile, '');
    },
    stop: () => (stopping ??= (front ? front.close() : Promise.resolve()).then(() => close(emulator))),
  };
}

/**
 * A front that passes every request to the emulator and, when SendEmail succeeded, appends
 * the mails the emulator just stored to the journal (when there is one) and flushes it, then
 * hands them to `onAccepted`, before answering.
 */
async function startJournalingFront(emulatorEndpoint: string, options: Pick<SesLocalOptions, 'storeFile' | 'onAccepted'>, port: number): Promise<ListeningServer> {
  const journal = options.storeFile;
  if (journal) await mkdir(path.dirname(journal), { recursive: true });
  const journaled = new Set(emulatorStore().emails.map((email) => email.messageId));
  let appending: Promise<void> = Promise.resolve();
  const appendNew = (): Promise<void> => {
    appending = appending.then(async () => {
      const fresh = emulatorStore().emails.filter((email) => !journaled.has(email.messageId));
      if (fresh.length === 0) return;
      if (journal) {
        const handle = await open(journal, 'a');
        try {
          await handle.writeFile(fresh.map((email) => `${JSON.stringify(email)}\n`).join(''), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      for (const email of fresh) journaled.add(email.messageId);
      options.onAccepted?.(fresh.map(toCapturedEmail));
    });
    return appending;
  };
  const target = new URL(emulatorEndpoint);
  const server = createServer((incoming, outgoing) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () => {
          const sent = incoming.method === 'POST' && (incoming.url ?? '').startsWith('/v2/email/outbound-emails') && (answer.statusCode ?? 500) < 300;
          void (sent ? appendNew() : Promise.resolve()).then(
            () => {
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              outgoing.end(Buffer.concat(chunks));
            },
            () => {
              outgoing.writeHead(500);
              outgoing.end();
            },
          );
        });
      },
    );
    upstream.once('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  return listenOnLoopback(server, { port });
}

/** The emulator's in-memory store (its `dist/store.js`; the package exports no API for it). */
const emulatorStore = (): { emails: StoredEmail[] } =>
  (createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as { getStoreReadonly(): { emails: StoredEmail[] } }).getStoreReadonly();

/** Puts journaled mails back (one JSON line each; a line cut short by a crash is skipped), skipping any this process's store still holds. */
async function restoreEmails(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return; // nothing saved yet
  }
  const saved = text.split('\n').flatMap((line): StoredEmail[] => {
    try {
      const parsed: unknown = line.trim() ? JSON.parse(line) : undefined;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? [parsed as StoredEmail] : [];
    } catch {
      return [];
    }
  });
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
