import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature } from '../../../functions/signatures/add-pdf-signature.js';
import { PDF_SIGNING_ALGORITHMS } from '../../../functions/signatures/pdf-signing-key.js';
import { SUB_FILTERS } from '../../../functions/signatures/signature-verdict.js';
import { verifySignedPdf } from '../../../functions/signatures/verify-signed-pdf.js';
import {
  baseOf,
  companyForm,
  createTestEidHierarchy,
  issueEidCertificate,
  SIGNERS,
  type TestEidHierarchy,
} from './support/signature-fixtures.js';
import { signPdfForTest, timestampPdfForTest } from './support/sign-pdf-for-test.js';
import { createTestIntermediate, createTestRoot, type TestAuthority } from '../../../local/signing/test-pki.js';
import { createTestSigner, EID_HOLDERS, formToSign } from '../../fixtures/pdf-signers.js';
import { TEST_ALGORITHMS, type TestAlgorithm, type TestKeyHolder } from './support/test-certificates.js';

/** An hour ago, to the second (a UTCTime's precision): inside the test certificates' validity. */
const SIGNED_AT = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);

/** One hierarchy and one certificate of Hans per algorithm, shared by its sub-filters: RSA keys take a while to make. */
const byAlgorithm = new Map<TestAlgorithm, Promise<{ hierarchy: TestEidHierarchy; hans: TestKeyHolder }>>();
function hansUnder(algorithm: TestAlgorithm): Promise<{ hierarchy: TestEidHierarchy; hans: TestKeyHolder }> {
  let made = byAlgorithm.get(algorithm);
  if (!made) {
    made = createTestEidHierarchy(algorithm).then(async (hierarchy) => ({ hierarchy, hans: await issueEidCertificate(hierarchy, SIGNERS.hans) }));
    byAlgorithm.set(algorithm, made);
  }
  return made;
}

describe('verifySignedPdf accepts a form signed on top by the person who must sign (R3, R8)', () => {
  let form: Uint8Array;
  let eid: TestEidHierarchy;
  beforeAll(async () => {
    form = await formToSign();
    eid = await createTestEidHierarchy('ECDSA-P384-SHA384');
  });

  it.each(TEST_ALGORITHMS.flatMap((algorithm) => SUB_FILTERS.map((subFilter) => ({ algorithm, subFilter }))))(
    'verifies a $algorithm signature with sub-filter $subFilter and names its algorithm (R3)',
    async ({ algorithm, subFilter }) => {
      const { hierarchy, hans } = await hansUnder(algorithm);
      const signed = await signPdfForTest(form, { signer: hans, chain: [hierarchy.citizenCa], subFilter, signingTime: SIGNED_AT });

      const { verdict, earlier } = await verifySignedPdf({ bytes: signed, base: baseOf(form), expectedSigner: SIGNERS.hans, trustRoots: [hierarchy.root.der] });

      expect(verdict.algorithm).toBe(algorithm);
      expect(verdict.subFilter).toBe(subFilter);
      expect(earlier).toEqual([]);
    },
  );

  it('records the evidence of the signature: certificate, time, the signed revision, the national register number apart (R8)', async () => {
    const hans = await issueEidCertificate(eid, SIGNERS.hans);
    const signed = await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa], signingTime: SIGNED_AT });

    const { verdict } = await verifySignedPdf({ bytes: signed, base: baseOf(form), expectedSigner: SIGNERS.hans, trustRoots: [eid.root.der] });

    expect(verdict).toEqual({
      subject: 'GN=Hans, SN=Müller, CN=Hans Müller (Signature), C=BE',
      issuer: 'CN=Test Belgium Root CA Citizen CA, O=Portal Access Signature Tests, C=BE',
      serialNumber: Buffer.from(hans.certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
      certificateSha256: createHash('sha256').update(hans.der).digest('hex'),
      algorithm: 'ECDSA-P384-SHA384',
      subFilter: 'ETSI.CAdES.detached',
      signingTime: SIGNED_AT.toISOString(),
      revisionLength: signed.byteLength,
      nationalRegisterNumber: '85073003328',
      revocation: 'not_checked',
    });
    expect(verdict.subject).not.toContain('85073003328');
  });

  it("takes the signing time from the dictionary's /M when the CMS has no signing-time attribute", async () => {
    const hans = await issueEidCertificate(eid, SIGNERS.hans);
    const signed = await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa], signingTime: null, dictionaryDate: SIGNED_AT });

    const { verdict } = await verifySignedPdf({ bytes: signed, base: baseOf(form), expectedSigner: SIGNERS.hans, trustRoots: [eid.root.der] });

    expect(verdict.signingTime).toBe(SIGNED_AT.toISOString());
  });

  it('accepts a signature without the signing-certificate attribute (it is optional in adbe.pkcs7.detached)', async () => {
    const hans = await issueEidCertificate(eid, SIGNERS.hans);
    const signed = await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa], subFilter: 'adbe.pkcs7.detached', signingCertificate: 'none' });

    const { verdict } = await verifySignedPdf({ bytes: signed, base: baseOf(form), expectedSigner: SIGNERS.hans, trustRoots: [eid.root.der] });

    expect(verdict.subFilter).toBe('adbe.pkcs7.detached');
  });

  it('finds the chain among the trust roots when several are configured', async () => {
    const other = await createTestEidHierarchy('RSA-PKCS1-SHA256', 'Other Root');
    const hans = await issueEidCertificate(eid, SIGNERS.hans);
    const signed = await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa] });

    const { verdict } = await verifySignedPdf({ bytes: signed, base: baseOf(form), expectedSigner: SIGNERS.hans, trustRoots: [other.root.der, eid.root.der] });

    expect(verdict.issuer).toContain('Test Belgium Root CA Citizen CA');
  });
});

describe('verifySignedPdf with two signatures on one form (R6: the legal representative signs on top)', () => {
  let form: Uint8Array;
  let eid: TestEidHierarchy;
  let byRequester: Uint8Array;
  let byBoth: Uint8Array;
  beforeAll(async () => {
    form = await companyForm();
    eid = await createTestEidHierarchy('ECDSA-P384-SHA384');
    const lukasz = await issueEidCertificate(eid, SIGNERS.lukasz);
    const elif = await issueEidCertificate(eid, SIGNERS.elif, { algorithm: 'ECDSA-P384-SHA384' });
    byRequester = await signPdfForTest(form, { signer: lukasz, chain: [eid.citizenCa], signingTime: SIGNED_AT });
    byBoth = await signPdfForTest(byRequester, { signer: elif, chain: [eid.citizenCa], subFilter: 'adbe.pkcs7.detached' });
  });

  it("verifies the representative's signature over the requester's, and the requester's still holds (R6, R8)", async () => {
    const { verdict, earlier } = await verifySignedPdf({ bytes: byBoth, base: baseOf(byRequester), expectedSigner: SIGNERS.elif, trustRoots: [eid.root.der] });

    expect(verdict.subject).toBe('GN=Elif, SN=Şahin, CN=Elif Şahin (Signature), C=BE');
    expect(verdict.revisionLength).toBe(byBoth.byteLength);
    expect(earlier).toHaveLength(1);
    expect(earlier[0]).toMatchObject({ subject: 'GN=Łukasz, SN=Wiśniewski, CN=Łukasz Wiśniewski (Signature), C=BE', revisionLength: byRequester.byteLength });
  });

  it("still verifies the requester's signature of the form once the representative has signed after it (R8)", async () => {
    const { verdict, earlier } = await verifySignedPdf({ bytes: byBoth, base: baseOf(form), expectedSigner: SIGNERS.lukasz, trustRoots: [eid.root.der] });

    expect(verdict.subject).toContain('SN=Wiśniewski');
    expect(verdict.revisionLength).toBe(byRequester.byteLength);
    expect(earlier).toEqual([]);
  });

  it('accepts a document timestamp added after the signature (R8)', async () => {
    const stamped = await timestampPdfForTest(byRequester, eid.citizenCa);

    const { verdict } = await verifySignedPdf({ bytes: stamped, base: baseOf(form), expectedSigner: SIGNERS.lukasz, trustRoots: [eid.root.der] });

    expect(verdict.revisionLength).toBe(byRequester.byteLength);
  });
});

describe("verifySignedPdf verifies the product's own signatures (add-pdf-signature.ts) (R3, R8)", () => {
  let form: Uint8Array;
  let root: TestAuthority;
  let citizenCa: TestAuthority;
  beforeAll(async () => {
    form = await formToSign();
    root = await createTestRoot({ name: 'Test Belgium Root CA', algorithm: 'ECDSA-P384-SHA384' });
    citizenCa = await createTestIntermediate(root, { name: 'Test Citizen CA', algorithm: 'ECDSA-P384-SHA384' });
  });

  it.each(PDF_SIGNING_ALGORITHMS.flatMap((algorithm) => SUB_FILTERS.map((subFilter) => ({ algorithm, subFilter }))))(
    'verifies a $algorithm signature with sub-filter $subFilter made by addPdfSignature',
    async ({ algorithm, subFilter }) => {
      const jan = await createTestSigner(citizenCa, algorithm, EID_HOLDERS.jan);
      const signed = await addPdfSignature(form, jan.key, { subFilter, signingTime: SIGNED_AT });

      const { verdict } = await verifySignedPdf({ bytes: signed, base: baseOf(form), expectedSigner: { firstName: 'Jan', lastName: 'Peeters' }, trustRoots: [root.der] });

      expect(verdict).toMatchObject({ algorithm, subFilter, signingTime: SIGNED_AT.toISOString(), revisionLength: signed.byteLength, nationalRegisterNumber: EID_HOLDERS.jan.serialNumber });
    },
  );

  it("verifies the legal representative's addPdfSignature signature over the requester's, both holding (R6)", async () => {
    const jan = await createTestSigner(citizenCa, 'ECDSA-P384-SHA384', EID_HOLDERS.jan);
    const francoise = await createTestSigner(citizenCa, 'RSA-PKCS1-SHA256', EID_HOLDERS.francoise);
    const byRequester = await addPdfSignature(form, jan.key, { subFilter: 'ETSI.CAdES.detached', signingTime: SIGNED_AT });
    const byBoth = await addPdfSignature(byRequester, francoise.key, { subFilter: 'ETSI.CAdES.detached', signingTime: SIGNED_AT });

    const { verdict, earlier } = await verifySignedPdf({ bytes: byBoth, base: baseOf(byRequester), expectedSigner: { firstName: 'Françoise', lastName: 'Lefèvre' }, trustRoots: [root.der] });

    expect(verdict).toMatchObject({ algorithm: 'RSA-PKCS1-SHA256', revisionLength: byBoth.byteLength });
    expect(earlier).toMatchObject([{ algorithm: 'ECDSA-P384-SHA384', revisionLength: byRequester.byteLength, nationalRegisterNumber: EID_HOLDERS.jan.serialNumber }]);
  });
});
