/**
 * How a broker sees a request (`GET /v1/requests/{id}` and the list): its state, each grantee
 * with his grant, the history (R9) — the request's own chain and each grant's, merged in time
 * order and checked — and the documents with their hashes (R8). A request whose personal data
 * was erased shows its ids, statuses and trail only.
 */
import * as z from 'zod/mini';
import type { Grant } from '../../adapters/grant-store.js';
import { isErased } from '../../adapters/request-store.js';
import type { ErasedRequest, ListedRequest, RequestRecord, StoredRequest } from '../../adapters/request-store.js';
import type { NoteRef } from '../../domain/audit-event.js';
import { grantChainGenesis, verifyAuditChain } from '../../domain/audit-event.js';
import { clientName, personName } from '../../domain/display-names.js';
import { mailTroubleOf, type MailTrouble } from '../../domain/mail-feedback.js';
import { expectedSigner } from '../../domain/signing-plan.js';
import { GRANT_STATUSES, REQUEST_STATUSES } from '../../domain/request-status.js';

const documentView = z.object({ sha256: z.string(), url: z.string(), method: z.optional(z.string()), receivedAt: z.optional(z.string()) });

export const requestSummarySchema = z.object({
  id: z.string(),
  clientRef: z.string(),
  clientName: z.optional(z.string()).check(z.describe('Absent once the personal data was erased')),
  language: z.optional(z.string()),
  status: z.enum(REQUEST_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  erasedAt: z.optional(z.string()).check(z.describe('When the personal data was erased (retention or the client\'s request); the trail stays')),
});

const historyEntry = z.object({
  seq: z.number(),
  at: z.string(),
  type: z.string(),
  actor: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  grantId: z.optional(z.string()).check(z.describe("Set on an entry of a grant's own chain")),
});

/** Set on a person once SES reported trouble with a mail to him (functions/mail-feedback/): the broker calls him (R9). */
const mailTroubleFlags = {
  mailBounced: z.optional(z.literal(true)).check(z.describe('A mail to this person bounced: the address is wrong or the mailbox refused it')),
  mailComplained: z.optional(z.literal(true)).check(z.describe('This person marked a mail as spam: no more mail reaches him')),
};

const signerView = z.object({ name: z.string(), email: z.string(), ...mailTroubleFlags });

export const requestViewSchema = z.extend(requestSummarySchema, {
  requestDate: z.optional(z.string()),
  requester: z.optional(signerView),
  legalRepresentative: z.optional(signerView).check(z.describe("The company's legal representative, when he must approve by signing (R6)")),
  legalRepresentativeMustApprove: z.optional(z.boolean()),
  grantees: z.array(
    z.object({
      relation: z.string(),
      name: z.string(),
      email: z.string(),
      contracts: z.union([z.literal('all'), z.array(z.string())]),
      grantId: z.optional(z.string()),
      grantStatus: z.optional(z.enum(GRANT_STATUSES)),
      activatedAt: z.optional(z.string()),
      ...mailTroubleFlags,
    }),
  ),
  /** R2, R9: every step, oldest first; hash-chained so the trail can be checked offline. */
  history: z.array(historyEntry),
  /** Whether every chain (the request's and each grant's) checks from its start. */
  historyIntact: z.boolean(),
  documents: z.object({
    form: z.optional(documentView),
    requesterSignature: z.optional(documentView),
    legalRepresentativeSignature: z.optional(documentView),
  }),
  outcome: z.optional(z.object({ at: z.string(), error: z.optional(z.string()), cause: z.optional(z.string()) })),
  /** R8: the evidence package (functions/evidence/evidence-package.ts), the sealed certificate once completed. */
  evidence: z.object({ url: z.string().check(z.describe('GET /v1/requests/{id}/evidence: the whole trail, the documents and the sealed completion certificate')) }),
  retainUntil: z.optional(z.string()).check(z.describe('When the personal data is due for erasure')),
});

export type RequestSummary = z.infer<typeof requestSummarySchema>;
export type RequestView = z.infer<typeof requestViewSchema>;

/** A request as the API lists and shows it: read whole, or from the broker's index (`listed`). */
export function requestSummary(stored: StoredRequest | ErasedRequest | ListedRequest): RequestSummary {
  const common = { id: stored.id, clientRef: stored.clientRef, status: stored.status, createdAt: stored.createdAt, updatedAt: stored.updatedAt };
  if ('erasedAt' in stored && stored.erasedAt !== undefined) return { ...common, erasedAt: stored.erasedAt };
  const names = 'request' in stored ? stored.request : 'listed' in stored ? stored.listed : undefined;
  return names ? { ...common, clientName: clientName(names), language: names.language } : common;
}

export function requestView(record: RequestRecord, grants: readonly Grant[], baseUrl: string): RequestView {
  const stored = record.request;
  const history = mergedHistory(record).map((entry) => withNoteText(entry, record.notes));
  const evidence = { url: `${baseUrl}/v1/requests/${stored.id}/evidence` };
  const historyIntact = chainsIntact(record);
  if (isErased(stored)) {
    return { ...requestSummary(stored), grantees: [], history, historyIntact, documents: {}, outcome: stored.outcome, evidence };
  }
  const documentsUrl = `${baseUrl}/v1/requests/${stored.id}/documents`;
  const signature = (role: 'requester' | 'legalRepresentative') => {
    const evidence = stored.signatures?.[role];
    return evidence ? { sha256: evidence.sha256, url: `${documentsUrl}/${role}-signature`, method: evidence.method, receivedAt: evidence.receivedAt } : undefined;
  };
  const grantAt = new Map(grants.map((grant) => [grant.index, grant]));
  const trouble = mailTroubleOf(record.history);
  const representative = stored.legalRepresentativeMustApprove ? expectedSigner(stored.request, 'legalRepresentative') : undefined;
  return {
    ...requestSummary(stored),
    requestDate: stored.request.requestDate,
    requester: { name: personName(stored.request.requester), email: stored.request.requester.email, ...flagsOf(trouble.byRole.get('requester')) },
    ...(representative
      ? { legalRepresentative: { name: personName(representative), email: representative.email, ...flagsOf(trouble.byRole.get('legalRepresentative')) } }
      : {}),
    legalRepresentativeMustApprove: stored.legalRepresentativeMustApprove,
    grantees: stored.request.grantees.map((grantee, index) => {
      const grant = grantAt.get(index);
      return {
        relation: grantee.relation,
        name: personName(grantee.person),
        email: grantee.person.email,
        contracts: grantee.contracts ?? 'all',
        grantId: grant?.grantId,
        grantStatus: grant?.status,
        activatedAt: grant?.activatedAt,
        ...flagsOf(grant ? trouble.byGrant.get(grant.grantId) : undefined),
      };
    }),
    history,
    historyIntact,
    documents: {
      form: stored.form ? { sha256: stored.form.sha256, url: `${documentsUrl}/form` } : undefined,
      requesterSignature: signature('requester'),
      legalRepresentativeSignature: signature('legalRepresentative'),
    },
    outcome: stored.outcome,
    evidence,
    retainUntil: stored.retainUntil,
  };
}

/** A person's mail trouble as the view shows it: only the flags that are set. */
function flagsOf(trouble: MailTrouble | undefined): MailTrouble {
  return { ...(trouble?.mailBounced ? { mailBounced: true } : {}), ...(trouble?.mailComplained ? { mailComplained: true } : {}) };
}

/** The request's chain and every grant's, one list in time order (the request's first on a tie). */
function mergedHistory(record: RequestRecord): z.infer<typeof historyEntry>[] {
  const all = [...record.history, ...[...record.grantHistories.values()].flat()];
  return all
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.order - b.order))
    .map(({ entry }) => ({ ...entry, details: { ...entry.details } }));
}

/** Every chain checks: the request's from the genesis, each grant's from its anchor in the request's. */
function chainsIntact(record: RequestRecord): boolean {
  if (!verifyAuditChain(record.history).valid) return false;
  const created = record.history.find((entry) => entry.type === 'grantsCreated');
  for (const [grantId, entries] of record.grantHistories) {
    if (!created || !verifyAuditChain(entries, grantChainGenesis(created.hash, grantId)).valid) return false;
  }
  return true;
}

/** A reason written by a person is kept as a note: shown beside the entry while it exists. */
function withNoteText(entry: z.infer<typeof historyEntry>, notes: ReadonlyMap<string, string>): z.infer<typeof historyEntry> {
  const note = entry.details.note as NoteRef | undefined;
  if (!note) return entry;
  const text = notes.get(note.id);
  return { ...entry, details: { ...entry.details, ...(text === undefined ? { reasonErased: true } : { reason: text }) } };
}

