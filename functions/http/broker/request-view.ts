/**
 * How a broker sees a request (`GET /v1/requests/{id}` and the list): its state, each grantee
 * with his grant, the history (R9), and the documents with their hashes (R8).
 */
import { z } from 'zod';
import type { AuditEntry } from '../../domain/audit-event.js';
import { clientName, personName } from '../../domain/display-names.js';
import { REQUEST_STATUSES } from '../../domain/request-status.js';
import type { StoredRequest } from '../../adapters/request-store.js';

const documentView = z.object({ sha256: z.string(), url: z.string(), method: z.string().optional(), receivedAt: z.string().optional() });

export const requestSummarySchema = z.object({
  id: z.string(),
  clientRef: z.string(),
  clientName: z.string(),
  language: z.string(),
  status: z.enum(REQUEST_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const requestViewSchema = requestSummarySchema.extend({
  requestDate: z.string(),
  requester: z.object({ name: z.string(), email: z.string() }),
  legalRepresentativeMustApprove: z.boolean().optional(),
  grantees: z.array(
    z.object({
      relation: z.string(),
      name: z.string(),
      email: z.string(),
      contracts: z.union([z.literal('all'), z.array(z.string())]),
      grantId: z.string().optional(),
      grantStatus: z.string().optional(),
      activatedAt: z.string().optional(),
    }),
  ),
  /** R2, R9: every step, oldest first; hash-chained so the trail can be checked offline. */
  history: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      type: z.string(),
      actor: z.string(),
      details: z.record(z.string(), z.unknown()),
      prevHash: z.string(),
      hash: z.string(),
    }),
  ),
  documents: z.object({
    form: documentView.optional(),
    requesterSignature: documentView.optional(),
    legalRepresentativeSignature: documentView.optional(),
  }),
  outcome: z.object({ at: z.string(), error: z.string().optional(), cause: z.string().optional() }).optional(),
});

export type RequestSummary = z.infer<typeof requestSummarySchema>;
export type RequestView = z.infer<typeof requestViewSchema>;

export function requestSummary(stored: StoredRequest): RequestSummary {
  return {
    id: stored.id,
    clientRef: stored.clientRef,
    clientName: clientName(stored.request),
    language: stored.request.language,
    status: stored.status,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

export function requestView(stored: StoredRequest, history: readonly AuditEntry[], baseUrl: string): RequestView {
  const documentsUrl = `${baseUrl}/v1/requests/${stored.id}/documents`;
  const signature = (role: 'requester' | 'legalRepresentative') => {
    const evidence = stored.signatures?.[role];
    return evidence
      ? { sha256: evidence.sha256, url: `${documentsUrl}/${role}-signature`, method: evidence.method, receivedAt: evidence.receivedAt }
      : undefined;
  };
  return {
    ...requestSummary(stored),
    requestDate: stored.request.requestDate,
    requester: { name: personName(stored.request.requester), email: stored.request.requester.email },
    legalRepresentativeMustApprove: stored.legalRepresentativeMustApprove,
    grantees: stored.request.grantees.map((grantee, index) => {
      const grant = stored.grants?.[index];
      return {
        relation: grantee.relation,
        name: personName(grantee.person),
        email: grantee.person.email,
        contracts: grantee.contracts ?? 'all',
        grantId: grant?.grantId,
        grantStatus: grant?.status,
        activatedAt: grant?.activatedAt,
      };
    }),
    history: history.map((entry) => ({ ...entry, details: { ...entry.details } })),
    documents: {
      form: stored.form ? { sha256: stored.form.sha256, url: `${documentsUrl}/form` } : undefined,
      requesterSignature: signature('requester'),
      legalRepresentativeSignature: signature('legalRepresentative'),
    },
    outcome: stored.outcome,
  };
}
