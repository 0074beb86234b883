/**
 * The fontkit that the form and the completion certificate register with pdf-lib
 * (`embed-form-fonts.ts`): DejaVu Sans parsed once per process
 * (a warm Lambda reuses it), and for each form a fresh view of it, so two forms never share a
 * glyph object; and a layout that skips shaping where shaping cannot change a glyph. Issue 11:
 * "fontkit re-creates both fonts for every form and re-decodes their tables lazily (about 30 %
 * of a render), text shaping runs OpenType features the form does not need".
 *
 * The form's bytes stay exactly what a fresh fontkit gives, for any text:
 * - the parsed tables (directory, cmap, hmtx, loca, glyf, GSUB…) are read-only once decoded,
 *   and fontkit's subsetter copies a glyph before rewriting it, so they can be shared;
 * - what fontkit does change while laying out a form is its glyph cache, whose glyphs keep the
 *   code points they were first created for (pdf-lib writes those into the ToUnicode map): each
 *   view has its own cache, filled in the same order as a fresh font's;
 * - a run whose characters are all Latin or common punctuation, none of whose glyphs an applied
 *   substitution could act on (`substitution-reach.ts`), is the glyphs of its characters: the
 *   short path makes the same glyph-cache calls as fontkit's layout, in the same order, and
 *   returns the same glyphs. Any other run goes through fontkit's own layout;
 * - a view's glyphs take their metrics (advance, bearings) from the parsed font's, computed once;
 * - a view's font subset copies glyphs from records read once per process
 *   (`subset-glyph-records.ts`) and is encoded without waiting on a timer (`subset-stream.ts`).
 *
 * It leans on fontkit internals (`_glyphs`, `_cmapProcessor`, `_layoutEngine`, the subsetter) of
 * @pdf-lib/fontkit 1.1.1; `test/functions/form/form-fontkit.test.ts` compares its layout with
 * fontkit's own for every character of the short path and for random mixed texts, and
 * `render-form-warm.test.ts` compares warm forms with those of a fresh process.
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { copyGlyphsFromRecords, type GlyphRecords, type TrueTypeSubset } from './subset-glyph-records.js';
import { type EncodableSubset, encodeWithoutTimer, type SubsetTemplateSlot } from './subset-stream.js';
import { type GsubTable, glyphsSubstitutionMayTouch } from './substitution-reach.js';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;
type Glyph = ReturnType<Font['getGlyph']>;
type GlyphRun = ReturnType<Font['layout']>;
type Features = Parameters<Font['layout']>[1];

/**
 * The OpenType features the form turns off. No ligatures, so text copied or extracted from the
 * form reads as typed. No kerning or mark positioning either: pdf-lib places glyphs by their
 * advance widths only, so those lookups would only cost time.
 */
export const FORM_SHAPING = Object.freeze({ liga: false, kern: false, mark: false, mkmk: false });

/**
 * Every feature fontkit's DefaultShaper (the shaper of Latin and of text with no script) can
 * apply, @pdf-lib/fontkit 1.1.1: variation, directional, fractional, common and horizontal
 * features (`DefaultShaper.planPreprocessing` / `planPostprocessing`), both directions.
 */
const DEFAULT_SHAPER_FEATURES = [
  'rvrn',
  'ltra',
  'ltrm',
  'rtla',
  'rtlm',
  'frac',
  'numr',
  'dnom',
  'ccmp',
  'locl',
  'rlig',
  'mark',
  'mkmk',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
] as const;

/** The features a layout with `FORM_SHAPING` may apply: the shaper's own, less those turned off. */
function featuresApplied(): Set<string> {
  const applied = new Set<string>(DEFAULT_SHAPER_FEATURES);
  for (const [tag, on] of Object.entries(FORM_SHAPING)) {
    if (on) applied.add(tag);
    else applied.delete(tag);
  }
  return applied;
}

/**
 * A UTF-16 code unit of Latin or common script (so fontkit picks its DefaultShaper, left to
 * right) that is neither a default-ignorable character (which fontkit's layout would swap for a
 * space) nor a variation selector nor half of a surrogate pair: Basic Latin, Latin-1 and Latin
 * Extended-A/B without the soft hyphen, general punctuation up to U+205E, the euro sign.
 */
export function isShapingFreeCodeUnit(unit: number): boolean {
  return (
    (unit >= 0x20 && unit <= 0x7e) ||
    (unit >= 0xa0 && unit <= 0x24f && unit !== 0xad) ||
    (unit >= 0x2010 && unit <= 0x2027) ||
    (unit >= 0x2030 && unit <= 0x205e) ||
    unit === 0x20ac
  );
}

/** The fontkit internals a view relies on. */
interface FontInternals {
  _glyphs: Record<number, Glyph>;
  GSUB?: GsubTable;
  _cmapProcessor: { lookup(codePoint: number): number };
  _variationProcessor: unknown;
  bbox: unknown;
  directory: { tables: Record<string, unknown> };
}

/** A fontkit glyph's metrics, as `TTFGlyph._getMetrics` caches them on the glyph. */
interface GlyphInternals {
  _metrics?: object;
  _getMetrics(): object;
}

/** What the short path needs of a font, worked out once per process. */
export interface ShortPath {
  /** Glyphs a substitution of the applied features could act on (`substitution-reach.ts`). */
  reach: ReadonlySet<number>;
  /** The font's glyph id for each shaping-free UTF-16 code unit (the cmap, read once). */
  glyphIds: Uint16Array;
}

/**
 * The glyph id of each shaping-free code unit, as fontkit's `glyphForCodePoint` finds it
 * (a binary search of the cmap on every call).
 */
export function shapingFreeGlyphIds(font: Font): Uint16Array {
  const { _cmapProcessor: cmap } = font as unknown as FontInternals;
  const ids = new Uint16Array(0x10000);
  for (let unit = 0; unit <= 0xffff; unit++) if (isShapingFreeCodeUnit(unit)) ids[unit] = cmap.lookup(unit);
  return ids;
}

interface ParsedFont {
  font: Font;
  /** `undefined` when the font's substitutions cannot be read: then every run is shaped. */
  shortPath: ShortPath | undefined;
  /** What the subsetter copies of each glyph, read once (`subset-glyph-records.ts`). */
  glyphRecords: GlyphRecords;
  /** The font's TrueType subsets without their glyphs, once fontkit has written one (`subset-encoder.ts`). */
  subsetTemplate: SubsetTemplateSlot;
}

const parsedFonts = new WeakMap<Uint8Array, ParsedFont>();

function parse(bytes: Uint8Array, postscriptName?: string): ParsedFont {
  const font = fontkit.create(bytes, postscriptName) as unknown as Font;
  const internals = font as unknown as FontInternals;
  // Cached getters read here, on the parsed font, so that views share them (fontkit's `@cache`
  // defines the value on the object read): `bbox`, and `_cmapProcessor` (read by
  // `shapingFreeGlyphIds`). `_layoutEngine` is left alone: it holds the font whose glyph cache
  // it fills, so each view must build its own.
  void internals.bbox;
  const glyphIds = shapingFreeGlyphIds(font);
  const common = new Set<number>();
  for (let unit = 0; unit <= 0xffff; unit++) if (isShapingFreeCodeUnit(unit)) common.add(glyphIds[unit] ?? 0);
  // An AAT font (a `morx` table) is shaped by fontkit's AAT engine, not by its GSUB: no short path.
  const reach = internals.directory.tables.morx ? undefined : glyphsSubstitutionMayTouch(internals.GSUB, featuresApplied(), common);
  return { font, shortPath: reach ? { reach, glyphIds } : undefined, glyphRecords: new Map(), subsetTemplate: { template: undefined } };
}

function parsedFont(bytes: Uint8Array, postscriptName?: string): ParsedFont {
  if (postscriptName !== undefined) return parse(bytes, postscriptName);
  let parsed = parsedFonts.get(bytes);
  if (!parsed) {
    parsed = parse(bytes);
    parsedFonts.set(bytes, parsed);
  }
  return parsed;
}

/**
 * What a form's view has found on the short path: the glyph of each code unit that passed
 * {@link unshapedGlyphs}'s checks, and whether the space glyph was fetched. Both only stand for
 * calls that would change nothing: fontkit's `getGlyph` gives a cached glyph back untouched, and
 * whether a glyph passes depends only on its id and its first code point, fixed when it was made.
 */
interface ShortPathFound {
  readonly glyphs: (Glyph | undefined)[];
  spaceFetched: boolean;
}

const foundByView = new WeakMap<Font, ShortPathFound>();

/**
 * The glyphs of `text` when shaping cannot change them, with the side effects of fontkit's
 * layout on the view's glyph cache; `undefined` when fontkit must shape it: a character off
 * the short path, a glyph in `reach`, or a glyph already cached for a character off it.
 */
export function unshapedGlyphs(view: Font, { reach, glyphIds }: ShortPath, text: string): Glyph[] | undefined {
  if (text.length === 0) return undefined;
  for (let index = 0; index < text.length; index++) {
    if (!isShapingFreeCodeUnit(text.charCodeAt(index))) return undefined;
  }
  let found = foundByView.get(view);
  if (!found) {
    found = { glyphs: [], spaceFetched: false };
    foundByView.set(view, found);
  }
  // What fontkit's layout does first (`glyphsForString`, which for these characters is
  // `glyphForCodePoint` of each in turn): one glyph per character, through the view's cache.
  const glyphs = new Array<Glyph>(text.length);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    let glyph = found.glyphs[unit];
    if (!glyph) {
      glyph = view.getGlyph(glyphIds[unit] ?? 0, [unit]);
      if (reach.has(glyph.id)) return undefined;
      // A glyph keeps the code points it was first made for; fontkit looks at the first one.
      const first = glyph.codePoints[0];
      if (first === undefined || !isShapingFreeCodeUnit(first)) return undefined;
      found.glyphs[unit] = glyph;
    }
    glyphs[index] = glyph;
  }
  // What fontkit's layout does last (hiding default-ignorable characters): fetch the space glyph.
  if (!found.spaceFetched) {
    view.glyphForCodePoint(0x20);
    found.spaceFetched = true;
  }
  return glyphs;
}

/** A view of `parsed` for one form: its own glyph cache, fontkit's tables, the short layout. */
function formView(parsed: ParsedFont): Font {
  const view = Object.create(parsed.font) as Font;
  (view as unknown as FontInternals)._glyphs = {};
  const shape = parsed.font.layout;
  const { shortPath } = parsed;
  Object.defineProperty(view, 'layout', {
    value: function layout(this: Font, text: string, features?: Features): GlyphRun {
      if (shortPath && features === FORM_SHAPING) {
        const glyphs = unshapedGlyphs(this, shortPath, text);
        // pdf-lib reads only the glyphs of a run (CustomFontEmbedder, pdf-lib 1.17.1).
        if (glyphs) return { glyphs } as unknown as GlyphRun;
      }
      // fontkit's layout writes every feature it planned into the object it is given (GlyphRun
      // keeps it, OTLayoutEngine.setup sets them true), so later runs would be shaped with the
      // features of earlier ones (after Arabic, its positional forms as global features; DejaVu's
      // act on Arabic glyphs only, so no form changed). A copy keeps `FORM_SHAPING`, which the
      // short path's reach was computed for, as it is, and each run independent of the others.
      const ownFeatures = features && !Array.isArray(features) ? { ...features } : features;
      return shape.call(this, text, ownFeatures);
    },
  });
  if (!(parsed.font as unknown as FontInternals)._variationProcessor) {
    // A glyph's metrics (advance, bearings, and its outline's box, decoded for them) come from
    // tables the views share: the view's new glyphs take them from the parsed font's glyph of
    // the same id, computed once per process. Not with variations, which rewrite metrics.
    const getGlyph = parsed.font.getGlyph;
    Object.defineProperty(view, 'getGlyph', {
      value: function getGlyphOfForm(this: Font, id: number, codePoints?: number[]): Glyph {
        const glyph = getGlyph.call(this, id, codePoints) as Glyph & GlyphInternals;
        if (glyph && !glyph._metrics) glyph._metrics = (getGlyph.call(parsed.font, id) as Glyph & GlyphInternals)._getMetrics();
        return glyph;
      },
    });
  }
  const createSubset = parsed.font.createSubset;
  Object.defineProperty(view, 'createSubset', {
    value: function subsetOfForm(this: Font): ReturnType<Font['createSubset']> {
      const subset = createSubset.call(this);
      // A TrueType subset (DejaVu is one) copies glyphs; a CFF one is left as fontkit makes it.
      if (typeof (subset as unknown as Partial<TrueTypeSubset>)._addGlyph === 'function' && 'glyphEncoder' in subset) {
        copyGlyphsFromRecords(subset as unknown as TrueTypeSubset, parsed.glyphRecords);
        encodeWithoutTimer(subset as unknown as EncodableSubset, parsed.subsetTemplate);
      } else {
        encodeWithoutTimer(subset as unknown as EncodableSubset);
      }
      return subset;
    },
  });
  return view;
}

/**
 * The fontkit for `PDFDocument.registerFontkit`: each `create` returns a new view of the font
 * parsed once per process for those bytes (the same `Uint8Array`, as `loadFormFonts` keeps it).
 */
export const formFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    return formView(parsedFont(bytes, postscriptName));
  },
};
