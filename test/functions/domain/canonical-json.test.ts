import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../../functions/domain/canonical-json.js';
import { seededRandom } from '../../support/seeded-random.js';


// Integer-like keys ("9", "10") are the ones a plain object reorders; "é" and "Z" test code-unit order.
const KEYS = ['a', 'b', 'Z', 'é', '', '9', '10', 'requestId', 'grantIds', 'a b', '"quoted"'];
const LEAVES: unknown[] = [0, -1.5, 1e21, 'text', '', 'Łukasz Şahin', '\u2028', true, false, null, undefined, Number.NaN];

/** A random JSON-like value: nested objects and arrays whose leaves include undefined and NaN. */
function randomValue(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (depth >= 3 || roll < 0.4) return pick(LEAVES);
  const size = Math.floor(random() * 4);
  if (roll < 0.7) return Array.from({ length: size }, () => randomValue(random, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, () => [pick(KEYS), randomValue(random, depth + 1)]));
}

/** The same value with every object's keys inserted in another order. */
function reordered(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => reordered(item, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, child]) => [key, reordered(child, random)] as const);
  for (let index = entries.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [entries[index], entries[other]] = [entries[other]!, entries[index]!];
  }
  // Built member by member (not with a literal), so the insertion order is really the shuffled one.
  const rebuilt: Record<string, unknown> = {};
  for (const [key, child] of entries) rebuilt[key] = child;
  return rebuilt;
}

const CASES = Array.from({ length: 300 }, (_, seed) => seed);

describe('canonicalJson (audit hashes, local journal keys)', () => {
  it('writes equal data as equal text whatever the key order, over 300 random values', () => {
    for (const seed of CASES) {
      const random = seededRandom(seed);
      const value = randomValue(random);
      if (value === undefined) continue;
      expect(canonicalJson(reordered(value, random)), `seed ${seed}`).toBe(canonicalJson(value));
    }
  });

  it('reads back as JSON.stringify would write it, over 300 random values (undefined members dropped, undefined items null)', () => {
    for (const seed of CASES) {
      const value = randomValue(seededRandom(seed));
      if (value === undefined) continue;
      expect(JSON.parse(canonicalJson(value)), `seed ${seed}`).toEqual(JSON.parse(JSON.stringify(value)));
    }
  });

  it('sorts keys by code unit at every level, integer-like keys included', () => {
    const value = { b: { z: 1, 10: 2, 9: 3 }, a: [{ é: 1, e: 2, Z: 3 }] };

    expect(canonicalJson(value)).toBe('{"a":[{"Z":3,"e":2,"é":1}],"b":{"10":2,"9":3,"z":1}}');
  });

  it('drops an undefined member and writes an undefined array item as null, as JSON does', () => {
    expect(canonicalJson({ kept: 1, dropped: undefined, fn: () => 1 })).toBe('{"kept":1}');
    expect(canonicalJson([1, undefined, () => 1, 2])).toBe('[1,null,null,2]');
    expect(canonicalJson([1, , 2])).toBe('[1,null,2]');
  });

  it('writes a date as its ISO text, through toJSON', () => {
    expect(canonicalJson({ at: new Date('2026-11-28T10:00:00Z') })).toBe('{"at":"2026-11-28T10:00:00.000Z"}');
  });

  it('tells apart values that differ only in type', () => {
    expect(canonicalJson({ round: 1 })).not.toBe(canonicalJson({ round: '1' }));
    expect(canonicalJson([null])).not.toBe(canonicalJson([]));
  });

  it('refuses a value with no JSON text, and a cycle, rather than hash something else', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;

    expect(() => canonicalJson(undefined)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(() => 1)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
  });

  it('writes the same object twice in one value (shared, not a cycle)', () => {
    const shared = { id: 'g_1' };

    expect(canonicalJson({ first: shared, second: [shared] })).toBe('{"first":{"id":"g_1"},"second":[{"id":"g_1"}]}');
  });
});
