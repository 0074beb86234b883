/** The request list's words (functions/dashboard/list/list-texts.ts): every text in nl, fr, de and en. */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../functions/domain/request-schema.js';
import { REQUEST_STATUSES } from '../../../../functions/domain/request-status.js';
import { listTexts } from '../../../../functions/dashboard/list/list-texts.js';

/** Every text of `value`, functions called with recognisable arguments. */
function allTexts(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...args: unknown[]) => unknown)('ARG1', 'ARG2', 'ARG3'))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => allTexts(inner, path ? `${path}.${key}` : key));
}

/** Words that English shares with Dutch, French or German. */
const WORDS_SPELT_ALIKE = new Set(['Status', 'Client', 'Page', 'Pages']);

describe('the request list in four languages', () => {
  const english = new Map(allTexts(listTexts('en')));

  it.each(LANGUAGES)('%s has every text, none empty, none left over', (language) => {
    const texts = allTexts(listTexts(language));
    expect(texts.map(([path]) => path)).toEqual([...english.keys()]);
    for (const [path, text] of texts) expect(text.trim(), path).not.toBe('');
  });

  it.each(LANGUAGES)('%s names every request status', (language) => {
    const statuses = listTexts(language).statuses;
    expect(Object.keys(statuses).sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(new Set(Object.values(statuses)).size).toBe(REQUEST_STATUSES.length);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s is translated, not English', (language) => {
    const texts = new Map(allTexts(listTexts(language)));
    const same = [...texts].filter(([path, text]) => text === english.get(path) && !WORDS_SPELT_ALIKE.has(text));
    expect(same).toEqual([]);
  });

  it.each(LANGUAGES)('%s puts every value it is given into the sentence', (language) => {
    const waits = listTexts(language).waits;
    expect(waits.signature('Jan Peeters', '28 november 2026')).toContain('Jan Peeters');
    expect(waits.signature('Jan Peeters', '28 november 2026')).toContain('28 november 2026');
    const some = waits.activationSome(2, 3, 'DAY');
    expect(some).toContain('2');
    expect(some).toContain('3');
    expect(some).toContain('DAY');
    expect(listTexts(language).problems.tooLong(100)).toContain('100');
  });
});
