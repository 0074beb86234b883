/**
 * The local test signing service's sessions: in memory, and each written to
 * `<dataDir>/sessions/<id>.json` whenever it changes, so `npm start` resumes them after a restart.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically, WriteQueue } from '../json-file-store.js';

export type ServiceSessionStatus = 'pending' | 'finished' | 'declined' | 'expired';

/** One callback the service sent, as it sent it (tests replay it). */
export interface CallbackDelivery {
  readonly at: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The answer's status, or 0 when the product could not be reached. */
  readonly answerStatus: number;
}

export interface ServiceSession {
  readonly sessionId: string;
  readonly documentName: string;
  readonly signer: { readonly firstName: string; readonly lastName: string; readonly email: string; readonly language: string };
  readonly callbackUrl: string;
  readonly returnUrl: string;
  readonly externalReference: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  status: ServiceSessionStatus;
  /** The PDF to sign, base64. */
  readonly pdf: string;
  /** The signed PDF once finished, base64. */
  signedPdf?: string;
  finishedAt?: string;
  deliveries: CallbackDelivery[];
}

export class ServiceSessions {
  private readonly sessions = new Map<string, ServiceSession>();
  private readonly writes = new WriteQueue();

  private constructor(private readonly dir: string) {}

  static async open(dataDir: string): Promise<ServiceSessions> {
    const dir = path.join(dataDir, 'sessions');
    await mkdir(dir, { recursive: true });
    const store = new ServiceSessions(dir);
    for (const file of await readdir(dir)) {
      if (!file.endsWith('.json')) continue;
      const session = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as ServiceSession;
      store.sessions.set(session.sessionId, session);
    }
    return store;
  }

  /** A new pending session, stored. */
  async create(input: Omit<ServiceSession, 'sessionId' | 'status' | 'deliveries' | 'createdAt'>, now: Date): Promise<ServiceSession> {
    const session: ServiceSession = { ...input, sessionId: randomBytes(16).toString('base64url'), status: 'pending', createdAt: now.toISOString(), deliveries: [] };
    this.sessions.set(session.sessionId, session);
    await this.save(session);
    return session;
  }

  /** The session, its status brought up to date (a pending session past its expiry is expired). */
  get(sessionId: string, now: Date): ServiceSession | undefined {
    const session = this.sessions.get(sessionId);
    if (session && session.status === 'pending' && Date.parse(session.expiresAt) <= now.getTime()) session.status = 'expired';
    return session;
  }

  /** Writes the session as it is now; writes run one after the other. */
  save(session: ServiceSession): Promise<void> {
    // Serialised now, not at its turn: the session may change again before the write runs.
    const text = `${JSON.stringify(session)}\n`;
    return this.writes.enqueue(() => writeFileAtomically(path.join(this.dir, `${session.sessionId}.json`), text));
  }

  flushed(): Promise<void> {
    return this.writes.flushed();
  }
}
