/**
 * Step CompleteAndSeal, the last of a request whose every activation has ended (R2, R8): one Task
 * state, one paid transition, where there were two (RecordCompleted, then SealEvidence).
 *
 * First it records the completion exactly as RecordOutcome records it (`recordOutcome` of
 * record-outcome.ts, outcome 'completed': the change, its `completed` entry, its events, when its
 * personal data is due for erasure; a request already ended keeps its end). Then it seals: renders
 * the completion certificate from the request's audit entries, seals it with the product's KMS
 * key, stores it content-addressed under the request's prefix, and records it — the request's
 * `evidence` and its `evidenceSealed` entry, naming the certificate's SHA-256 and each chain's
 * head it covers — in one transaction (house rule 11). A request that is not COMPLETED once the
 * first half is done (cancelled by the broker before) is refused with RequestStateConflict.
 *
 * Idempotent, so the Task's Retry runs the whole step again: the completion is recorded once
 * (an ended request keeps its end), and a request that has its evidence keeps it. A passing fault
 * (KMS or S3 throttling) is retried by the Task; a retry after the store but before the record
 * renders and seals again (a seal is never the same bytes twice) and records the new one: the
 * earlier copy is recorded nowhere and is erased with the request's documents. Any other failure
 * of the sealing half leaves the request COMPLETED (RecordFailure keeps an ended request's end)
 * and fails the execution.
 */
import * as z from 'zod/mini';
import { putDocument } from '../adapters/document-store.js';
import { keepSealChain } from '../adapters/seal-chain-store.js';
import { changeRequest, getRequestRecord, isErased, RequestErased, RequestNotFound, RequestStateConflict } from '../adapters/request-store.js';
import type { RequestRecord, StoredRequest } from '../adapters/request-store.js';
import { config } from '../config/config.js';
import { grantChainGenesis, verifyAuditChain } from '../domain/audit-event.js';
import type { AuditEntry } from '../domain/audit-event.js';
import { ProductError } from '../errors/product-error.js';
import { renderCompletionCertificate, type GrantChain } from '../evidence/completion-certificate.js';
import { sealPdf } from '../evidence/evidence-seal.js';
import { recordOutcome } from './record-outcome.js';
import { stepHandler } from './step-handler.js';

export const sealEvidenceInput = z.object({ requestId: z.string().check(z.minLength(1)) });

export type SealEvidenceResult = { readonly sha256: string } | { readonly skipped: 'erased' };

/** The kind of the certificate's document key: `requests/<id>/completion-certificate-<sha256>.pdf`. */
export const CERTIFICATE_DOCUMENT_KIND = 'completion-certificate';

/** A chain does not check: the product never seals a trail it cannot stand behind. */
export class AuditTrailBroken extends ProductError<{ requestId: string; chain: string; brokenAt: number }> {
  override readonly name = 'AuditTrailBroken';
}

export const handler = stepHandler('SealEvidence', sealEvidenceInput, async ({ requestId }): Promise<SealEvidenceResult> => {
  try {
    await recordOutcome({ requestId, outcome: 'completed' });
  } catch (error) {
    // Erased since it ended (a retry after its client asked to be forgotten): nothing left to record or seal.
    if (error instanceof RequestErased) return { skipped: 'erased' };
    throw error;
  }
  return sealEvidence(requestId);
});

/** Seals a completed request's certificate and records it, once; an erased request is skipped. */
async function sealEvidence(requestId: string): Promise<SealEvidenceResult> {
  const record = await getRequestRecord(requestId);
  if (!record) throw new RequestNotFound(requestId);
  const request = record.request;
  if (isErased(request)) return { skipped: 'erased' };
  if (request.evidence) return { sha256: request.evidence.sha256 };
  if (request.status !== 'COMPLETED') throw new RequestStateConflict(`Only a completed request is sealed; ${requestId} is ${request.status}`, request.status);

  const grantChains = checkedChains(record, request);
  const head = record.history.at(-1);
  if (!head) throw new AuditTrailBroken(`Request ${requestId} has no audit entry`, { requestId, chain: 'request', brokenAt: 1 });
  const certificate = await renderCompletionCertificate({
    requestId,
    requestChain: record.history,
    grantChains,
    issuedBy: config().BROKER_DISPLAY_NAME,
  });
  const sealedAt = new Date();
  const sealed = await sealPdf(certificate.pdf, sealedAt);
  const stored = await putDocument({ requestId, kind: CERTIFICATE_DOCUMENT_KIND, bytes: sealed.pdf, contentType: 'application/pdf' });
  const sealChainSha256 = await keepSealChain(sealed.chain.pem);

  const updated = await changeRequest(requestId, (current) =>
    current.evidence
      ? { actor: 'workflow' }
      : {
          actor: 'workflow',
          set: {
            evidence: { key: stored.key, sha256: stored.sha256, size: stored.size, sealedAt: sealedAt.toISOString(), sealChainSha256 },
          },
          event: {
            type: 'evidenceSealed',
            details: {
              sha256: stored.sha256,
              covers: { seq: head.seq, hash: head.hash },
              grants: grantChains.flatMap(({ grantId, entries }) => {
                const last = entries.at(-1);
                return last ? [{ grantId, seq: last.seq, hash: last.hash }] : [];
              }),
            },
          },
        },
  );
  return { sha256: updated.evidence?.sha256 ?? stored.sha256 };
}

/** Each chain, checked from its start: the request's from the genesis, each grant's from its anchor. */
function checkedChains(record: RequestRecord, request: StoredRequest): GrantChain[] {
  const broken = (chain: string, brokenAt: number) =>
    new AuditTrailBroken(`The ${chain} chain of ${request.id} breaks at entry ${brokenAt}`, { requestId: request.id, chain, brokenAt });
  const requestCheck = verifyAuditChain(record.history);
  if (!requestCheck.valid) throw broken('request', requestCheck.brokenAt);
  const created = record.history.findLast((entry) => entry.type === 'grantsCreated');
  const grantIds = request.grantIds ?? [];
  if (grantIds.length > 0 && !created) throw broken('request', record.history.length);
  return grantIds.map((grantId) => {
    const entries = record.grantHistories.get(grantId) ?? [];
    const check = verifyAuditChain(entries, grantChainGenesis((created as AuditEntry).hash, grantId));
    if (!check.valid) throw broken(`grant ${grantId}`, check.brokenAt);
    return { grantId, entries };
  });
}
