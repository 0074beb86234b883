import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignedPdf } from '../../../functions/signatures/verify-signed-pdf.js';
import { formToSign } from '../../fixtures/pdf-signers.js';
import { baseOf, createTestEidHierarchy, issueEidCertificate, SIGNERS, type TestEidHierarchy } from './support/signature-fixtures.js';
import { signPdfForTest } from './support/sign-pdf-for-test.js';
import { createSelfSignedSigner, createTestIntermediate, issueTestSigner } from './support/test-certificates.js';

const DAY_MS = 24 * 3600 * 1000;

/** Whom the signature comes from (R1, R3): a certificate under a trusted root, valid when used, naming the person who must sign. */
describe('verifySignedPdf refuses a signature by anyone but the person who must sign, under a trusted root (R1, R3)', () => {
  let form: Uint8Array;
  let eid: TestEidHierarchy;
  beforeAll(async () => {
    form = await formToSign();
    eid = await createTestEidHierarchy('ECDSA-P384-SHA384');
  });
  const verifyAsHans = (bytes: Uint8Array, trustRoots = [eid.root.der]) => verifySignedPdf({ bytes, base: baseOf(form), expectedSigner: SIGNERS.hans, trustRoots });

  describe('other_signer', () => {
    it('refuses a sound signature by another person', async () => {
      const elif = await issueEidCertificate(eid, SIGNERS.elif);
      const signed = await signPdfForTest(form, { signer: elif, chain: [eid.citizenCa] });
      await expect(verifyAsHans(signed)).rejects.toMatchObject({ name: 'SignatureRefused', reason: 'other_signer' });
    });

    it('refuses a certificate with the same first name and another surname', async () => {
      const other = await issueEidCertificate(eid, { firstName: 'Hans', lastName: 'Müller-Peeters' });
      await expect(verifyAsHans(await signPdfForTest(form, { signer: other, chain: [eid.citizenCa] }))).rejects.toMatchObject({ reason: 'other_signer' });
    });

    it('accepts the name in capitals and without accents, with the further given names an eID lists', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans, { subject: { givenName: 'HANS PETER', surname: 'MULLER', serialNumber: '68041233385' } });
      const { verdict } = await verifyAsHans(await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa] }));
      expect(verdict).toMatchObject({ subject: 'GN=HANS PETER, SN=MULLER, CN=HANS PETER MULLER (Signature), C=BE', nationalRegisterNumber: '68041233385' });
    });

    it('reads the name from the CN, without " (Signature)", when the certificate has no SURNAME and GIVENNAME', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans, { subject: { commonName: 'Hans Müller (Signature)' } });
      const { verdict } = await verifyAsHans(await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa] }));
      expect(verdict.subject).toBe('CN=Hans Müller (Signature), C=BE');
      expect(verdict.nationalRegisterNumber).toBeUndefined();
    });

    it("refuses a CN naming someone else when there is no SURNAME and GIVENNAME", async () => {
      const other = await issueEidCertificate(eid, SIGNERS.hans, { subject: { commonName: 'Hans Peeters (Signature)' } });
      await expect(verifyAsHans(await signPdfForTest(form, { signer: other, chain: [eid.citizenCa] }))).rejects.toMatchObject({ reason: 'other_signer' });
    });
  });

  describe('untrusted', () => {
    it('refuses a chain to a root that is not configured', async () => {
      const elsewhere = await createTestEidHierarchy('ECDSA-P384-SHA384', 'Unknown Root CA');
      const hans = await issueEidCertificate(elsewhere, SIGNERS.hans);
      const signed = await signPdfForTest(form, { signer: hans, chain: [elsewhere.citizenCa] });
      await expect(verifyAsHans(signed)).rejects.toMatchObject({ reason: 'untrusted' });
    });

    it('refuses a chain to a look-alike root: same name as the trusted root, another key, carried in the CMS', async () => {
      const rogue = await createTestEidHierarchy('ECDSA-P384-SHA384', 'Test Belgium Root CA');
      const hans = await issueEidCertificate(rogue, SIGNERS.hans);
      const signed = await signPdfForTest(form, { signer: hans, chain: [rogue.citizenCa, rogue.root] });
      await expect(verifyAsHans(signed)).rejects.toMatchObject({ reason: 'untrusted' });
    });

    it('accepts a CMS that carries the whole chain, the trusted root included', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans);
      const { verdict } = await verifyAsHans(await signPdfForTest(form, { signer: hans, chain: [eid.root, eid.citizenCa] }));
      expect(verdict.subject).toContain('SN=Müller');
    });

    it('refuses a self-signed certificate naming the right person', async () => {
      const hans = await createSelfSignedSigner({ algorithm: 'ECDSA-P256-SHA256', subject: { givenName: 'Hans', surname: 'Müller' } });
      await expect(verifyAsHans(await signPdfForTest(form, { signer: hans }))).rejects.toMatchObject({ reason: 'untrusted' });
    });

    it('refuses a chain whose Citizen CA the signature does not carry and no root is', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans);
      await expect(verifyAsHans(await signPdfForTest(form, { signer: hans }))).rejects.toMatchObject({ reason: 'untrusted' });
    });

    it('refuses a "CA" whose certificate is not a CA certificate (a signer certificate issuing another)', async () => {
      const notACa = await issueEidCertificate(eid, { firstName: 'Mallory', lastName: 'Issuer' });
      const hans = await issueTestSigner(notACa, { algorithm: 'ECDSA-P384-SHA384', subject: { givenName: 'Hans', surname: 'Müller' } });
      await expect(verifyAsHans(await signPdfForTest(form, { signer: hans, chain: [notACa, eid.citizenCa] }))).rejects.toMatchObject({
        reason: 'untrusted',
        message: expect.stringContaining('not a CA certificate'),
      });
    });

    it('refuses every signature when no trust root is configured', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans);
      await expect(verifyAsHans(await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa] }), [])).rejects.toMatchObject({ reason: 'untrusted' });
    });
  });

  describe('not_valid_at_signing', () => {
    it('refuses a signature made after the signer certificate expired', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans, { notBefore: new Date(Date.now() - 20 * DAY_MS), notAfter: new Date(Date.now() - 10 * DAY_MS) });
      const signed = await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa], signingTime: new Date(Date.now() - DAY_MS / 2) });
      await expect(verifyAsHans(signed)).rejects.toMatchObject({ reason: 'not_valid_at_signing' });
    });

    it('refuses a signing time before the signer certificate was valid', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans);
      const signed = await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa], signingTime: new Date(Date.now() - 30 * DAY_MS) });
      await expect(verifyAsHans(signed)).rejects.toMatchObject({ reason: 'not_valid_at_signing' });
    });

    it('refuses a signature made after the Citizen CA expired, its own certificate still valid', async () => {
      const expiredCa = await createTestIntermediate(eid.root, { name: 'Expired Citizen CA', algorithm: 'ECDSA-P384-SHA384', notBefore: new Date(Date.now() - 400 * DAY_MS), notAfter: new Date(Date.now() - 2 * DAY_MS) });
      const hans = await issueTestSigner(expiredCa, { algorithm: 'ECDSA-P384-SHA384', subject: { givenName: 'Hans', surname: 'Müller' }, notBefore: new Date(Date.now() - 300 * DAY_MS) });
      const signed = await signPdfForTest(form, { signer: hans, chain: [expiredCa], signingTime: new Date(Date.now() - DAY_MS) });
      await expect(verifyAsHans(signed)).rejects.toMatchObject({ reason: 'not_valid_at_signing' });
    });

    it('accepts a signature made while the certificate was valid, though it has expired since', async () => {
      const hans = await issueEidCertificate(eid, SIGNERS.hans, { notBefore: new Date(Date.now() - 20 * DAY_MS), notAfter: new Date(Date.now() - 10 * DAY_MS) });
      const signingTime = new Date(Math.floor((Date.now() - 15 * DAY_MS) / 1000) * 1000);
      const { verdict } = await verifyAsHans(await signPdfForTest(form, { signer: hans, chain: [eid.citizenCa], signingTime }));
      expect(verdict.signingTime).toBe(signingTime.toISOString());
    });
  });
});
