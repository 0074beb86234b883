/**
 * The fontkit the Lambda bundles carry (GenerateForm and SealEvidence embed DejaVu Sans through
 * pdf-lib): @pdf-lib/fontkit's own ES build with its start-up work deferred to first use (issue
 * 11, "cold start": importing fontkit cost a quarter of a second of CPU).
 *
 * @pdf-lib/fontkit is one pre-built file that decodes all its tables as it loads:
 * - the Brotli dictionary (about 120 KB, decompressed by its own Brotli decoder), which only a
 *   WOFF2 font needs; the product's fonts are TrueType;
 * - four Unicode tries (inflated by pako): general properties and the Arabic, Indic and
 *   Universal shapers' categories, which a run of Latin text may never ask for.
 * Here each is built the first time it is used, from the same bytes by the same code, so what
 * fontkit answers is unchanged; only when it does the work moves. Nothing else is touched.
 *
 * The patches are text replacements on the published file of the version the lock file pins;
 * each must match exactly once, or the build stops with {@link FontkitPatchMismatch} (a new
 * fontkit version: check the patches against it). The tests and the local stack run the
 * unpatched package; test/infra/lambda-bundles.test.ts loads the bundles built with this one.
 *
 * infra/constructs/product-function.ts points esbuild's `--alias:@pdf-lib/fontkit` at the file
 * {@link fontkitForLambda} writes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A patch no longer matches @pdf-lib/fontkit's file exactly once: the package changed. */
export class FontkitPatchMismatch extends Error {
  override readonly name = 'FontkitPatchMismatch';
}

interface Patch {
  /** What the patch defers, for the error message. */
  readonly what: string;
  readonly from: string;
  readonly to: string;
}

/** A trie built on its first `get` (fontkit calls nothing else on them). */
const LAZY_TRIE = `
function deferredTrie(build) {
  var built;
  return { get: function (codePoint) { return (built || (built = build())).get(codePoint); } };
}
`;

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
  {
    what: 'the Brotli dictionary (WOFF2 only)',
    from: 'dictionary.init(BrotliDecompressBuffer);\nvar decode = {\n  BrotliDecompressedSize: BrotliDecompressedSize_1,\n  BrotliDecompressBuffer: BrotliDecompressBuffer_1,',
    to:
      'var dictionaryReady = false;\n' +
      'function BrotliDecompressBufferOnceReady(buffer, output_size) {\n' +
      '  if (!dictionaryReady) {\n    dictionary.init(BrotliDecompressBuffer);\n    dictionaryReady = true;\n  }\n' +
      '  return BrotliDecompressBuffer(buffer, output_size);\n}\n' +
      'var decode = {\n  BrotliDecompressedSize: BrotliDecompressedSize_1,\n  BrotliDecompressBuffer: BrotliDecompressBufferOnceReady,',
  },
  ...['', '$1', '$2', '$3'].flatMap(trieDataPatches),
  {
    what: 'the deferred trie helper',
    from: "import pako from 'pako';\n",
    to: `import pako from 'pako';\n${LAZY_TRIE}`,
  },
];

/** @pdf-lib/fontkit's ES build with {@link PATCHES} applied. */
export function patchedFontkit(source: string): string {
  let patched = source;
  for (const patch of PATCHES) {
    const count = patched.split(patch.from).length - 1;
    if (count !== 1) {
      throw new FontkitPatchMismatch(`@pdf-lib/fontkit: the patch deferring ${patch.what} matches ${count} times, not once; check scripts/fontkit-for-lambda.ts against the installed version`);
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
