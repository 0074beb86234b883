/**
 * `POST /v1/requests/{id}/review`: the broker judges a scanned handwritten signature, which a
 * machine cannot (R3, R9). Approve lets the request go on; reject sends the signer back to
 * sign again with the broker's reason. The decision is recorded once: a second answer is 409.
 */
import * as z from 'zod/mini';
import { safeMultilineText } from '../../domain/safe-text.js';
import { changeRequest, RequestStateConflict, spendWait } from '../../adapters/request-store.js';
import { newNote } from '../../adapters/note-store.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { ownedRequest } from './owned-request.js';
import { scanReviewAnswer } from '../../steps/scan-review-answer.js';

const reviewDecision = z.enum(['approve', 'reject']);

export const reviewScanBody = z.object({ decision: reviewDecision, reason: z.optional(safeMultilineText(1000)) }).check(
  z.refine((body) => body.decision === 'approve' || (body.reason?.length ?? 0) > 0, {
    path: ['reason'],
    message: 'A rejection needs a reason: the signer reads it',
  }),
);

export const reviewScanResponse = z.object({ id: z.string(), decision: reviewDecision });

export async function reviewScan(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const body = reviewScanBody.safeParse(jsonBody(event));
  if (!body.success) throw validationFailed(issuesOf(body.error, 'R9'));
  const request = await ownedRequest(pathParameter(event, 'id'), brokerId);
  const at = new Date().toISOString();
  const { decision, reason } = body.data;
  // The broker's reason is a note (it may name people): the trail and the workflow get only the decision.
  const note = reason ? newNote(request.id, reason, at) : undefined;
  const updated = await changeRequest(request.id, (current) => {
    const wait = current.waits?.review;
    if (current.status !== 'AWAITING_REVIEW' || !wait || wait.decidedAt) {
      throw new RequestStateConflict('No scanned signature is waiting for review', current.status);
    }
    const { taskToken, spent } = spendWait(wait, { decidedAt: at });
    const evidence = current.signatures?.[wait.role];
    const review = { decision, by: brokerId, at, ...(note ? { note: note.ref } : {}) };
    return {
      actor: `broker:${brokerId}`,
      set: {
        waits: { ...current.waits, review: spent },
        signatures: evidence ? { ...current.signatures, [wait.role]: { ...evidence, review } } : current.signatures,
      },
      event: { type: 'scanReviewed', details: { role: wait.role, decision, ...(note ? { note: note.ref } : {}) } },
      extra: note ? [note.item] : [],
      outbox: [scanReviewAnswer(taskToken, wait.role, decision)],
    };
  }, { current: request });
  return json(200, reviewScanResponse.parse({ id: updated.id, decision }));
}
