/**
 * cfn-lint (AWS's CloudFormation linter, a tool not written here) over the test stage's
 * synthesized template, bundling skipped: no error, and no warning beyond those `.cfnlintrc`
 * ignores with a reason. CI installs cfn-lint (`.ci/run`); a machine without it fails here.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

interface CfnLintFinding {
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

describe('cfn-lint', () => {
  let synthesized: SynthesizedPortalAccess;
  beforeAll(() => {
    synthesized = synthesizePortalAccess();
  });
  afterAll(() => synthesized?.cleanUp());

  it('finds no error and no unlisted warning in the test stage\'s template, for the stage\'s region', async () => {
    const templateFile = synthesized.assembly.getStackByName(synthesized.stack.stackName).templateFullPath;
    const args = ['--format', 'json', '--config-file', path.join(PROJECT_ROOT, '.cfnlintrc'), '--regions', synthesized.stack.settings.region, '--', templateFile];
    // cfn-lint exits non-zero for any finding (2 error, 4 warning, 8 informational): read its report instead.
    const output = await promisify(execFile)('cfn-lint', args, { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 }).then(
      (run) => run.stdout,
      (error: { code?: number | string; stdout?: string; stderr?: string }) => {
        if (typeof error.code === 'number' && error.stdout) return error.stdout;
        throw new Error(`cfn-lint did not run (${String(error.code)}): ${error.stderr ?? ''} — install it with "pip install cfn-lint"`);
      },
    );
    const findings = JSON.parse(output) as CfnLintFinding[];
    const described = findings.map((finding) => `${finding.Level} ${finding.Rule.Id} at ${finding.Location.Path.join('/')}: ${finding.Message}`);
    expect(described.filter((line) => !line.startsWith('Informational'))).toEqual([]);
  });
});
