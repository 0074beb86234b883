/**
 * How long the workflow waits for people, and how often it asks again.
 *
 * Every wait is a Task timeout: on AWS a Task may wait up to a year, but the local stack's
 * interpreter (aws-local-stepfunctions) keeps each wait in a Node timer, which overflows
 * past 2^31 ms (about 24.8 days) and fires at once. A long wait is therefore written as
 * rounds of shorter waits, each round ending in a reminder.
 */

/** The largest timeout a Node timer can hold, in whole seconds (2^31 ms, rounded down). */
export const MAX_TIMER_SECONDS = Math.floor(2 ** 31 / 1000) - 1;

export interface WorkflowTiming {
  /**
   * How long one signature request waits before it is sent again as a reminder.
   * @default 403200 (4 days 16 hours)
   */
  readonly signatureRoundSeconds: number;
  /**
   * How many signature requests a signer gets (the first and its reminders) before the
   * request expires: 3 rounds of 4 days 16 hours make 14 days, with two reminders.
   * @default 3
   */
  readonly signatureRounds: number;
  /**
   * How long the broker has to review a scanned handwritten signature (R9) before the
   * request expires.
   * @default 1209600 (14 days)
   */
  readonly reviewTimeoutSeconds: number;
  /**
   * How many scans a broker may reject for one signer before the request is declined.
   * @default 3
   */
  readonly maxScanRejections: number;
  /**
   * How long one activation e-mail waits before it is sent again as a reminder (R7).
   * @default 403200 (4 days 16 hours)
   */
  readonly activationRoundSeconds: number;
  /**
   * How many activation e-mails a grantee gets before his grant expires.
   * @default 3
   */
  readonly activationRounds: number;
}

/** The product's timings: 14 days to sign, 14 days to review, 14 days to activate. */
export const DEFAULT_WORKFLOW_TIMING: WorkflowTiming = {
  signatureRoundSeconds: 403_200,
  signatureRounds: 3,
  reviewTimeoutSeconds: 1_209_600,
  maxScanRejections: 3,
  activationRoundSeconds: 403_200,
  activationRounds: 3,
};

/** Thrown when a timing cannot be built into the workflow (e.g. a wait too long for a timer). */
export class WorkflowTimingError extends Error {
  override readonly name = 'WorkflowTimingError';
}

/**
 * The default timings with `overrides` applied, checked: every wait a positive whole number
 * of seconds below 2^31 ms, every count a positive whole number.
 */
export function workflowTiming(overrides: Partial<WorkflowTiming> = {}): WorkflowTiming {
  const timing: WorkflowTiming = { ...DEFAULT_WORKFLOW_TIMING, ...overrides };
  const waits = ['signatureRoundSeconds', 'reviewTimeoutSeconds', 'activationRoundSeconds'] as const;
  for (const name of waits) {
    const seconds = timing[name];
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMER_SECONDS) {
      throw new WorkflowTimingError(
        `${name} must be a whole number of seconds from 1 to ${MAX_TIMER_SECONDS} (a timer holds at most 2^31 ms), got ${seconds}`,
      );
    }
  }
  const counts = ['signatureRounds', 'maxScanRejections', 'activationRounds'] as const;
  for (const name of counts) {
    const count = timing[name];
    if (!Number.isInteger(count) || count < 1) {
      throw new WorkflowTimingError(`${name} must be a whole number from 1, got ${count}`);
    }
  }
  return timing;
}

/**
 * The longest a single e-mailed link must stay usable: a signature or activation link lives
 * through all its rounds, a review through its timeout.
 */
export function longestWaitSeconds(timing: WorkflowTiming): number {
  return Math.max(
    timing.signatureRoundSeconds * timing.signatureRounds,
    timing.activationRoundSeconds * timing.activationRounds,
    timing.reviewTimeoutSeconds,
  );
}
