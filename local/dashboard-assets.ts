/**
 * The dashboard's browser scripts, built here as the function's bundling builds them on AWS
 * (scripts/build-browser-script.ts, run by scripts/lambda-build.ts for a
 * `browserScript`), into a folder the dashboard reads (DASHBOARD_ASSET_DIR).
 */
import path from 'node:path';
import { DASHBOARD_SCRIPTS } from '../catalog/function-catalog.js';
import { buildBrowserScript } from '../scripts/build-browser-script.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** Builds every dashboard script into `dir`; answers `dir`. */
export async function buildDashboardAssets(dir: string): Promise<string> {
  for (const script of DASHBOARD_SCRIPTS) await buildBrowserScript(path.join(PROJECT_ROOT, script.entry), path.join(dir, script.file));
  return dir;
}
