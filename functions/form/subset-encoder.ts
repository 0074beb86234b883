/**
 * A form's TrueType font subset written straight from its glyphs, byte for byte as fontkit's
 * `TTFSubset.encode` writes it (@pdf-lib/fontkit 1.1.1). fontkit writes every table through its
 * generic structure encoder, one number at a time, twice per form (the size first, then the
 * bytes): the font program (`fpgm`), the control value program (`prep`, 1,384 bytes in DejaVu
 * Sans) and table (`cvt `) never change, yet they were a third of the subset's time, and the
 * subset a sixth of the form's (issue 11: "a 25 ms form").
 *
 * What fontkit writes: a table directory (tag `true`, the tables in the order `encode` names them,
 * each entry's checksum 0, no padding between tables), then the tables: `head`, `hhea` and `maxp`
 * copied from the font with one field each set for the subset (`indexToLocFormat`,
 * `numberOfMetrics`, `numGlyphs`), `loca` short (offsets halved) unless the last offset exceeds
 * 0xFFFF, the glyphs' bytes, their metrics, and `cvt `, `prep` and `fpgm` as in the font.
 *
 * The unchanging parts come from the bytes fontkit itself wrote for the font's first subset in
 * the process ({@link subsetTemplate}), kept only if this module, given that subset's glyphs,
 * writes exactly those bytes again: otherwise the font keeps fontkit's encoder.
 */

/** The tables a subset writes from its glyphs; every other table is copied from the template. */
const GLYPH_TABLES = new Set(['loca', 'glyf', 'hmtx']);

/** The fields set for the subset: table, offset of the 16-bit field in it. */
const SUBSET_FIELDS = { head: 50, hhea: 34, maxp: 4 } as const;

/** What of a subset's own content the tables are written from. */
export interface SubsetGlyphs {
  /** Each glyph's bytes, in subset order. */
  readonly glyf: readonly Uint8Array[];
  /** Each glyph's advance and left side bearing, in subset order. */
  readonly metrics: readonly { readonly advance: number; readonly bearing: number }[];
}

/** A font's subset as fontkit writes it, without its glyphs: the directory's order and the copied tables. */
export interface SubsetTemplate {
  /** The tables' tags in the directory's order. */
  readonly tags: readonly string[];
  /** The copied tables' bytes by tag (`head`, `hhea`, `maxp` before their subset fields are set). */
  readonly tables: ReadonlyMap<string, Uint8Array>;
}

/**
 * The template of `encoded` (a subset fontkit wrote), or `undefined` when it is not laid out as
 * this module writes one (then the font keeps fontkit's encoder).
 */
export function subsetTemplate(encoded: Uint8Array, glyphs: SubsetGlyphs): SubsetTemplate | undefined {
  if (encoded.length < 12) return undefined;
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  if (ascii(encoded, 0, 4) !== 'true') return undefined;
  const count = view.getUint16(4);
  if (encoded.length < 12 + count * 16) return undefined;
  const tags: string[] = [];
  const tables = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index++) {
    const entry = 12 + index * 16;
    const tag = ascii(encoded, entry, 4);
    const offset = view.getUint32(entry + 8);
    const length = view.getUint32(entry + 12);
    if (offset + length > encoded.length) return undefined;
    tags.push(tag);
    if (!GLYPH_TABLES.has(tag)) tables.set(tag, encoded.slice(offset, offset + length));
  }
  for (const tag of [...GLYPH_TABLES, ...Object.keys(SUBSET_FIELDS)]) if (!tags.includes(tag)) return undefined;
  const template: SubsetTemplate = { tags, tables };
  // Kept only if it gives back fontkit's very bytes for the same glyphs.
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength).equals(encodeSubset(template, glyphs)) ? template : undefined;
}

/** The subset of `glyphs` as fontkit writes it for the font of `template`. */
export function encodeSubset(template: SubsetTemplate, { glyf, metrics }: SubsetGlyphs): Uint8Array {
  const glyphCount = glyf.length;
  let glyphBytes = 0;
  for (const bytes of glyf) glyphBytes += bytes.length;
  // fontkit's loca.preEncode: long offsets only when the last one does not fit 16 bits.
  const longOffsets = glyphBytes > 0xffff;
  const sizes = template.tags.map((tag) => {
    if (tag === 'loca') return (glyphCount + 1) * (longOffsets ? 4 : 2);
    if (tag === 'glyf') return glyphBytes;
    if (tag === 'hmtx') return metrics.length * 4;
    return template.tables.get(tag)?.length ?? 0;
  });
  const directoryBytes = 12 + template.tags.length * 16;
  const out = new Uint8Array(sizes.reduce((sum, size) => sum + size, directoryBytes));
  const view = new DataView(out.buffer);
  // The directory, as restructure writes fontkit's `Directory` (searchRange and the rest from the table count).
  const count = template.tags.length;
  const exponent = Math.floor(Math.log(count) / Math.LN2);
  const power = 2 ** exponent;
  writeAscii(out, 0, 'true');
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, exponent);
  view.setUint16(10, count * 16 - power * 16);
  let offset = directoryBytes;
  template.tags.forEach((tag, index) => {
    const entry = 12 + index * 16;
    const size = sizes[index] ?? 0;
    writeAscii(out, entry, tag);
    view.setUint32(entry + 4, 0);
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, size);
    if (tag === 'loca') writeLoca(view, offset, glyf, longOffsets);
    else if (tag === 'glyf') {
      let at = offset;
      for (const bytes of glyf) {
        out.set(bytes, at);
        at += bytes.length;
      }
    } else if (tag === 'hmtx') {
      metrics.forEach(({ advance, bearing }, glyph) => {
        view.setUint16(offset + glyph * 4, advance);
        view.setInt16(offset + glyph * 4 + 2, bearing);
      });
    } else {
      out.set(template.tables.get(tag) ?? new Uint8Array(0), offset);
      if (tag === 'head') view.setInt16(offset + SUBSET_FIELDS.head, longOffsets ? 1 : 0);
      else if (tag === 'hhea') view.setUint16(offset + SUBSET_FIELDS.hhea, metrics.length);
      else if (tag === 'maxp') view.setUint16(offset + SUBSET_FIELDS.maxp, glyphCount);
    }
    offset += size;
  });
  return out;
}

/** Each glyph's start and the end of the last one; short offsets are halved (`>>> 1`), as fontkit writes them. */
function writeLoca(view: DataView, at: number, glyf: readonly Uint8Array[], longOffsets: boolean): void {
  let glyphOffset = 0;
  for (let index = 0; index <= glyf.length; index++) {
    if (longOffsets) view.setUint32(at + index * 4, glyphOffset);
    else view.setUint16(at + index * 2, glyphOffset >>> 1);
    glyphOffset += glyf[index]?.length ?? 0;
  }
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function writeAscii(bytes: Uint8Array, at: number, text: string): void {
  for (let index = 0; index < text.length; index++) bytes[at + index] = text.charCodeAt(index);
}
