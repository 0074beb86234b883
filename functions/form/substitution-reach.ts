/**
 * Which glyphs an OpenType substitution (GSUB) lookup could ever act on, read from the font's
 * own tables. A run of text holding none of them comes out of fontkit's shaping exactly as its
 * characters went in, so the form can skip shaping for it (`form-fontkit.ts`, issue 11: "text
 * shaping runs OpenType features the form does not need").
 *
 * For each subtable the answer is a set of glyphs of which a run must hold at least one for the
 * subtable to apply (fontkit's `GSUBProcessor.applyLookup` and `OTProcessor.applyContext` /
 * `applyChainingContext`, @pdf-lib/fontkit 1.1.1):
 * - single, multiple, alternate, ligature and reverse-chaining substitutions act only on a
 *   glyph of their coverage;
 * - a contextual rule needs every glyph (or class, or coverage) of its sequence in the run, so
 *   one of them is enough to name: the rarest one, so that common letters stay out
 *   (DejaVu's `ccmp` swaps `i` for a dotless `i` only before a combining accent, so the
 *   accents are named, not `i`).
 * The union over every lookup of the features asked for is an over-approximation: a glyph
 * outside it is certainly left alone, a glyph inside it may or may not be touched.
 */

/** A decoded Coverage table (OpenType, common table formats). */
interface Coverage {
  version: number;
  glyphs?: ArrayLike<number>;
  rangeRecords?: ArrayLike<{ start: number; end: number }>;
}

/** A decoded ClassDef table. */
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: ArrayLike<number>;
  classRangeRecord?: ArrayLike<{ start: number; end: number; class: number }>;
}

interface ContextRule {
  input?: ArrayLike<number>;
  backtrack?: ArrayLike<number>;
  lookahead?: ArrayLike<number>;
  classes?: ArrayLike<number>;
}

/** A decoded GSUB subtable, any type (fontkit's field names). */
interface SubstitutionSubtable {
  version?: number;
  lookupType?: number;
  extension?: SubstitutionSubtable;
  coverage?: Coverage;
  coverages?: ArrayLike<Coverage>;
  backtrackCoverage?: ArrayLike<Coverage>;
  inputCoverage?: ArrayLike<Coverage>;
  lookaheadCoverage?: ArrayLike<Coverage>;
  ruleSets?: ArrayLike<ArrayLike<ContextRule> | null>;
  chainRuleSets?: ArrayLike<ArrayLike<ContextRule> | null>;
  classDef?: ClassDef;
  classSet?: ArrayLike<ArrayLike<ContextRule> | null>;
  backtrackClassDef?: ClassDef;
  inputClassDef?: ClassDef;
  lookaheadClassDef?: ClassDef;
  chainClassSet?: ArrayLike<ArrayLike<ContextRule> | null>;
}

interface Lookup {
  lookupType: number;
  subTables: ArrayLike<SubstitutionSubtable>;
}

/** The decoded GSUB table as fontkit holds it (`font.GSUB`). */
export interface GsubTable {
  featureList: ArrayLike<{ tag: string; feature: { lookupListIndexes: ArrayLike<number> } }>;
  lookupList: { get(index: number): Lookup | undefined } | ArrayLike<Lookup>;
  featureVariations?: unknown;
}

/** The GSUB table holds a structure this reading does not know; then nothing may be skipped. */
class UnreadableSubstitution extends Error {
  override readonly name = 'UnreadableSubstitution';
}

/** Reads a fontkit array (a plain array or a restructure `LazyArray`). */
function itemsOf<T>(list: ArrayLike<T> | { toArray(): T[] } | null | undefined): T[] {
  if (list == null) return [];
  if (typeof (list as { toArray?: unknown }).toArray === 'function') return (list as { toArray(): T[] }).toArray();
  return Array.from(list as ArrayLike<T>);
}

function coveredGlyphs(coverage: Coverage | undefined): number[] {
  if (!coverage) throw new UnreadableSubstitution('subtable without coverage');
  if (coverage.version === 1) return itemsOf(coverage.glyphs);
  if (coverage.version === 2) {
    const glyphs: number[] = [];
    for (const range of itemsOf(coverage.rangeRecords)) for (let id = range.start; id <= range.end; id++) glyphs.push(id);
    return glyphs;
  }
  throw new UnreadableSubstitution(`coverage format ${coverage.version}`);
}

/** A class definition read once: each listed glyph's class, and each class's glyphs. */
interface ReadClassDef {
  classOf: Map<number, number>;
  glyphsOf: Map<number, number[]>;
}

const readClassDefs = new WeakMap<ClassDef, ReadClassDef>();

function readClassDef(classDef: ClassDef | undefined): ReadClassDef {
  if (!classDef) throw new UnreadableSubstitution('context without class definition');
  let read = readClassDefs.get(classDef);
  if (read) return read;
  read = { classOf: new Map(), glyphsOf: new Map() };
  const assign = (glyph: number, value: number): void => {
    read.classOf.set(glyph, value);
    const glyphs = read.glyphsOf.get(value);
    if (glyphs) glyphs.push(glyph);
    else read.glyphsOf.set(value, [glyph]);
  };
  if (classDef.version === 1) {
    const start = classDef.startGlyph ?? 0;
    itemsOf(classDef.classValueArray).forEach((value, index) => assign(start + index, value));
  } else if (classDef.version === 2) {
    // fontkit's getClassID takes the first range holding the glyph.
    for (const range of itemsOf(classDef.classRangeRecord)) {
      for (let id = range.start; id <= range.end; id++) if (!read.classOf.has(id)) assign(id, range.class);
    }
  } else {
    throw new UnreadableSubstitution(`class definition format ${classDef.version}`);
  }
  readClassDefs.set(classDef, read);
  return read;
}

/** The class of `glyph` as fontkit's `getClassID` reads it: 0 for a glyph the table does not list. */
function classOf(classDef: ClassDef | undefined, glyph: number): number {
  return readClassDef(classDef).classOf.get(glyph) ?? 0;
}

/** Every glyph of class `wanted` (never 0: class 0 is every glyph the table does not list). */
function glyphsOfClass(classDef: ClassDef | undefined, wanted: number): number[] {
  return readClassDef(classDef).glyphsOf.get(wanted) ?? [];
}

/**
 * Of sets a run needs one glyph of each, the one to name: the one holding the fewest `common`
 * glyphs (the text is likely to hold those), then the smallest.
 */
function rarest(sets: number[][], common: ReadonlySet<number>): number[] {
  let best = sets[0] ?? [];
  let bestCommon = Number.POSITIVE_INFINITY;
  for (const set of sets) {
    let inCommon = 0;
    for (const glyph of set) if (common.has(glyph)) inCommon += 1;
    if (inCommon < bestCommon || (inCommon === bestCommon && set.length < best.length)) {
      best = set;
      bestCommon = inCommon;
    }
  }
  return best;
}

/** Format 1: the rarest glyph the rule needs besides the covered one; else any covered glyph. */
function glyphRuleNeeds(rule: ContextRule, covered: number[], common: ReadonlySet<number>): number[] {
  const needed = [...itemsOf(rule.input), ...itemsOf(rule.backtrack), ...itemsOf(rule.lookahead)];
  return rarest([covered, ...needed.map((glyph) => [glyph])], common);
}

/**
 * Format 2: the rarest of the sets the rule needs one glyph of: the covered glyphs of its
 * set (the glyph it starts at), or the glyphs of a non-zero class of its sequence.
 */
function classRuleNeeds(
  rule: ContextRule,
  definitions: { input: ClassDef | undefined; backtrack: ClassDef | undefined; lookahead: ClassDef | undefined },
  coveredOfSet: number[],
  common: ReadonlySet<number>,
): number[] {
  const options: number[][] = [coveredOfSet];
  const sequences: [ArrayLike<number> | undefined, ClassDef | undefined][] = [
    [rule.classes ?? rule.input, definitions.input],
    [rule.backtrack, definitions.backtrack],
    [rule.lookahead, definitions.lookahead],
  ];
  for (const [classes, classDef] of sequences) {
    for (const wanted of itemsOf(classes)) if (wanted !== 0) options.push(glyphsOfClass(classDef, wanted));
  }
  return rarest(options, common);
}

function contextNeeds(
  subtable: SubstitutionSubtable,
  ruleSets: ArrayLike<ArrayLike<ContextRule> | null> | undefined,
  definitions: { input: ClassDef | undefined; backtrack: ClassDef | undefined; lookahead: ClassDef | undefined },
  common: ReadonlySet<number>,
): Set<number> {
  const covered = coveredGlyphs(subtable.coverage);
  const sets = itemsOf(ruleSets);
  const needs = new Set<number>();
  if (subtable.version === 1) {
    for (const set of sets) for (const rule of itemsOf(set)) for (const glyph of glyphRuleNeeds(rule, covered, common)) needs.add(glyph);
    return needs;
  }
  // Format 2: the covered glyph picks its rule set by its input class.
  const byClass = new Map<number, number[]>();
  for (const glyph of covered) {
    const inputClass = classOf(definitions.input, glyph);
    const ofClass = byClass.get(inputClass);
    if (ofClass) ofClass.push(glyph);
    else byClass.set(inputClass, [glyph]);
  }
  for (const [inputClass, coveredOfSet] of byClass) {
    for (const rule of itemsOf(sets[inputClass])) for (const glyph of classRuleNeeds(rule, definitions, coveredOfSet, common)) needs.add(glyph);
  }
  return needs;
}

function subtableNeeds(lookupType: number, subtable: SubstitutionSubtable, common: ReadonlySet<number>): Iterable<number> {
  switch (lookupType) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 8:
      return coveredGlyphs(subtable.coverage);
    case 5:
      if (subtable.version === 3) return rarest(itemsOf(subtable.coverages).map(coveredGlyphs), common);
      if (subtable.version === 1) return contextNeeds(subtable, subtable.ruleSets, { input: undefined, backtrack: undefined, lookahead: undefined }, common);
      if (subtable.version === 2) {
        return contextNeeds(subtable, subtable.classSet, { input: subtable.classDef, backtrack: undefined, lookahead: undefined }, common);
      }
      break;
    case 6:
      if (subtable.version === 3) {
        const coverages = [
          ...itemsOf(subtable.backtrackCoverage),
          ...itemsOf(subtable.inputCoverage),
          ...itemsOf(subtable.lookaheadCoverage),
        ];
        return rarest(coverages.map(coveredGlyphs), common);
      }
      if (subtable.version === 1) {
        return contextNeeds(subtable, subtable.chainRuleSets, { input: undefined, backtrack: undefined, lookahead: undefined }, common);
      }
      if (subtable.version === 2) {
        return contextNeeds(subtable, subtable.chainClassSet, {
          input: subtable.inputClassDef,
          backtrack: subtable.backtrackClassDef,
          lookahead: subtable.lookaheadClassDef,
        }, common);
      }
      break;
    case 7:
      if (subtable.extension && subtable.lookupType !== undefined) return subtableNeeds(subtable.lookupType, subtable.extension, common);
      break;
  }
  throw new UnreadableSubstitution(`lookup type ${lookupType} format ${subtable.version}`);
}

function lookupAt(gsub: GsubTable, index: number): Lookup | undefined {
  const list = gsub.lookupList;
  return typeof (list as { get?: unknown }).get === 'function'
    ? (list as { get(index: number): Lookup | undefined }).get(index)
    : (list as ArrayLike<Lookup>)[index];
}

/**
 * The glyphs that the lookups of `features` (in any script and language of the font) could act
 * on, or `undefined` when that cannot be told from the tables (feature variations, an unknown
 * format): then every run must be shaped. Where a rule needs several glyphs, the set named for
 * it is the one with the fewest `common` glyphs (those of the text expected), so that a dotless
 * `i` before an accent does not put every `i` in the answer.
 */
export function glyphsSubstitutionMayTouch(
  gsub: GsubTable | undefined,
  features: ReadonlySet<string>,
  common: ReadonlySet<number> = new Set(),
): ReadonlySet<number> | undefined {
  const reach = new Set<number>();
  if (!gsub) return reach;
  if (gsub.featureVariations) return undefined;
  try {
    for (const record of itemsOf(gsub.featureList)) {
      if (!features.has(record.tag)) continue;
      for (const index of itemsOf(record.feature.lookupListIndexes)) {
        const lookup = lookupAt(gsub, index);
        if (!lookup) throw new UnreadableSubstitution(`lookup ${index} missing`);
        for (const subtable of itemsOf(lookup.subTables)) for (const glyph of subtableNeeds(lookup.lookupType, subtable, common)) reach.add(glyph);
      }
    }
  } catch (error) {
    if (error instanceof UnreadableSubstitution) return undefined;
    throw error;
  }
  return reach;
}
