/**
 * `npm run deploy -- <stage>`: refuses test-only stages, `.test` values, placeholders and
 * settings passed by `-c` before anything reaches AWS, and otherwise runs `cdk deploy` for the
 * stage's stack with `-c stage=<stage>` (shown here with `--dry-run`, which prints the command).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from '../../scripts/deploy.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'portal-access-deploy-'));
  mkdirSync(path.join(root, 'config', 'stages'), { recursive: true });
  const acme = {
    stage: 'acme',
    region: 'eu-central-1',
    mailFrom: 'no-reply@mail.verzekeringen-acme.be',
    brokerDisplayName: 'Verzekeringen Acme',
    alarmEmail: 'it@verzekeringen-acme.be',
    identity: { brokers: { kind: 'cognito', callbackUrls: ['https://dashboard.verzekeringen-acme.be/signed-in'] } },
  };
  writeFileSync(path.join(root, 'config', 'stages', 'acme.json'), JSON.stringify(acme));
  writeFileSync(path.join(root, 'config', 'stages', 'sloppy.json'), JSON.stringify({ ...acme, stage: 'sloppy', mailFrom: 'no-reply@portal-access.example.be' }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** runDeploy with the stage files of `projectRoot`: its exit code and what it printed. */
function deployIn(projectRoot: string, ...args: string[]): { code: number; stdout: string[]; stderr: string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runDeploy(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) }, { projectRoot });
  return { code, stdout, stderr: stderr.join('\n') };
}

const deploy = (...args: string[]) => deployIn(root, ...args);

describe('npm run deploy -- <stage>', () => {
  it('runs cdk deploy for the stage\'s stack with -c stage=<stage> and the options given, in the stage\'s region', () => {
    const result = deploy('acme', '--dry-run', '--require-approval', 'never');
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual(['cdk deploy PortalAccess-acme -c stage=acme --require-approval never']);
    expect(result.stderr).toContain('deploying PortalAccess-acme to eu-central-1');
  });

  it('refuses the test stage: its file says it is test-only', () => {
    const result = deployIn(PROJECT_ROOT, 'test', '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config\/stages\/test\.json says "testOnly": true/);
    expect(result.stdout).toEqual([]);
  });

  it('refuses a stage with a placeholder, naming the setting', () => {
    const result = deploy('sloppy', '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/mailFrom: "no-reply@portal-access\.example\.be" is a placeholder/);
    expect(result.stdout).toEqual([]);
  });

  it('refuses settings given by -c or --context: what is checked is what is deployed', () => {
    for (const args of [['-c', 'alarmEmail=x@y.test'], ['--context', 'alarmEmail=x@y.test'], ['--context=alarmEmail=x@y.test']]) {
      const result = deploy('acme', '--dry-run', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/config\/stages\/acme\.json only/);
    }
  });

  it('asks for a stage', () => {
    expect(deploy().code).toBe(2);
    expect(deploy('--dry-run').stderr).toMatch(/usage: npm run deploy -- <stage>/);
  });

  it('exits non-zero from the command line for the test stage, before cdk runs', async () => {
    const run = await promisify(execFile)('npx', ['tsx', 'scripts/deploy.ts', 'test'], { cwd: PROJECT_ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stage test is not deployed/);
    expect(run.stderr).not.toMatch(/deploying PortalAccess-test/);
  });
});
