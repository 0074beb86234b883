import { describe, expect, it } from 'vitest';
import { parseSealChain, SealNotConfigured } from '../../../functions/evidence/evidence-seal.js';
import { createTestIntermediate, createTestRoot, issueCertificate } from '../../../local/signing/test-pki.js';

const SEAL_SUBJECT = { givenName: 'Portal access', surname: 'Evidence seal', commonName: 'Portal access evidence seal (test)' };

describe("the seal's certificate chain (SEAL_CERTIFICATE_FILE)", () => {
  it('carries the seal certificate and its intermediates in the signature, never a root, and keeps the file whole', async () => {
    const root = await createTestRoot({ name: 'Seal Test Root', algorithm: 'ECDSA-P384-SHA384' });
    const intermediate = await createTestIntermediate(root, { name: 'Seal Test CA', algorithm: 'ECDSA-P384-SHA384' });
    const seal = await issueCertificate(intermediate, { algorithm: 'ECDSA-P256-SHA256', subject: SEAL_SUBJECT });
    const pem = [seal.pem, intermediate.pem, root.pem].join('\n');
    const chain = parseSealChain(pem);
    expect(chain.pem).toBe(pem);
    expect(chain.certificates.map((der) => Buffer.from(der))).toEqual([Buffer.from(seal.der), Buffer.from(intermediate.der)]);
    // The seal's own key decides how it signs: ECDSA on its curve.
    expect(chain.algorithm).toBe('ECDSA-P256-SHA256');
  });

  it('signs RSA seals with PKCS#1 v1.5 and P-384 seals with SHA-384', async () => {
    const root = await createTestRoot({ name: 'Seal Test Root', algorithm: 'RSA-PKCS1-SHA256' });
    const rsa = await issueCertificate(root, { algorithm: 'RSA-PSS-SHA256', subject: SEAL_SUBJECT });
    const p384 = await issueCertificate(root, { algorithm: 'ECDSA-P384-SHA384', subject: SEAL_SUBJECT });
    expect(parseSealChain(rsa.pem).algorithm).toBe('RSA-PKCS1-SHA256');
    expect(parseSealChain(p384.pem).algorithm).toBe('ECDSA-P384-SHA384');
  });

  it('refuses a file without a certificate as SealNotConfigured (a deployment fault, not retried)', () => {
    expect(() => parseSealChain('no certificate here')).toThrow(SealNotConfigured);
  });
});
