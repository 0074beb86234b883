/**
 * The functions' bundles as the CDK app builds them for Lambda (esbuild split into chunks,
 * scripts/lambda-build.ts through infra/constructs/product-function.ts), found in the synthesized cloud assembly, and a way to
 * load one as Lambda loads it: from a folder of its own beside nothing but the AWS SDK v3, which
 * the Lambda runtime provides. Shared by the bundle test (test/infra/lambda-bundles.test.ts) and
 * the bundle benchmark (bench/bundles.ts), so both measure the very bytes that would be deployed.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FUNCTIONS, type FunctionId } from '../catalog/function-catalog.js';
import { buildPortalAccessApp } from '../infra/portal-access-app.js';
import { LAMBDA_ENTRY_FILE } from './lambda-build.js';

/** The project root: package.json, package-lock.json and node_modules. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** Each function's bundle folder (`asset.<hash>` in the cloud assembly), by catalog id. */
export type BundleDirs = Readonly<Partial<Record<FunctionId, string>>>;

/**
 * Synthesizes the app into `outdir` WITH esbuild bundling and answers each function's bundle
 * folder. Takes a few seconds: every function is built (scripts/lambda-build.ts).
 */
export function synthesizeBundles(outdir: string): BundleDirs {
  const { app, stack } = buildPortalAccessApp({ outdir, builtinCloudFormationValidation: false });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string>; Properties?: { Code?: { S3Key?: string } } }>;
  };
  const dirs: Partial<Record<FunctionId, string>> = {};
  for (const resource of Object.values(template.Resources)) {
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    // The code's S3 key is the asset's hash; the cloud assembly keeps the bundle in asset.<hash>.
    const assetHash = resource.Properties?.Code?.S3Key?.replace(/\.zip$/, '');
    if (resource.Type !== 'AWS::Lambda::Function' || !cdkPath || !assetHash) continue;
    const id = cdkPath.split('/').find((segment): segment is FunctionId => Object.hasOwn(FUNCTIONS, segment));
    if (id) dirs[id] = path.join(outdir, `asset.${assetHash}`);
  }
  return dirs;
}

/** What a bundle folder weighs: its code (`*.mjs`), its source maps, the files copied beside it (fonts, roots, scripts), all of it. */
export interface BundleSize {
  /** The JavaScript Lambda reads, parses and evaluates at start-up: `index.mjs` and the chunks it imports statically ({@link startupCodeFiles}). */
  readonly startupCodeBytes: number;
  /** All the function's JavaScript: every `.mjs`/`.js` at the bundle's root (the handler, its chunks, those loaded on first use). */
  readonly codeBytes: number;
  /** `.map` files (read only when an error's stack is printed: `functions/observability/source-mapped-stacks.ts`). */
  readonly sourceMapBytes: number;
  /** Everything else: fonts, trust roots, the dashboard's browser script. */
  readonly filesBytes: number;
  /** The whole asset, as uploaded (unzipped). */
  readonly totalBytes: number;
}

/** Sizes the bundle folder `dir` (see {@link BundleSize}). */
export function bundleSize(dir: string): BundleSize {
  let codeBytes = 0;
  let sourceMapBytes = 0;
  let filesBytes = 0;
  const walk = (folder: string, atRoot: boolean): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(file, false);
        continue;
      }
      const size = statSync(file).size;
      if (entry.name.endsWith('.map')) sourceMapBytes += size;
      else if (atRoot && /\.(mjs|js)$/.test(entry.name)) codeBytes += size;
      else filesBytes += size;
    }
  };
  walk(dir, true);
  const startupCodeBytes = startupCodeFiles(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
  return { startupCodeBytes, codeBytes, sourceMapBytes, filesBytes, totalBytes: codeBytes + sourceMapBytes + filesBytes };
}

/** The modules at the bundle's root (`index.mjs` and every chunk), by file name. */
export function codeFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.mjs')).sort();
}

/**
 * The modules Node loads with the handler: `index.mjs` and, transitively, the chunks it imports
 * statically (`import{…}from"./chunk-….mjs"` or a bare `import"./….mjs"` in esbuild's output), not
 * those behind an `import("./….mjs")`, which load on first use. File names, entry first.
 */
export function startupCodeFiles(dir: string): string[] {
  const seen = new Set<string>();
  const queue = [LAMBDA_ENTRY_FILE];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(path.join(dir, file), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.mjs)"/g)) queue.push(match[1] as string);
  }
  return [...seen];
}

/** The modules Node loads only when an `import()` runs: every module but {@link startupCodeFiles}. File names. */
export function deferredCodeFiles(dir: string): string[] {
  const atStart = new Set(startupCodeFiles(dir));
  return codeFiles(dir).filter((file) => !atStart.has(file));
}

/** The source files the bundle was built from, as its source maps list them (every chunk's, each path from the project's root). */
export function bundleSources(dir: string): string[] {
  const sources = new Set<string>();
  for (const file of codeFiles(dir)) {
    const map = path.join(dir, `${file}.map`);
    if (!existsSync(map)) continue;
    for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) sources.add(source);
  }
  return [...sources];
}

/** `node_modules/...` paths of every @aws-sdk package and everything they depend on, from the lock file. */
export function awsSdkClosure(projectRoot: string = PROJECT_ROOT): string[] {
  const lock = JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as {
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

/**
 * A copy of the bundle folder `bundleDir` away from the project, whose `node_modules` holds only
 * what the Lambda runtime provides (links to the project's AWS SDK v3 packages and their
 * dependencies). Answers the copy's folder; its `index.mjs` is the handler module. The caller removes it.
 */
export function isolatedBundle(bundleDir: string, label: string, sdkClosure: readonly string[] = awsSdkClosure()): string {
  const isolated = mkdtempSync(path.join(tmpdir(), `bundle-${label}-`));
  cpSync(bundleDir, isolated, { recursive: true });
  linkAwsSdk(isolated, sdkClosure);
  return isolated;
}

/** Links the AWS SDK v3 closure into `dir/node_modules`, as the Lambda runtime provides it. */
export function linkAwsSdk(dir: string, sdkClosure: readonly string[] = awsSdkClosure()): void {
  for (const packagePath of sdkClosure) {
    const target = path.join(dir, packagePath);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(PROJECT_ROOT, packagePath), target, 'dir');
  }
}
