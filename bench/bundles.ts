/**
 * The functions' bundles (issue 11, "Speed and cost"): what each weighs, and what its cold start
 * costs beside the least a function can do.
 *
 * - Size: each function's code Lambda loads at start-up (`index.mjs` and the chunks it imports
 *   statically; fonts, source maps and the chunks loaded on first use apart) against the goal of
 *   250 KiB, beside all its code; GenerateForm's code against 1 MiB. The issue's row is "code
 *   only" and counts GenerateForm's fonts apart ("1.9 MB + 1.5 MB fonts"); its whole asset (code,
 *   map, fonts) is printed beside.
 * - Cold start: a fresh Node process per sample imports the bundle's handler module (a copy of
 *   the bundle beside nothing but the AWS SDK, as Lambda loads it, with the same Node options as
 *   the functions: none; their stacks are mapped when printed, `source-mapped-stacks.ts`) and makes its first SDK call, a DynamoDB GetItem against DynamoDB
 *   Local; the baseline is a process that imports only `@aws-sdk/client-dynamodb` and makes the
 *   same call. The ratio of the medians is the bundle's own cost: goal ≤ 1.3 (GenerateForm ≤ 2).
 *   The chunks a function loads on first use (a signed file's verification, the dashboard's and
 *   the broker API's pages and routes) are not in that start; the table's "later ms" is their
 *   import, all of them, in the same process after the call: what the first requests needing
 *   them pay, once per container.
 *   Times are taken inside the process, from the first import to the call's answer, so Node's
 *   own start (the same for both) does not dilute the ratio; beside the wall time, the CPU time
 *   the process spent, which another process's load changes much less. Samples interleave: each
 *   round runs the baseline once and every bundle once, in an order of its own, so a load spike
 *   or a drift hits all alike.
 *
 *   npx tsx bench/bundles.ts                       # synthesizes the app with bundling, then measures
 *   npx tsx bench/bundles.ts --from <dir>          # bundles already built: <dir>/<FunctionId>/index.mjs
 *   npx tsx bench/bundles.ts --samples 9           # samples per bundle (default 7)
 *
 * Prints a table; writes the figures as JSON to `.local/bench-bundles.json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FUNCTIONS, type FunctionId } from '../catalog/function-catalog.js';
import { startDynamoDbLocal } from '../local/services/dynamodb-local.js';
import { LOCAL_AWS_CLIENT_CONFIG } from '../local/services/local-aws-client-config.js';
import { LAMBDA_ENTRY_FILE } from '../scripts/lambda-build.js';
import {
  awsSdkClosure,
  bundleSize,
  deferredCodeFiles,
  isolatedBundle,
  linkAwsSdk,
  PROJECT_ROOT,
  synthesizeBundles,
  type BundleDirs,
  type BundleSize,
} from '../scripts/synthesized-bundles.js';

/** Issue 11's goal for every function's code (KiB = 1024 bytes). */
export const CODE_GOAL_BYTES = 250 * 1024;
/** Issue 11's goal for GenerateForm's code (fonts and source map apart, as the issue's row counts them). */
export const GENERATE_FORM_CODE_GOAL_BYTES = 1024 * 1024;
/**
 * The functions held to GenerateForm's goals: they render a PDF with the form's fonts on every
 * invocation. SealEvidence (the completion certificate, sealed) came after the issue named
 * GenerateForm alone.
 */
export const PDF_RENDERERS: ReadonlySet<FunctionId> = new Set(['GenerateForm', 'SealEvidence']);
/** Issue 11's goal for a cold start against the bare SDK's; GenerateForm's own is {@link GENERATE_FORM_COLD_START_GOAL}. */
export const COLD_START_GOAL = 1.3;
export const GENERATE_FORM_COLD_START_GOAL = 2;

/** One process's times, in ms from its first import. */
interface ColdStartSample {
  /** The bundle's import; for the baseline, the import of `@aws-sdk/client-dynamodb`. */
  readonly importMs: number;
  /** Import and the first GetItem's answer. */
  readonly totalMs: number;
  /**
   * The CPU time (user and system) the process spent on the same: on a shared machine the wall
   * time waits for the other processes, its CPU time much less so.
   */
  readonly totalCpuMs: number;
  /** After the call, the import of every chunk loaded on first use (0 when there is none): what the first requests that need them pay once. */
  readonly deferredMs: number;
}

export interface ColdStartFigures {
  /** Median of the samples. */
  readonly importMs: number;
  readonly totalMs: number;
  readonly totalCpuMs: number;
  /** The chunks loaded on first use, all of them, after the start (see {@link ColdStartSample}). */
  readonly deferredMs: number;
  readonly samples: number;
}

export interface BundleFigure extends BundleSize {
  readonly coldStart: ColdStartFigures;
  /** Median import and first call, over the baseline's. */
  readonly coldStartRatio: number;
  /** Median import alone, over the baseline's bare `@aws-sdk/client-dynamodb` import. */
  readonly importRatio: number;
  /** Median CPU time of import and first call, over the baseline's. */
  readonly coldStartCpuRatio: number;
}

export interface BundleFigures {
  /** `/proc/loadavg`'s three figures when the run ended: the machine is shared, so figures vary. */
  readonly loadAverage: readonly number[];
  readonly baseline: ColdStartFigures;
  readonly functions: Readonly<Partial<Record<FunctionId, BundleFigure>>>;
}

export interface BenchBundlesOptions {
  /** Bundles already built, by function (each folder holds `index.mjs`); @default synthesizes the app with bundling */
  readonly bundleDirs?: BundleDirs;
  /** @default 7 */
  readonly samples?: number;
}

const BENCH_TABLE = 'bench-cold-start';

/** `items` in a random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[]): T[] {
  const order = [...items];
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [order[index], order[other]] = [order[other] as T, order[index] as T];
  }
  return order;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The child's script: optionally the bundle's import, then the bare SDK's import (cached if the
 * bundle loaded it) and one GetItem; then, timed apart, the import of `deferredModules`.
 */
function coldStartScript(handlerModule: string | undefined, deferredModules: readonly string[]): string {
  const importBundle = handlerModule ? `await import(${JSON.stringify(pathToFileURL(handlerModule).href)});` : '';
  return [
    'const started = performance.now();',
    'const cpu = process.cpuUsage();',
    importBundle,
    "const sdk = await import('@aws-sdk/client-dynamodb');",
    'const imported = performance.now();',
    `await new sdk.DynamoDBClient({}).send(new sdk.GetItemCommand({ TableName: ${JSON.stringify(BENCH_TABLE)}, Key: { pk: { S: 'BENCH' }, sk: { S: 'BENCH' } } }));`,
    'const called = performance.now();',
    'const used = process.cpuUsage(cpu);',
    `for (const url of ${JSON.stringify(deferredModules.map((file) => pathToFileURL(file).href))}) await import(url);`,
    'const deferred = performance.now();',
    'process.stdout.write(JSON.stringify({ importMs: imported - started, totalMs: called - started, totalCpuMs: (used.user + used.system) / 1000, deferredMs: deferred - called }));',
  ].join('\n');
}

/** What a cold-start sample of a bundle loads: its handler module, then (timed apart) the chunks it loads on first use. */
interface BundleModules {
  readonly handler: string;
  readonly deferred: readonly string[];
}

/** The modules of the bundle folder `dir`, read once per function (not per sample). */
function bundleModules(dir: string): BundleModules {
  return { handler: path.join(dir, LAMBDA_ENTRY_FILE), deferred: deferredCodeFiles(dir).map((file) => path.join(dir, file)) };
}

/** One fresh process in `cwd` (a folder whose node_modules holds the SDK), importing `modules` if given. */
function coldStartSample(cwd: string, env: NodeJS.ProcessEnv, modules?: BundleModules): ColdStartSample {
  const script = coldStartScript(modules?.handler, modules?.deferred ?? []);
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cold-start sample failed (${modules ? cwd : 'baseline'}): ${run.stderr}`);
  return JSON.parse(run.stdout) as ColdStartSample;
}

function summary(samples: readonly ColdStartSample[]): ColdStartFigures {
  return {
    importMs: median(samples.map((s) => s.importMs)),
    totalMs: median(samples.map((s) => s.totalMs)),
    totalCpuMs: median(samples.map((s) => s.totalCpuMs)),
    deferredMs: median(samples.map((s) => s.deferredMs)),
    samples: samples.length,
  };
}

/** Sizes every bundle and measures its cold start against the bare SDK's (see the module comment). */
export async function benchBundles(options: BenchBundlesOptions = {}): Promise<BundleFigures> {
  const samples = options.samples ?? 7;
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-bundles-'));
  const isolated: Partial<Record<FunctionId, string>> = {};
  const dynamo = await startDynamoDbLocal({ dataDir: path.join(scratch, 'dynamodb') });
  try {
    const bundleDirs = options.bundleDirs ?? synthesizeBundles(path.join(scratch, 'cdk.out'));
    const ids = (Object.keys(FUNCTIONS) as FunctionId[]).filter((id) => bundleDirs[id] !== undefined);
    const closure = awsSdkClosure();
    for (const id of ids) isolated[id] = isolatedBundle(bundleDirs[id] as string, id, closure);
    const baselineDir = path.join(scratch, 'baseline');
    mkdirSync(baselineDir);
    linkAwsSdk(baselineDir, closure);

    const client = new DynamoDBClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: dynamo.endpoint });
    await client.send(
      new CreateTableCommand({
        TableName: BENCH_TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    client.destroy();

    // What Lambda gives every function, pointed at DynamoDB Local; nothing from this process leaks in.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      AWS_REGION: LOCAL_AWS_CLIENT_CONFIG.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS_CLIENT_CONFIG.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CLIENT_CONFIG.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      TABLE_NAME: BENCH_TABLE,
      POWERTOOLS_SERVICE_NAME: 'portal-access',
      LOG_LEVEL: 'INFO',
    };

    // One warm-up of each, so the first round does not pay for cold file caches.
    coldStartSample(baselineDir, env);
    const modules = new Map(ids.map((id) => [id, bundleModules(isolated[id] as string)]));
    for (const id of ids) coldStartSample(isolated[id] as string, env, modules.get(id));

    const baselineSamples: ColdStartSample[] = [];
    const bundleSamples = new Map<FunctionId, ColdStartSample[]>(ids.map((id) => [id, []]));
    for (let round = 0; round < samples; round++) {
      // Each round in its own order: the machine drifts within a round (measured: the functions
      // run last read up to 0.1 higher), and a fixed order would give that drift to the same ones.
      for (const id of shuffled([undefined, ...ids])) {
        if (id === undefined) baselineSamples.push(coldStartSample(baselineDir, env));
        else bundleSamples.get(id)?.push(coldStartSample(isolated[id] as string, env, modules.get(id)));
      }
    }
    const baseline = summary(baselineSamples);
    const functions: Partial<Record<FunctionId, BundleFigure>> = {};
    for (const id of ids) {
      const coldStart = summary(bundleSamples.get(id) ?? []);
      functions[id] = {
        ...bundleSize(bundleDirs[id] as string),
        coldStart,
        coldStartRatio: coldStart.totalMs / baseline.totalMs,
        importRatio: coldStart.importMs / baseline.importMs,
        coldStartCpuRatio: coldStart.totalCpuMs / baseline.totalCpuMs,
      };
    }
    return { loadAverage: loadavg(), baseline, functions };
  } finally {
    await dynamo.stop();
    for (const dir of Object.values(isolated)) rmSync(dir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether a function meets issue 11's size and cold-start goals. */
export function meetsGoals(id: FunctionId, figure: BundleFigure): { size: boolean; coldStart: boolean } {
  const renderer = PDF_RENDERERS.has(id);
  return {
    size: figure.startupCodeBytes <= (renderer ? GENERATE_FORM_CODE_GOAL_BYTES : CODE_GOAL_BYTES),
    coldStart: figure.coldStartRatio <= (renderer ? GENERATE_FORM_COLD_START_GOAL : COLD_START_GOAL),
  };
}

function printTable(figures: BundleFigures): void {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)}`;
  const ms = (value: number) => value.toFixed(0);
  console.log(`load average ${figures.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(
    `baseline (bare @aws-sdk/client-dynamodb import + GetItem): import ${ms(figures.baseline.importMs)} ms, with the call ${ms(figures.baseline.totalMs)} ms, ` +
      `CPU ${ms(figures.baseline.totalCpuMs)} ms (median of ${figures.baseline.samples})`,
  );
  console.log(['function'.padEnd(24), 'start KiB', 'code KiB', ' map KiB', 'files KiB', 'asset KiB', 'import ms', 'total ms', 'import ×', 'total ×', ' CPU ×', 'later ms', 'goals'].join(' '));
  for (const [id, figure] of Object.entries(figures.functions) as [FunctionId, BundleFigure][]) {
    const goals = meetsGoals(id, figure);
    console.log(
      [
        id.padEnd(24),
        kib(figure.startupCodeBytes).padStart(9),
        kib(figure.codeBytes).padStart(8),
        kib(figure.sourceMapBytes).padStart(8),
        kib(figure.filesBytes).padStart(9),
        kib(figure.totalBytes).padStart(9),
        ms(figure.coldStart.importMs).padStart(9),
        ms(figure.coldStart.totalMs).padStart(8),
        figure.importRatio.toFixed(2).padStart(8),
        figure.coldStartRatio.toFixed(2).padStart(7),
        figure.coldStartCpuRatio.toFixed(2).padStart(6),
        (figure.codeBytes > figure.startupCodeBytes ? ms(figure.coldStart.deferredMs) : '–').padStart(8),
        `${goals.size ? 'size ok' : 'SIZE'} ${goals.coldStart ? 'start ok' : 'START'}`,
      ].join(' '),
    );
  }
}

/** `--from <dir>`: bundles built elsewhere, `<dir>/<FunctionId>/index.mjs`. */
function bundleDirsFrom(dir: string): BundleDirs {
  const dirs: Partial<Record<FunctionId, string>> = {};
  for (const id of Object.keys(FUNCTIONS) as FunctionId[]) {
    const folder = path.resolve(dir, id);
    if (existsSync(path.join(folder, 'index.mjs'))) dirs[id] = folder;
  }
  return dirs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const valueOf = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const from = valueOf('--from');
  const samples = valueOf('--samples');
  const figures = await benchBundles({
    ...(from ? { bundleDirs: bundleDirsFrom(from) } : {}),
    ...(samples ? { samples: Number(samples) } : {}),
  });
  printTable(figures);
  const out = path.join(PROJECT_ROOT, '.local', 'bench-bundles.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
}
