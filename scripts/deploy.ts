/**
 * `npm run deploy -- <stage> [--dry-run] [cdk deploy options…]`
 *
 * Deploys one stage: reads and checks `config/stages/<stage>.json` first (every setting,
 * placeholders refused: infra/portal-access-settings.ts), refuses a test-only stage or any
 * `.test` value (infra/deployable-stage.ts), then runs `cdk deploy PortalAccess-<stage>
 * -c stage=<stage>` with the options given (e.g. `--require-approval never`). The region is the
 * stage's, whatever the profile says. Settings come from the stage file only: `-c`/`--context`
 * is refused, so what was checked is what is deployed. `--dry-run` prints the command instead.
 *
 * Exit 0 when deployed, 1 for a refused stage or a failed deploy, 2 for a wrong call.
 * docs/deploy.md walks through a first deployment.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertDeployable, StageNotDeployableError } from '../infra/deployable-stage.js';
import { InvalidSettingsError, stageFileName, stageSettings } from '../infra/portal-access-settings.js';
import { portalAccessStackId } from '../infra/stage-names.js';

const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

const USAGE = 'usage: npm run deploy -- <stage> [--dry-run] [cdk deploy options…]   (settings: config/stages/<stage>.json)';

export interface CommandOutput {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

export interface DeployOptions {
  /** Where `config/stages/` is looked up. @default the project root */
  readonly projectRoot?: string;
}

/** Checks the stage and runs (or, with `--dry-run`, prints) `cdk deploy`; answers the exit code. */
export function runDeploy(args: readonly string[], out: CommandOutput, options: DeployOptions = {}): number {
  const [stage, ...rest] = args;
  if (!stage || stage.startsWith('-')) {
    out.stderr(USAGE);
    return 2;
  }
  if (rest.some((arg) => arg === '-c' || arg.startsWith('--context'))) {
    out.stderr(`a deployment takes its settings from ${stageFileName(stage)} only: write them there instead of -c/--context\n${USAGE}`);
    return 2;
  }
  const dryRun = rest.includes('--dry-run');
  const cdkOptions = rest.filter((arg) => arg !== '--dry-run');

  let region: string;
  try {
    const settings = stageSettings({ stage, ...(options.projectRoot ? { projectRoot: options.projectRoot } : {}) });
    assertDeployable(settings);
    region = settings.region;
  } catch (error) {
    if (error instanceof InvalidSettingsError || error instanceof StageNotDeployableError) {
      out.stderr(error.message);
      return 1;
    }
    throw error;
  }

  const stackId = portalAccessStackId(stage);
  const profileRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  out.stderr(`deploying ${stackId} to ${region} (${stageFileName(stage)})`);
  if (profileRegion && profileRegion !== region) {
    out.stderr(`note: the stage's region ${region} wins over the environment's ${profileRegion}`);
  }
  const cdkArgs = ['deploy', stackId, '-c', `stage=${stage}`, ...cdkOptions];
  if (dryRun) {
    out.stdout(['cdk', ...cdkArgs].join(' '));
    return 0;
  }
  const cdk = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk');
  const run = spawnSync(cdk, cdkArgs, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (run.error) {
    out.stderr(`could not run ${cdk}: ${run.error.message}`);
    return 1;
  }
  return run.status === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = runDeploy(process.argv.slice(2), {
    stdout: (line) => console.log(line),
    stderr: (line) => console.error(line),
  });
}
