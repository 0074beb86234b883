/**
 * Steps RecordCompleted, RecordDeclined, RecordExpired and RecordFailure: write how the
 * request ended, with its audit entry (R2, R9). A request already ended (e.g. cancelled by
 * the broker) keeps its end.
 */
import { z } from 'zod';
import { changeRequest } from '../adapters/request-store.js';
import type { RequestChange, StoredRequest } from '../adapters/request-store.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { stepHandler } from './step-handler.js';

export const recordOutcomeInput = z.object({
  requestId: z.string().min(1),
  outcome: z.enum(['completed', 'declined', 'expired', 'failed']),
  /** A caught error as Step Functions passes it: `{ Error, Cause }`. */
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough().optional(),
});

type RecordOutcomeInput = z.infer<typeof recordOutcomeInput>;

export const handler = stepHandler('RecordOutcome', recordOutcomeInput, async (input) => {
  const at = new Date().toISOString();
  const updated = await changeRequest(input.requestId, (current) =>
    isTerminalStatus(current.status) ? { actor: 'workflow' } : outcomeChange(current, input, at),
  );
  return { status: updated.status };
});

function outcomeChange(current: StoredRequest, input: RecordOutcomeInput, at: string): RequestChange {
  switch (input.outcome) {
    case 'completed': {
      const grants = current.grants ?? [];
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
    }
    case 'declined': {
      // Declined by the signer (his words are on the request), or by too many rejected scans.
      const reason = current.declined ? current.declined.reason : 'The scanned signature was rejected too many times';
      return { actor: 'workflow', set: { status: 'DECLINED', outcome: { at, error: input.error?.Error } }, event: { type: 'declined', details: { reason } } };
    }
    case 'expired':
      return { actor: 'workflow', set: { status: 'EXPIRED', outcome: { at } }, event: { type: 'expired', details: {} } };
    case 'failed': {
      const error = input.error?.Error ?? 'Unknown';
      // The cause is kept short: it is shown to the broker and must not carry personal data.
      const cause = input.error?.Cause?.slice(0, 500);
      return { actor: 'workflow', set: { status: 'FAILED', outcome: { at, error, cause } }, event: { type: 'failed', details: { error, cause } } };
    }
  }
}
