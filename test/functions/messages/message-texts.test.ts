import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/domain/request-schema.js';
import { textsFor } from '../../../functions/messages/message-texts.js';

/**
 * Stands for a text's argument: a name, or an options object. Read as a string it is «self»;
 * each field read from it is «field», so a text's output shows which parameters it used.
 */
const MARKED_ARGUMENT: unknown = new Proxy(
  {},
  { get: (_target, key) => (key === Symbol.toPrimitive ? () => '«self»' : `«${String(key)}»`) },
);

/** Every text of a table, functions called with the marked argument, keyed by its path. */
function flatten(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') out.set(path, String((value as (p: unknown) => unknown)(MARKED_ARGUMENT)));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, text] of flatten(child, `${path}.${key}`)) out.set(p, text);
  }
  return out;
}

/** The parameters a text's output shows, e.g. ["«brokerName»", "«expires»"]. */
function parametersIn(text: string): string[] {
  return [...new Set(text.match(/«\w+»/g) ?? [])].sort();
}

describe('message texts', () => {
  const tables = LANGUAGES.map((language) => ({ language, texts: flatten(textsFor(language)) }));
  const dutch = flatten(textsFor('nl'));

  it('has every Dutch text in French, German and English, and no other', () => {
    for (const { language, texts } of tables) expect([...texts.keys()].sort(), language).toEqual([...dutch.keys()].sort());
  });

  it('leaves no text empty in any language', () => {
    for (const { language, texts } of tables) {
      for (const [path, text] of texts) expect(text.replace(/«\w+»/g, '').trim(), `${language}${path}`).not.toBe('');
    }
  });

  // The types make every language have every text; they cannot make a translation say the
  // deadline, the broker or the client the Dutch text says.
  it('puts in each French, German and English text the parameters the Dutch text puts in', () => {
    for (const { language, texts } of tables.filter((table) => table.language !== 'nl')) {
      for (const [path, text] of texts) expect(parametersIn(text), `${language}${path}`).toEqual(parametersIn(dutch.get(path) ?? ''));
    }
  });

  it('has no stray spaces or double punctuation in any language', () => {
    for (const { language, texts } of tables) {
      for (const [path, text] of texts) {
        expect(text, `${language}${path}`).not.toMatch(/ {2}|\.\.|,,| [.,]/);
        expect(text, `${language}${path}`).not.toMatch(/undefined|\[object/);
      }
    }
  });
});
