/**
 * The product's PAdES signatures as poppler's pdfsig (NSS underneath) judges them: each one
 * valid with a trusted certificate, two of ours one over the other, ours over a signature
 * pdfsig made, and pdfsig's over ours (R3: a second signer never breaks the first).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature } from '../../../functions/signatures/add-pdf-signature.js';
import { PDF_SIGNING_ALGORITHMS } from '../../../functions/signatures/pdf-signing-key.js';
import { SUB_FILTERS } from '../../../functions/signatures/signature-verdict.js';
import type { TestAuthority } from '../../../local/signing/test-pki.js';
import { createTestSigner, EID_HOLDERS, formToSign } from '../../fixtures/pdf-signers.js';
import { createCitizenPkiForPdfsig, pdfsigAddSignature, pdfsigReport, PDFSIG_SIGNER_NICKNAME, type NssDatabase, type PdfsigReport } from '../support/poppler-pdfsig.js';

const VALID = 'Signature is Valid.';
const TRUSTED = 'Certificate is Trusted.';

let workDir: string;
let nss: NssDatabase;
let citizenCa: TestAuthority;
let form: Uint8Array;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'pdfsig-interop-'));
  ({ citizenCa, nss } = await createCitizenPkiForPdfsig(workDir));
  form = await formToSign();
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

let fileCount = 0;
async function saved(pdf: Uint8Array): Promise<string> {
  fileCount += 1;
  const file = path.join(workDir, `signed-${fileCount}.pdf`);
  await writeFile(file, pdf);
  return file;
}

async function reportOn(pdf: Uint8Array): Promise<PdfsigReport> {
  return pdfsigReport(nss, await saved(pdf));
}

/** What a test expects of every signature pdfsig reports: valid, by a trusted certificate, and no repair of the file needed. */
function expectAllValidAndTrusted(report: PdfsigReport, count: number): void {
  expect(report.signatures).toHaveLength(count);
  for (const signature of report.signatures) {
    expect(signature.signatureValidation, signature.fieldName).toBe(VALID);
    expect(signature.certificateValidation, signature.fieldName).toBe(TRUSTED);
  }
  expect(report.stderr).not.toMatch(/Syntax (Error|Warning)/);
}

describe('pdfsig on our signatures', () => {
  const cases = PDF_SIGNING_ALGORITHMS.flatMap((algorithm) => SUB_FILTERS.map((subFilter) => ({ algorithm, subFilter })));

  it.each(cases)('finds a $algorithm / $subFilter signature on the form valid, by a trusted certificate', async ({ algorithm, subFilter }) => {
    const jan = await createTestSigner(citizenCa, algorithm, EID_HOLDERS.jan);

    const signed = await addPdfSignature(form, jan.key, { subFilter, signingTime: new Date() });

    const report = await reportOn(signed);
    expectAllValidAndTrusted(report, 1);
    expect(report.signatures[0]).toMatchObject({ fieldName: 'Signature1', commonName: 'Jan Peeters (Signature)', subFilter, totalDocumentSigned: true });
  });

  it("finds both valid when the legal representative signs over the requester's signature (R6)", async () => {
    const jan = await createTestSigner(citizenCa, 'RSA-PSS-SHA256', EID_HOLDERS.jan);
    const francoise = await createTestSigner(citizenCa, 'ECDSA-P384-SHA384', EID_HOLDERS.francoise);
    const byRequester = await addPdfSignature(form, jan.key, { subFilter: 'ETSI.CAdES.detached', signingTime: new Date() });

    const byBoth = await addPdfSignature(byRequester, francoise.key, { subFilter: 'adbe.pkcs7.detached', signingTime: new Date() });

    const report = await reportOn(byBoth);
    expectAllValidAndTrusted(report, 2);
    expect(report.signatures.map(({ commonName, totalDocumentSigned }) => ({ commonName, totalDocumentSigned }))).toEqual([
      { commonName: 'Jan Peeters (Signature)', totalDocumentSigned: false },
      { commonName: 'Françoise Lefèvre (Signature)', totalDocumentSigned: true },
    ]);
  });

  it('finds a signature valid on a PDF whose cross-references are streams (the update is a stream too)', async () => {
    const streamed = await (await PDFDocument.load(form)).save({ useObjectStreams: true });
    const jan = await createTestSigner(citizenCa, 'ECDSA-P256-SHA256', EID_HOLDERS.jan);

    const signed = await addPdfSignature(streamed, jan.key, { subFilter: 'ETSI.CAdES.detached', signingTime: new Date() });

    expectAllValidAndTrusted(await reportOn(signed), 1);
  });
});

describe('our signatures and pdfsig -add-signature, one over the other', () => {
  it('adds ours over a signature pdfsig made, and pdfsig finds both valid', async () => {
    const pdfsigFirst = path.join(workDir, 'pdfsig-first.pdf');
    await pdfsigAddSignature(nss, PDFSIG_SIGNER_NICKNAME, await saved(form), pdfsigFirst, 'ByPdfsig');
    const jan = await createTestSigner(citizenCa, 'ECDSA-P384-SHA384', EID_HOLDERS.jan);

    const signed = await addPdfSignature(await readFile(pdfsigFirst), jan.key, { subFilter: 'ETSI.CAdES.detached', signingTime: new Date() });

    const report = await reportOn(signed);
    expectAllValidAndTrusted(report, 2);
    expect(report.signatures.map((signature) => signature.fieldName)).toEqual(['ByPdfsig', 'Signature1']);
    expect(report.signatures.map((signature) => signature.commonName)).toEqual(['Hans Müller (Signature)', 'Jan Peeters (Signature)']);
  });

  it('lets pdfsig add its signature over ours, and finds both valid', async () => {
    const jan = await createTestSigner(citizenCa, 'RSA-PKCS1-SHA256', EID_HOLDERS.jan);
    const ours = await addPdfSignature(form, jan.key, { subFilter: 'adbe.pkcs7.detached', signingTime: new Date() });
    const oursFile = await saved(ours);
    const overOurs = path.join(workDir, 'pdfsig-over-ours.pdf');

    await pdfsigAddSignature(nss, PDFSIG_SIGNER_NICKNAME, oursFile, overOurs, 'ByPdfsig');

    const bytes = await readFile(overOurs);
    const report = await pdfsigReport(nss, overOurs);
    expect(Buffer.from(bytes.subarray(0, ours.length)).equals(Buffer.from(ours))).toBe(true);
    expectAllValidAndTrusted(report, 2);
    expect(report.signatures.map((signature) => signature.fieldName)).toEqual(['Signature1', 'ByPdfsig']);
  });

  it('tells a signed PDF changed after signing: pdfsig finds the digest no longer matches', async () => {
    const jan = await createTestSigner(citizenCa, 'ECDSA-P256-SHA256', EID_HOLDERS.jan);
    const signed = Buffer.from(await addPdfSignature(form, jan.key, { subFilter: 'ETSI.CAdES.detached', signingTime: new Date() }));
    // One byte of the form's document information changed, inside the signed range.
    const at = signed.indexOf('/Producer');
    signed.write('/Producex', at, 'latin1');

    const report = await reportOn(signed);

    expect(report.signatures[0]?.signatureValidation).toBe('Digest Mismatch.');
  });
});
