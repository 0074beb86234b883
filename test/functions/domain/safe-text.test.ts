import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { excerpt, findUnsafeCharacter, safeMultilineText, safeText } from '../../../functions/domain/safe-text.js';
import { PEOPLE } from '../../fixtures/access-request-builder.js';
import { DECEIVING_CHARACTERS } from '../../fixtures/deceiving-characters.js';

/** Every code point of a general category (or other Unicode property), as strings. */
function everyCodePointMatching(property: RegExp): string[] {
  const found: string[] = [];
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += 1) {
    const character = String.fromCodePoint(codePoint);
    if (property.test(character)) found.push(character);
  }
  return found;
}

const DECEIVING = DECEIVING_CHARACTERS;

describe('findUnsafeCharacter (I2)', () => {
  it.each(DECEIVING)('finds %s inside a name (I2)', (_name, character) => {
    expect(findUnsafeCharacter(`Pee${character}ters`)).toBe(character.codePointAt(0));
  });

  it('finds the first of several (I2)', () => {
    expect(findUnsafeCharacter('a\u200Bb\u202Ec')).toBe(0x200b);
  });

  it.each([
    ['every control (Cc)', /\p{Cc}/u],
    ['every format character (Cf)', /\p{Cf}/u],
    ['every private-use code point (Co)', /\p{Co}/u],
    ['every line and paragraph separator (Zl, Zp)', /[\p{Zl}\p{Zp}]/u],
    ['every space but U+0020 (Zs)', /(?! )\p{Zs}/u],
    ['every default-ignorable code point', /\p{Default_Ignorable_Code_Point}/u],
  ])('finds %s (I2)', (_what, property) => {
    const missed = everyCodePointMatching(property).filter((character) => findUnsafeCharacter(`a${character}b`) === undefined);
    expect(missed.map((character) => character.codePointAt(0)?.toString(16))).toEqual([]);
  });

  it('finds every unassigned code point of the first planes (Cn) (I2)', () => {
    const unassigned = everyCodePointMatching(/\p{Cn}/u).filter((character) => (character.codePointAt(0) ?? 0) < 0x20000);
    expect(unassigned.length).toBeGreaterThan(1000);
    expect(unassigned.filter((character) => findUnsafeCharacter(character) === undefined)).toEqual([]);
  });

  it.each([
    ['the fixture people', Object.values(PEOPLE).flatMap((make) => {
      const { address, ...person } = make();
      return [...Object.values(person), ...Object.values(address)];
    })],
    ['names in several scripts', ["O'Brien-Müller", 'Ελένη', 'Иван', 'محمد', 'יעל', '美咲', 'Nguyễn', 'Ødegård', 'Łukasz', 'Şahin', 'Zoë']],
    ['addresses', ['Rue de la Loi 42', 'Kerkstraat 12 bus 3', 'Av. Louise 1/2', 'Straße 7b, 2. OG', '1040']],
    ['emoji and symbols printed as they are', ['Café ☕', 'Bakkerij Peeters & Zonen', '№ 5', '😀']],
  ])('finds nothing in %s (I2)', (_what, texts) => {
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts.filter((text) => findUnsafeCharacter(text) !== undefined)).toEqual([]);
  });

  it('allows a line feed only when asked for several lines (I2)', () => {
    expect(findUnsafeCharacter('first\nsecond')).toBe(0x0a);
    expect(findUnsafeCharacter('first\nsecond', { multiline: true })).toBeUndefined();
    expect(findUnsafeCharacter('first\rsecond', { multiline: true })).toBe(0x0d);
    expect(findUnsafeCharacter('first\u2028second', { multiline: true })).toBe(0x2028);
  });
});

describe('safeText (I2)', () => {
  const name = safeText(100);

  it('stores a name typed decomposed ("e" + U+0301) precomposed, in NFC (I2)', () => {
    expect(name.parse('Lefe\u0300vre')).toBe('Lef\u00E8vre');
    expect(name.parse('Ame\u0301lie')).toBe('Am\u00E9lie');
    expect(name.parse('Lefe\u0300vre')).toBe(name.parse('Lef\u00E8vre'));
  });

  it('trims surrounding spaces and keeps inner ones (I2)', () => {
    expect(name.parse('  Van der  Berg ')).toBe('Van der  Berg');
  });

  it.each(DECEIVING)('refuses %s, naming it in the message (I2)', (label, character) => {
    const result = name.safeParse(`Pee${character}ters`);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([expect.stringContaining(`(${label}) (I2)`)]);
  });

  it('words the message as the examples do (I2)', () => {
    expect(name.safeParse('Peeters\u202Esretee').error?.issues[0]?.message).toBe(
      'contains an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE) (I2)',
    );
    expect(name.safeParse('Van\u00A0Damme').error?.issues[0]?.message).toBe(
      'contains a space other than the plain space (U+00A0 NO-BREAK SPACE) (I2)',
    );
    expect(name.safeParse('Van\nDamme').error?.issues[0]?.message).toBe('contains a line break (U+000A LINE FEED) (I2)');
    expect(name.safeParse('Van\uE000').error?.issues[0]?.message).toBe(
      'contains an unassigned, private-use or unpaired surrogate code point (U+E000) (I2)',
    );
  });

  it('refuses an empty text and one over its maximum', () => {
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('x'.repeat(101)).success).toBe(false);
    expect(name.safeParse('x'.repeat(100)).success).toBe(true);
  });

  it('takes a longer minimum when a check is added', () => {
    expect(safeText(100).check(z.minLength(2)).safeParse('B').success).toBe(false);
    expect(safeText(100).check(z.minLength(2)).safeParse('BE').success).toBe(true);
  });
});

describe('safeMultilineText (I2)', () => {
  const reason = safeMultilineText(1000);

  it('keeps line feeds and turns CR LF into a line feed (I2)', () => {
    expect(reason.parse('The scan is blurred.\r\nPlease upload it again.\n')).toBe('The scan is blurred.\nPlease upload it again.');
  });

  it.each([
    ['a lone carriage return', 'blurred\rscan', 'U+000D CARRIAGE RETURN'],
    ['a line separator', 'blurred\u2028scan', 'U+2028 LINE SEPARATOR'],
    ['a tab', 'blurred\tscan', 'U+0009 CHARACTER TABULATION'],
    ['a right-to-left override', 'blurred\u202Escan', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
  ])('refuses %s (I2)', (_what, text, label) => {
    expect(reason.safeParse(text).error?.issues[0]?.message).toContain(`(${label}) (I2)`);
  });

  it('normalizes to NFC (I2)', () => {
    expect(reason.parse('Cafe\u0301')).toBe('Caf\u00E9');
  });
});

describe('excerpt', () => {
  it('returns short, safe text as it is', () => {
    expect(excerpt('POL-1')).toBe('POL-1');
    expect(excerpt('x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('cuts after 40 code points by default, marking the cut', () => {
    expect(excerpt('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
    expect(excerpt('x'.repeat(20_000_000))).toHaveLength(41);
  });

  it('cuts after the maximum given', () => {
    expect(excerpt('0123456789', 4)).toBe('0123…');
  });

  it('never splits a character written with two UTF-16 units', () => {
    expect(excerpt('😀😀😀', 2)).toBe('😀😀…');
  });

  it.each([
    ['a right-to-left override', 'ab\u202Ecd', 'ab\\u{202E}cd'],
    ['a NUL', 'a\u0000b', 'a\\u{0}b'],
    ['a line feed', 'line\nbreak', 'line\\u{A}break'],
    ['an escape', '\u001B[31mred', '\\u{1B}[31mred'],
    ['a lone surrogate', 'a\uD800b', 'a\\u{D800}b'],
    ['a zero-width space', 'a\u200Bb', 'a\\u{200B}b'],
  ])('shows %s as an escape (I2)', (_what, value, shown) => {
    expect(excerpt(value)).toBe(shown);
  });
});
