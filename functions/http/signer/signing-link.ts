/**
 * Resolves a signing link (`/sign/{token}`) to the request and the signer's role, and checks
 * that this signer's signature is what the request waits for now (R3, R6).
 */
import { lookUpLink, lookUpLinkByHash, spendLinkItem } from '../../adapters/link-store.js';
import type { LinkLookup, LinkRecord } from '../../adapters/link-store.js';
import type { OutboxAction } from '../../adapters/outbox.js';
import { ChangeConditionFailed, changeRequest, requireRequest, spendWait } from '../../adapters/request-store.js';
import type { RequestChange, SignatureWait, StoredRequest } from '../../adapters/request-store.js';
import { statusAwaitingSignatureOf, type SignerRole } from '../../domain/signing-plan.js';
import { LinkUnusable, movedOnReason } from '../link-pages.js';

export interface ResolvedSigningLink {
  readonly link: LinkRecord;
  readonly request: StoredRequest;
  readonly role: SignerRole;
  readonly wait: SignatureWait;
}

export async function resolveSigningLink(token: string, now: Date): Promise<ResolvedSigningLink> {
  return resolveFoundLink(await lookUpLink(token, now));
}

/** The same, for a link known by its stored hash (a signing-service session keeps the hash of the link that started it). */
export async function resolveSigningLinkByHash(tokenHash: string, now: Date): Promise<ResolvedSigningLink> {
  return resolveFoundLink(await lookUpLinkByHash(tokenHash, now));
}

async function resolveFoundLink(found: LinkLookup): Promise<ResolvedSigningLink> {
  if (found.state === 'unknown' || found.link.purpose.kind !== 'sign') throw new LinkUnusable('unknown');
  const request = await requireRequest(found.link.requestId);
  const language = request.request.language;
  if (found.state !== 'usable') throw new LinkUnusable(found.state, language);
  const role = found.link.purpose.role;
  const wait = request.waits?.[role];
  if (request.status !== statusAwaitingSignatureOf(role) || !wait || wait.answeredAt) throw new LinkUnusable(movedOnReason(request.status), language);
  return { link: found.link, request, role, wait };
}

/**
 * Records the signer's answer (a signature, or a refusal) to the wait his link is for: the
 * wait is marked answered, the link spent, and the answer to the waiting workflow task put in
 * the outbox, all in one transaction — so a double click or a second link records nothing
 * more, and a crash right after the commit still answers the workflow (outbox.ts).
 */
export async function answerSigningWait(
  resolved: ResolvedSigningLink,
  at: string,
  change: (current: StoredRequest) => Pick<RequestChange, 'set' | 'event' | 'extra'>,
  answer: (taskToken: string) => readonly OutboxAction[],
): Promise<StoredRequest> {
  const language = resolved.request.request.language;
  try {
    return await changeRequest(resolved.request.id, (current) => {
      const wait = current.waits?.[resolved.role];
      if (current.status !== statusAwaitingSignatureOf(resolved.role) || !wait || wait.answeredAt) throw new LinkUnusable(movedOnReason(current.status), language);
      const { taskToken, spent } = spendWait(wait, { answeredAt: at });
      const planned = change(current);
      const extra = typeof planned.extra === 'function' ? planned.extra(undefined) : (planned.extra ?? []);
      return {
        actor: resolved.role,
        event: planned.event,
        set: { ...planned.set, waits: { ...current.waits, [resolved.role]: spent } },
        extra: [spendLinkItem(resolved.link, at), ...extra],
        outbox: answer(taskToken),
      };
    }, { current: resolved.request });
  } catch (error) {
    if (error instanceof ChangeConditionFailed && error.writeName === 'link') throw new LinkUnusable('used', language);
    throw error;
  }
}
