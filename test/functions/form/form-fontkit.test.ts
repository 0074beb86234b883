import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FORM_SHAPING, formFontkit, isShapingFreeCodeUnit, shapingFreeGlyphIds, unshapedGlyphs } from '../../../functions/form/form-fontkit.js';
import { loadFormFonts } from '../../../functions/form/form-fonts.js';
import { subsetBytes } from '../../fixtures/font-subset-bytes.js';

type Font = ReturnType<typeof formFontkit.create>;

/** What pdf-lib keeps of a run: each glyph's id, the code points its glyph object carries, its advance. */
function glyphsOf(font: Font, text: string): string[] {
  return font.layout(text, FORM_SHAPING).glyphs.map((glyph) => `${glyph.id}:${glyph.codePoints.join('+')}:${glyph.advanceWidth}`);
}

/** fontkit as it comes, one fresh font: what the form's fontkit must give for the same texts. */
function freshFont(bytes: Uint8Array): Font {
  const font = fontkit.create(bytes) as unknown as Font;
  const layout = font.layout.bind(font);
  // A copy of the features per run, as the form's fontkit gives them (fontkit writes into them).
  return Object.assign(Object.create(font) as Font, {
    layout: (text: string) => layout(text, { ...FORM_SHAPING }),
  });
}

/** A seeded generator, so a failing text can be found again. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const SHAPING_FREE = Array.from({ length: 0x10000 }, (_, unit) => unit).filter(isShapingFreeCodeUnit);
/** Characters fontkit must shape, or treats apart: accents, the soft hyphen, Arabic, Sami Ŋ, f (a ligature when on), variation selectors. */
const OTHERS = ['\u0301', '\u0307', '\u00ad', 'سمير', 'Ŋ', 'ŋ', 'fi', '\ufe0f', '\u200d', 'ı', 'i\u0307', 'ﬁ', '\u2044', '½'];

function randomTexts(count: number, seed: number): string[] {
  const random = generator(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + Math.floor(random() * 30);
    for (let i = 0; i < length; i++) {
      text +=
        random() < 0.9
          ? String.fromCharCode(SHAPING_FREE[Math.floor(random() * SHAPING_FREE.length)] ?? 0x20)
          : (OTHERS[Math.floor(random() * OTHERS.length)] ?? '');
    }
    return text;
  });
}

describe('the form fontkit (issue 11: fonts parsed once, no shaping where it changes nothing)', () => {
  const fonts = loadFormFonts();

  it('lays out every character of its short path as fontkit does, in both fonts', () => {
    for (const bytes of [fonts.regular, fonts.bold]) {
      const form = formFontkit.create(bytes);
      const fresh = freshFont(bytes);
      for (const unit of SHAPING_FREE) {
        const text = String.fromCharCode(unit);
        expect(glyphsOf(form, text), `U+${unit.toString(16)}`).toEqual(glyphsOf(fresh, text));
      }
    }
  });

  it('lays out mixed texts as fontkit does, glyph cache included, run after run', () => {
    for (const [index, bytes] of [fonts.regular, fonts.bold].entries()) {
      // One view and one fresh font see the same texts in the same order: each glyph must come
      // out with the same id and the same code points (pdf-lib's ToUnicode map reads them).
      const form = formFontkit.create(bytes);
      const fresh = freshFont(bytes);
      for (const text of randomTexts(1500, 7 + index)) expect(glyphsOf(form, text), JSON.stringify(text)).toEqual(glyphsOf(fresh, text));
    }
  });

  it('still shapes what shaping changes: a dotless i before a combining dot, Sami Ŋ', () => {
    const form = formFontkit.create(fonts.regular);
    const fresh = freshFont(fonts.regular);
    for (const text of ['i\u0307', 'Ŋ', 'Ŋuorra', 'xi\u0307x']) {
      expect(glyphsOf(form, text)).toEqual(glyphsOf(fresh, text));
    }
    // The dotted i really is substituted (so the short path would have been wrong here).
    const i = fresh.glyphForCodePoint(0x69);
    expect(glyphsOf(fresh, 'i\u0307')[0]).not.toBe(`${i.id}:105:${i.advanceWidth}`);
  });

  it('gives each form its own glyph cache over tables parsed once', () => {
    const first = formFontkit.create(fonts.regular) as Font & { GSUB: unknown; cmap: unknown };
    const second = formFontkit.create(fonts.regular) as Font & { GSUB: unknown; cmap: unknown };

    expect(second.GSUB).toBe(first.GSUB);
    expect(second.cmap).toBe(first.cmap);
    expect(second.glyphForCodePoint(0x41)).not.toBe(first.glyphForCodePoint(0x41));
    expect(second.glyphForCodePoint(0x41).id).toBe(first.glyphForCodePoint(0x41).id);
  });

  it('keeps the form\u2019s features as they are after shaping Arabic (fontkit writes into the object it is given)', () => {
    const form = formFontkit.create(fonts.regular);
    const before = { ...FORM_SHAPING };
    form.layout('سمير العلي', FORM_SHAPING);
    form.layout('Hans Müller', FORM_SHAPING);

    expect({ ...FORM_SHAPING }).toEqual(before);
  });
});

describe('unshapedGlyphs (the short path and when it steps aside)', () => {
  const fonts = loadFormFonts();
  const glyphIds = shapingFreeGlyphIds(formFontkit.create(fonts.regular));
  const shortPath = (reach: Set<number> = new Set()) => ({ reach, glyphIds });

  it('steps aside for a text holding a glyph a substitution could act on', () => {
    const view = formFontkit.create(fonts.regular);
    const a = view.glyphForCodePoint(0x61).id;

    expect(unshapedGlyphs(view, shortPath(new Set([a])), 'abc')).toBeUndefined();
    expect(unshapedGlyphs(view, shortPath(), 'abc')?.map((glyph) => glyph.id)).toEqual([0x61, 0x62, 0x63].map((unit) => view.glyphForCodePoint(unit).id));
  });

  it('steps aside for a glyph cached for another character first (fontkit hides a default-ignorable one)', () => {
    const view = formFontkit.create(fonts.regular);
    const a = view.glyphForCodePoint(0x61).id;
    const other = formFontkit.create(fonts.regular);
    // A glyph keeps the code points it was first made for: here the soft hyphen's.
    other.getGlyph(a, [0xad]);

    expect(unshapedGlyphs(other, shortPath(), 'abc')).toBeUndefined();
  });

  it('steps aside for characters off its path: an accent to combine, Arabic, the soft hyphen', () => {
    const view = formFontkit.create(fonts.regular);
    for (const text of ['e\u0301', 'سمير', 'Lef\u00adèvre', '', 'x\u{1F600}']) expect(unshapedGlyphs(view, shortPath(), text), JSON.stringify(text)).toBeUndefined();
  });

  it('fetches the space glyph for its own code point, as fontkit\u2019s layout does last', () => {
    const view = formFontkit.create(fonts.regular);
    unshapedGlyphs(view, shortPath(), 'AB');
    const space = view.glyphForCodePoint(0x20);

    expect(view.getGlyph(space.id, [0x2d]).codePoints).toEqual([0x20]);
  });
});

describe('the form fontkit\u2019s font subsets', () => {
  const fonts = loadFormFonts();
  /** Plain and composite glyphs (é, ü, ç are an e, u, c with an accent), in a form's order. */
  const TEXT = 'Françoise Lefèvre, Müller & Łukasz: 0123.456.749 – 12,50 € «ok»';

  async function subsetOfText(font: Font): Promise<Buffer> {
    const subset = font.createSubset();
    for (const glyph of font.layout(TEXT, FORM_SHAPING).glyphs) subset.includeGlyph(glyph);
    return subsetBytes(subset);
  }

  it('writes the bytes fontkit writes, form after form, in both fonts', async () => {
    for (const bytes of [fonts.regular, fonts.bold]) {
      const expected = await subsetOfText(freshFont(bytes));
      // The first subset of the process, then others from glyph records already read.
      for (let form = 0; form < 3; form++) expect((await subsetOfText(formFontkit.create(bytes))).equals(expected), `form ${form}`).toBe(true);
    }
  });
});
