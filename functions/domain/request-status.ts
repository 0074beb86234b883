/**
 * The states of a request and of a grant, as the integration contract names them
 * (`../shared/api-contract.md`, "Status values").
 */

/** Every status a request can be in, in the order a request usually meets them. */
export const REQUEST_STATUSES = [
  'SUBMITTED',
  'AWAITING_SIGNATURE',
  'AWAITING_REVIEW',
  'AWAITING_LEGAL_REPRESENTATIVE',
  'AWAITING_ACTIVATION',
  'COMPLETED',
  'DECLINED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
] as const;

/** A request's status. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The statuses a request never leaves: its workflow has ended. */
export const TERMINAL_REQUEST_STATUSES: readonly RequestStatus[] = [
  'COMPLETED',
  'DECLINED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
];

/** True when `value` is one of {@link REQUEST_STATUSES} (e.g. a `?status=` query value). */
export function isRequestStatus(value: string): value is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(value);
}

/** True when the request has ended and can no longer be cancelled, reminded or reviewed. */
export function isTerminalStatus(status: RequestStatus): boolean {
  return TERMINAL_REQUEST_STATUSES.includes(status);
}

/**
 * A grant's status: `pending` until the grantee activates it from his own e-mail (R7),
 * `active` after, `revoked` when the mandate is withdrawn (R9), `expired` when never activated.
 */
export const GRANT_STATUSES = ['pending', 'active', 'revoked', 'expired'] as const;

/** A grant's status. */
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** True when `value` is one of {@link GRANT_STATUSES}. */
export function isGrantStatus(value: string): value is GrantStatus {
  return (GRANT_STATUSES as readonly string[]).includes(value);
}
