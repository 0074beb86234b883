/**
 * The dashboard's browser scripts, built here as the function's bundling builds them on AWS
 * (infra/constructs/product-function.ts, `browserScript`): the same entries and esbuild options,
 * into a folder the dashboard reads (DASHBOARD_ASSET_DIR).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { DASHBOARD_SCRIPTS } from '../catalog/function-catalog.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** Builds every dashboard script into `dir`; answers `dir`. */
export async function buildDashboardAssets(dir: string): Promise<string> {
  for (const script of DASHBOARD_SCRIPTS) {
    await build({
      entryPoints: [path.join(PROJECT_ROOT, script.entry)],
      outfile: path.join(dir, script.file),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      logLevel: 'warning',
    });
  }
  return dir;
}
