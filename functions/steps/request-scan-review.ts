/**
 * Step Review<Role>Scan: a machine cannot judge a scanned handwritten signature, so the
 * workflow waits for the broker's decision (R3, R9). The broker sees the request as
 * AWAITING_REVIEW and answers through `POST /v1/requests/{id}/review`.
 */
import { z } from 'zod';
import { changeRequest, RequestStateConflict } from '../adapters/request-store.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { SIGNER_ROLES } from '../domain/signing-plan.js';
import { stepHandler } from './step-handler.js';

export const requestScanReviewInput = z.object({
  requestId: z.string().min(1),
  role: z.enum(SIGNER_ROLES),
  taskToken: z.string().min(1),
});

export const handler = stepHandler('RequestScanReview', requestScanReviewInput, async (input) => {
  const since = new Date().toISOString();
  await changeRequest(input.requestId, (current) => {
    if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is ${current.status}`, current.status);
    const retried = current.waits?.review && !current.waits.review.decidedAt && current.waits.review.role === input.role;
    return {
      actor: 'workflow',
      set: { status: 'AWAITING_REVIEW', waits: { ...current.waits, review: { taskToken: input.taskToken, role: input.role, since } } },
      event: retried ? undefined : { type: 'scanReviewRequested', details: { role: input.role } },
    };
  });
  return { parked: true };
});
