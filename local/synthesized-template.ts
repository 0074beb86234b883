/**
 * The CloudFormation template of the CDK app's `test` stage (config/stages/test.json),
 * synthesized in-process with bundling skipped (the local stack runs the functions' sources,
 * not bundles). Synthesis takes seconds, so the template is cached on disk under a hash of
 * everything it is made from: the sources of catalog/, infra/ and workflows/, the stage files
 * and the installed aws-cdk-lib version. Any change there synthesizes anew.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildPortalAccessApp, SKIP_BUNDLING_CONTEXT } from '../infra/portal-access-app.js';
import { DEFAULT_STAGE, STAGES_DIR } from '../infra/portal-access-settings.js';

/** The stage the local stack runs: a test-only one. */
export const LOCAL_STAGE = DEFAULT_STAGE;

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE_DIRS = [
  { dir: 'catalog', suffix: '.ts' },
  { dir: 'infra', suffix: '.ts' },
  { dir: 'workflows', suffix: '.ts' },
  { dir: STAGES_DIR, suffix: '.json' },
  // The event bus's webhook rule takes its pattern from the events' schemas (functions/events/event-schemas.ts).
  { dir: 'functions/events', suffix: '.ts' },
  // The mail feedback rule takes SES's source and detail-types from functions/mail-feedback/ses-feedback-event.ts.
  { dir: 'functions/mail-feedback', suffix: '.ts' },
];
const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'portal-access');

export async function synthesizedTemplate(): Promise<Record<string, unknown>> {
  const key = await sourcesHash();
  const cached = path.join(CACHE_DIR, `template-${key}.json`);
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as Record<string, unknown>;
  } catch {
    // not cached yet
  }
  const { stack } = buildPortalAccessApp({ context: { ...SKIP_BUNDLING_CONTEXT, stage: LOCAL_STAGE }, builtinCloudFormationValidation: false });
  const template = Template.fromStack(stack).toJSON() as Record<string, unknown>;
  await mkdir(CACHE_DIR, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(template));
  await rename(partial, cached);
  return template;
}

async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const cdkPackage = await readFile(path.join(PROJECT_ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8');
  hash.update(String((JSON.parse(cdkPackage) as { version?: string }).version));
  for (const { dir, suffix } of SOURCE_DIRS) {
    const files = (await readdir(path.join(PROJECT_ROOT, dir), { recursive: true }))
      .filter((file) => file.endsWith(suffix))
      .sort();
    for (const file of files) {
      hash.update(`${dir}/${file}\n`);
      hash.update(await readFile(path.join(PROJECT_ROOT, dir, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}
