/**
 * The audit trail of a request (R2: every step leaves a trace that can be shown later;
 * R9: the broker sees every request's state and history).
 *
 * Each event type has its own zod schema; entries are hash-chained (each entry's hash covers
 * the previous entry's hash and its own content) so the trail can be checked offline.
 * Entries carry no birth dates, addresses or national register numbers.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const role = z.enum(['requester', 'legalRepresentative']);

export const auditEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submitted'), details: z.object({ grantees: z.number().int(), clientRef: z.string() }) }),
  z.object({ type: z.literal('formGenerated'), details: z.object({ sha256: z.string(), legalRepresentativeMustApprove: z.boolean() }) }),
  z.object({ type: z.literal('signatureRequested'), details: z.object({ role, round: z.number().int(), reminder: z.boolean() }) }),
  z.object({
    type: z.literal('signatureReceived'),
    details: z.object({ role, method: z.enum(['advanced', 'eid', 'handwritten']), sha256: z.string(), contentType: z.string() }),
  }),
  z.object({ type: z.literal('scanReviewRequested'), details: z.object({ role }) }),
  z.object({
    type: z.literal('scanReviewed'),
    details: z.object({ role, decision: z.enum(['approve', 'reject']), reason: z.string().optional() }),
  }),
  z.object({ type: z.literal('signatureDeclined'), details: z.object({ role, reason: z.string().optional() }) }),
  z.object({ type: z.literal('grantsCreated'), details: z.object({ grantIds: z.array(z.string()) }) }),
  z.object({ type: z.literal('activationRequested'), details: z.object({ grantId: z.string(), round: z.number().int(), reminder: z.boolean() }) }),
  z.object({ type: z.literal('grantActivated'), details: z.object({ grantId: z.string() }) }),
  z.object({ type: z.literal('grantExpired'), details: z.object({ grantId: z.string() }) }),
  z.object({ type: z.literal('grantRevoked'), details: z.object({ grantId: z.string(), reason: z.string() }) }),
  z.object({ type: z.literal('reminderRequested'), details: z.object({ recipients: z.number().int() }) }),
  z.object({ type: z.literal('cancelled'), details: z.object({ reason: z.string().optional() }) }),
  z.object({ type: z.literal('completed'), details: z.object({ activeGrants: z.number().int(), expiredGrants: z.number().int() }) }),
  z.object({ type: z.literal('declined'), details: z.object({ reason: z.string().optional() }) }),
  z.object({ type: z.literal('expired'), details: z.object({}) }),
  z.object({ type: z.literal('failed'), details: z.object({ error: z.string(), cause: z.string().optional() }) }),
]);

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventType = AuditEvent['type'];

/** Who caused an entry: the workflow, a broker, or a person following an e-mailed link. */
export type AuditActor = 'workflow' | `broker:${string}` | 'requester' | 'legalRepresentative' | `grantee:${string}`;

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly type: AuditEventType;
  readonly details: AuditEvent['details'];
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash that starts every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Builds the next chained entry; the event is validated against its type's schema. */
export function chainAuditEntry(previous: { seq: number; hash: string }, at: string, actor: AuditActor, event: AuditEvent): AuditEntry {
  const valid = auditEventSchema.parse(event);
  const seq = previous.seq + 1;
  const hash = auditEntryHash(previous.hash, { seq, at, actor, type: valid.type, details: valid.details });
  return { seq, at, actor, type: valid.type, details: valid.details, prevHash: previous.hash, hash };
}

/** Checks a whole trail, in order: each link points at the previous and its hash is right. */
export function verifyAuditChain(entries: readonly AuditEntry[]): { valid: true } | { valid: false; brokenAt: number } {
  let prev = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const expected = auditEntryHash(prev, entry);
    if (entry.prevHash !== prev || entry.hash !== expected || entry.seq !== index + 1) return { valid: false, brokenAt: entry.seq };
    prev = entry.hash;
  }
  return { valid: true };
}

function auditEntryHash(prevHash: string, entry: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'type' | 'details'>): string {
  const content = canonicalJson({ seq: entry.seq, at: entry.at, actor: entry.actor, type: entry.type, details: entry.details });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
