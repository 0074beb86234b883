import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVIDENCE_FILE, type EvidencePackage } from '../../../functions/evidence/evidence-package.js';
import { verifyEvidenceFolder } from '../../../functions/evidence/verify-evidence-package.js';
import { writeEvidenceFolder, type EvidenceFolder } from '../../fixtures/evidence-folder.js';

let dir: string;
let folder: EvidenceFolder;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'evidence-package-'));
  folder = await writeEvidenceFolder(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function editEvidence(change: (evidence: EvidencePackage) => void): Promise<void> {
  const evidence = JSON.parse(await readFile(path.join(dir, EVIDENCE_FILE), 'utf8')) as EvidencePackage;
  change(evidence);
  await writeFile(path.join(dir, EVIDENCE_FILE), JSON.stringify(evidence));
}

async function flipByte(fileName: string, at: (length: number) => number): Promise<void> {
  const bytes = await readFile(path.join(dir, fileName));
  const offset = at(bytes.length);
  bytes[offset] = bytes[offset]! ^ 0x01;
  await writeFile(path.join(dir, fileName), bytes);
}

const verify = (trustRoots: Uint8Array[] = folder.trustRoots) => verifyEvidenceFolder(dir, { trustRoots });

describe('verifying an exported evidence package offline (R2, R8)', () => {
  it('passes an intact package: both chains, each document against its entry, the eID signature and the seal', async () => {
    const lines: string[] = [];
    const verdict = await verifyEvidenceFolder(dir, { trustRoots: folder.trustRoots, progress: (line) => lines.push(line) });
    expect(verdict).toMatchObject({ ok: true, requestId: folder.requestId });
    expect(lines.join('\n')).toMatch(/request chain: 7 entries check from the genesis/);
    expect(lines.join('\n')).toMatch(/document requester-signature: signature 1 by GN=Hans, SN=Müller, CN=Hans Müller \(Signature\), C=BE, holds and is trusted/);
    expect(lines.join('\n')).toMatch(/completion certificate: sealed by .*CN=Portal access evidence seal \(test\).*trusted; covers request entry 6 and 2 grant chain heads/);
  });

  it('names the request entry edited after the fact', async () => {
    await editEvidence((evidence) => {
      (evidence.requestChain.entries[2]!.details as { round: number }).round = 2;
    });
    expect(await verify()).toEqual({ ok: false, requestId: folder.requestId, problem: `audit entry 3 of request ${folder.requestId}: hash does not match` });
  });

  it('names an entry taken out of the request chain', async () => {
    await editEvidence((evidence) => {
      evidence.requestChain.entries.splice(2, 1);
    });
    expect(await verify()).toMatchObject({ ok: false, problem: `audit entry 4 of request ${folder.requestId}: out of sequence (an entry is missing or repeated)` });
  });

  it('names the grant entry edited after the fact, with its grant', async () => {
    const grantId = folder.evidence.grantChains[1]!.grantId;
    await editEvidence((evidence) => {
      evidence.grantChains[1]!.entries[1]!.at = '2026-11-19T00:00:00.000Z';
    });
    expect(await verify()).toMatchObject({ ok: false, problem: `audit entry 2 of grant ${grantId} of request ${folder.requestId}: hash does not match` });
  });

  it('names a grant chain moved onto another anchor', async () => {
    await editEvidence((evidence) => {
      evidence.grantChains[0]!.anchorSeq = 4;
    });
    expect(await verify()).toMatchObject({ ok: false, problem: expect.stringContaining('its anchor, audit entry 4, did not create it') });
  });

  it('names the signed document one byte of which changed, and the entry it no longer matches', async () => {
    await flipByte('requester-signature.pdf', (length) => length - 200);
    expect(await verify()).toMatchObject({ ok: false, problem: 'document requester-signature: SHA-256 differs from the audit entry 4' });
  });

  it('names the form one byte of which changed', async () => {
    await flipByte('form.pdf', () => 20);
    expect(await verify()).toMatchObject({ ok: false, problem: 'document form: SHA-256 differs from the audit entry 2' });
  });

  it('names the certificate one byte of which changed', async () => {
    await flipByte('completion-certificate.pdf', (length) => Math.floor(length / 3));
    expect(await verify()).toMatchObject({ ok: false, problem: 'document completion-certificate: SHA-256 differs from the audit entry 7' });
  });

  it('refuses a seal whose root the verifier was not given (a root in the package proves nothing)', async () => {
    const verdict = await verify([folder.eidRoot]);
    expect(verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/^completion certificate: the seal \(.*CN=Portal access evidence seal \(test\).*\) is not trusted/) });
  });

  it('refuses a seal chain that names another certificate than the one that sealed', async () => {
    await editEvidence((evidence) => {
      evidence.seal!.certificateChainPem = folder.eidRootPem;
    });
    expect(await verify()).toMatchObject({ ok: false, problem: "completion certificate: sealed by another certificate than the package's seal chain names" });
  });

  it('names a document missing from the folder', async () => {
    await rm(path.join(dir, 'requester-signature.pdf'));
    expect(await verify()).toMatchObject({ ok: false, problem: 'document requester-signature: the file requester-signature.pdf is missing' });
  });

  it('refuses a package whose document points at an entry that records something else', async () => {
    await editEvidence((evidence) => {
      evidence.documents.find((document) => document.name === 'form')!.auditSeq = 4;
    });
    expect(await verify()).toMatchObject({ ok: false, problem: 'document form: audit entry 4 (signatureReceived) does not record it' });
  });
});
