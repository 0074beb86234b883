/**
 * What fontkit's TrueType subsetter reads of each glyph it copies into a form's font: the
 * glyph's bytes, the components of a composite glyph, its advance and left side bearing. fontkit
 * reads them again for every form and decodes every outline point only to learn whether a glyph
 * is composite (issue 11: fonts "re-decode their tables" per form); here they are read once per
 * process and font, and the subset is written from them exactly as fontkit writes it
 * (`TTFSubset._addGlyph`, @pdf-lib/fontkit 1.1.1).
 */

/** One glyph as the subsetter copies it. */
interface GlyphRecord {
  /** The glyph's bytes in the `glyf` table: a view of fontkit's copy of the font file, never written to. */
  bytes: Uint8Array;
  /** A composite glyph's components: their glyph ids and where each id sits in `bytes`. */
  components: { glyphID: number; pos: number }[] | undefined;
  advance: number;
  bearing: number;
}

/** The fontkit glyph and font internals the subsetter uses. */
interface SubsetGlyph {
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  advanceWidth: number;
  _getMetrics(): { leftBearing: number };
}

interface SubsetFont {
  getGlyph(id: number): SubsetGlyph;
  loca: { offsets: ArrayLike<number> };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor: unknown;
}

/** fontkit's `TTFSubset` while it encodes (its fields as `encode` sets them up). */
export interface TrueTypeSubset {
  font: SubsetFont;
  /** The glyph ids included, in subset order; copying a composite glyph adds its components. */
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(id: number): number;
}

/** The Buffer class fontkit bundles (a `Uint8Array` subclass); its font bytes are of it. */
interface FontkitBuffer {
  from(bytes: Uint8Array): Uint8Array & { writeUInt16BE(value: number, offset: number): number };
}

/** Glyph records of one parsed font, filled as forms need them. */
export type GlyphRecords = Map<number, GlyphRecord>;

/** Reads glyph `id` as `TTFSubset._addGlyph` reads it. */
function readGlyph(font: SubsetFont, id: number): GlyphRecord {
  const glyph = font.getGlyph(id);
  const decoded = glyph._decode();
  const start = font.loca.offsets[id] ?? 0;
  const end = font.loca.offsets[id + 1] ?? start;
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = stream.readBuffer(end - start);
  const components =
    decoded && decoded.numberOfContours < 0
      ? (decoded.components ?? []).map(({ glyphID, pos }) => ({ glyphID, pos }))
      : undefined;
  return { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
}

/**
 * Makes `subset` copy its glyphs from `records` (filling them on first use) instead of decoding
 * them again. A font with variations keeps fontkit's own copying: it re-encodes outlines.
 */
export function copyGlyphsFromRecords(subset: TrueTypeSubset, records: GlyphRecords): void {
  if (subset.font._variationProcessor) return;
  subset._addGlyph = function addGlyph(this: TrueTypeSubset, id: number): number {
    // As fontkit does: the glyph is fetched (and cached by the form's font) before it is copied.
    this.font.getGlyph(id);
    let record = records.get(id);
    if (!record) {
      record = readGlyph(this.font, id);
      records.set(id, record);
    }
    let bytes = record.bytes;
    if (record.components) {
      // A composite names its components by glyph id: in the subset, by their new ids. The copy
      // is of fontkit's own Buffer class (its stream accepts no other), as fontkit makes it.
      const copy = (bytes.constructor as unknown as FontkitBuffer).from(bytes);
      for (const component of record.components) copy.writeUInt16BE(this.includeGlyph(component.glyphID), component.pos);
      bytes = copy;
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: record.advance, bearing: record.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}
