/**
 * How the broker's decision on a scanned signature answers the workflow's review task (R9):
 * an approval completes it; a rejection fails it with the named error `ScanRejected`, which the
 * review Task catches to ask the signer again. A Catch on a named error instead of a result and
 * a Choice after it saves a state transition on every reviewed scan (docs/architecture.md).
 * The review route and the review step's re-run both answer through here, so they cannot differ.
 */
import type { OutboxAction } from '../adapters/outbox.js';
import type { SignerRole } from '../domain/signing-plan.js';

export type ScanDecision = 'approve' | 'reject';

/** The error name the workflow's review Task catches (workflows/access-request-states.ts `StepErrors.ScanRejected`). */
export const SCAN_REJECTED_ERROR = 'ScanRejected';

/** A review's answer: the task completed or failed. */
export type ScanReviewAnswer = Extract<OutboxAction, { kind: 'answerTask' | 'failTask' }>;

/** The call owed to the workflow for a decision on `role`'s scan. */
export function scanReviewAnswer(taskToken: string, role: SignerRole, decision: ScanDecision): ScanReviewAnswer {
  return decision === 'approve'
    ? { kind: 'answerTask', taskToken, output: { decision } }
    : { kind: 'failTask', taskToken, error: SCAN_REJECTED_ERROR, cause: JSON.stringify({ role, decision }) };
}
