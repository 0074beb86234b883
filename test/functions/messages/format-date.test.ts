import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../functions/domain/request-schema.js';
import { formatDate, formatDateTime } from '../../../functions/messages/format-date.js';
import { formatList } from '../../../functions/messages/format-list.js';

describe('formatDate', () => {
  it('writes the day, and the day and time, as each language does', () => {
    const noon = new Date('2026-11-28T11:00:00Z');
    const expected: Record<Language, [day: string, dayAndTime: string]> = {
      nl: ['28 november 2026', '28 november 2026 om 12:00'],
      fr: ['28 novembre 2026', '28 novembre 2026 à 12:00'],
      de: ['28. November 2026', '28. November 2026 um 12:00'],
      en: ['28 November 2026', '28 November 2026 at 12:00'],
    };
    for (const language of LANGUAGES) {
      const [day, dayAndTime] = expected[language];
      expect(formatDate(noon, language), language).toBe(day);
      expect(formatDateTime(noon, language), language).toBe(dayAndTime);
    }
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

  it('writes every hour of the day on a 24-hour clock in Brussels time, in every language', () => {
    // Brussels is UTC+1 in November and UTC+2 in July.
    for (const [day, offset] of [['2026-11-28', 1], ['2026-07-01', 2]] as const) {
      for (let utcHour = 0; utcHour < 24; utcHour += 1) {
        const instant = new Date(`${day}T${String(utcHour).padStart(2, '0')}:05:00Z`);
        const brussels = `${String((utcHour + offset) % 24).padStart(2, '0')}:05`;
        for (const language of LANGUAGES) {
          expect(formatDateTime(instant, language), `${instant.toISOString()} in ${language}`).toMatch(new RegExp(` ${brussels}$`));
        }
      }
    }
  });
});

describe('formatList', () => {
  it('joins names with each language’s “and”', () => {
    const expected: Record<Language, string> = {
      nl: 'An, Bert en Chris',
      fr: 'An, Bert et Chris',
      de: 'An, Bert und Chris',
      en: 'An, Bert and Chris',
    };
    for (const language of LANGUAGES) expect(formatList(['An', 'Bert', 'Chris'], language), language).toBe(expected[language]);
  });

  it('leaves a single name alone', () => {
    expect(formatList(['An'], 'nl')).toBe('An');
  });
});
