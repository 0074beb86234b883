import { describe, expect, it } from 'vitest';

import {
  GRANT_STATUSES,
  REQUEST_STATUSES,
  isGrantStatus,
  isRequestStatus,
  isTerminalStatus,
} from '../../../functions/domain/request-status.js';

/** Spellings a query string may carry that name no status. */
function misspellingsOf(status: string): string[] {
  return [status.toLowerCase(), status.toUpperCase(), ` ${status}`, `${status} `, `${status}S`].filter((spelling) => spelling !== status);
}

const INHERITED_NAMES = ['', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'length'];

describe('request statuses (api-contract.md)', () => {
  it('recognises exactly the listed statuses from a query string: no other case, no padding, no inherited name', () => {
    for (const status of REQUEST_STATUSES) {
      expect(isRequestStatus(status), status).toBe(true);
      for (const spelling of misspellingsOf(status)) expect(isRequestStatus(spelling), JSON.stringify(spelling)).toBe(false);
    }
    for (const name of INHERITED_NAMES) expect(isRequestStatus(name), name).toBe(false);
  });

  it('counts a request as running while it is SUBMITTED or AWAITING_ something, and as ended in every other status (R9: only a running one can be cancelled)', () => {
    for (const status of REQUEST_STATUSES) {
      const running = status === 'SUBMITTED' || status.startsWith('AWAITING_');
      expect(isTerminalStatus(status), status).toBe(!running);
    }
  });
});

describe('grant statuses (R7, R9)', () => {
  it('recognises exactly the listed grant statuses: no other case, no padding, no inherited name', () => {
    for (const status of GRANT_STATUSES) {
      expect(isGrantStatus(status), status).toBe(true);
      for (const spelling of misspellingsOf(status)) expect(isGrantStatus(spelling), JSON.stringify(spelling)).toBe(false);
    }
    for (const name of INHERITED_NAMES) expect(isGrantStatus(name), name).toBe(false);
  });
});
