/**
 * The fontkit the Lambda bundles carry (GenerateForm and SealEvidence embed DejaVu Sans through
 * pdf-lib): @pdf-lib/fontkit's own ES build with its start-up work deferred to first use, and
 * without the two decoders a TrueType font never calls (issue 11, "cold start" and "function
 * bundle": importing fontkit cost a quarter of a second of CPU, and it was half of GenerateForm's code).
 *
 * @pdf-lib/fontkit is one pre-built file, made for browsers, that decodes all its tables as it loads:
 * - four Unicode tries (inflated by pako): general properties and the Arabic, Indic and
 *   Universal shapers' categories, which a run of Latin text may never ask for; unicode-properties'
 *   table; the Indic shaper's state machine and the Universal Shaping Engine's tables (JSON,
 *   inflated and parsed: about 20 ms of the start, up to 40 on a busy host). Here each is built
 *   the first time it is used, from the same bytes by the same code.
 * It also carries, for fonts the product never opens:
 * - a Brotli decoder and its 120 KB dictionary, which only a WOFF2 font needs. Gone: opening a
 *   WOFF2 font throws {@link WOFF2_UNSUPPORTED}. The product's fonts are TrueType (form-fonts.ts).
 * - iconv-lite with its code pages (Shift JIS, GBK, Big5, EUC-KR…), which decode a font's name
 *   records in legacy Macintosh encodings and map text through a font without a Unicode cmap.
 *   Gone: fontkit's own fallback applies (it was written for a build without iconv-lite), so such a
 *   name record reads as its bytes; DejaVu Sans has a Unicode cmap and Unicode names, which
 *   pdf-lib reads (the form names its fonts itself: render-form.ts).
 * What fontkit answers for the product's fonts is unchanged; test/infra/lambda-bundles.test.ts
 * holds the layout, shaping, subsetting and names of both fonts to the unpatched package's.
 *
 * The patches are text replacements on the published file of the version the lock file pins;
 * each text (and each end of a removed region) must match exactly once, or the build stops with
 * {@link FontkitPatchMismatch} (a new fontkit version: check the patches against it). The tests
 * and the local stack run the unpatched package; test/infra/lambda-bundles.test.ts loads the
 * bundles built with this one.
 *
 * scripts/lambda-build.ts points esbuild's `--alias:@pdf-lib/fontkit` at the file
 * {@link fontkitForLambda} writes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/** A patch no longer matches @pdf-lib/fontkit's file exactly once: the package changed. */
export class FontkitPatchMismatch extends Error {
  override readonly name = 'FontkitPatchMismatch';
}

/** One text replaced by another. */
interface Patch {
  /** What the patch defers or removes, for the error message. */
  readonly what: string;
  readonly from: string;
  readonly to: string;
}

/** A region removed: from the text `start` up to (not including) the text `end`, replaced by `to`. */
interface RegionPatch {
  readonly what: string;
  readonly start: string;
  readonly end: string;
  readonly to: string;
}

/** What opening a WOFF2 font throws in the Lambda bundles. */
export const WOFF2_UNSUPPORTED = 'WOFF2 fonts are not supported here: the Lambda bundles carry no Brotli decoder (scripts/fontkit-for-lambda.ts)';

/**
 * A trie built on its first `get` (fontkit calls nothing else on them), and a value built on its
 * first call (the shapers' tables).
 */
const LAZY_TRIE = `
function deferredTrie(build) {
  var built;
  return { get: function (codePoint) { return (built || (built = build())).get(codePoint); } };
}
function deferredValue(build) {
  var built;
  return function () { return built || (built = build()); };
}
`;

/** fontkit's own expression that inflates and parses one of its JSON tables (`base64Deflated<name>`). */
const inflatedJson = (name: string): string => `JSON.parse(String.fromCharCode.apply(String, pako.inflate(base64Arraybuffer_2(base64Deflated${name}))))`;

/**
 * The Indic shaper's state machine and the Universal Shaping Engine's tables, which fontkit
 * inflated and parsed as it loaded (8 to 28 ms, the largest part of its start): built on the first
 * run of a script that needs that shaper, by the same code from the same bytes.
 */
const SHAPER_PATCHES: readonly Patch[] = [
  {
    what: "the Indic shaper's state machine and decompositions",
    from: `var indicMachine = ${inflatedJson('IndicMachine')};\n`,
    to: `var indicShaping = deferredValue(function () { return { stateMachine: new dfa(${inflatedJson('IndicMachine')}), decompositions: ${inflatedJson('UseData')}.decompositions }; });\n`,
  },
  { what: "the Indic shaper's decompositions table (its USE data)", from: `var useData = ${inflatedJson('UseData')};\n`, to: '' },
  { what: "the Indic shaper's decompositions", from: 'var decompositions = useData.decompositions;\n', to: '' },
  { what: "the Indic shaper's state machine", from: 'var stateMachine = new dfa(indicMachine);\n', to: '' },
  {
    what: "the Indic shaper's use of its decompositions",
    from: 'INDIC_DECOMPOSITIONS[codepoint] || decompositions[codepoint]',
    to: 'INDIC_DECOMPOSITIONS[codepoint] || indicShaping().decompositions[codepoint]',
  },
  { what: "the Indic shaper's use of its state machine", from: 'stateMachine.match(glyphs.map(indicCategory))', to: 'indicShaping().stateMachine.match(glyphs.map(indicCategory))' },
  {
    what: "the Universal Shaping Engine's tables",
    from: `var useData$1 = ${inflatedJson('UseData')};\n`,
    to: `var universalShaping = deferredValue(function () { var useData = ${inflatedJson('UseData')}; return { stateMachine: new dfa(useData), categories: useData.categories, decompositions: useData.decompositions }; });\n`,
  },
  { what: "the Universal Shaping Engine's categories and decompositions", from: 'var categories = useData$1.categories,\n    decompositions$1 = useData$1.decompositions;\n', to: '' },
  { what: "the Universal Shaping Engine's state machine", from: 'var stateMachine$1 = new dfa(useData$1);\n', to: '' },
  {
    what: "the Universal Shaping Engine's use of its decompositions",
    from: 'if (decompositions$1[codepoint]) {\n        var decomposed = decompositions$1[codepoint].map(',
    to: 'if (universalShaping().decompositions[codepoint]) {\n        var decomposed = universalShaping().decompositions[codepoint].map(',
  },
  { what: "the Universal Shaping Engine's use of its state machine", from: 'stateMachine$1.match(glyphs.map(useCategory))', to: 'universalShaping().stateMachine.match(glyphs.map(useCategory))' },
  { what: "the Universal Shaping Engine's use of its categories", from: 'new USEInfo(categories[useCategory(glyphs[i])]', to: 'new USEInfo(universalShaping().categories[useCategory(glyphs[i])]' },
];

/** The four lists of unicode-properties' table, whose lengths set how its trie's values are packed. */
const UNICODE_PROPERTY_LISTS = ['categories', 'combiningClasses', 'scripts', 'eaw'] as const;

/**
 * unicode-properties' table (general categories, combining classes, scripts, East Asian widths),
 * which fontkit inflated and parsed as it loaded (7 ms): built on the first property asked for.
 * Its lists' lengths, which the module reads at load to pack the trie's values, are read here from
 * the same bytes, at build time, and written in as numbers.
 */
function unicodePropertyPatches(source: string): Patch[] {
  const encoded = /var base64DeflatedData = "([^"]+)";/.exec(source)?.[1];
  if (!encoded) throw new FontkitPatchMismatch("@pdf-lib/fontkit: unicode-properties' table (base64DeflatedData) is not found; check scripts/fontkit-for-lambda.ts against the installed version");
  const table = JSON.parse(inflateSync(Buffer.from(encoded, 'base64')).toString('latin1')) as Partial<Record<string, unknown[]>>;
  const lengthOf = (list: string): number => {
    const length = table[list]?.length;
    if (length === undefined) throw new FontkitPatchMismatch(`@pdf-lib/fontkit: unicode-properties' table has no list ${list}; check scripts/fontkit-for-lambda.ts against the installed version`);
    return length;
  };
  return [
    {
      what: "unicode-properties' table",
      from: `var data = ${inflatedJson('Data')};\n`,
      to: `var unicodeProperties = deferredValue(function () { return ${inflatedJson('Data')}; });\n`,
    },
    ...UNICODE_PROPERTY_LISTS.flatMap((list): Patch[] => [
      { what: `the length of unicode-properties' ${list}`, from: `(data.${list}.length - 1)`, to: `(${lengthOf(list)} - 1)` },
      { what: `unicode-properties' lookup in ${list}`, from: `return data.${list}[val`, to: `return unicodeProperties().${list}[val` },
    ]),
  ];
}

function trieDataPatches(suffix: string): Patch[] {
  const data = `trieData${suffix}`;
  return [
    {
      what: `the Unicode trie trie${suffix}: its inflation`,
      from: `var ${data} = pako.inflate(base64Arraybuffer_2(base64DeflatedTrie${suffix}));\n`,
      to: '',
    },
    {
      what: `the Unicode trie trie${suffix}: its construction`,
      from: `var trie${suffix} = new unicodeTrie(${data});\n`,
      to: `var trie${suffix} = deferredTrie(function () { return new unicodeTrie(pako.inflate(base64Arraybuffer_2(base64DeflatedTrie${suffix}))); });\n`,
    },
  ];
}

const PATCHES: readonly Patch[] = [
  ...['', '$1', '$2', '$3'].flatMap(trieDataPatches),
  ...SHAPER_PATCHES,
  {
    what: 'the deferred trie and value helpers',
    from: "import pako from 'pako';\n",
    to: `import pako from 'pako';\n${LAZY_TRIE}`,
  },
];

const REGIONS: readonly RegionPatch[] = [
  {
    what: 'iconv-lite and its code pages',
    start: 'var Buffer = buffer.Buffer;\nvar safer',
    end: 'var DecodeStream = createCommonjsModule(function (module) {',
    // restructure's DecodeStream and EncodeStream, and fontkit's CmapProcessor, take `lib` in a
    // `try` or test it before use: without it they fall back as they do without the package.
    to: 'var lib = null;\n\n',
  },
  {
    what: 'the Brotli decoder and its dictionary (WOFF2 only)',
    start: 'function BrotliInput(buffer) {',
    end: 'var decompress = decode.BrotliDecompressBuffer;',
    to: `var decode = {\n  BrotliDecompressBuffer: function () {\n    throw new Error(${JSON.stringify(WOFF2_UNSUPPORTED)});\n  }\n};\n\n`,
  },
];

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** @pdf-lib/fontkit's ES build with {@link REGIONS} removed and {@link PATCHES} applied. */
export function patchedFontkit(source: string): string {
  let patched = source;
  for (const region of REGIONS) {
    const counts = [countOf(patched, region.start), countOf(patched, region.end)];
    const start = patched.indexOf(region.start);
    const end = patched.indexOf(region.end);
    if (counts[0] !== 1 || counts[1] !== 1 || end < start) {
      throw new FontkitPatchMismatch(`@pdf-lib/fontkit: the region of ${region.what} is not found once, in order (its start matches ${counts[0]} times, its end ${counts[1]}); check scripts/fontkit-for-lambda.ts against the installed version`);
    }
    patched = patched.slice(0, start) + region.to + patched.slice(end);
  }
  for (const patch of [...PATCHES, ...unicodePropertyPatches(source)]) {
    const count = countOf(patched, patch.from);
    if (count !== 1) {
      throw new FontkitPatchMismatch(`@pdf-lib/fontkit: the patch for ${patch.what} matches ${count} times, not once; check scripts/fontkit-for-lambda.ts against the installed version`);
    }
    patched = patched.replace(patch.from, () => patch.to);
  }
  return patched;
}

const written = new Map<string, string>();

/**
 * Writes the patched fontkit under `projectRoot`'s `node_modules/.cache/` (where its own import
 * of `pako` resolves) unless the same bytes are already there, and answers its path.
 */
export function fontkitForLambda(projectRoot: string): string {
  // Every function of a synthesis asks; the file is made once per process.
  const known = written.get(projectRoot);
  if (known && existsSync(known)) return known;
  const source = readFileSync(path.join(projectRoot, 'node_modules', '@pdf-lib', 'fontkit', 'dist', 'fontkit.es.js'), 'utf8');
  const patched = patchedFontkit(source);
  const digest = createHash('sha256').update(patched).digest('hex').slice(0, 16);
  const file = path.join(projectRoot, 'node_modules', '.cache', 'portal-access-lambda', `fontkit-${digest}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then renamed: a bundling running at the same time never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, patched);
    renameSync(partial, file);
  }
  written.set(projectRoot, file);
  return file;
}
