/**
 * Builds one of the dashboard's browser scripts (catalog/function-catalog.ts, DASHBOARD_SCRIPTS)
 * with esbuild: one minified IIFE for the browsers of the last few years. Used by the function's
 * bundling on AWS (scripts/lambda-build.ts runs this file) and by the local stack
 * (local/dashboard-assets.ts), so both serve the same bytes.
 *
 * zod's classic and core entries re-export every locale as a namespace (`z.locales`), which no bundler can
 * leave out; the scripts speak through the dashboard's own texts and use only zod's English
 * defaults, so the locales are cut to `en` (half of the script's size).
 *
 *   tsx scripts/build-browser-script.ts <entry.ts> <outfile.js>
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** Only zod's English locale: `z.locales` keeps `en`, nothing else. */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: path.join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-en' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Builds `entry` into `outfile`. */
export async function buildBrowserScript(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    logLevel: 'warning',
    plugins: [zodEnglishOnly],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) {
    console.error('usage: tsx scripts/build-browser-script.ts <entry.ts> <outfile.js>');
    process.exit(2);
  }
  await buildBrowserScript(entry, outfile);
}
