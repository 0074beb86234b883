/**
 * How esbuild builds every Lambda function's code, in one place: infra/constructs/product-function.ts
 * gives these settings to each `NodejsFunction`'s bundling, and the tests that build a function's
 * code themselves (test/infra/lambda-bundles.test.ts, test/infra/deferred-modules.test.ts) start
 * from {@link lambdaBuildOptions}, so what they check is what Lambda runs.
 *
 * The aliases are the packages the bundles carry in another form than node_modules holds them
 * (issue 11, "function bundle" and "cold start"): a package name and the file bundled in its place.
 * - `@pdf-lib/fontkit`: its own ES build, start-up work deferred and the decoders a TrueType font
 *   never calls removed (scripts/fontkit-for-lambda.ts);
 * - `@pdf-lib/standard-fonts` and `@pdf-lib/upng`: left out, no function reaching them
 *   (scripts/lambda-absent/).
 */
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { fontkitForLambda } from './fontkit-for-lambda.js';

/**
 * esbuild puts CommonJS dependencies behind a `require` shim that an ES module lacks;
 * this banner gives the bundle a real one.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);";

/** The Lambda runtime's Node.js, as esbuild names its target. */
export const LAMBDA_TARGET = 'node24';

/** ES modules first where a package ships both. */
export const LAMBDA_MAIN_FIELDS = ['module', 'main'];

/** The AWS SDK v3 comes with the Lambda runtime. */
export const LAMBDA_EXTERNAL_MODULES = ['@aws-sdk/*'];

export function lambdaPackageAliases(projectRoot: string): Readonly<Record<string, string>> {
  return {
    '@pdf-lib/fontkit': fontkitForLambda(projectRoot),
    '@pdf-lib/standard-fonts': path.join(projectRoot, 'scripts', 'lambda-absent', 'standard-fonts.mjs'),
    '@pdf-lib/upng': path.join(projectRoot, 'scripts', 'lambda-absent', 'upng.mjs'),
  };
}

/** esbuild's options for a function's code as the bundling sets them (add the entry and the output). */
export function lambdaBuildOptions(projectRoot: string): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_TARGET,
    mainFields: LAMBDA_MAIN_FIELDS,
    minify: true,
    charset: 'utf8',
    external: LAMBDA_EXTERNAL_MODULES,
    banner: { js: ESM_REQUIRE_BANNER },
    alias: { ...lambdaPackageAliases(projectRoot) },
  };
}
