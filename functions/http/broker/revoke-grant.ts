/**
 * `POST /v1/grants/{grantId}/revoke`: the broker (for the client) withdraws a mandate (R9).
 * The access ends at once — the portal's next read sees the revoked grant — while the signed
 * form and the history stay as evidence.
 */
import * as z from 'zod/mini';
import { safeMultilineText } from '../../domain/safe-text.js';
import { changeGrant, getGrant, portalStatusItem } from '../../adapters/grant-store.js';
import type { Grant } from '../../adapters/grant-store.js';
import { newNote } from '../../adapters/note-store.js';
import { isGrantId } from '../../domain/identifiers.js';
import { scheduleErasureIfEnded } from '../../retention/schedule-erasure.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { conflict, issuesOf, jsonBody, notFound, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';

export const revokeGrantBody = z.object({ reason: z.pipe(safeMultilineText(500), z.string().check(z.minLength(1, 'A revocation needs a reason (R9)'))) });

export const revokeGrantResponse = z.object({
  grantId: z.string(),
  status: z.literal('revoked'),
  revokedAt: z.string().check(z.describe('When the access ended (ISO 8601)')),
});

export async function revokeGrant(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const body = revokeGrantBody.safeParse(jsonBody(event));
  if (!body.success) throw validationFailed(issuesOf(body.error, 'R9'));
  const grantId = pathParameter(event, 'grantId');
  const found = isGrantId(grantId) ? await getGrant(grantId) : undefined;
  if (!found || found.brokerId !== brokerId) throw notFound('Grant');
  const revoked = await revokeAsBroker(found, brokerId, body.data.reason);
  return json(200, revokeGrantResponse.parse({ grantId, status: 'revoked', revokedAt: revoked.revokedAt }));
}

/** Ends a pending or active grant at once (R9), its reason a note; an ended request's last access sets its erasure date. */
export async function revokeAsBroker(found: Grant, brokerId: string, reason: string): Promise<Grant> {
  const { grantId } = found;
  const at = new Date().toISOString();
  const note = newNote(found.requestId, reason, at);
  const revoked = await changeGrant(grantId, (grant) => {
    if (grant.status !== 'pending' && grant.status !== 'active') throw conflict(`The grant is already ${grant.status}`, { grantStatus: grant.status });
    return {
      actor: `broker:${brokerId}`,
      set: { status: 'revoked', revokedAt: at },
      remove: ['wait'],
      event: { type: 'grantRevoked', details: { grantId, note: note.ref } },
      extra: [note.item, { name: 'portal grant', item: portalStatusItem(grant, ['pending', 'active'], 'revoked', at) }],
      // A grant revoked before activation: the workflow stops waiting for it now, not at its next round.
      outbox: grant.status === 'pending' && grant.wait ? [{ kind: 'answerTask', taskToken: grant.wait.taskToken, output: { skipped: 'revoked' } }] : [],
    };
  }, { current: found });
  await scheduleErasureIfEnded(revoked.requestId);
  return revoked;
}
