/**
 * The audit trail of a request (R2: every step leaves a trace that can be shown later;
 * R9: the broker sees every request's state and history).
 *
 * Each event type has its own zod schema; entries are hash-chained (each entry's hash covers
 * the previous entry's hash and its own content) so the trail can be checked offline.
 * Entries carry no birth dates, addresses or national register numbers; the one name they
 * hold is a verified signature certificate's subject, the evidence of who signed (R8).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';

import { REFUSAL_REASONS, SUB_FILTERS } from '../signatures/signature-verdict.js';
import { canonicalJson } from './canonical-json.js';
import { BOUNCE_TYPES, MAIL_KINDS } from './mail-feedback.js';
import { GRANTEE_RELATIONS } from './request-constants.js';

const role = z.enum(['requester', 'legalRepresentative']);
const method = z.enum(['advanced', 'eid', 'handwritten']);

/**
 * What the trail keeps of a verified signature: the certificate that signed (its subject names
 * the signer: evidence the request exists for) and how; never the national register number.
 */
export const signatureVerdictSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  certificateSha256: z.string(),
  algorithm: z.string(),
  subFilter: z.enum(SUB_FILTERS),
  signingTime: z.optional(z.string()),
  revisionLength: z.number().check(z.int()),
  revocation: z.literal('not_checked'),
});

/**
 * Where free text a person wrote (a decline or rejection reason, a revocation's reason) is
 * kept: a note item beside the request, of which the entry holds only a salted SHA-256. The
 * entry stays when the note is erased with the request's personal data; the chain still checks.
 */
export const noteRefSchema = z.object({ id: z.string(), sha256: z.string() });
export type NoteRef = z.infer<typeof noteRefSchema>;

/** What a grant gives (R4): the grantee's relation and the contracts he may see. Ids and refs only, no names. */
export const grantTermsSchema = z.object({
  grantId: z.string(),
  relation: z.enum(GRANTEE_RELATIONS),
  scope: z.union([z.object({ type: z.literal('all') }), z.object({ type: z.literal('contracts'), refs: z.array(z.string()) })]),
});
export type GrantTerms = z.infer<typeof grantTermsSchema>;

/**
 * Whom a mail SES gave feedback on was for — a signer's role or a grant, exactly one — and which
 * mail it was (functions/domain/mail-feedback.ts). Never the address.
 */
const mailRecipientShape = { role: z.optional(role), grantId: z.optional(z.string()), mail: z.enum(MAIL_KINDS) };
const namesOneRecipient = [
  (details: { role?: unknown; grantId?: unknown }) => (details.role === undefined) !== (details.grantId === undefined),
  { message: 'names exactly one of role and grantId' },
] as const;

/** One chain's last entry: how far a chain goes at a given moment (what a sealed certificate covers). */
export const chainHeadSchema = z.object({ seq: z.number().check(z.int()), hash: z.string() });

/**
 * One schema per event. Details carry ids, statuses, counts and hashes only — no names,
 * e-mail addresses, birth dates or free text — so the trail may be kept after a request's
 * personal data is erased (docs/personal-data.md).
 */
export const auditEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submitted'), details: z.object({ grantees: z.number().check(z.int()), clientRef: z.string() }) }),
  z.object({ type: z.literal('formGenerated'), details: z.object({ sha256: z.string(), legalRepresentativeMustApprove: z.boolean() }) }),
  z.object({ type: z.literal('signatureRequested'), details: z.object({ role, round: z.number().check(z.int()), reminder: z.boolean() }) }),
  z.object({
    type: z.literal('signatureReceived'),
    details: z.object({
      role,
      method,
      sha256: z.string(),
      contentType: z.string(),
      /** A signed PDF's verified signature (R3, R8); absent for a scan. */
      verdict: z.optional(signatureVerdictSchema),
    }),
  }),
  z.object({
    type: z.literal('signatureRefused'),
    details: z.object({ role, method, reason: z.enum(REFUSAL_REASONS), sha256: z.string() }),
  }),
  z.object({ type: z.literal('scanReviewRequested'), details: z.object({ role }) }),
  z.object({
    type: z.literal('scanReviewed'),
    details: z.object({ role, decision: z.enum(['approve', 'reject']), note: z.optional(noteRefSchema) }),
  }),
  z.object({ type: z.literal('signatureDeclined'), details: z.object({ role, note: z.optional(noteRefSchema) }) }),
  z.object({
    type: z.literal('grantsCreated'),
    details: z.object({
      grantIds: z.array(z.string()),
      /** Each grant's relation and scope (R4), so the evidence shows what was granted from the trail alone; absent on older entries. */
      grants: z.optional(z.array(grantTermsSchema)),
    }),
  }),
  z.object({ type: z.literal('activationRequested'), details: z.object({ grantId: z.string(), round: z.number().check(z.int()), reminder: z.boolean() }) }),
  z.object({ type: z.literal('grantActivated'), details: z.object({ grantId: z.string() }) }),
  z.object({ type: z.literal('grantExpired'), details: z.object({ grantId: z.string() }) }),
  z.object({ type: z.literal('grantRevoked'), details: z.object({ grantId: z.string(), note: z.optional(noteRefSchema) }) }),
  z.object({ type: z.literal('reminderRequested'), details: z.object({ recipients: z.number().check(z.int()) }) }),
  /** SES reported the mail bounced (functions/mail-feedback/): the broker calls the person (R9). */
  z.object({ type: z.literal('mailBounced'), details: z.object({ ...mailRecipientShape, bounceType: z.enum(BOUNCE_TYPES) }).check(z.refine(...namesOneRecipient)) }),
  /** The recipient marked the mail as spam: SES mails him no more. */
  z.object({ type: z.literal('mailComplained'), details: z.object(mailRecipientShape).check(z.refine(...namesOneRecipient)) }),
  z.object({ type: z.literal('cancelled'), details: z.object({ note: z.optional(noteRefSchema), withdrawnGrantIds: z.array(z.string()) }) }),
  z.object({ type: z.literal('completed'), details: z.object({ activeGrants: z.number().check(z.int()), expiredGrants: z.number().check(z.int()) }) }),
  z.object({
    type: z.literal('evidenceSealed'),
    details: z.object({
      /** SHA-256 of the sealed completion certificate (functions/evidence/). */
      sha256: z.string(),
      /** The request chain's entry up to which the certificate shows the trail. */
      covers: chainHeadSchema,
      /** Each grant chain's entry up to which the certificate shows it. */
      grants: z.array(z.extend(chainHeadSchema, { grantId: z.string() })),
    }),
  }),
  z.object({
    type: z.literal('declined'),
    details: z.object({ by: z.enum(['signer', 'rejections']), note: z.optional(noteRefSchema) }),
  }),
  z.object({ type: z.literal('expired'), details: z.object({}) }),
  z.object({ type: z.literal('failed'), details: z.object({ error: z.string(), cause: z.optional(z.string()) }) }),
  z.object({
    type: z.literal('erased'),
    details: z.object({ reason: z.enum(['retention', 'clientRequest']), documents: z.number().check(z.int()), items: z.number().check(z.int()) }),
  }),
]);

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventType = AuditEvent['type'];

/**
 * Who caused an entry: the workflow, a broker, a person following an e-mailed link, or SES's
 * feedback on a mail (`mailFeedback`: a bounce, a complaint).
 */
export type AuditActor = 'workflow' | `broker:${string}` | 'requester' | 'legalRepresentative' | `grantee:${string}` | 'mailFeedback';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly type: AuditEventType;
  readonly details: AuditEvent['details'];
  readonly prevHash: string;
  readonly hash: string;
  /** The grant whose own chain holds this entry; absent on the request's chain. Bound by the chain's genesis. */
  readonly grantId?: string;
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

/**
 * Where a grant's own chain starts: bound to the request-chain entry that created the grant
 * (its hash) and to the grant's id, so a grant chain cannot be moved to another grant or request.
 * Each grant has its own chain so that grantees activating at once never wait on one lock.
 */
export function grantChainGenesis(anchorHash: string, grantId: string): string {
  return createHash('sha256').update(anchorHash).update('\n').update(grantId).digest('hex');
}

/** Checks a whole trail, in order: each link points at the previous and its hash is right. */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  genesis: string = GENESIS_HASH,
): { valid: true } | { valid: false; brokenAt: number } {
  let prev = genesis;
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
