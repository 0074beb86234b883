/**
 * DynamoDB's billing arithmetic that `npm run cost` applies (bench/cost/dynamodb-units.ts),
 * checked against the examples of AWS's developer guide ("Item sizes and formats", "Capacity
 * unit consumption").
 */
import { describe, expect, it } from 'vitest';
import { indexWriteUnits, itemSize, readUnits, valueSize, writeUnits, type IndexShape, type WireItem } from '../../bench/cost/dynamodb-units.js';

describe('item sizes (AWS: names and values in UTF-8 bytes)', () => {
  it('counts a string by its UTF-8 bytes and the attribute name too', () => {
    expect(itemSize({ pk: { S: 'REQUEST#1' } })).toBe(2 + 9);
    expect(itemSize({ name: { S: 'Łukasz' } })).toBe(4 + 7);
  });

  it('counts a number as one byte per two significant digits plus one, zeros trimmed', () => {
    expect(valueSize({ N: '7' })).toBe(2);
    expect(valueSize({ N: '1234' })).toBe(3);
    expect(valueSize({ N: '1000' })).toBe(2);
    expect(valueSize({ N: '-12.345' })).toBe(4);
  });

  it('counts binary by its decoded bytes, booleans and nulls as one byte', () => {
    expect(valueSize({ B: Buffer.from('abcdef').toString('base64') })).toBe(6);
    expect(valueSize({ BOOL: false })).toBe(1);
    expect(valueSize({ NULL: true })).toBe(1);
  });

  it('gives a list or a map 3 bytes of overhead and 1 byte per element, nested names included', () => {
    expect(valueSize({ L: [] })).toBe(3);
    expect(valueSize({ M: {} })).toBe(3);
    expect(valueSize({ L: [{ S: 'ab' }, { BOOL: true }] })).toBe(3 + (2 + 1) + (1 + 1));
    expect(valueSize({ M: { a: { S: 'xy' } } })).toBe(3 + 1 + 2 + 1);
  });

  it('counts a set as the sum of its members', () => {
    expect(valueSize({ SS: ['ab', 'cde'] })).toBe(5);
  });
});

describe('request units', () => {
  it('bills a write per started KB, at least one', () => {
    expect([0, 1, 1024, 1025, 3 * 1024].map(writeUnits)).toEqual([1, 1, 1, 2, 3]);
  });

  it('bills a read per started 4 KB: half when eventually consistent, twice in a transaction', () => {
    expect(readUnits(100, 'strong')).toBe(1);
    expect(readUnits(100, 'eventual')).toBe(0.5);
    expect(readUnits(8 * 1024, 'eventual')).toBe(1);
    expect(readUnits(8 * 1024 + 1, 'transactional')).toBe(6);
  });
});

describe('index writes (a sparse index writes only the items that carry its keys)', () => {
  const tableKeys = ['pk', 'sk'];
  const due: IndexShape = { name: 'gsi2', keys: ['gsi2pk', 'gsi2sk'], projection: 'KEYS_ONLY' };
  const all: IndexShape = { name: 'gsi1', keys: ['gsi1pk', 'gsi1sk'], projection: 'ALL' };
  const base: WireItem = { pk: { S: 'REQUEST#1' }, sk: { S: 'REQUEST' }, body: { S: 'x'.repeat(1500) } };
  const listed: WireItem = { ...base, gsi1pk: { S: 'BROKER#b' }, gsi1sk: { S: '2026#1' } };

  it('writes nothing for an item without the index keys, before and after', () => {
    expect(indexWriteUnits(base, { ...base, body: { S: 'y' } }, due, tableKeys)).toBe(0);
  });

  it('puts a new entry, deletes a removed one, and both when its key changes', () => {
    const withDue: WireItem = { ...base, gsi2pk: { S: 'DUE#1' }, gsi2sk: { S: 't1' } };
    expect(indexWriteUnits(undefined, withDue, due, tableKeys)).toBe(1);
    expect(indexWriteUnits(withDue, undefined, due, tableKeys)).toBe(1);
    expect(indexWriteUnits(withDue, { ...withDue, gsi2sk: { S: 't2' } }, due, tableKeys)).toBe(2);
  });

  it('rewrites an ALL-projected entry whenever the item changes (its whole size), a KEYS_ONLY one only when its keys change', () => {
    expect(indexWriteUnits(listed, { ...listed, body: { S: 'z'.repeat(1500) } }, all, tableKeys)).toBe(2);
    expect(indexWriteUnits(listed, listed, all, tableKeys)).toBe(0);
    const keysOnly: IndexShape = { ...all, projection: 'KEYS_ONLY' };
    expect(indexWriteUnits(listed, { ...listed, body: { S: 'z' } }, keysOnly, tableKeys)).toBe(0);
  });
});
