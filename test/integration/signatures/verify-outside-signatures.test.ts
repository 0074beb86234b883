/**
 * The product's verifier on signatures made by software not written here (R3, R8): poppler's
 * `pdfsig -add-signature` (NSS underneath) as an eID holder's own software would sign, alone and
 * on top of the product's signature, and CMS made by `openssl cms -sign` over the byte ranges,
 * with and without CAdES attributes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature } from '../../../functions/signatures/add-pdf-signature.js';
import { verifySignedPdf } from '../../../functions/signatures/verify-signed-pdf.js';
import { createTestRoot, issueCertificate, type TestAuthority, type TestCertificateWithKey } from '../../../local/signing/test-pki.js';
import { createTestSigner, EID_HOLDERS, formToSign } from '../../fixtures/pdf-signers.js';
import { signPdfWithCms } from '../../functions/signatures/support/sign-pdf-for-test.js';
import { baseOf, type DocumentBase } from '../../functions/signatures/support/signature-fixtures.js';
import { createCitizenPkiForPdfsig, pdfsigAddSignature, PDFSIG_SIGNER_NICKNAME, type NssDatabase } from '../support/poppler-pdfsig.js';

const run = promisify(execFile);
const HANS = { firstName: 'Hans', lastName: 'Müller' };

let workDir: string;
let nss: NssDatabase;
let root: TestAuthority;
let citizenCa: TestAuthority;
let form: Uint8Array;
let formBase: DocumentBase;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'verify-outside-'));
  ({ root, citizenCa, nss } = await createCitizenPkiForPdfsig(workDir));
  form = await formToSign();
  formBase = baseOf(form);
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

let fileCount = 0;
async function signWithPdfsig(pdf: Uint8Array): Promise<Uint8Array> {
  fileCount += 1;
  const input = path.join(workDir, `in-${fileCount}.pdf`);
  const output = path.join(workDir, `out-${fileCount}.pdf`);
  await writeFile(input, pdf);
  await pdfsigAddSignature(nss, PDFSIG_SIGNER_NICKNAME, input, output, `PdfsigSignature${fileCount}`);
  return new Uint8Array(await readFile(output));
}

/** A detached CMS by `openssl cms -sign` over `covered`, signed by `signer` with its chain. */
async function opensslCms(covered: Uint8Array, signer: TestCertificateWithKey, flags: readonly string[]): Promise<Uint8Array> {
  fileCount += 1;
  const file = (name: string): string => path.join(workDir, `openssl-${fileCount}.${name}`);
  await writeFile(file('covered'), covered);
  await writeFile(file('key.pem'), signer.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await writeFile(file('cert.pem'), signer.pem);
  await writeFile(file('chain.pem'), citizenCa.chain.map((certificate) => certificate.pem).join('\n'));
  await run('openssl', [
    'cms', '-sign', '-binary', '-in', file('covered'), '-signer', file('cert.pem'), '-inkey', file('key.pem'),
    '-certfile', file('chain.pem'), '-outform', 'DER', '-out', file('cms'), ...flags,
  ]);
  return new Uint8Array(await readFile(file('cms')));
}

describe('verifySignedPdf on signatures made by poppler pdfsig (NSS) (R3, R8)', () => {
  it('accepts the form signed by pdfsig, as an eID holder signs in his own software', async () => {
    const signed = await signWithPdfsig(form);

    const { verdict } = await verifySignedPdf({ bytes: signed, base: formBase, expectedSigner: HANS, trustRoots: [root.der] });

    expect(verdict).toMatchObject({
      algorithm: 'RSA-PKCS1-SHA256',
      subFilter: 'adbe.pkcs7.detached',
      subject: 'GN=Hans, SN=Müller, CN=Hans Müller (Signature), C=BE',
      nationalRegisterNumber: EID_HOLDERS.hans.serialNumber,
      revisionLength: signed.byteLength,
    });
  });

  it("accepts pdfsig's signature over the product's, and the product's still holds (R6)", async () => {
    const jan = await createTestSigner(citizenCa, 'ECDSA-P384-SHA384', EID_HOLDERS.jan);
    const byJan = await addPdfSignature(form, jan.key, { subFilter: 'ETSI.CAdES.detached', signingTime: new Date() });
    const byBoth = await signWithPdfsig(byJan);

    const { verdict, earlier } = await verifySignedPdf({ bytes: byBoth, base: baseOf(byJan), expectedSigner: HANS, trustRoots: [root.der] });

    expect(verdict.subject).toContain('SN=Müller');
    expect(earlier).toMatchObject([{ algorithm: 'ECDSA-P384-SHA384', subFilter: 'ETSI.CAdES.detached', revisionLength: byJan.byteLength }]);
  });

  it('refuses the pdfsig signature as untrusted when its root is not configured', async () => {
    const other = await createTestRoot({ name: 'Other Root CA', algorithm: 'ECDSA-P256-SHA256' });
    await expect(verifySignedPdf({ bytes: await signWithPdfsig(form), base: formBase, expectedSigner: HANS, trustRoots: [other.der] })).rejects.toMatchObject({
      name: 'SignatureRefused',
      reason: 'untrusted',
    });
  });

  it('refuses the pdfsig signature of another person', async () => {
    await expect(verifySignedPdf({ bytes: await signWithPdfsig(form), base: formBase, expectedSigner: { firstName: 'Elif', lastName: 'Şahin' }, trustRoots: [root.der] })).rejects.toMatchObject({
      reason: 'other_signer',
    });
  });
});

describe('verifySignedPdf on CMS made by openssl cms -sign (R3)', () => {
  it.each([
    { algorithm: 'ECDSA-P384-SHA384', subFilter: 'ETSI.CAdES.detached', flags: ['-md', 'sha384', '-cades'] },
    { algorithm: 'ECDSA-P256-SHA256', subFilter: 'adbe.pkcs7.detached', flags: ['-md', 'sha256'] },
    { algorithm: 'RSA-PKCS1-SHA256', subFilter: 'ETSI.CAdES.detached', flags: ['-md', 'sha256', '-cades'] },
    { algorithm: 'RSA-PSS-SHA256', subFilter: 'adbe.pkcs7.detached', flags: ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss'] },
  ] as const)('accepts an openssl $algorithm CMS with sub-filter $subFilter', async ({ algorithm, subFilter, flags }) => {
    const hans = await issueCertificate(citizenCa, { subject: EID_HOLDERS.hans, algorithm });
    const signed = await signPdfWithCms(form, { subFilter }, (covered) => opensslCms(covered, hans, flags));

    const { verdict } = await verifySignedPdf({ bytes: signed, base: formBase, expectedSigner: HANS, trustRoots: [root.der] });

    expect(verdict).toMatchObject({ algorithm, subFilter });
    expect(verdict.signingTime).toBeDefined();
  });

  it('refuses an openssl CMS made without signed attributes (-noattr)', async () => {
    const hans = await issueCertificate(citizenCa, { subject: EID_HOLDERS.hans, algorithm: 'RSA-PKCS1-SHA256' });
    const signed = await signPdfWithCms(form, { subFilter: 'adbe.pkcs7.detached' }, (covered) => opensslCms(covered, hans, ['-md', 'sha256', '-noattr']));

    await expect(verifySignedPdf({ bytes: signed, base: formBase, expectedSigner: HANS, trustRoots: [root.der] })).rejects.toMatchObject({ reason: 'broken' });
  });
});
