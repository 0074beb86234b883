import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/domain/request-schema.js';
import { formatDate, formatDateTime } from '../../../functions/messages/format-date.js';
import { formatList } from '../../../functions/messages/format-list.js';

describe('formatDate', () => {
  const noon = new Date('2026-11-28T11:00:00Z');

  it.each([
    ['nl', '28 november 2026', '28 november 2026 om 12:00'],
    ['fr', '28 novembre 2026', '28 novembre 2026 à 12:00'],
    ['de', '28. November 2026', '28. November 2026 um 12:00'],
    ['en', '28 November 2026', '28 November 2026 at 12:00'],
  ] as const)('writes the day as %s does', (language, day, dayAndTime) => {
    expect(formatDate(noon, language)).toBe(day);
    expect(formatDateTime(noon, language)).toBe(dayAndTime);
  });

  it('writes the first of the month as French does: "1er"', () => {
    const first = new Date('2026-12-01T11:00:00Z');
    expect(formatDate(first, 'fr')).toBe('1er décembre 2026');
    expect(formatDateTime(first, 'fr')).toBe('1er décembre 2026 à 12:00');
    expect(formatDate(first, 'nl')).toBe('1 december 2026');
    expect(formatDate(new Date('2026-12-11T11:00:00Z'), 'fr')).toBe('11 décembre 2026');
  });

  it('counts in Brussels time, summer time included', () => {
    expect(formatDateTime(new Date('2026-11-28T23:30:00Z'), 'nl')).toBe('29 november 2026 om 00:30');
    expect(formatDateTime(new Date('2026-07-01T22:15:00Z'), 'en')).toBe('2 July 2026 at 00:15');
  });

  it.each(LANGUAGES)('uses a 24-hour clock in %s', (language) => {
    expect(formatDateTime(new Date('2026-11-28T16:05:00Z'), language)).toContain('17:05');
  });
});

describe('formatList', () => {
  it.each([
    ['nl', 'An, Bert en Chris'],
    ['fr', 'An, Bert et Chris'],
    ['de', 'An, Bert und Chris'],
    ['en', 'An, Bert and Chris'],
  ] as const)('joins names as %s does', (language, joined) => {
    expect(formatList(['An', 'Bert', 'Chris'], language)).toBe(joined);
  });

  it('leaves a single name alone', () => {
    expect(formatList(['An'], 'nl')).toBe('An');
  });
});
