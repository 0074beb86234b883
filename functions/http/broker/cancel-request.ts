/**
 * `POST /v1/requests/{id}/cancel`: the broker stops a request that has not ended (R9). The
 * request is marked CANCELLED and pending grants are withdrawn in one transaction, with the
 * stop of the workflow execution in its outbox. Active grants stay: ending them is a revocation.
 */
import * as z from 'zod/mini';
import { safeMultilineText } from '../../domain/safe-text.js';
import { getGrants, withdrawGrantItems } from '../../adapters/grant-store.js';
import { MAX_CHANGE_ATTEMPTS } from '../../adapters/locked-change.js';
import { newNote } from '../../adapters/note-store.js';
import { ChangeConditionFailed, changeRequest, RequestStateConflict } from '../../adapters/request-store.js';
import { isTerminalStatus } from '../../domain/request-status.js';
import { scheduleErasureIfEnded } from '../../retention/schedule-erasure.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import type { StoredRequest } from '../../adapters/request-store.js';
import { ownedRequest } from './owned-request.js';

export const cancelRequestBody = z.object({ reason: z.optional(safeMultilineText(500)) });

export const cancelRequestResponse = z.object({ id: z.string(), status: z.literal('CANCELLED') });

export async function cancelRequest(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const body = cancelRequestBody.safeParse(jsonBody(event, false));
  if (!body.success) throw validationFailed(issuesOf(body.error));
  const request = await ownedRequest(pathParameter(event, 'id'), brokerId);
  const updated = await cancelAsBroker(request, brokerId, body.data.reason);
  return json(200, cancelRequestResponse.parse({ id: updated.id, status: updated.status }));
}

/**
 * Cancels a request that has not ended: CANCELLED, pending grants withdrawn, the execution's
 * stop in the outbox, the erasure date set if nothing it granted stays alive.
 */
export async function cancelAsBroker(request: StoredRequest, brokerId: string, reason: string | undefined): Promise<StoredRequest> {
  const at = new Date().toISOString();
  const note = reason ? newNote(request.id, reason, at) : undefined;
  for (let attempt = 1; ; attempt++) {
    const pending = (await getGrants(request.grantIds ?? [])).filter((grant) => grant.status === 'pending');
    try {
      const updated = await changeRequest(request.id, (current) => {
        if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is already ${current.status}`, current.status);
        return {
          actor: `broker:${brokerId}`,
          set: { status: 'CANCELLED', outcome: { at } },
          event: { type: 'cancelled', details: { withdrawnGrantIds: pending.map((grant) => grant.grantId), ...(note ? { note: note.ref } : {}) } },
          // Each pending grant on its own lock: a grantee activating at this moment makes the cancel read again.
          extra: [...(note ? [note.item] : []), ...pending.flatMap((grant) => withdrawGrantItems(grant, at))],
          outbox: [{ kind: 'stopExecution', executionArn: current.executionArn, cause: 'Cancelled by the broker' }],
        };
      });
      await scheduleErasureIfEnded(updated.id);
      return updated;
    } catch (error) {
      const grantMoved = error instanceof ChangeConditionFailed && error.writeName.startsWith('grant ');
      if (!grantMoved || attempt >= MAX_CHANGE_ATTEMPTS) throw error;
    }
  }
}
