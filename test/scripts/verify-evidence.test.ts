/**
 * `npm run verify-evidence -- <folder>`: the exit code and the line that names the first break,
 * on a package built in-test (test/fixtures/evidence-folder.ts). The request-id form, which
 * fetches the package from the local stack, is exercised in test/integration/evidence.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVerifyEvidence } from '../../scripts/verify-evidence.js';
import { writeEvidenceFolder, type EvidenceFolder } from '../fixtures/evidence-folder.js';

let dir: string;
let trustDir: string;
let folder: EvidenceFolder;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verify-evidence-'));
  trustDir = await mkdtemp(path.join(tmpdir(), 'verify-evidence-trust-'));
  folder = await writeEvidenceFolder(dir);
  await writeFile(path.join(trustDir, 'eid-root.pem'), folder.eidRootPem);
  await writeFile(path.join(trustDir, 'seal-root.pem'), folder.sealRootPem);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(trustDir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runVerifyEvidence(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) });
  return { code, stdout, stderr };
}

describe('npm run verify-evidence -- <folder>', () => {
  it('exits 0 on an intact package, with a progress line per check on stderr', async () => {
    const result = await run(dir, '--trust', trustDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([`evidence of ${folder.requestId}: intact`]);
    expect(result.stderr.join('\n')).toContain('✓ request chain: 7 entries check from the genesis');
  });

  it('exits 1 naming the audit entry edited after the fact', async () => {
    const file = path.join(dir, 'evidence.json');
    const evidence = JSON.parse(await readFile(file, 'utf8'));
    evidence.requestChain.entries[4].details.grants[1].scope = { type: 'all' };
    await writeFile(file, JSON.stringify(evidence));
    const result = await run(dir, '--trust', trustDir);
    expect(result.code).toBe(1);
    expect(result.stderr.at(-1)).toBe(`evidence of ${folder.requestId}: BROKEN — audit entry 5 of request ${folder.requestId}: hash does not match`);
  });

  it('exits 1 naming the document one byte of which changed', async () => {
    const file = path.join(dir, 'requester-signature.pdf');
    const bytes = await readFile(file);
    bytes[100] = bytes[100]! ^ 0x20;
    await writeFile(file, bytes);
    const result = await run(dir, '--trust', trustDir);
    expect(result.code).toBe(1);
    expect(result.stderr.at(-1)).toBe(`evidence of ${folder.requestId}: BROKEN — document requester-signature: SHA-256 differs from the audit entry 4`);
  });

  it('exits 1 when the seal root is not among the trusted roots', async () => {
    await rm(path.join(trustDir, 'seal-root.pem'));
    const result = await run(dir, '--trust', trustDir);
    expect(result.code).toBe(1);
    expect(result.stderr.at(-1)).toMatch(/BROKEN — completion certificate: the seal .* is not trusted/);
  });

  it('exits 2 for a call it cannot carry out', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('not-a-request-or-folder')).code).toBe(2);
    expect((await run(dir, '--unknown')).code).toBe(2);
  });
});
