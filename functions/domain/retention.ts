/**
 * How long an ended request keeps its personal data (names, addresses, e-mail addresses, the
 * form and the signed copies, free-text reasons). The signed form is the evidence of an access
 * (R8), so it lives as long as the access it grants and a period after; a request that never
 * gave access keeps its data only briefly. After that, only the audit trail stays, which holds
 * ids, statuses and hashes (docs/personal-data.md).
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */
import type { GrantStatus, RequestStatus } from './request-status.js';
import { isTerminalStatus } from './request-status.js';

export interface RetentionPolicy {
  /**
   * Days an ended request that never gave access (declined, expired, cancelled, failed, or
   * completed with every grant expired) keeps its personal data.
   * @default 30
   */
  readonly endedWithoutAccessDays: number;
  /**
   * Days a request whose access was used keeps its personal data after the last access ended
   * (revoked): the signed mandate stays provable for that long (R8).
   * @default 1825 (five years)
   */
  readonly afterAccessEndsDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { endedWithoutAccessDays: 30, afterAccessEndsDays: 1825 };

/** What decides a request's retention: its status and its grants' states. */
export interface RetentionFacts {
  readonly status: RequestStatus;
  readonly grants: readonly { readonly status: GrantStatus; readonly activatedAt?: string }[];
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * When the request's personal data is due for erasure, counted from `now` (the moment the
 * request ended, or its last access ended); undefined while the request runs or an access it
 * granted is pending or active (R8: the form is shown beside a live access).
 */
export function erasureDue(facts: RetentionFacts, now: Date, policy: RetentionPolicy): Date | undefined {
  if (!isTerminalStatus(facts.status)) return undefined;
  if (facts.grants.some((grant) => grant.status === 'pending' || grant.status === 'active')) return undefined;
  const accessWasUsed = facts.grants.some((grant) => grant.activatedAt !== undefined);
  const days = accessWasUsed ? policy.afterAccessEndsDays : policy.endedWithoutAccessDays;
  return new Date(now.getTime() + days * DAY_MS);
}
