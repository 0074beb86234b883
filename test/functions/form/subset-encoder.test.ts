/**
 * The form's TrueType subsets written without fontkit's structure encoder (issue 11, "a 25 ms
 * form, same bytes out"): every subset must be fontkit's own bytes, whatever its glyphs.
 */
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { encodeSubset, subsetTemplate, type SubsetGlyphs } from '../../../functions/form/subset-encoder.js';
import { encodeWithoutTimer, type EncodableSubset, type SubsetTemplateSlot } from '../../../functions/form/subset-stream.js';
import { loadFormFonts } from '../../../functions/form/form-fonts.js';
import { subsetBytes } from '../../fixtures/font-subset-bytes.js';

type Font = ReturnType<typeof fontkit.create>;
type Subset = ReturnType<Font['createSubset']>;

interface WrittenSubset {
  bytes: Buffer;
  glyphs: SubsetGlyphs;
}

function subsetOf(font: Font, ids: readonly number[]): Subset {
  const subset = font.createSubset();
  for (const id of ids) subset.includeGlyph(font.getGlyph(id));
  return subset;
}

/** fontkit's own subset of `ids` (a font of its own, fontkit's own encoder), with the glyphs it gathered. */
async function byFontkit(bytes: Uint8Array, ids: readonly number[]): Promise<WrittenSubset> {
  const subset = subsetOf(fontkit.create(bytes), ids);
  const written = await subsetBytes(subset);
  const fields = subset as unknown as { glyf: Uint8Array[]; hmtx: { metrics: SubsetGlyphs['metrics'] } };
  return { bytes: written, glyphs: { glyf: fields.glyf, metrics: fields.hmtx.metrics } };
}

/** Glyph ids picked by a fixed linear congruential sequence: the same on every run. */
function pickedIds(count: number, glyphCount: number, seed: number): number[] {
  const ids: number[] = [];
  let state = seed;
  for (let index = 0; index < count; index++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    ids.push(state % glyphCount);
  }
  return ids;
}

describe('subset-encoder: a TrueType subset written from its glyphs, as fontkit writes it', () => {
  const fonts = loadFormFonts();
  const cases = [
    { name: 'one glyph', count: 1 },
    { name: 'a form\u2019s worth', count: 60 },
    { name: 'so many that the glyph offsets need 32 bits', count: 2000 },
  ];

  for (const [fontName, bytes] of [['regular', fonts.regular], ['bold', fonts.bold]] as const) {
    it(`writes fontkit's bytes for every glyph set of the ${fontName} font, short and long offsets alike`, async () => {
      const glyphCount = fontkit.create(bytes).numGlyphs;
      const first = await byFontkit(bytes, pickedIds(30, glyphCount, 7));
      const template = subsetTemplate(first.bytes, first.glyphs);
      expect(template).toBeDefined();
      const longOffsets: boolean[] = [];
      for (const [index, { name, count }] of cases.entries()) {
        const expected = await byFontkit(bytes, pickedIds(count, glyphCount, 100 + index));
        const written = Buffer.from(encodeSubset(template!, expected.glyphs));
        expect(written.equals(expected.bytes), name).toBe(true);
        // head.indexToLocFormat, at 50 in the head table, the first after the directory.
        longOffsets.push(written.readInt16BE(written.readUInt32BE(12 + 8) + 50) === 1);
      }
      expect(longOffsets).toEqual([false, false, true]);
    });
  }

  it('keeps no template when the subset it is made from is not laid out as it writes one', async () => {
    const first = await byFontkit(fonts.regular, [0, 36, 37]);
    const checksummed = Buffer.from(first.bytes);
    checksummed.writeUInt32BE(0x1234, 12 + 4); // the first table's checksum, which fontkit leaves 0
    expect(subsetTemplate(checksummed, first.glyphs)).toBeUndefined();
    const otherTag = Buffer.from(first.bytes);
    otherTag.write('OTTO', 0, 'latin1');
    expect(subsetTemplate(otherTag, first.glyphs)).toBeUndefined();
    expect(subsetTemplate(first.bytes.subarray(0, 40), first.glyphs)).toBeUndefined();
    // Glyphs other than the ones written: the template would not give the same bytes back.
    expect(subsetTemplate(first.bytes, { glyf: first.glyphs.glyf.slice(1), metrics: first.glyphs.metrics.slice(1) })).toBeUndefined();
  });

  it('makes the template from the first subset fontkit writes, then writes the next ones from it', async () => {
    const font = fontkit.create(fonts.regular);
    const slot: SubsetTemplateSlot = { template: undefined };
    const through = (ids: number[]) => {
      const subset = subsetOf(font, ids);
      encodeWithoutTimer(subset as unknown as EncodableSubset, slot);
      return subsetBytes(subset);
    };
    // The process's first stream may be fontkit's own (the encoder class is taken from it): then no template yet.
    await through([0, 40]);
    const firstByEncoder = await through([0, 41, 42]);
    expect(firstByEncoder.equals((await byFontkit(fonts.regular, [0, 41, 42])).bytes)).toBe(true);
    expect(slot.template).toBeTruthy();
    for (const ids of [[0, 43, 44, 45], pickedIds(120, font.numGlyphs, 3)]) {
      expect((await through(ids)).equals((await byFontkit(fonts.regular, ids)).bytes)).toBe(true);
    }
  });
});
