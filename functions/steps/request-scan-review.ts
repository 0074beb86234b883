/**
 * Step Review<Role>Scan: a machine cannot judge a scanned handwritten signature, so the
 * workflow waits for the broker's decision (R3, R9). The broker sees the request as
 * AWAITING_REVIEW and answers through `POST /v1/requests/{id}/review`. A re-run of the step
 * (a retry after a crash, a replay after a restart) that finds the scan already reviewed hands
 * the decision to its own token rather than reopening the review.
 */
import * as z from 'zod/mini';
import { changeRequest, RequestStateConflict } from '../adapters/request-store.js';
import { completeTask, failTask, ifStillWaiting } from '../adapters/workflow-client.js';
import { scanReviewAnswer, type ScanDecision } from './scan-review-answer.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { SIGNER_ROLES } from '../domain/signing-plan.js';
import { stepHandler } from './step-handler.js';

export const requestScanReviewInput = z.object({
  requestId: z.string().check(z.minLength(1)),
  role: z.enum(SIGNER_ROLES),
  taskToken: z.string().check(z.minLength(1)),
});

export const handler = stepHandler('RequestScanReview', requestScanReviewInput, async (input) => {
  const since = new Date().toISOString();
  let decided: ScanDecision | undefined;
  await changeRequest(input.requestId, (current) => {
    if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is ${current.status}`, current.status);
    const review = current.waits?.review;
    const scan = current.signatures?.[input.role];
    // A review wait opened after the scan it reviews belongs to this scan: this run is a re-run of its step.
    const forThisScan = review !== undefined && review.role === input.role && scan !== undefined && review.since >= scan.receivedAt;
    decided = forThisScan && review.decidedAt ? scan.review?.decision : undefined;
    if (decided) return { actor: 'workflow' };
    return {
      actor: 'workflow',
      set: { status: 'AWAITING_REVIEW', waits: { ...current.waits, review: { taskToken: input.taskToken, role: input.role, since: forThisScan ? review.since : since } } },
      event: forThisScan ? undefined : { type: 'scanReviewRequested', details: { role: input.role } },
    };
  });
  // The broker decided before this re-run: hand his decision to this invocation's token, do not reopen the review.
  if (decided) {
    const answer = scanReviewAnswer(input.taskToken, input.role, decided);
    await ifStillWaiting(answer.kind === 'answerTask' ? completeTask(answer.taskToken, answer.output) : failTask(answer.taskToken, answer.error, answer.cause));
    return { parked: false };
  }
  return { parked: true };
});
