/**
 * `POST /v1/grants/{grantId}/revoke`: the broker (for the client) withdraws a mandate (R9).
 * The access ends at once — the portal's next read sees the revoked grant — while the signed
 * form and the history stay as evidence.
 */
import { z } from 'zod';
import { getGrantLocator, updateGrantStatusItem } from '../../adapters/grant-store.js';
import { changeRequest } from '../../adapters/request-store.js';
import { completeTask, TaskNoLongerWaiting } from '../../adapters/workflow-client.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { conflict, issuesOf, jsonBody, notFound, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';

export const revokeGrantBody = z.object({ reason: z.string().trim().min(1, 'A revocation needs a reason (R9)').max(500) });

export const revokeGrantResponse = z.object({
  grantId: z.string(),
  status: z.literal('revoked'),
  revokedAt: z.string().describe('When the access ended (ISO 8601)'),
});

export async function revokeGrant(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const body = revokeGrantBody.safeParse(jsonBody(event));
  if (!body.success) throw validationFailed(issuesOf(body.error).map((issue) => ({ ...issue, rule: 'R9' })));
  const grantId = pathParameter(event, 'grantId');
  const locator = await getGrantLocator(grantId);
  if (!locator || locator.brokerId !== brokerId) throw notFound('Grant');
  const at = new Date().toISOString();
  let wasPending = false;
  await changeRequest(locator.requestId, (current) => {
    const grant = current.grants?.find((candidate) => candidate.grantId === grantId);
    if (!grant) throw notFound('Grant');
    if (grant.status !== 'pending' && grant.status !== 'active') throw conflict(`The grant is already ${grant.status}`, { grantStatus: grant.status });
    wasPending = grant.status === 'pending';
    return {
      actor: `broker:${brokerId}`,
      set: { grants: current.grants?.map((g) => (g.grantId === grantId ? { ...g, status: 'revoked' as const, revokedAt: at } : g)) },
      event: { type: 'grantRevoked', details: { grantId, reason: body.data.reason } },
      extra: [{ name: 'grant', item: updateGrantStatusItem(locator, ['pending', 'active'], 'revoked', at) }],
    };
  });
  // A grant revoked before activation: the workflow stops waiting for it now, not at its next round.
  if (wasPending && locator.wait) {
    await completeTask(locator.wait.taskToken, { skipped: 'revoked' }).catch((error: unknown) => {
      if (!(error instanceof TaskNoLongerWaiting)) throw error;
    });
  }
  return json(200, revokeGrantResponse.parse({ grantId, status: 'revoked', revokedAt: at }));
}
