/**
 * How long the workflow waits for people, and how often it asks again.
 *
 * Every wait is a Task timeout, and two limits bound them:
 * - AWS: a Standard execution runs at most one year, so the longest path through the
 *   workflow — every round of both signature stages, every rejected scan and its review,
 *   then every activation round — and a margin must fit in a year: that is the state
 *   machine's own timeout ({@link executionTimeoutSeconds}).
 * - The local stack: its runtime enforces timeouts on its own clock, which has no length
 *   limit, but the interpreter under it (aws-local-stepfunctions) still arms a Node timer
 *   per Task; the runtime tells it `LIBRARY_TASK_TIMEOUT_SECONDS` (local/stepfunctions/
 *   task-states.ts, just under Node's 2^31 ms) and refuses a longer Task timeout, since that
 *   timer would end the wait first. One wait is therefore at most {@link MAX_WAIT_SECONDS}.
 * A long wait is written as rounds of shorter waits, each round ending in a reminder.
 */
import { ProductError } from '../functions/errors/product-error.js';

/** The longest single wait (Task timeout): under the local interpreter's own timer, see above. */
export const MAX_WAIT_SECONDS = 2_000_000;

/** A Standard execution's longest life on AWS: one year. */
export const MAX_EXECUTION_SECONDS = 365 * 24 * 3600;

/**
 * What the execution's own timeout allows beyond the longest path of waits: the steps that do
 * not wait for a person (5 minutes each at most, three attempts with backoff), the outbox's
 * redelivery a minute later, a waiting step run again after a passing fault. All of it is
 * minutes; a day is many times that, and still lets `ExecutionsTimedOut` say that an execution
 * outlived every wait it has, which only a fault can make it do.
 */
export const EXECUTION_TIMEOUT_MARGIN_SECONDS = 24 * 3600;

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
export class WorkflowTimingError extends ProductError<Record<string, never>> {
  override readonly name = 'WorkflowTimingError';
  constructor(message: string) {
    super(message, {});
  }
}

/**
 * The default timings with `overrides` applied, checked: every wait a positive whole number
 * of seconds up to {@link MAX_WAIT_SECONDS}, every count a positive whole number, and the
 * longest path within a Standard execution's year.
 */
export function workflowTiming(overrides: Partial<WorkflowTiming> = {}): WorkflowTiming {
  const timing: WorkflowTiming = { ...DEFAULT_WORKFLOW_TIMING, ...overrides };
  const waits = ['signatureRoundSeconds', 'reviewTimeoutSeconds', 'activationRoundSeconds'] as const;
  for (const name of waits) {
    const seconds = timing[name];
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WAIT_SECONDS) {
      throw new WorkflowTimingError(
        `${name} must be a whole number of seconds from 1 to ${MAX_WAIT_SECONDS} (one wait of the local interpreter), got ${seconds}`,
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
  const longest = longestPathSeconds(timing);
  if (executionTimeoutSeconds(timing) > MAX_EXECUTION_SECONDS) {
    throw new WorkflowTimingError(
      `The longest path through the workflow would wait ${Math.ceil(longest / 86400)} days, and the execution's timeout ${EXECUTION_TIMEOUT_MARGIN_SECONDS} s more; a Standard execution lasts at most ${MAX_EXECUTION_SECONDS / 86400} days: shorten the rounds or allow fewer`,
    );
  }
  return timing;
}

/**
 * The longest a request can wait in the workflow: for each signer (the requester, then a
 * company's representative), every signature round and every review, once per scan the broker
 * may reject and once more for the scan he approves; then every activation round.
 */
export function longestPathSeconds(timing: WorkflowTiming): number {
  const oneSigner = (timing.maxScanRejections + 1) * (timing.signatureRounds * timing.signatureRoundSeconds + timing.reviewTimeoutSeconds);
  return 2 * oneSigner + timing.activationRounds * timing.activationRoundSeconds;
}

/**
 * The state machine's own timeout (`TimeoutSeconds`): the longest path plus
 * {@link EXECUTION_TIMEOUT_MARGIN_SECONDS}. An execution still running then is stuck, and
 * timing it out raises the `ExecutionsTimedOut` alarm (infra/constructs/workflow-alarms.ts).
 */
export function executionTimeoutSeconds(timing: WorkflowTiming): number {
  return longestPathSeconds(timing) + EXECUTION_TIMEOUT_MARGIN_SECONDS;
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
