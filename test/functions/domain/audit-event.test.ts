import { describe, expect, it } from 'vitest';
import { chainAuditEntry, GENESIS_HASH, verifyAuditChain } from '../../../functions/domain/audit-event.js';
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

  it.each([
    ['a detail of the wrong type', { type: 'submitted', details: { grantees: 'one', clientRef: 'C-1' } }],
    ['a missing detail', { type: 'formGenerated', details: { sha256: 'a'.repeat(64) } }],
    ['a signature method outside R3', { type: 'signatureReceived', details: { role: 'requester', method: 'fax', sha256: 'b', contentType: 'image/png' } }],
    ['an unknown event type', { type: 'shredded', details: {} }],
  ])('refuses an event with %s', (_why, event) => {
    expect(() => chainAuditEntry({ seq: 0, hash: GENESIS_HASH }, '2026-11-28T10:00:00.000Z', 'workflow', event as never)).toThrow();
  });

  it('hashes an entry as trails already stored were hashed, so they still verify', () => {
    // Computed before the canonical JSON moved to functions/domain/canonical-json.ts: a change of
    // its text (key order, spacing) or of what the hash covers breaks every stored trail.
    expect(trail().map((entry) => entry.hash)).toEqual([
      'b4b14522e07a20ad07bb4eda98604029c50ab1e80d0ac60808b164b001d7227d',
      '2749aaaea9849c98605db00384943461b5fbeda472cb787b304600736249a0ed',
      'ae065cc1d541e53fcc6e4f5548f2c6408b92f5cd8e45a78599f997009016b16d',
    ]);
  });
});
