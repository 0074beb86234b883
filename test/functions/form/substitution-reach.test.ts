import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { loadFormFonts } from '../../../functions/form/form-fonts.js';
import { type GsubTable, glyphsSubstitutionMayTouch } from '../../../functions/form/substitution-reach.js';

interface ParsedFont {
  GSUB: GsubTable;
  glyphForCodePoint(codePoint: number): { id: number };
}

const LATIN_DEFAULTS = new Set(['ccmp', 'locl', 'rlig', 'calt', 'clig', 'rclt']);

describe('glyphsSubstitutionMayTouch (DejaVu Sans)', () => {
  const font = fontkit.create(loadFormFonts().regular) as unknown as ParsedFont;
  const glyph = (character: string): number => font.glyphForCodePoint(character.codePointAt(0) ?? 0).id;
  const latin = new Set([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map(glyph));

  it('names the combining accent, not the letter i, for the dotless-i rule of ccmp', () => {
    const reach = glyphsSubstitutionMayTouch(font.GSUB, LATIN_DEFAULTS, latin);

    expect(reach?.has(glyph('\u0307'))).toBe(true);
    expect(reach?.has(glyph('i'))).toBe(false);
    expect(reach?.has(glyph('j'))).toBe(false);
  });

  it('holds the glyphs of single substitutions: Ŋ, which Sami writes otherwise (locl)', () => {
    expect(glyphsSubstitutionMayTouch(font.GSUB, LATIN_DEFAULTS, latin)?.has(glyph('Ŋ'))).toBe(true);
  });

  it('holds f only when ligatures are among the features', () => {
    expect(glyphsSubstitutionMayTouch(font.GSUB, LATIN_DEFAULTS, latin)?.has(glyph('f'))).toBe(false);
    expect(glyphsSubstitutionMayTouch(font.GSUB, new Set([...LATIN_DEFAULTS, 'liga']), latin)?.has(glyph('f'))).toBe(true);
  });

  it('leaves every plain Latin letter and digit out, so the form\u2019s text skips shaping', () => {
    const reach = glyphsSubstitutionMayTouch(font.GSUB, LATIN_DEFAULTS, latin);
    const touched = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèëçüößàøåłńśźżčšžğışÅÑÚ@.,:-–'].filter((character) =>
      reach?.has(glyph(character)),
    );

    expect(touched).toEqual([]);
  });

  it('answers that nothing can be skipped when the table holds feature variations', () => {
    expect(glyphsSubstitutionMayTouch({ ...font.GSUB, featureVariations: {} }, LATIN_DEFAULTS)).toBeUndefined();
  });

  it('answers that nothing can be skipped for a subtable format it does not know', () => {
    const unknown: GsubTable = {
      featureList: [{ tag: 'ccmp', feature: { lookupListIndexes: [0] } }],
      lookupList: [{ lookupType: 6, subTables: [{ version: 9 }] }],
    };

    expect(glyphsSubstitutionMayTouch(unknown, LATIN_DEFAULTS)).toBeUndefined();
  });
});
