/**
 * `GET /v1/requests/{id}/evidence`: the request's evidence package (R8, R9) — every audit entry
 * of its chains, its documents as short-lived links, the sealed completion certificate and the
 * seal's certificate chain — for `npm run verify-evidence` or any other offline check.
 * Another broker's request answers 404.
 */
import { getRequestRecord } from '../../adapters/request-store.js';
import { isRequestId } from '../../domain/identifiers.js';
import { evidencePackageSchema } from '../../evidence/evidence-package.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { answerEvidencePackage } from '../evidence-answer.js';
import { notFound } from '../http-errors.js';
import type { HttpResult } from '../http-response.js';

/** The route's answer: the package (functions/evidence/evidence-package.ts). */
export const requestEvidenceResponse = evidencePackageSchema;

export async function getRequestEvidence(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const requestId = pathParameter(event, 'id');
  // An id that could not have been minted costs no read (I1).
  const found = isRequestId(requestId) ? await getRequestRecord(requestId) : undefined;
  if (!found || found.request.brokerId !== brokerId) throw notFound('Request');
  return answerEvidencePackage(found);
}
