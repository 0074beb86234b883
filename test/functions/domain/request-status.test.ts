import { describe, expect, it } from 'vitest';

import {
  GRANT_STATUSES,
  REQUEST_STATUSES,
  isGrantStatus,
  isRequestStatus,
  isTerminalStatus,
} from '../../../functions/domain/request-status.js';

describe('request statuses (api-contract.md)', () => {
  it('lists exactly the statuses of the contract', () => {
    expect([...REQUEST_STATUSES].sort()).toEqual(
      [
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
      ].sort(),
    );
  });

  it.each(['COMPLETED', 'DECLINED', 'EXPIRED', 'CANCELLED', 'FAILED'] as const)('treats %s as terminal', (status) => {
    expect(isTerminalStatus(status)).toBe(true);
  });

  it.each(['SUBMITTED', 'AWAITING_SIGNATURE', 'AWAITING_REVIEW', 'AWAITING_LEGAL_REPRESENTATIVE', 'AWAITING_ACTIVATION'] as const)(
    'treats %s as still running (R9: the broker can still cancel it)',
    (status) => {
      expect(isTerminalStatus(status)).toBe(false);
    },
  );

  it('recognises status values from a query string', () => {
    expect(isRequestStatus('AWAITING_REVIEW')).toBe(true);
    expect(isRequestStatus('awaiting_review')).toBe(false);
  });
});

describe('grant statuses (R7, R9)', () => {
  it('lists pending, active, revoked and expired', () => {
    expect(GRANT_STATUSES).toEqual(['pending', 'active', 'revoked', 'expired']);
    expect(isGrantStatus('revoked')).toBe(true);
    expect(isGrantStatus('deleted')).toBe(false);
  });
});
