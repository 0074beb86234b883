/**
 * The local bus's event patterns (local/services/eventbridge/event-pattern.ts): EventBridge's
 * matching for literals and the content filters the local bus evaluates; any other filter is
 * refused when the rule is read, never silently unmatched.
 */
import { describe, expect, it } from 'vitest';
import { assertSupportedPattern, matchesEventPattern, UnsupportedEventPattern } from '../../../../local/services/eventbridge/event-pattern.js';

const EVENT = {
  source: 'portal-access.grants',
  'detail-type': 'Grant Revoked',
  resources: ['arn:one', 'arn:two'],
  detail: { brokerId: 'broker-a', cause: 'revoked', audit: { seq: 3 }, clientRef: 'C-1001' },
};

describe('event patterns', () => {
  it.each([
    ['a listed source and detail-type', { source: ['portal-access.requests', 'portal-access.grants'], 'detail-type': ['Grant Revoked'] }, true],
    ['a source not listed', { source: ['portal-access.requests'] }, false],
    ['a nested field', { detail: { brokerId: ['broker-a'], audit: { seq: [3] } } }, true],
    ['a nested field of another value (numbers are not strings)', { detail: { audit: { seq: ['3'] } } }, false],
    ['any element of an array value', { resources: ['arn:two'] }, true],
    ['a prefix', { detail: { clientRef: [{ prefix: 'C-1' }] } }, true],
    ['a suffix', { 'detail-type': [{ suffix: 'Created' }] }, false],
    ['equals-ignore-case', { detail: { cause: [{ 'equals-ignore-case': 'REVOKED' }] } }, true],
    ['anything-but a value', { detail: { cause: [{ 'anything-but': ['requestCancelled'] }] } }, true],
    ['anything-but a prefix', { detail: { brokerId: [{ 'anything-but': { prefix: 'broker-' } }] } }, false],
    ['anything-but on a missing field', { detail: { grantId: [{ 'anything-but': 'x' }] } }, false],
    ['exists: true', { detail: { brokerId: [{ exists: true }] } }, true],
    ['exists: false on a missing field', { detail: { grantId: [{ exists: false }] } }, true],
    ['a field the event lacks', { detail: { grantId: ['g_1'] } }, false],
    ['an object where the event has a value', { source: { nested: ['x'] } }, false],
  ] as const)('%s → %s', (_case, pattern, matches) => {
    assertSupportedPattern(pattern);
    expect(matchesEventPattern(pattern as Record<string, unknown>, EVENT)).toBe(matches);
  });

  it.each([
    ['a numeric filter', { detail: { audit: { seq: [{ numeric: ['>', 1] }] } } }],
    ['$or', { $or: [{ source: ['a'] }, { source: ['b'] }] }],
    ['a wildcard', { source: [{ wildcard: 'portal-*' }] }],
    ['a leaf that is not a list', { source: 'portal-access.grants' }],
  ])('refuses %s when the rule is read', (_case, pattern) => {
    expect(() => assertSupportedPattern(pattern)).toThrow(UnsupportedEventPattern);
  });
});
