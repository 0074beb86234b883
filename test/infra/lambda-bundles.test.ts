/**
 * The functions as Lambda runs them: the CDK app synthesized WITH esbuild bundling; each bundle
 * must load in a fresh Node process from its own folder, beside nothing but the AWS SDK v3
 * (which the Lambda runtime provides). Catches what the local stack
 * cannot: a package left out of a bundle, a CommonJS package that breaks in ESM, a missing font.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalAccessApp } from '../../infra/portal-access-app.js';
import { FUNCTIONS } from '../../catalog/function-catalog.js';
import type { FunctionId } from '../../catalog/function-catalog.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
let outdir: string;
let bundleDirs: Record<string, string>;

/** `node_modules/...` paths of every @aws-sdk package and everything they depend on, from the lock file. */
function awsSdkClosure(): string[] {
  const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
  };
  const seen = new Set<string>();
  const queue = Object.keys(lock.packages).filter((key) => /^node_modules\/@aws-sdk\/[^/]+$/.test(key));
  const resolve = (from: string, name: string): string | undefined => {
    // Node's lookup: nested node_modules first, then each parent's, then the top.
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  while (queue.length) {
    const key = queue.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key];
    for (const name of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) {
      const found = resolve(key, name);
      if (found) queue.push(found);
    }
  }
  // A nested package is reached through its parent's own link.
  return [...seen].filter((key) => ![...seen].some((other) => other !== key && key.startsWith(`${other}/`)));
}

const sdkClosure = awsSdkClosure();

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'portal-access-bundles-'));
  const { app, stack } = buildPortalAccessApp({ outdir, builtinCloudFormationValidation: false });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string>; Properties?: { Code?: { S3Key?: string } } }>;
  };
  bundleDirs = {};
  for (const resource of Object.values(template.Resources)) {
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    // The code's S3 key is the asset's hash; the cloud assembly keeps the bundle in asset.<hash>.
    const assetHash = resource.Properties?.Code?.S3Key?.replace(/\.zip$/, '');
    if (resource.Type !== 'AWS::Lambda::Function' || !cdkPath || !assetHash) continue;
    const id = cdkPath.split('/').find((segment) => Object.hasOwn(FUNCTIONS, segment));
    if (id) bundleDirs[id] = path.join(outdir, `asset.${assetHash}`);
  }
}, 240_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('Lambda bundles', () => {
  it('bundles every function of the catalog', () => {
    expect(Object.keys(bundleDirs).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it.each(Object.keys(FUNCTIONS) as FunctionId[])('%s loads as Lambda loads it and exports its handler', (id) => {
    // A copy away from the project, whose node_modules holds only what the Lambda runtime
    // provides: the AWS SDK v3 and what it depends on.
    const isolated = mkdtempSync(path.join(tmpdir(), `bundle-${id}-`));
    try {
      cpSync(bundleDirs[id] ?? '', isolated, { recursive: true });
      for (const packagePath of sdkClosure) {
        const target = path.join(isolated, packagePath);
        mkdirSync(path.dirname(target), { recursive: true });
        symlinkSync(path.join(PROJECT_ROOT, packagePath), target, 'dir');
      }
      const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(path.join(isolated, 'index.mjs'))}); console.log(typeof m.handler);`], {
        cwd: isolated,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' },
      });
      expect(loaded.stderr).toBe('');
      expect(loaded.stdout.trim()).toBe('function');
    } finally {
      rmSync(isolated, { recursive: true, force: true });
    }
  });

  it('GenerateForm carries the fonts the form embeds', () => {
    const dir = bundleDirs.GenerateForm ?? '';
    expect(existsSync(path.join(dir, 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(existsSync(path.join(dir, 'fonts', 'DejaVuSans-Bold.ttf'))).toBe(true);
  });

  it("DashboardApi carries its browser script, built for a browser (one IIFE, no import or require left)", () => {
    const script = path.join(bundleDirs.DashboardApi ?? '', 'dashboard', 'dashboard-client.js');
    expect(existsSync(script)).toBe(true);
    const text = readFileSync(script, 'utf8');
    expect(text).not.toMatch(/\bimport\s*[{*]|\brequire\(/);
  });
});
