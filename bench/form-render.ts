/**
 * `npx tsx bench/form-render.ts`: the form render of issue 11 ("form render p50, 5 grantees ×
 * 20 contracts, embedded font: ≤ 25 ms, same bytes out") on its own, without the local stack.
 *
 *  1. the SHA-256 of the form for a few fixed inputs (the big form, a company form with a legal
 *     representative who signs, the observed request in every language, names in many Latin
 *     scripts): `--hashes <file>` writes them, `--expect <file>` fails unless they are equal, so
 *     a speed-up can prove it keeps the bytes;
 *  2. the same timing as `benchForm()` in `bench/run.ts`: 25 renders of the big form (a new
 *     request id each), the first alone, then the median and p95 of the warm 24.
 *     `--runs <n>` renders more for steadier figures on a busy machine.
 * `--module <file>` takes `renderAccessForm` from another build of it (a Lambda bundle, or a
 * copy of an earlier version), to compare its bytes and times with the same inputs.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchFormRequest } from './bench-form-request.js';
import { LANGUAGES } from '../functions/domain/request-schema.js';
import type { RenderAccessFormInput, renderAccessForm as RenderAccessForm } from '../functions/form/render-form.js';
import {
  companyRequestFiledByEmployee,
  naturalClientRequest,
  naturalClientRequestWithObservers,
  otherGrantee,
  PEOPLE,
  validatedRequest,
} from '../test/fixtures/access-request-builder.js';

const BROKER = 'Verzekeringen Janssens';
const GENERATED_AT = new Date('2026-11-20T09:30:00Z');

function fixedInputs(): Record<string, RenderAccessFormInput> {
  const base = { requestId: 'REQ-01JD8Z3K4Q', brokerName: BROKER, generatedAt: GENERATED_AT, legalRepresentativeMustApprove: false };
  const inputs: Record<string, RenderAccessFormInput> = {
    big: { ...base, request: benchFormRequest() },
    bigOtherId: { ...base, requestId: 'req_bench_7', request: benchFormRequest() },
    companyRepresentativeSigns: {
      ...base,
      request: validatedRequest(companyRequestFiledByEmployee({ language: 'nl' })),
      legalRepresentativeMustApprove: true,
    },
  };
  for (const language of LANGUAGES) {
    inputs[`observed-${language}`] = { ...base, request: validatedRequest(naturalClientRequestWithObservers({ language })) };
  }
  const names = ['Müller', 'Françoise', 'Łukasz', 'Şahin', 'Ørsted', 'Dvořák', 'Åsa Ñúñez', 'Žaneta Čapková', 'Ğülşen'];
  const grantees = names.map((name, index) => otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), lastName: name, email: `g${index}@example.be` }));
  inputs.latinScripts = { ...base, request: validatedRequest(naturalClientRequest({ language: 'en', grantees })) };
  return inputs;
}

async function hashes(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(fixedInputs())) {
    const { pdf } = await renderAccessForm(input);
    out[name] = createHash('sha256').update(pdf).digest('hex');
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function timing(runs: number): Promise<{ firstMs: number; medianMs: number; p95Ms: number; bytes: number; pages: number }> {
  const request = benchFormRequest();
  const times: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const form = await renderAccessForm({ requestId: `req_bench_${i}`, request, brokerName: BROKER, generatedAt: new Date(), legalRepresentativeMustApprove: false });
    times.push(performance.now() - started);
    bytes = form.pdf.byteLength;
    pages = form.pageCount;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { firstMs: times[0] ?? Number.NaN, medianMs: quantile(warm, 0.5), p95Ms: quantile(warm, 0.95), bytes, pages };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const modulePath = option('--module');
const { renderAccessForm } = (await import(
  modulePath ? pathToFileURL(path.resolve(modulePath)).href : '../functions/form/render-form.js'
)) as { renderAccessForm: typeof RenderAccessForm };
const runs = Number(option('--runs') ?? 25);
// Timing first, so the first render is a cold one, as on a fresh Lambda.
const figures = await timing(runs);
const load = loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(
  `form 5 × 20 (${(figures.bytes / 1024).toFixed(1)} KiB, ${figures.pages} pages): first ${figures.firstMs.toFixed(1)} ms, ` +
    `median ${figures.medianMs.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms of ${runs - 1} warm; load ${load}`,
);

const hashed = await hashes();
const write = option('--hashes');
if (write) await writeFile(write, `${JSON.stringify(hashed, null, 2)}\n`);
const expected = option('--expect');
if (expected) {
  const before = JSON.parse(await readFile(expected, 'utf8')) as Record<string, string>;
  const differing = Object.keys({ ...before, ...hashed }).filter((name) => before[name] !== hashed[name]);
  for (const name of Object.keys(hashed)) console.log(`${name.padEnd(28)} ${hashed[name]} ${before[name] === hashed[name] ? 'same' : 'DIFFERENT'}`);
  if (differing.length > 0) {
    console.error(`bytes changed for: ${differing.join(', ')}`);
    process.exit(1);
  }
  console.log(`all ${Object.keys(hashed).length} forms byte-identical to ${expected}`);
}
