/**
 * Step ExpireGrant: a grantee who never activated within the activation rounds loses the
 * pending grant (R7: nothing becomes visible without activation). Active or revoked grants
 * are left as they are.
 */
import { z } from 'zod';
import { updateGrantStatusItem } from '../adapters/grant-store.js';
import { changeRequest, requireRequest } from '../adapters/request-store.js';
import { stepHandler } from './step-handler.js';

export const expireGrantInput = z.object({ requestId: z.string().min(1), grantId: z.string().min(1) });

export const handler = stepHandler('ExpireGrant', expireGrantInput, async ({ requestId, grantId }) => {
  const before = await requireRequest(requestId);
  if (before.grants?.find((grant) => grant.grantId === grantId)?.status !== 'pending') return { expired: false };
  const at = new Date().toISOString();
  await changeRequest(requestId, (current) => {
    const grant = current.grants?.find((candidate) => candidate.grantId === grantId);
    if (!grant || grant.status !== 'pending') return { actor: 'workflow' };
    return {
      actor: 'workflow',
      set: { grants: current.grants?.map((g) => (g.grantId === grantId ? { ...g, status: 'expired' as const } : g)) },
      event: { type: 'grantExpired', details: { grantId } },
      extra: [{ name: 'grant', item: updateGrantStatusItem({ ...grant, clientRef: current.clientRef }, ['pending'], 'expired', at) }],
    };
  });
  return { expired: true };
});
