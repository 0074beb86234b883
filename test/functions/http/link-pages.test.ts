import { describe, expect, it } from 'vitest';
import { movedOnReason } from '../../../functions/http/link-pages.js';

describe('why a link whose request or grant moved on cannot be used', () => {
  it('says it expired when time ran out on the request or the grant, whatever the link\'s own date', () => {
    expect(movedOnReason('EXPIRED')).toBe('expired');
    expect(movedOnReason('expired')).toBe('expired');
  });

  it('says the request is closed for every other end', () => {
    for (const status of ['CANCELLED', 'DECLINED', 'COMPLETED', 'FAILED', 'AWAITING_REVIEW', 'revoked', 'active'] as const) {
      expect(movedOnReason(status), status).toBe('closed');
    }
  });
});
