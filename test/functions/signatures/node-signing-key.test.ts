import { constants, generateKeyPairSync, verify, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSigningKey, SigningKeyMismatch } from '../../../functions/signatures/node-signing-key.js';
import { createTestRoot, issueCertificate, type TestAuthority, type TestCertificateWithKey } from '../../../local/signing/test-pki.js';
import { EID_HOLDERS } from '../../fixtures/pdf-signers.js';

const data = new TextEncoder().encode('DER of the signed attributes');

let root: TestAuthority;
let p384: TestCertificateWithKey;
let rsa: TestCertificateWithKey;

beforeAll(async () => {
  root = await createTestRoot({ name: 'Test Root CA', algorithm: 'ECDSA-P256-SHA256' });
  p384 = await issueCertificate(root, { subject: EID_HOLDERS.jan, algorithm: 'ECDSA-P384-SHA384' });
  rsa = await issueCertificate(root, { subject: EID_HOLDERS.francoise, algorithm: 'RSA-PSS-SHA256' });
});

describe('nodeSigningKey', () => {
  it('signs ECDSA P-384 with SHA-384 as a DER Ecdsa-Sig-Value', async () => {
    const key = nodeSigningKey({ privateKey: p384.privateKey, certificates: [p384.der], algorithm: 'ECDSA-P384-SHA384' });

    const signature = await key.sign(data);

    const publicKey = new X509Certificate(p384.der).publicKey;
    expect(signature[0]).toBe(0x30);
    expect(verify('sha384', data, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(false);
  });

  it('signs RSASSA-PSS with SHA-256 and a 32-byte salt', async () => {
    const key = nodeSigningKey({ privateKey: rsa.privateKey, certificates: [rsa.der], algorithm: 'RSA-PSS-SHA256' });

    const signature = await key.sign(data);

    const publicKey = new X509Certificate(rsa.der).publicKey;
    const pss = (saltLength: number) => ({ key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
    expect(verify('sha256', data, pss(32), signature)).toBe(true);
    expect(verify('sha256', data, pss(20), signature)).toBe(false);
    expect(verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)).toBe(false);
  });

  it('refuses a key that cannot make the algorithm: an RSA key for ECDSA, a P-384 key for P-256', () => {
    expect(() => nodeSigningKey({ privateKey: rsa.privateKey, certificates: [rsa.der], algorithm: 'ECDSA-P256-SHA256' })).toThrow(SigningKeyMismatch);
    expect(() => nodeSigningKey({ privateKey: p384.privateKey, certificates: [p384.der], algorithm: 'ECDSA-P256-SHA256' })).toThrow(SigningKeyMismatch);
  });

  it("refuses a key that is not the signer certificate's, and a key without a certificate", () => {
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;

    expect(() => nodeSigningKey({ privateKey: otherKey, certificates: [p384.der], algorithm: 'ECDSA-P384-SHA384' })).toThrow(/not the signer certificate's key/);
    expect(() => nodeSigningKey({ privateKey: p384.privateKey, certificates: [], algorithm: 'ECDSA-P384-SHA384' })).toThrow(SigningKeyMismatch);
  });
});
