import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Certificate } from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateIdentity } from '../../../functions/signatures/signer-identity.js';
import { loadTrustRoots, TrustRootUnreadable } from '../../../functions/signatures/trust-roots.js';
import { createTestRoot, type TestKeyHolder } from './support/test-certificates.js';

function pem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

const fingerprint = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

describe('loadTrustRoots reads the trust anchors from folders at each call (R3)', () => {
  const folders: string[] = [];
  const folder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'trust-roots-'));
    folders.push(dir);
    return dir;
  };
  let first: TestKeyHolder;
  let second: TestKeyHolder;
  beforeAll(async () => {
    first = await createTestRoot({ name: 'First Test Root', algorithm: 'ECDSA-P256-SHA256' });
    second = await createTestRoot({ name: 'Second Test Root', algorithm: 'ECDSA-P384-SHA384' });
  });
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('reads every certificate of a .pem holding several, a DER .cer and a PEM .crt, and ignores other files', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'bundle.pem'), pem(first.der) + pem(second.der));
    writeFileSync(join(dir, 'first.cer'), first.der);
    writeFileSync(join(dir, 'second.crt'), pem(second.der));
    writeFileSync(join(dir, 'README.md'), '# not a certificate');

    const roots = await loadTrustRoots([dir]);

    expect(roots.map(fingerprint)).toEqual([first.der, second.der].map(fingerprint));
  });

  it('counts a root dropped into the folder at the next call, without a restart', async () => {
    const dir = folder();
    expect(await loadTrustRoots([dir])).toEqual([]);

    writeFileSync(join(dir, 'test-root.pem'), pem(first.der));

    expect((await loadTrustRoots([dir])).map(fingerprint)).toEqual([fingerprint(first.der)]);
  });

  it('takes a folder that does not exist as holding no root', async () => {
    expect(await loadTrustRoots([join(tmpdir(), 'no-such-trust-folder-7f3a')])).toEqual([]);
  });

  it('reads the folders in order, each certificate once', async () => {
    const a = folder();
    const b = folder();
    writeFileSync(join(a, 'first.pem'), pem(first.der));
    writeFileSync(join(b, 'both.pem'), pem(second.der) + pem(first.der));

    expect((await loadTrustRoots([a, b])).map(fingerprint)).toEqual([first.der, second.der].map(fingerprint));
  });

  it('fails, naming the file, when a certificate file holds no certificate', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'broken.crt'), 'not a certificate');

    await expect(loadTrustRoots([dir])).rejects.toThrow(TrustRootUnreadable);
    await expect(loadTrustRoots([dir])).rejects.toMatchObject({ details: { file: 'broken.crt' } });
  });
});

describe('the shipped Belgian eID roots (config/trust/belgium-eid)', () => {
  /** From config/trust/belgium-eid/README.md: the fingerprints a release checks. */
  const SHIPPED = {
    'Belgium Root CA2': '9f9744463be13714754e1a3becf98c08cc205e4ab32028f4e2830c4a1b2775b8',
    'Belgium Root CA3': 'a8d14e945e3e5156bcae5e39737cf6a1b1f51028bbbf982f50ce5f4c05568b4d',
    'Belgium Root CA4': 'c3fbf37259af0954eeea4282dd1c7226a54e7150f7c29a2c495ba34dbfe09ca0',
    'Belgium Root CA4 (until 2032)': '702dd5c1a093cf0a9d71fadd9bf9a7c5857d89fb73b716e867228b3c2beb968f',
    'Belgium Root CA6': '9c872bc979a7c09a58d4a274c199e5cb16cfa9b9618d98bc9a9988e984b8495c',
  };

  it('holds the Belgium Root CA2, CA3, CA4 (both issues) and CA6, with the fingerprints the README lists', async () => {
    const roots = await loadTrustRoots([join(import.meta.dirname, '../../../config/trust/belgium-eid')]);

    expect(roots.map(fingerprint).sort()).toEqual(Object.values(SHIPPED).sort());
    const names = roots.map((der) => certificateIdentity(Certificate.fromBER(new Uint8Array(der))).subject.match(/CN=([^,]+)/)?.[1]);
    expect(new Set(names)).toEqual(new Set(['Belgium Root CA2', 'Belgium Root CA3', 'Belgium Root CA4', 'Belgium Root CA6']));
  });
});
