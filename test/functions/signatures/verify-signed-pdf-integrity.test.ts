import { beforeAll, describe, expect, it } from 'vitest';
import { findPdfSignatureFields } from '../../../functions/signatures/pdf-signature-fields.js';
import { SignatureRefused } from '../../../functions/signatures/signature-verdict.js';
import { verifySignedPdf } from '../../../functions/signatures/verify-signed-pdf.js';
import { seededRandom } from '../../support/seeded-random.js';
import { appendIncrementalUpdate, concat, latin1Bytes, latin1Text, rawPdf } from './support/raw-pdf.js';
import { formToSign } from '../../fixtures/pdf-signers.js';
import { baseOf, companyForm, createTestEidHierarchy, issueEidCertificate, SIGNERS, type TestEidHierarchy } from './support/signature-fixtures.js';
import { signPdfForTest, type TestSignOptions, timestampPdfForTest } from './support/sign-pdf-for-test.js';
import type { TestKeyHolder } from './support/test-certificates.js';

/**
 * Whether the upload is this form, signed soundly, with nothing changed after (R3, R8): each
 * refusal shown on a file that is otherwise sound.
 */
describe('verifySignedPdf refuses what is not this form, soundly signed and left unchanged (R3, R8)', () => {
  let form: Uint8Array;
  let eid: TestEidHierarchy;
  let hans: TestKeyHolder;
  const verify = (bytes: Uint8Array, base = baseOf(form)) => verifySignedPdf({ bytes, base, expectedSigner: SIGNERS.hans, trustRoots: [eid.root.der] });
  const signAsHans = (pdf: Uint8Array, options: Partial<TestSignOptions> = {}) => signPdfForTest(pdf, { signer: hans, chain: [eid.citizenCa], ...options });
  beforeAll(async () => {
    form = await formToSign();
    eid = await createTestEidHierarchy('ECDSA-P256-SHA256');
    hans = await issueEidCertificate(eid, SIGNERS.hans);
  });

  describe('not_pdf', () => {
    it('refuses a file without a PDF header (a JPEG)', async () => {
      await expect(verify(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).rejects.toMatchObject({ name: 'SignatureRefused', reason: 'not_pdf' });
    });

    it('refuses a file with a PDF header but no document behind it', async () => {
      await expect(verify(latin1Bytes('%PDF-1.7\nnot a document\n%%EOF\n'))).rejects.toMatchObject({ reason: 'not_pdf' });
    });
  });

  describe('unsigned', () => {
    it('refuses the form sent back unsigned', async () => {
      await expect(verify(form)).rejects.toMatchObject({ reason: 'unsigned' });
    });

    it('refuses the form with an incremental update that adds no signature', async () => {
      const updated = appendIncrementalUpdate(form, ['<< /Producer (an editor) >>']).bytes;
      await expect(verify(updated)).rejects.toMatchObject({ reason: 'unsigned' });
    });

    it('refuses a form whose only added signature is a document timestamp: it names no person', async () => {
      const stamped = await timestampPdfForTest(form, eid.citizenCa);
      await expect(verify(stamped)).rejects.toMatchObject({ reason: 'unsigned' });
    });
  });

  describe('other_document', () => {
    it("refuses another request's form, soundly signed", async () => {
      const signed = await signAsHans(await companyForm());
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'other_document' });
    });

    it('refuses the form changed before it was signed (one byte of the form differs)', async () => {
      const altered = new Uint8Array(form);
      const at = latin1Text(altered).indexOf('/Producer');
      altered[at + 1] = 'p'.charCodeAt(0);
      await expect(verify(await signAsHans(altered))).rejects.toMatchObject({ reason: 'other_document' });
    });

    it('refuses a signature whose /Contents lies inside the document to sign: it does not cover all of it', async () => {
      const signed = await signAsHans(form);
      const text = latin1Text(signed);
      // A "document to sign" that ends inside the signature's own revision, after its /Contents.
      const size = text.indexOf('/M (', text.lastIndexOf('/ByteRange'));
      await expect(verify(signed, baseOf(signed.subarray(0, size)))).rejects.toMatchObject({ reason: 'other_document', message: expect.stringContaining('does not cover the whole') });
    });
  });

  describe('broken: the /ByteRange must start at 0 and leave out exactly the /Contents', () => {
    it('refuses a /ByteRange that does not start at 0', async () => {
      const signed = await signAsHans(form, { byteRange: ([, b, c, d]) => [1, b - 1, c, d] });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('does not start at 0') });
    });

    it('refuses a gap wider than the /Contents string, which leaves a byte unsigned', async () => {
      const signed = await signAsHans(form, { byteRange: ([a, b, c, d]) => [a, b - 1, c, d] });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('not exactly the /Contents') });
    });

    it('refuses a /ByteRange that stops before the end of its revision', async () => {
      const signed = await signAsHans(form, { byteRange: ([a, b, c, d]) => [a, b, c, d - 20] });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('whole revision') });
    });

    it('refuses a /ByteRange that reaches beyond the end of the file', async () => {
      const signed = await signAsHans(form, { byteRange: ([a, b, c, d]) => [a, b, c, d + 100] });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('beyond the end') });
    });
  });

  describe('broken: the CMS must verify', () => {
    it('refuses a signature value that does not verify with the signer certificate', async () => {
      await expect(verify(await signAsHans(form, { corruptSignatureValue: true }))).rejects.toMatchObject({
        reason: 'broken',
        message: expect.stringContaining('does not verify with the signer certificate'),
      });
    });

    it('refuses a signing-certificate attribute that names another certificate than the signer', async () => {
      const signed = await signAsHans(form, { signingCertificate: eid.citizenCa.der });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('signing-certificate') });
    });

    it('refuses a CMS without signed attributes: nothing binds a digest and a time to it', async () => {
      await expect(verify(await signAsHans(form, { withoutSignedAttributes: true }))).rejects.toMatchObject({
        reason: 'broken',
        message: expect.stringContaining('no signed content-type and message-digest'),
      });
    });

    it('refuses a CMS that does not carry its signer certificate', async () => {
      const signed = await signAsHans(form, { omitSignerCertificate: true });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('signer certificate') });
    });

    it('refuses a sub-filter the product does not verify', async () => {
      await expect(verify(await signAsHans(form, { subFilter: 'adbe.pkcs7.sha1' }))).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('sub-filter') });
    });

    it('refuses a /Contents larger than 64 KB without reading it', async () => {
      await expect(verify(await signAsHans(form, { contentsBytes: 65 * 1024 }))).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('larger than') });
    });

    it('refuses a PDF holding more than 20 signatures', async () => {
      let pdf = rawPdf();
      for (let i = 0; i < 21; i += 1) pdf = await signAsHans(pdf, { contentsBytes: 4096 });
      await expect(verify(pdf, baseOf(rawPdf()))).rejects.toMatchObject({ reason: 'broken', message: expect.stringContaining('more than 20') });
    });
  });

  describe('modified: nothing may change after the signature', () => {
    it("refuses a byte changed inside the signer's own revision", async () => {
      const signed = await signAsHans(form);
      const at = latin1Text(signed).lastIndexOf('/M (D:') + 6;
      const changed = new Uint8Array(signed);
      changed[at] = changed[at] === 0x32 ? 0x33 : 0x32;
      await expect(verify(changed)).rejects.toMatchObject({ reason: 'modified', message: expect.stringContaining('not the bytes signed') });
    });

    it('refuses bytes appended after the signed range', async () => {
      const signed = await signAsHans(form);
      await expect(verify(concat(signed, latin1Bytes('% appended\n')))).rejects.toMatchObject({ reason: 'modified', message: expect.stringContaining('follow the last signed revision') });
    });

    it('refuses an incremental update without a signature after the signature', async () => {
      const signed = await signAsHans(form);
      const updated = appendIncrementalUpdate(signed, ['<< /Type /Annot /Subtype /Text /Contents (changed after signing) >>']).bytes;
      await expect(verify(updated)).rejects.toMatchObject({ reason: 'modified', message: expect.stringContaining('without a signature') });
    });

    it('refuses an unsigned incremental update even when a later signature covers it', async () => {
      const signed = await signAsHans(form);
      const updated = appendIncrementalUpdate(signed, ['<< /Type /Annot /Subtype /Text /Contents (changed after signing) >>']).bytes;
      const elif = await issueEidCertificate(eid, SIGNERS.elif);
      const resigned = await signPdfForTest(updated, { signer: elif, chain: [eid.citizenCa] });
      await expect(verify(resigned)).rejects.toMatchObject({ reason: 'modified', message: expect.stringContaining('without a signature') });
    });

    it('refuses a later signature that does not hold', async () => {
      const signed = await signAsHans(form);
      const elif = await issueEidCertificate(eid, SIGNERS.elif);
      const resigned = await signPdfForTest(signed, { signer: elif, chain: [eid.citizenCa], corruptSignatureValue: true });
      await expect(verify(resigned)).rejects.toMatchObject({ reason: 'modified', message: expect.stringContaining('later signature') });
    });

    it('refuses a later document timestamp whose imprint is of another document', async () => {
      const stamped = await timestampPdfForTest(await signAsHans(form), eid.citizenCa, { wrongImprint: true });
      await expect(verify(stamped)).rejects.toMatchObject({ reason: 'modified', message: expect.stringContaining('later signature does not hold') });
    });

    it("refuses a signature on top of a document whose earlier signature no longer holds (R6: the requester's)", async () => {
      const company = await companyForm();
      const lukasz = await issueEidCertificate(eid, SIGNERS.lukasz);
      const byRequester = await signPdfForTest(company, { signer: lukasz, chain: [eid.citizenCa], corruptSignatureValue: true });
      const elif = await issueEidCertificate(eid, SIGNERS.elif);
      const byBoth = await signPdfForTest(byRequester, { signer: elif, chain: [eid.citizenCa] });
      await expect(verifySignedPdf({ bytes: byBoth, base: baseOf(byRequester), expectedSigner: SIGNERS.elif, trustRoots: [eid.root.der] })).rejects.toMatchObject({
        reason: 'modified',
        message: expect.stringContaining('earlier signature'),
      });
    });
  });

  describe('any damage', () => {
    it('refuses every copy of a signed form with one signed byte changed or its end cut off, with a reason and never another error', async () => {
      const signed = await signAsHans(form);
      const [field] = findPdfSignatureFields(signed, 1);
      const gap = { start: field?.contents?.start ?? 0, end: field?.contents?.end ?? 0 };
      const random = seededRandom(20261121);
      const damaged: Uint8Array[] = [];
      for (let i = 0; i < 30; i += 1) {
        const copy = new Uint8Array(signed);
        let at = Math.floor(random() * signed.byteLength);
        if (at >= gap.start && at < gap.end) at = gap.end + ((at - gap.start) % (signed.byteLength - gap.end));
        copy[at] = ((copy[at] as number) + 1 + Math.floor(random() * 255)) % 256;
        damaged.push(copy, signed.subarray(0, Math.floor(random() * (signed.byteLength - 1))));
      }

      const outcomes = await Promise.allSettled(damaged.map((bytes) => verify(bytes)));

      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(SignatureRefused);
      }
    });
  });

  describe('active_content', () => {
    it("refuses a JavaScript action added in the signer's own signed update", async () => {
      const signed = await signAsHans(form, { extraObjects: ['<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>'] });
      await expect(verify(signed)).rejects.toMatchObject({ reason: 'active_content', message: expect.stringContaining('/JavaScript') });
    });
  });
});
