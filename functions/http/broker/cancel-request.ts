/**
 * `POST /v1/requests/{id}/cancel`: the broker stops a request that has not ended (R9). The
 * request is marked CANCELLED and pending grants are withdrawn in one transaction, then the
 * workflow execution is stopped. Active grants stay: ending them is a revocation.
 */
import { z } from 'zod';
import { updateGrantStatusItem } from '../../adapters/grant-store.js';
import { changeRequest, RequestStateConflict } from '../../adapters/request-store.js';
import { stopExecution } from '../../adapters/workflow-client.js';
import { isTerminalStatus } from '../../domain/request-status.js';
import { logger } from '../../observability/logger.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { ownedRequest } from './owned-request.js';

export const cancelRequestBody = z.object({ reason: z.string().trim().max(500).optional() });

export const cancelRequestResponse = z.object({ id: z.string(), status: z.literal('CANCELLED') });

export async function cancelRequest(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const body = cancelRequestBody.safeParse(jsonBody(event, false));
  if (!body.success) throw validationFailed(issuesOf(body.error));
  const request = await ownedRequest(pathParameter(event, 'id'), brokerId);
  const at = new Date().toISOString();
  const updated = await changeRequest(request.id, (current) => {
    if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is already ${current.status}`, current.status);
    const pending = (current.grants ?? []).filter((grant) => grant.status === 'pending');
    return {
      actor: `broker:${brokerId}`,
      set: {
        status: 'CANCELLED',
        outcome: { at },
        grants: current.grants?.map((grant) => (grant.status === 'pending' ? { ...grant, status: 'revoked' as const, revokedAt: at } : grant)),
      },
      event: { type: 'cancelled', details: { reason: body.data.reason } },
      extra: pending.map((grant) => ({
        name: `grant ${grant.grantId}`,
        item: updateGrantStatusItem({ ...grant, clientRef: current.clientRef }, ['pending'], 'revoked', at),
      })),
    };
  });
  if (updated.executionArn) {
    await stopExecution(updated.executionArn, 'Cancelled by the broker').catch((error: unknown) =>
      logger.warn('execution already stopped', { requestId: updated.id, error: error as Error }),
    );
  }
  return json(200, cancelRequestResponse.parse({ id: updated.id, status: updated.status }));
}
