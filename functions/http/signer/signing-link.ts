/**
 * Resolves a signing link (`/sign/{token}`) to the request and the signer's role, and checks
 * that this signer's signature is what the request waits for now (R3, R6).
 */
import { lookUpLink } from '../../adapters/link-store.js';
import type { LinkRecord } from '../../adapters/link-store.js';
import { requireRequest } from '../../adapters/request-store.js';
import type { SignatureWait, StoredRequest } from '../../adapters/request-store.js';
import type { SignerRole } from '../../domain/signing-plan.js';
import { LinkUnusable } from '../link-pages.js';

export interface ResolvedSigningLink {
  readonly link: LinkRecord;
  readonly request: StoredRequest;
  readonly role: SignerRole;
  readonly wait: SignatureWait;
}

export function awaitedStatusOf(role: SignerRole) {
  return role === 'requester' ? 'AWAITING_SIGNATURE' : 'AWAITING_LEGAL_REPRESENTATIVE';
}

export async function resolveSigningLink(token: string, now: Date): Promise<ResolvedSigningLink> {
  const found = await lookUpLink(token, now);
  if (found.state === 'unknown' || found.link.purpose.kind !== 'sign') throw new LinkUnusable('unknown');
  const request = await requireRequest(found.link.requestId);
  const language = request.request.language;
  if (found.state !== 'usable') throw new LinkUnusable(found.state, language);
  const role = found.link.purpose.role;
  const wait = request.waits?.[role];
  if (request.status !== awaitedStatusOf(role) || !wait || wait.answeredAt) throw new LinkUnusable('closed', language);
  return { link: found.link, request, role, wait };
}
