/**
 * The functions as Lambda runs them: the CDK app synthesized WITH esbuild bundling; each bundle
 * must load in a fresh Node process from its own folder, beside nothing but the AWS SDK v3
 * (which the Lambda runtime provides). Catches what the local stack
 * cannot: a package left out of a bundle, a CommonJS package that breaks in ESM, a missing font.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../catalog/function-catalog.js';
import type { FunctionId } from '../../catalog/function-catalog.js';
import { awsSdkClosure, bundleSize, bundleSources, codeFiles, deferredCodeFiles, isolatedBundle, PROJECT_ROOT, startupCodeFiles, synthesizeBundles, type BundleDirs } from '../../scripts/synthesized-bundles.js';
import { fontkitForLambda, WOFF2_UNSUPPORTED } from '../../scripts/fontkit-for-lambda.js';
import { lambdaBuildOptions } from '../../scripts/lambda-build.js';
import { renderAccessForm, type RenderAccessFormInput } from '../../functions/form/render-form.js';
import { companyForm, largeForm, namesForm } from '../fixtures/form-inputs.js';
import { subsetBytes } from '../fixtures/font-subset-bytes.js';
import fontkit from '@pdf-lib/fontkit';
import { FontNames } from '@pdf-lib/standard-fonts';
import { pathToFileURL } from 'node:url';

let outdir: string;
let bundleDirs: BundleDirs;

const sdkClosure = awsSdkClosure();

/** Issue 11's goal for a function's code: here, the code Lambda loads at start-up (`index.mjs` and the chunks it imports statically; fonts and source maps apart). */
const CODE_GOAL_KIB = 250;

/**
 * The functions whose start-up code is above {@link CODE_GOAL_KIB}, each held to a ceiling a
 * little above its size today so that it can only shrink: the form and the evidence use pdf-lib
 * (with fontkit) on every invocation, so there is nothing to defer. Both are within the form's
 * goal of 1 MB: SealEvidence, which came after the issue, renders its completion certificate with
 * the form's fonts and seals it (the CMS built by `@peculiar/asn1-cms`, not pkijs), so it is held
 * to GenerateForm's goal. Lower a ceiling when a change makes room; remove the entry once under
 * the goal.
 */
const STARTUP_CODE_CEILING_KIB: Readonly<Partial<Record<FunctionId, number>>> = {
  GenerateForm: 880,
  SealEvidence: 900,
};

/**
 * All the code of the functions whose chunks loaded on first use take them above
 * {@link CODE_GOAL_KIB} (pdf-lib and pkijs for a signed file's verification; the dashboard's pages
 * in four languages; BrokerApi's 22 chunks, one or more per route, each with its own banner and
 * imports: 257 KiB where one file was 247), held to a ceiling so that splitting does not hide
 * growth; the others' whole code stays within the goal.
 */
const CODE_CEILING_KIB: Readonly<Partial<Record<FunctionId, number>>> = {
  ...STARTUP_CODE_CEILING_KIB,
  SignerApi: 910,
  SigningServiceCallback: 840,
  DashboardApi: 480,
  BrokerApi: 265,
};

/**
 * GenerateForm's whole asset: code, source map and the DejaVu fonts shipped whole (1.4 MiB).
 * Issue 11's 1 MB is for its code, fonts apart (its row reads "code only", "1.9 MB + 1.5 MB
 * fonts"), which {@link STARTUP_CODE_CEILING_KIB} keeps under; this ceiling only stops the whole from growing.
 */
const GENERATE_FORM_ASSET_CEILING_KIB = 3550;

/** The AWS SDK packages a bundle may import at start-up: DynamoDB's, which every function reads first. The others load on first use (functions/adapters/sdk-on-first-use.ts). */
const SDK_LOADED_AT_START = new Set(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb']);

const KIB = 1024;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'portal-access-bundles-'));
  bundleDirs = synthesizeBundles(outdir);
}, 240_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/**
 * Runs the ES module `script(dir)` in a bare Node, in a copy of `id`'s bundle at `dir` away from
 * the project, whose node_modules holds only what the Lambda runtime provides: the AWS SDK v3 and
 * what it depends on.
 */
function runInIsolatedBundle(id: FunctionId, script: (dir: string) => string): SpawnSyncReturns<string> {
  const isolated = isolatedBundle(bundleDirs[id] ?? '', id, sdkClosure);
  try {
    return spawnSync(process.execPath, ['--input-type=module', '-e', script(isolated)], { cwd: isolated, encoding: 'utf8', env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' } });
  } finally {
    rmSync(isolated, { recursive: true, force: true });
  }
}

describe('Lambda bundles', () => {
  it('bundles every function of the catalog', () => {
    expect(Object.keys(bundleDirs).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it.each(Object.keys(FUNCTIONS) as FunctionId[])('%s loads as Lambda loads it and exports its handler; each chunk it loads on first use loads too', (id) => {
    // The handler's module first, then every other chunk: one behind an `import()` (a signed
    // file's verification, a dashboard page) would otherwise fail only on its first request.
    const files = codeFiles(bundleDirs[id] ?? '');
    const loaded = runInIsolatedBundle(id, (dir) => {
      const modules = files.map((file) => path.join(dir, file));
      return `const m = await import(${JSON.stringify(path.join(dir, 'index.mjs'))}); console.log(typeof m.handler); for (const file of ${JSON.stringify(modules)}) await import(file); console.log('chunks', ${modules.length});`;
    });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim().split('\n')).toEqual(['function', `chunks ${files.length}`]);
  });

  it("a function's stack names the TypeScript source and line, read from the shipped map when printed, with no Node option (source-mapped-stacks.ts)", () => {
    // A payload the step refuses: the step's handler throws from the product's own code, and the Lambda runtime logs the stack.
    const ran = runInIsolatedBundle(
      'RecordOutcome',
      (dir) =>
        `const m = await import(${JSON.stringify(path.join(dir, 'index.mjs'))});` +
        `try { await m.handler({ requestId: 'req_x' }, { getRemainingTimeInMillis: () => 1000 }); console.log('{}'); }` +
        `catch (error) { console.log(JSON.stringify(error.stack.split('\\n'))); }`,
    );
    const [head, ...frames] = JSON.parse(ran.stdout.trim().split('\n').at(-1) ?? '[]') as string[];

    expect(head).toMatch(/^InvalidStepInput: RecordOutcome: the payload does not match the step's schema at outcome$/);
    const [, file, line] = /\((functions\/steps\/[\w-]+\.ts):(\d+):\d+\)$/.exec(frames[0] ?? '') ?? [];
    expect(file, frames.join('\n')).toBe('functions/steps/step-handler.ts');
    // The line it names is the source's own: the `throw` of a refused payload.
    expect(readFileSync(path.join(PROJECT_ROOT, file ?? ''), 'utf8').split('\n')[Number(line) - 1]).toMatch(/throw new InvalidStepInput/);
    expect(frames.filter((frame) => frame.includes('index.mjs:'))).toEqual([]);
  });

  it('GenerateForm carries the fonts the form embeds', () => {
    const dir = bundleDirs.GenerateForm ?? '';
    expect(existsSync(path.join(dir, 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(existsSync(path.join(dir, 'fonts', 'DejaVuSans-Bold.ttf'))).toBe(true);
  });

  it("DashboardApi carries its browser script, built for a browser (one IIFE, no import or require left)", () => {
    const script = path.join(bundleDirs.DashboardApi ?? '', 'dashboard', 'dashboard-client.js');
    expect(existsSync(script)).toBe(true);
    const text = readFileSync(script, 'utf8');
    expect(text).not.toMatch(/\bimport\s*[{*]|\brequire\(/);
    // zod's English messages, which the form's checks read back as the API's (functions/domain/zod-messages.ts).
    expect(text).toContain('Too small: expected');
  });

  it.each(Object.keys(FUNCTIONS) as FunctionId[])('%s loads at start-up code within issue 11\'s 250 KiB goal, or below its ceiling until it gets there', (id) => {
    const { startupCodeBytes } = bundleSize(bundleDirs[id] ?? '');
    expect(startupCodeBytes).toBeLessThanOrEqual((STARTUP_CODE_CEILING_KIB[id] ?? CODE_GOAL_KIB) * KIB);
  });

  it.each(Object.keys(FUNCTIONS) as FunctionId[])('%s keeps all its code, chunks loaded on first use included, within the goal or its ceiling', (id) => {
    const { codeBytes } = bundleSize(bundleDirs[id] ?? '');
    expect(codeBytes).toBeLessThanOrEqual((CODE_CEILING_KIB[id] ?? CODE_GOAL_KIB) * KIB);
  });

  it.each(['SignerApi', 'SigningServiceCallback', 'DashboardApi', 'BrokerApi'] as const)('%s leaves what only some requests need to chunks loaded on first use (scripts/lambda-build.ts)', (id) => {
    const dir = bundleDirs[id] ?? '';
    expect(deferredCodeFiles(dir).length).toBeGreaterThan(0);
    expect(startupCodeFiles(dir)).toContain('index.mjs');
    expect(bundleSize(dir).startupCodeBytes).toBeLessThan(bundleSize(dir).codeBytes / 2);
  });

  it('GenerateForm\'s whole asset (code, source map, fonts) does not grow', () => {
    const { totalBytes } = bundleSize(bundleDirs.GenerateForm ?? '');
    expect(totalBytes).toBeLessThanOrEqual(GENERATE_FORM_ASSET_CEILING_KIB * KIB);
  });

  it.each(Object.keys(FUNCTIONS) as FunctionId[])("%s carries none of zod's locales but English (the product's messages are its own)", (id) => {
    const dir = bundleDirs[id] ?? '';
    const code = codeFiles(dir).map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
    // Words of zod's Dutch, French and German messages; English stays (zod's default).
    expect(code).not.toContain('Ongeldige invoer');
    expect(code).not.toContain('Entrée invalide');
    expect(code).not.toContain('Ungültige Eingabe');
    expect(code).toContain('Invalid input');
  });

  it.each(Object.keys(FUNCTIONS) as FunctionId[])('%s imports no AWS SDK client but DynamoDB at start-up; the others on first use', (id) => {
    const dir = bundleDirs[id] ?? '';
    const code = startupCodeFiles(dir).map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
    // Static imports in esbuild's minified output: `from"@aws-sdk/x"` or a bare `import"@aws-sdk/x"`.
    const atStart = new Set([...code.matchAll(/(?:from|import)\s*"(@aws-sdk\/[^"/]+)/g)].map((match) => match[1]));
    expect([...atStart].filter((name) => !SDK_LOADED_AT_START.has(name as string))).toEqual([]);
  });

  /** The source files a bundle was built from, as its chunks' source maps list them. */
  const sourcesOf = (id: FunctionId): string[] => bundleSources(bundleDirs[id] ?? '');

  it.each(['CreateGrants', 'RecordOutcome', 'ExpireGrant', 'RequestScanReview', 'MailFeedback', 'PortalApi'] as const)('%s, which sends no mail, carries no mail texts (reminders are delivered where they are written and by the housekeeping job)', (id) => {
    expect(sourcesOf(id).filter((source) => /functions\/(messages\/texts-|notifications\/reminders)/.test(source))).toEqual([]);
  });

  it.each(['GenerateForm', 'RequestSignature', 'RequestScanReview', 'CreateGrants', 'RequestActivation', 'ExpireGrant', 'RecordOutcome', 'SealEvidence', 'Housekeeping', 'WebhookDelivery', 'MailFeedback', 'PortalApi', 'BrokerApi', 'ActivationApi', 'SignerApi', 'SigningServiceCallback', 'DashboardApi'] as const)(
    '%s carries zod/mini only, not classic zod (docs/architecture.md)',
    (id) => {
      const sources = sourcesOf(id);
      expect(sources.some((source) => source.includes('node_modules/zod/v4/mini/'))).toBe(true);
      expect(sources.filter((source) => source.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    },
  );

  it.each((Object.keys(FUNCTIONS) as FunctionId[]).filter((id) => FUNCTIONS[id].kind === 'api'))(
    "%s words zod's own messages in English, as classic zod did: zod/mini sets no locale (functions/domain/zod-messages.ts)",
    (id) => {
      const sources = sourcesOf(id);
      expect(sources.some((source) => source.endsWith('functions/domain/zod-messages.ts'))).toBe(true);
      expect(sources.filter((source) => source.includes('node_modules/zod/v4/locales/'))).toEqual([expect.stringMatching(/node_modules\/zod\/v4\/locales\/en\.js$/)]);
    },
  );

  it.each(['BrokerApi', 'DashboardApi', 'Housekeeping'] as const)('%s carries the reminders it delivers, in every language', (id) => {
    const sources = sourcesOf(id);
    expect(sources.some((source) => source.endsWith('functions/notifications/reminders.ts'))).toBe(true);
    expect(sources.filter((source) => /functions\/messages\/texts-(de|en|fr|nl)\.ts$/.test(source))).toHaveLength(4);
  });

  it.each(['GenerateForm', 'SealEvidence', 'SignerApi', 'SigningServiceCallback'] as const)('%s carries pdf-lib without the standard fonts\u2019 metrics and the PNG decoder (scripts/lambda-absent/)', (id) => {
    const sources = sourcesOf(id);

    expect(sources.some((source) => source.includes('node_modules/pdf-lib/'))).toBe(true);
    expect(sources.filter((source) => /@pdf-lib\/(standard-fonts|upng)\//.test(source))).toEqual([]);
    expect(sources.filter((source) => source.includes('scripts/lambda-absent/')).sort()).toEqual([
      expect.stringMatching(/scripts\/lambda-absent\/standard-fonts\.mjs$/),
      expect.stringMatching(/scripts\/lambda-absent\/upng\.mjs$/),
    ]);
  });

  it.each(['GenerateForm', 'SealEvidence'] as const)('%s is built with the fontkit whose start-up work waits for first use (scripts/fontkit-for-lambda.ts)', (id) => {
    const sources = sourcesOf(id);
    expect(sources.some((source) => /portal-access-lambda\/fontkit-[0-9a-f]+\.mjs$/.test(source))).toBe(true);
    expect(sources.some((source) => source.includes('@pdf-lib/fontkit/'))).toBe(false);
  });
});

/** The fontkit the bundles are built with. */
async function lambdaFontkit(): Promise<typeof fontkit> {
  return ((await import(fontkitForLambda(PROJECT_ROOT))) as { default: typeof fontkit }).default;
}

/**
 * A fontkit ES build imported with `export { names }` appended, from a file beside the patched
 * one (where its `import pako` resolves); the file is removed once imported.
 */
async function importWithExports<Module>(source: string, names: string): Promise<Module> {
  const file = path.join(path.dirname(fontkitForLambda(PROJECT_ROOT)), `fontkit-internals-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `${source}\nexport { ${names} };\n`);
  try {
    return (await import(pathToFileURL(file).href)) as Module;
  } finally {
    rmSync(file, { force: true });
  }
}

/** A DejaVu font the form embeds (functions/form/form-fonts.ts). */
function dejaVu(file: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): Buffer {
  return readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'dejavu-fonts-ttf', 'ttf', file));
}

/**
 * The smallest WOFF2 font fontkit opens: its 48-byte header (ISO/IEC 14496-22 WOFF2), one table
 * (`head`) and four bytes where its Brotli stream would be. Reading a table decompresses them.
 */
function woff2Font(): Buffer {
  const header = Buffer.alloc(48);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4); // flavor: TrueType
  header.writeUInt32BE(48 + 2 + 4, 8); // length
  header.writeUInt16BE(1, 12); // numTables
  header.writeUInt32BE(12 + 16 + 54, 16); // totalSfntSize
  header.writeUInt32BE(4, 20); // totalCompressedSize
  header.writeUInt16BE(1, 24); // majorVersion
  const head = Buffer.from([1, 54]); // flags: known tag 1 (head); origLength 54 (UIntBase128)
  return Buffer.concat([header, head, Buffer.from([0x1b, 0x35, 0x00, 0x00])]);
}

describe("the Lambda bundles' fontkit (scripts/fontkit-for-lambda.ts)", () => {
  it("lays out, shapes and subsets text exactly as @pdf-lib/fontkit does: Latin, Arabic, scripts the font lacks (Devanagari, Bengali, Tibetan, Balinese), Thai, a ligature", async () => {
    const deferred = await lambdaFontkit();
    const fontBytes = dejaVu('DejaVuSans.ttf');
    const text = 'Müller Łukasz Şahin Ørsted Dvořák — مرحبا بالعالم नमस्ते दुनिया বোন བོད་ཡིག ᬩᬮᬶ ภาษาไทย ﬁ office';
    const rendered = async (kit: typeof fontkit) => {
      const font = kit.create(fontBytes);
      const run = font.layout(text);
      const subset = font.createSubset();
      for (const glyph of run.glyphs) subset.includeGlyph(glyph);
      return {
        glyphs: run.glyphs.map((glyph) => [glyph.id, ...glyph.codePoints]),
        positions: run.positions.map((position) => [position.xAdvance, position.yAdvance, position.xOffset, position.yOffset]),
        // As pdf-lib embeds a subset: the encoded font's bytes as they stream.
        subset: (await subsetBytes(subset)).toString('base64'),
      };
    };
    expect(await rendered(deferred)).toEqual(await rendered(fontkit));
  });

  it("builds the tables it defers (unicode properties, the Indic shaper's, the Universal Shaping Engine's) to what @pdf-lib/fontkit builds as it loads", async () => {
    // The product's fonts never reach the Indic or Universal shapers (DejaVu Sans has no such
    // script in its layout tables), so the layouts above cannot show those tables: each module is
    // imported with an export of its internals appended, and the tables are compared directly.
    const published = readFileSync(path.join(PROJECT_ROOT, 'node_modules', '@pdf-lib', 'fontkit', 'dist', 'fontkit.es.js'), 'utf8');
    const properties = 'getCategory, getCombiningClass, getScript, getEastAsianWidth, getNumericValue';
    type Properties = Record<'getCategory' | 'getCombiningClass' | 'getScript' | 'getEastAsianWidth' | 'getNumericValue', (codePoint: number) => unknown>;
    const original = await importWithExports<Properties & Record<'indicStateMachine' | 'indicDecompositions' | 'useStateMachine' | 'useCategories' | 'useDecompositions', unknown>>(
      published,
      `${properties}, stateMachine as indicStateMachine, decompositions as indicDecompositions, stateMachine$1 as useStateMachine, categories as useCategories, decompositions$1 as useDecompositions`,
    );
    const deferred = await importWithExports<Properties & Record<'indicShaping' | 'universalShaping', () => Record<string, unknown>>>(readFileSync(fontkitForLambda(PROJECT_ROOT), 'utf8'), `${properties}, indicShaping, universalShaping`);

    expect(deferred.indicShaping()).toEqual({ stateMachine: original.indicStateMachine, decompositions: original.indicDecompositions });
    expect(deferred.universalShaping()).toEqual({ stateMachine: original.useStateMachine, categories: original.useCategories, decompositions: original.useDecompositions });
    // Every code point's properties, through the lengths written in at build time and the table built on first use.
    const differing: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += codePoint < 0x30000 ? 1 : 0x101) {
      for (const property of ['getCategory', 'getCombiningClass', 'getScript', 'getEastAsianWidth', 'getNumericValue'] as const) {
        if (deferred[property](codePoint) !== original[property](codePoint)) differing.push(codePoint);
      }
    }
    expect(differing).toEqual([]);
  });

  it.each(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const)('reads the names and metrics of %s as @pdf-lib/fontkit does (without iconv-lite)', async (file) => {
    const names = (kit: typeof fontkit) => {
      const font = kit.create(dejaVu(file));
      return {
        postscriptName: font.postscriptName,
        familyName: font.familyName,
        subfamilyName: font.subfamilyName,
        fullName: font.fullName,
        version: font.version,
        copyright: font.copyright,
        unitsPerEm: font.unitsPerEm,
        ascent: font.ascent,
        descent: font.descent,
        bbox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY],
        characterSet: font.characterSet.length,
      };
    };
    const read = names(await lambdaFontkit());

    expect(read).toEqual(names(fontkit));
    expect(read.postscriptName).toBe(file === 'DejaVuSans.ttf' ? 'DejaVuSans' : 'DejaVuSans-Bold');
  });

  it('refuses a WOFF2 font with an error that says why (it carries no Brotli decoder)', async () => {
    // fontkit decompresses a WOFF2 font's tables on first read (`_decompress`); its table getters
    // swallow what that throws, so the decompression is called itself.
    type Woff2 = { _decompress(): void };
    const font = (await lambdaFontkit()).create(woff2Font()) as unknown as Woff2;

    expect(() => font._decompress()).toThrow(WOFF2_UNSUPPORTED);
    // @pdf-lib/fontkit itself gets as far as decoding the (invalid) stream.
    const unpatched = fontkit.create(woff2Font()) as unknown as Woff2;
    expect(() => unpatched._decompress()).not.toThrow(WOFF2_UNSUPPORTED);
  });
});

/** One of the modules scripts/lambda-build.ts puts in a package's place in the bundles. */
async function absentModule<T>(file: 'standard-fonts.mjs' | 'upng.mjs'): Promise<T> {
  return (await import(pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'lambda-absent', file)).href)) as T;
}

describe("what the Lambda bundles carry in the place of pdf-lib's standard fonts and PNG decoder (scripts/lambda-absent/)", () => {
  interface StandardFontsStub {
    STANDARD_FONTS_ABSENT: string;
    FontNames: Record<string, string>;
    Font: { load(name: string): unknown };
    Encodings: Record<'Symbol' | 'ZapfDingbats' | 'WinAnsi', unknown>;
  }

  it('names the 14 standard fonts as @pdf-lib/standard-fonts does, in its order (pdf-lib lists them at import)', async () => {
    const stub = await absentModule<StandardFontsStub>('standard-fonts.mjs');

    expect(Object.entries(stub.FontNames)).toEqual(Object.entries(FontNames));
  });

  it("refuses a standard font's metrics and encodings with an error that says why", async () => {
    const stub = await absentModule<StandardFontsStub>('standard-fonts.mjs');

    expect(() => stub.Font.load('Helvetica')).toThrow(stub.STANDARD_FONTS_ABSENT);
    expect(() => stub.Encodings.WinAnsi).toThrow(stub.STANDARD_FONTS_ABSENT);
    expect(() => stub.Encodings.Symbol).toThrow(stub.STANDARD_FONTS_ABSENT);
  });

  it('refuses to decode a PNG with an error that says why', async () => {
    const stub = await absentModule<{ PNG_ABSENT: string; default: { decode(bytes: Uint8Array): unknown } }>('upng.mjs');

    expect(() => stub.default.decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(stub.PNG_ABSENT);
  });
});

describe('the form renderer as the Lambda bundles build it (scripts/lambda-build.ts)', () => {
  const forms: Record<string, () => RenderAccessFormInput> = {
    'five grantees, twenty contracts (de)': largeForm,
    'a company whose representative signs (nl)': companyForm,
    'names in many scripts, some the font must shape (fr)': namesForm,
  };
  let bundled: typeof renderAccessForm;

  beforeAll(async () => {
    // The functions' bundling as infra/constructs/product-function.ts sets it; here its aliases are the point.
    const file = path.join(outdir, 'render-form-bundle', 'render-form.mjs');
    await build({
      ...lambdaBuildOptions(PROJECT_ROOT),
      // Imported into this process: without the functions' stack hook, which would replace the test runner's.
      inject: [],
      entryPoints: { 'render-form': path.join(PROJECT_ROOT, 'functions', 'form', 'render-form.ts') },
      outdir: path.dirname(file),
      logLevel: 'silent',
    });
    // The fonts beside the bundle, as the bundling copies them (functions/form/form-fonts.ts).
    for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const) copyFileSync(path.join(PROJECT_ROOT, 'node_modules', 'dejavu-fonts-ttf', 'ttf', font), path.join(path.dirname(file), font));
    bundled = ((await import(pathToFileURL(file).href)) as { renderAccessForm: typeof renderAccessForm }).renderAccessForm;
  });

  it.each(Object.keys(forms))('renders %s to the bytes the functions render (issue 11: same bytes out)', async (name) => {
    const form = forms[name]?.();
    if (!form) throw new Error(`no form ${name}`);
    const fromBundle = await bundled(form);

    expect(Buffer.from(fromBundle.pdf).equals(Buffer.from((await renderAccessForm(form)).pdf))).toBe(true);
    expect(fromBundle.pageCount).toBeGreaterThan(0);
  });
});
