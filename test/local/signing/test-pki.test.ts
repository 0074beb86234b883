import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KeyUsagesExtension } from '@peculiar/x509';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_SIGNING_ALGORITHMS } from '../../../functions/signatures/pdf-signing-key.js';
import { certificateChainOf, createTestIntermediate, createTestRoot, issueCertificate, writeRootPem } from '../../../local/signing/test-pki.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the test PKI', () => {
  it('issues a certificate whose subject reads as a Belgian eID signature certificate, for nonRepudiation only', async () => {
    const root = await createTestRoot({ name: 'Test Belgium Root CA', algorithm: 'ECDSA-P384-SHA384' });

    const issued = await issueCertificate(root, {
      subject: { givenName: 'Françoise', surname: 'Lefèvre', serialNumber: '71093004527' },
      algorithm: 'ECDSA-P384-SHA384',
    });

    const certificate = new X509Certificate(issued.der);
    expect(certificate.subject.split('\n')).toEqual(['C=BE', 'CN=Françoise Lefèvre (Signature)', 'SN=Lefèvre', 'GN=Françoise', 'serialNumber=71093004527']);
    const keyUsage = issued.certificate.getExtension('2.5.29.15') as KeyUsagesExtension | null;
    expect(keyUsage?.critical).toBe(true);
    expect(keyUsage?.usages).toBe(2); // KeyUsageFlags.nonRepudiation alone
    expect(certificate.ca).toBe(false);
    expect(certificate.checkPrivateKey(issued.privateKey)).toBe(true);
    expect(issued.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/);
  });

  it.each(PDF_SIGNING_ALGORITHMS)('chains a %s certificate through an intermediate to the root', async (algorithm) => {
    const root = await createTestRoot({ name: 'Test Root', algorithm });
    const citizenCa = await createTestIntermediate(root, { name: 'Test Citizen CA', algorithm });

    const issued = await issueCertificate(citizenCa, { subject: { givenName: 'Jan', surname: 'Peeters' }, algorithm, keyUsage: ['digitalSignature', 'nonRepudiation'] });

    const leaf = new X509Certificate(issued.der);
    const intermediate = new X509Certificate(citizenCa.der);
    const rootCertificate = new X509Certificate(root.der);
    expect(certificateChainOf(issued, citizenCa)).toEqual([issued.der, citizenCa.der]);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(leaf.verify(rootCertificate.publicKey)).toBe(false);
    expect(intermediate.verify(rootCertificate.publicKey)).toBe(true);
    expect(rootCertificate.verify(rootCertificate.publicKey)).toBe(true);
    expect([leaf.ca, intermediate.ca, rootCertificate.ca]).toEqual([false, true, true]);
    expect(leaf.checkIssued(intermediate) && intermediate.checkIssued(rootCertificate)).toBe(true);
  });

  it("issues an organisation's seal certificate for a public key held elsewhere, with no private key in the answer", async () => {
    const root = await createTestRoot({ name: 'Test Root', algorithm: 'ECDSA-P256-SHA256' });
    const elsewhere = await issueCertificate(root, { subject: { givenName: 'Kms', surname: 'Key' }, algorithm: 'ECDSA-P256-SHA256' });
    const spki = new Uint8Array(new X509Certificate(elsewhere.der).publicKey.export({ type: 'spki', format: 'der' }));

    const issued = await issueCertificate(root, {
      subject: { organization: 'Verzekeringen Janssens', organizationIdentifier: 'VATBE-0123456749', commonName: 'Portal Access Seal' },
      publicKey: spki,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });

    expect(new X509Certificate(issued.der).checkPrivateKey(elsewhere.privateKey)).toBe(true);
    expect(new X509Certificate(issued.der).subject.split('\n')).toEqual(['C=BE', 'O=Verzekeringen Janssens', 'organizationIdentifier=VATBE-0123456749', 'CN=Portal Access Seal']);
    expect(issued).not.toHaveProperty('privateKey');
  });

  it('writes a root as <dir>/<name>.pem, creating the folder, and refuses a name that is a path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'test-pki-'));
    dirs.push(dir);
    const root = await createTestRoot({ name: 'Test Root', algorithm: 'ECDSA-P256-SHA256' });

    const file = await writeRootPem(path.join(dir, 'trust'), 'test-root', root);

    expect(file).toBe(path.join(dir, 'trust', 'test-root.pem'));
    expect(new X509Certificate(await readFile(file)).fingerprint256).toBe(new X509Certificate(root.der).fingerprint256);
    await expect(writeRootPem(dir, '../escape', root)).rejects.toThrow(RangeError);
  });
});
