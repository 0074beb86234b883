import { describe, expect, it } from 'vitest';
import { canonicalJson, chainAuditEntry, GENESIS_HASH, verifyAuditChain } from '../../../functions/domain/audit-event.js';
import type { AuditEntry } from '../../../functions/domain/audit-event.js';

function trail(): AuditEntry[] {
  const first = chainAuditEntry({ seq: 0, hash: GENESIS_HASH }, '2026-11-28T10:00:00.000Z', 'broker:broker-a', {
    type: 'submitted',
    details: { grantees: 1, clientRef: 'C-1' },
  });
  const second = chainAuditEntry(first, '2026-11-28T10:00:01.000Z', 'workflow', {
    type: 'formGenerated',
    details: { sha256: 'a'.repeat(64), legalRepresentativeMustApprove: false },
  });
  const third = chainAuditEntry(second, '2026-11-28T10:05:00.000Z', 'requester', {
    type: 'signatureReceived',
    details: { role: 'requester', method: 'handwritten', sha256: 'b'.repeat(64), contentType: 'application/pdf' },
  });
  return [first, second, third];
}

describe('the audit trail (R2, R9)', () => {
  it('chains each entry to the one before it, from the genesis hash', () => {
    const entries = trail();
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(verifyAuditChain(entries)).toEqual({ valid: true });
  });

  it('finds an entry changed after the fact', () => {
    const entries = trail();
    const tampered = entries.map((entry) => (entry.seq === 2 ? ({ ...entry, details: { ...entry.details, sha256: 'c'.repeat(64) } } as AuditEntry) : entry));
    expect(verifyAuditChain(tampered)).toEqual({ valid: false, brokenAt: 2 });
  });

  it('finds an entry taken out', () => {
    const entries = trail();
    expect(verifyAuditChain([entries[0]!, entries[2]!])).toEqual({ valid: false, brokenAt: 3 });
  });

  it('refuses an event whose details do not match its type', () => {
    expect(() =>
      chainAuditEntry({ seq: 0, hash: GENESIS_HASH }, '2026-11-28T10:00:00.000Z', 'workflow', {
        type: 'grantRevoked',
        details: { grantId: 'g_1' },
      } as never),
    ).toThrow();
  });

  it('hashes the same content the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
