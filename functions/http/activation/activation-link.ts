/** Resolves an activation link (`/activate/{token}`) to its grant, pending on a request that awaits activation (R7). */
import { getGrant } from '../../adapters/grant-store.js';
import type { Grant } from '../../adapters/grant-store.js';
import { lookUpLink } from '../../adapters/link-store.js';
import type { LinkRecord } from '../../adapters/link-store.js';
import { getRequest } from '../../adapters/request-store.js';
import type { StoredRequest } from '../../adapters/request-store.js';
import { LinkUnusable, movedOnReason } from '../link-pages.js';

export interface ResolvedActivationLink {
  readonly link: LinkRecord;
  readonly request: StoredRequest;
  readonly grant: Grant;
}

export async function resolveActivationLink(token: string, now: Date): Promise<ResolvedActivationLink> {
  const found = await lookUpLink(token, now);
  if (found.state === 'unknown' || found.link.purpose.kind !== 'activate') throw new LinkUnusable('unknown');
  const grantId = found.link.purpose.grantId;
  const request = await getRequest(found.link.requestId).catch(() => undefined);
  if (!request) throw new LinkUnusable('unknown');
  const language = request.request.language;
  if (found.state !== 'usable') throw new LinkUnusable(found.state, language);
  const grant = await getGrant(grantId);
  if (!grant || grant.requestId !== request.id) throw new LinkUnusable('unknown', language);
  if (grant.status === 'active') throw new LinkUnusable('used', language);
  if (grant.status !== 'pending') throw new LinkUnusable(movedOnReason(grant.status), language);
  if (request.status !== 'AWAITING_ACTIVATION') throw new LinkUnusable(movedOnReason(request.status), language);
  return { link: found.link, request, grant };
}
