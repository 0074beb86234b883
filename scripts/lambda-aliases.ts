/**
 * The packages the Lambda bundles carry in another form than node_modules holds them (issue 11,
 * "function bundle" and "cold start"), as esbuild aliases: a package name and the file bundled
 * in its place. infra/constructs/product-function.ts gives them to every function's bundling;
 * test/infra/lambda-bundles.test.ts builds the form renderer with them and holds its PDFs to the
 * bytes the unbundled renderer writes.
 *
 * - `@pdf-lib/fontkit`: its own ES build, start-up work deferred and the decoders a TrueType font
 *   never calls removed (scripts/fontkit-for-lambda.ts);
 * - `@pdf-lib/standard-fonts` and `@pdf-lib/upng`: left out, no function reaching them
 *   (scripts/lambda-absent/).
 */
import path from 'node:path';
import { fontkitForLambda } from './fontkit-for-lambda.js';

export function lambdaPackageAliases(projectRoot: string): Readonly<Record<string, string>> {
  return {
    '@pdf-lib/fontkit': fontkitForLambda(projectRoot),
    '@pdf-lib/standard-fonts': path.join(projectRoot, 'scripts', 'lambda-absent', 'standard-fonts.mjs'),
    '@pdf-lib/upng': path.join(projectRoot, 'scripts', 'lambda-absent', 'upng.mjs'),
  };
}
