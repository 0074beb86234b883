/**
 * `GET /v1/portal/grants/{grantId}/evidence`: the evidence package of the request behind a
 * grant (R8: anyone can check that the access matches what was signed), the same package the
 * broker gets (functions/evidence/evidence-package.ts).
 */
import { getGrant, getPortalGrant } from '../../adapters/grant-store.js';
import { getRequestRecord } from '../../adapters/request-store.js';
import { isGrantId } from '../../domain/identifiers.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { answerEvidencePackage } from '../evidence-answer.js';
import { notFound } from '../http-errors.js';
import type { HttpResult } from '../http-response.js';

export async function getGrantEvidence(event: ApiEvent): Promise<HttpResult> {
  const grantId = pathParameter(event, 'grantId');
  const found = isGrantId(grantId) ? await getGrant(grantId) : undefined;
  // The portal sees what its portal item shows: an erased grant is gone from both.
  const grant = found && (await getPortalGrant(found));
  const record = grant && (await getRequestRecord(grant.requestId));
  if (!grant || !record) throw notFound('Grant');
  return answerEvidencePackage(record);
}
