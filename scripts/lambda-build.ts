/**
 * How esbuild builds every Lambda function's code, in one place: infra/constructs/product-function.ts
 * runs {@link buildLambdaCode} as each function's asset bundling, and the tests that build a
 * function's code themselves (test/infra/lambda-bundles.test.ts, test/infra/deferred-modules.test.ts)
 * start from {@link lambdaBuildOptions}, so what they check is what Lambda runs.
 *
 * The code is split into chunks (issue 11, "function bundle" and "cold start"): `index.mjs` holds
 * the handler and what it imports statically; a module behind a dynamic `import()` (the signature's
 * verification with pdf-lib and pkijs, the dashboard's pages, the broker API's routes) lands in a chunk of its own, which
 * Node reads, parses and evaluates only when that `import()` runs. A single file would still be
 * read and parsed whole at start-up. `NodejsFunction` cannot split (it gives esbuild one
 * `--outfile`), hence this build.
 *
 * The aliases are the packages the bundles carry in another form than node_modules holds them
 * (issue 11, "function bundle" and "cold start"): a package name and the file bundled in its place.
 * - `@pdf-lib/fontkit`: its own ES build, start-up work deferred and the decoders a TrueType font
 *   never calls removed (scripts/fontkit-for-lambda.ts);
 * - `@pdf-lib/standard-fonts` and `@pdf-lib/upng`: left out, no function reaching them
 *   (scripts/lambda-absent/).
 */
import { execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { fontkitForLambda } from './fontkit-for-lambda.js';

/**
 * esbuild puts CommonJS dependencies behind a `require` shim that an ES module lacks;
 * this banner gives the bundle a real one.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);";

/**
 * The module every function runs first: it maps a stack to the TypeScript sources when the stack
 * is printed, in place of Node's `--enable-source-maps`, which reads every chunk's map as it loads.
 */
const SOURCE_MAPPED_STACKS = 'functions/observability/source-mapped-stacks.ts';

/** The Lambda runtime's Node.js, as esbuild names its target. */
const LAMBDA_TARGET = 'node24';

/** ES modules first where a package ships both. */
const LAMBDA_MAIN_FIELDS = ['module', 'main'];

/** The AWS SDK v3 comes with the Lambda runtime. */
const LAMBDA_EXTERNAL_MODULES = ['@aws-sdk/*'];

/** The aliases above: each package name and the file bundled in its place. */
function lambdaPackageAliases(projectRoot: string): Readonly<Record<string, string>> {
  return {
    '@pdf-lib/fontkit': fontkitForLambda(projectRoot),
    '@pdf-lib/standard-fonts': path.join(projectRoot, 'scripts', 'lambda-absent', 'standard-fonts.mjs'),
    '@pdf-lib/upng': path.join(projectRoot, 'scripts', 'lambda-absent', 'upng.mjs'),
  };
}

/** The handler's module in a function's code folder. */
export const LAMBDA_ENTRY_FILE = 'index.mjs';

/** Lambda's name of the handler: the `handler` export of {@link LAMBDA_ENTRY_FILE}. */
export const LAMBDA_HANDLER = 'index.handler';

/**
 * esbuild's options for a function's code as the bundling sets them (add the entry, as
 * `entryPoints: { index: file }`, and `outdir`): one ES module per chunk, all at the folder's root.
 */
export function lambdaBuildOptions(projectRoot: string): BuildOptions {
  return {
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_TARGET,
    mainFields: LAMBDA_MAIN_FIELDS,
    minify: true,
    // esbuild escapes every non-ASCII character by default (`\u00e9`, up to six bytes for two); the
    // texts in four languages and fontkit's tables keep theirs: GenerateForm's code is 212 KiB
    // smaller (issue 11, "function bundle"); Node reads the files as UTF-8 either way.
    charset: 'utf8',
    external: LAMBDA_EXTERNAL_MODULES,
    // In every chunk: each is a module of its own, and any of them may hold a CommonJS package.
    banner: { js: ESM_REQUIRE_BANNER },
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    // Before any other module: stacks mapped to the sources when printed, not every map read at start-up.
    inject: [path.join(projectRoot, SOURCE_MAPPED_STACKS)],
    // fontkit trimmed and deferred, pdf-lib without the standard fonts and the PNG decoder:
    // GenerateForm's code 1358 → 855 KiB, SealEvidence's 1769 → 1265.
    alias: { ...lambdaPackageAliases(projectRoot) },
  };
}

/** A file put into a function's code folder beside its modules (see {@link buildLambdaCode}). */
export interface LambdaCodeFile {
  /** Relative to the project root. */
  readonly from: string;
  /** Relative to the code folder (`/var/task` on AWS). */
  readonly to: string;
  /**
   * `copy` (a font the code reads at run time) or `browserScript`: built by esbuild from a
   * TypeScript entry into one minified script for a browser, which the function serves (the
   * dashboard's script), as the local stack builds it.
   * @default 'copy'
   */
  readonly kind?: 'copy' | 'browserScript';
}

/**
 * A chunk's source map with each source named from the project's root
 * (`functions/steps/step-handler.ts`), not from the folder the build writes to (`../../functions/…`),
 * so that a stack mapped on Lambda names the file as the repository does, wherever the code was built.
 */
function mapFromProjectRoot(projectRoot: string, outputDir: string, text: string): string {
  const map = JSON.parse(text) as { sources: string[] };
  map.sources = map.sources.map((source) => path.relative(projectRoot, path.resolve(outputDir, source)).split(path.sep).join('/'));
  return JSON.stringify(map);
}

/**
 * Builds one function's code into `outputDir`: `index.mjs`, its chunks, a source map for each
 * (without the sources' text) and `files`. Synchronous, as the CDK's local bundling runs.
 * @throws Error with esbuild's messages when the build fails
 */
export function buildLambdaCode(projectRoot: string, entry: string, outputDir: string, files: readonly LambdaCodeFile[] = []): void {
  const { outputFiles } = buildSync({
    ...lambdaBuildOptions(projectRoot),
    entryPoints: { index: path.join(projectRoot, entry) },
    absWorkingDir: projectRoot,
    outdir: outputDir,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    // Written below, each file once, the maps with their sources renamed.
    write: false,
  });
  mkdirSync(outputDir, { recursive: true });
  for (const output of outputFiles) {
    writeFileSync(output.path, output.path.endsWith('.map') ? mapFromProjectRoot(projectRoot, outputDir, output.text) : output.contents);
  }
  for (const file of files) {
    const target = path.join(outputDir, file.to);
    if (file.kind === 'browserScript') {
      // In a process of its own: its build takes an esbuild plugin, which only the asynchronous
      // build runs, and the CDK's local bundling is synchronous.
      execSync(`"${path.join(projectRoot, 'node_modules', '.bin', 'tsx')}" "${path.join(projectRoot, 'scripts', 'build-browser-script.ts')}" "${path.join(projectRoot, file.from)}" "${target}"`, { stdio: 'inherit' });
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(projectRoot, file.from), target);
    }
  }
}
