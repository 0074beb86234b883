/**
 * Step ExpireGrant: a grantee who never activated within the activation rounds loses the
 * pending grant (R7: nothing becomes visible without activation). Active or revoked grants
 * are left as they are. Writes only the grant's own items, like RequestActivation.
 */
import * as z from 'zod/mini';
import { changeGrant, getGrant, portalStatusItem } from '../adapters/grant-store.js';
import { stepHandler } from './step-handler.js';

export const expireGrantInput = z.object({ requestId: z.string().check(z.minLength(1)), grantId: z.string().check(z.minLength(1)) });

export const handler = stepHandler('ExpireGrant', expireGrantInput, async ({ grantId }) => {
  const before = await getGrant(grantId);
  if (before?.status !== 'pending') return { expired: false };
  const at = new Date().toISOString();
  let expired = false;
  await changeGrant(grantId, (grant) => {
    expired = grant.status === 'pending';
    if (!expired) return { actor: 'workflow' };
    return {
      actor: 'workflow',
      set: { status: 'expired', expiredAt: at },
      remove: ['wait'],
      event: { type: 'grantExpired', details: { grantId } },
      extra: [{ name: 'portal grant', item: portalStatusItem(grant, ['pending'], 'expired', at) }],
    };
  }, { current: before });
  return { expired };
});
