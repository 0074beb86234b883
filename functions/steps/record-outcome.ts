/**
 * Steps RecordDeclined, RecordExpired and RecordFailure: write how the request ended, with its
 * audit entry (R2, R9), then when its personal data is due for erasure (functions/retention/).
 * A request already ended (e.g. cancelled by the broker) keeps its end.
 *
 * A completed request is recorded by the workflow's last step, CompleteAndSeal, through
 * {@link recordOutcome} (functions/steps/seal-evidence.ts): one Task state instead of two. The
 * handler still takes `outcome: "completed"`: an execution started before that change still
 * runs its RecordCompleted state, with this function, until it ends (the definition an execution
 * started with is the one it runs).
 */
import * as z from 'zod/mini';
import { getGrants } from '../adapters/grant-store.js';
import type { Grant } from '../adapters/grant-store.js';
import { changeRequest, requireRequest } from '../adapters/request-store.js';
import type { RequestChange, StoredRequest } from '../adapters/request-store.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { scheduleErasureIfEnded } from '../retention/schedule-erasure.js';
import { safeFailureCause } from './failure-cause.js';
import { stepHandler } from './step-handler.js';

export const recordOutcomeInput = z.object({
  requestId: z.string().check(z.minLength(1)),
  outcome: z.enum(['completed', 'declined', 'expired', 'failed']),
  /** A caught error as Step Functions passes it: `{ Error, Cause }`. */
  error: z.optional(z.looseObject({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
});

export type RecordOutcomeInput = z.infer<typeof recordOutcomeInput>;

export const handler = stepHandler('RecordOutcome', recordOutcomeInput, async (input) => {
  const updated = await recordOutcome(input);
  return { status: updated.status };
});

/**
 * Records how the request ended and when its personal data is due for erasure; answers the
 * request as it is now. Idempotent: a request already ended keeps its end (and its due date),
 * so running it again changes nothing but the request's `updatedAt`.
 */
export async function recordOutcome(input: RecordOutcomeInput): Promise<StoredRequest> {
  const before = await requireRequest(input.requestId);
  // Every activation has ended by now (the Map is done): the counts are final.
  const grants = input.outcome === 'completed' ? await getGrants(before.grantIds ?? []) : [];
  const at = new Date().toISOString();
  const updated = await changeRequest(
    input.requestId,
    (current) => (isTerminalStatus(current.status) ? { actor: 'workflow' } : outcomeChange(current, input, grants, at)),
    { current: before },
  );
  await scheduleErasureIfEnded(input.requestId);
  return updated;
}

function outcomeChange(current: StoredRequest, input: RecordOutcomeInput, grants: readonly Grant[], at: string): RequestChange {
  switch (input.outcome) {
    case 'completed':
      return {
        actor: 'workflow',
        set: { status: 'COMPLETED', outcome: { at } },
        event: {
          type: 'completed',
          details: {
            activeGrants: grants.filter((grant) => grant.status === 'active').length,
            expiredGrants: grants.filter((grant) => grant.status === 'expired').length,
          },
        },
      };
    case 'declined':
      // Declined by the signer (his words are a note on the request), or by too many rejected scans.
      return {
        actor: 'workflow',
        set: { status: 'DECLINED', outcome: { at, error: input.error?.Error } },
        event: { type: 'declined', details: current.declined ? { by: 'signer', note: current.declined.note } : { by: 'rejections' } },
      };
    case 'expired':
      return { actor: 'workflow', set: { status: 'EXPIRED', outcome: { at } }, event: { type: 'expired', details: {} } };
    case 'failed': {
      const error = input.error?.Error ?? 'Unknown';
      // Shown to the broker and kept with the trail: never an upstream message (it may name a recipient).
      const cause = safeFailureCause(error, input.error?.Cause);
      return { actor: 'workflow', set: { status: 'FAILED', outcome: { at, error, cause } }, event: { type: 'failed', details: { error, cause } } };
    }
  }
}
