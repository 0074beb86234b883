/**
 * What a request waits for, on whom, since when, and when that wait ends (R9: the broker sees
 * where each request stands), from what the request item keeps of its waits
 * (functions/adapters/request-store.ts `waits`, written by functions/steps/request-signature.ts
 * and request-scan-review.ts) and its grants' activation waits (request-activation.ts).
 *
 * A signature or activation wait has a deadline: the end of its stage, fixed at its first round
 * and kept by the reminders (`deadline`, also the e-mailed link's expiry). Its `since` is the
 * start of the current round, so from the second round on it is the last reminder. The scan
 * review's wait keeps no deadline (its timeout is the workflow's), so none is shown for it.
 */
import type { RequestListEntry, RequestListGrant } from '../../adapters/request-store.js';
import { personName } from '../../domain/display-names.js';
import { isTerminalStatus } from '../../domain/request-status.js';
import type { SignerRole } from '../../domain/signing-plan.js';

export type RequestWait =
  /** The product itself works (the form is generated; a signed form is checked; the request is completed). */
  | { readonly kind: 'preparing'; readonly since: string }
  | { readonly kind: 'processing'; readonly since: string }
  | { readonly kind: 'completing'; readonly since: string }
  /** A signer (R1, R6) has the signing link. */
  | { readonly kind: 'signature'; readonly role: SignerRole; readonly signer: string; readonly since: string; readonly reminded: boolean; readonly endsAt: string }
  /** The broker reviews a scanned handwritten signature (R3, R9). */
  | { readonly kind: 'review'; readonly since: string }
  /** Grantees activate from their own e-mail (R7): `pending` of `total` still have to; `name` when only one has. */
  | {
      readonly kind: 'activation';
      readonly pending: number;
      readonly total: number;
      readonly name?: string;
      readonly since: string;
      readonly reminded: boolean;
      readonly endsAt?: string;
    }
  | { readonly kind: 'ended'; readonly at: string };

/** The wait `entry` is in now (an erased request has ended: erasure cancels what still runs). */
export function currentWaitOf(entry: RequestListEntry): RequestWait {
  if (isTerminalStatus(entry.status)) return { kind: 'ended', at: entry.outcome?.at ?? entry.updatedAt };
  const request = entry.request;
  switch (entry.status) {
    case 'SUBMITTED':
      return { kind: 'preparing', since: entry.createdAt };
    case 'AWAITING_SIGNATURE':
    case 'AWAITING_LEGAL_REPRESENTATIVE': {
      const role: SignerRole = entry.status === 'AWAITING_SIGNATURE' ? 'requester' : 'legalRepresentative';
      const wait = entry.waits?.[role];
      // Answered (a scan or a signed file came in) or not asked yet: the product is at work.
      if (!wait || wait.answeredAt || !request) return { kind: 'processing', since: wait?.answeredAt ?? entry.updatedAt };
      const signer = role === 'requester' ? request.requester : request.client.type === 'legal' ? request.client.legalRepresentative : undefined;
      return { kind: 'signature', role, signer: signer ? personName(signer) : '', since: wait.since, reminded: wait.round > 1, endsAt: wait.deadline };
    }
    case 'AWAITING_REVIEW': {
      const review = entry.waits?.review;
      if (!review || review.decidedAt) return { kind: 'processing', since: review?.decidedAt ?? entry.updatedAt };
      return { kind: 'review', since: review.since };
    }
    case 'AWAITING_ACTIVATION':
      return activationWait(entry.grants ?? [], entry.updatedAt);
    default:
      return { kind: 'processing', since: entry.updatedAt };
  }
}

/** The grantees' wait: those still pending, out of all but the revoked; the earliest round and deadline among the pending. */
function activationWait(grants: readonly RequestListGrant[], updatedAt: string): RequestWait {
  const pending = grants.filter((grant) => grant.status === 'pending');
  const total = grants.filter((grant) => grant.status !== 'revoked').length;
  if (pending.length === 0) return { kind: 'completing', since: updatedAt };
  let since: string | undefined;
  let endsAt: string | undefined;
  let reminded = false;
  for (const grant of pending) {
    const deadline = grant.wait?.deadline ?? grant.activationDeadline;
    if (deadline && (endsAt === undefined || deadline < endsAt)) endsAt = deadline;
    if (grant.wait && (since === undefined || grant.wait.since < since)) {
      since = grant.wait.since;
      reminded = grant.wait.round > 1;
    }
  }
  return {
    kind: 'activation',
    pending: pending.length,
    total,
    ...(pending.length === 1 && pending[0] ? { name: pending[0].name } : {}),
    since: since ?? updatedAt,
    reminded,
    ...(endsAt ? { endsAt } : {}),
  };
}

/** When the wait ends, if it has a deadline. */
export function waitEndsAt(wait: RequestWait): string | undefined {
  return (wait.kind === 'signature' || wait.kind === 'activation') ? wait.endsAt : undefined;
}
