import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/domain/request-schema.js';
import { textsFor } from '../../../functions/messages/message-texts.js';

/** Stands for a name or for any options object: each of its fields, and itself, reads "§". */
const ANY_ARGUMENT: unknown = new Proxy(
  {},
  { get: (_target, key) => (key === Symbol.toPrimitive ? () => '§' : '§') },
);

/** Every text of a table, functions called with a marker, keyed by its path. */
function flatten(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') out.set(path, String((value as (p: unknown) => unknown)(ANY_ARGUMENT)));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, text] of flatten(child, `${path}.${key}`)) out.set(p, text);
  }
  return out;
}

describe('message texts', () => {
  const tables = LANGUAGES.map((language) => ({ language, texts: flatten(textsFor(language)) }));
  const reference = tables[0]?.texts ?? new Map<string, string>();

  it.each(tables)('$language has the same texts as nl, none empty', ({ texts }) => {
    expect([...texts.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [path, text] of texts) expect(text.trim(), path).not.toBe('');
  });

  it.each(tables)('$language has no stray spaces or double punctuation', ({ texts }) => {
    for (const [path, text] of texts) {
      expect(text, path).not.toMatch(/ {2}|\.\.|,,| [.,]/);
      expect(text, path).not.toMatch(/undefined|\[object/);
    }
  });
});
