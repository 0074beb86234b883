import { beforeAll, describe, expect, it } from 'vitest';
import { type CertificateIdentity, certificateIdentity, namesExpectedSigner } from '../../../functions/signatures/signer-identity.js';
import { createTestRoot, issueTestSigner, type TestKeyHolder } from './support/test-certificates.js';

describe('namesExpectedSigner: the certificate names the person who must sign (R1, R6)', () => {
  const eid = (givenName: string, surname: string): CertificateIdentity => ({ subject: '', issuer: '', givenName, surname, commonName: `${givenName} ${surname} (Signature)` });
  const commonNameOnly = (commonName: string): CertificateIdentity => ({ subject: '', issuer: '', commonName });

  it.each([
    { rule: 'the same names', identity: eid('Elif', 'Şahin'), expected: { firstName: 'Elif', lastName: 'Şahin' } },
    { rule: 'capitals and no accents, as some cards write them', identity: eid('ELIF', 'SAHIN'), expected: { firstName: 'Elif', lastName: 'Şahin' } },
    { rule: 'the further given names an eID lists', identity: eid('Jan Pieter Marie', 'Peeters'), expected: { firstName: 'Jan', lastName: 'Peeters' } },
    { rule: 'a hyphen written as a space', identity: eid('Marie Claire', 'Van den Bossche'), expected: { firstName: 'Marie-Claire', lastName: 'Van den Bossche' } },
    { rule: 'an apostrophe in the surname', identity: eid('Luc', "D'Hondt"), expected: { firstName: 'Luc', lastName: 'D’Hondt' } },
    { rule: 'the CN without " (Signature)" when SN and GN are absent', identity: commonNameOnly('Hans Müller (Signature)'), expected: { firstName: 'Hans', lastName: 'Muller' } },
    { rule: 'a CN with further given names', identity: commonNameOnly('Hans Peter Müller'), expected: { firstName: 'Hans', lastName: 'Müller' } },
  ])('accepts $rule', ({ identity, expected }) => {
    expect(namesExpectedSigner(identity, expected)).toBe(true);
  });

  it.each([
    { rule: 'another surname', identity: eid('Elif', 'Şahinler'), expected: { firstName: 'Elif', lastName: 'Şahin' } },
    { rule: 'another first name', identity: eid('Ayşe', 'Şahin'), expected: { firstName: 'Elif', lastName: 'Şahin' } },
    { rule: 'the first name only as a later given name', identity: eid('Pieter Jan', 'Peeters'), expected: { firstName: 'Jan', lastName: 'Peeters' } },
    { rule: 'a first name that only starts the given name', identity: eid('Janine', 'Peeters'), expected: { firstName: 'Jan', lastName: 'Peeters' } },
    { rule: 'a CN naming another person', identity: commonNameOnly('Hans Peeters (Signature)'), expected: { firstName: 'Hans', lastName: 'Müller' } },
    { rule: 'a certificate naming nobody', identity: { subject: '', issuer: '' }, expected: { firstName: 'Hans', lastName: 'Müller' } },
    { rule: 'an empty expected name', identity: eid('Hans', 'Müller'), expected: { firstName: ' ', lastName: 'Müller' } },
  ])('refuses $rule', ({ identity, expected }) => {
    expect(namesExpectedSigner(identity, expected)).toBe(false);
  });
});

describe('certificateIdentity: what the verdict records of a signer certificate (R8)', () => {
  let root: TestKeyHolder;
  beforeAll(async () => {
    root = await createTestRoot({ name: 'Identity Test Root', algorithm: 'ECDSA-P256-SHA256' });
  });

  it("writes the subject in RFC 4514 order without the national register number, which it keeps apart", async () => {
    const signer = await issueTestSigner(root, { algorithm: 'ECDSA-P256-SHA256', subject: { givenName: 'Jan Pieter', surname: 'Peeters', serialNumber: '85073003328' } });

    expect(certificateIdentity(signer.certificate)).toEqual({
      subject: 'GN=Jan Pieter, SN=Peeters, CN=Jan Pieter Peeters (Signature), C=BE',
      issuer: 'CN=Identity Test Root, O=Portal Access Signature Tests, C=BE',
      givenName: 'Jan Pieter',
      surname: 'Peeters',
      commonName: 'Jan Pieter Peeters (Signature)',
      nationalRegisterNumber: '85073003328',
    });
  });

  it('reads the national register number from an ETSI semantics identifier (PNOBE-)', async () => {
    const signer = await issueTestSigner(root, { algorithm: 'ECDSA-P256-SHA256', subject: { givenName: 'Jan', surname: 'Peeters', serialNumber: 'PNOBE-85073003328' } });
    expect(certificateIdentity(signer.certificate).nationalRegisterNumber).toBe('85073003328');
  });

  it('records no national register number for a serialNumber that is not one', async () => {
    const signer = await issueTestSigner(root, { algorithm: 'ECDSA-P256-SHA256', subject: { givenName: 'Jan', surname: 'Peeters', serialNumber: 'IDCBE-B12345678' } });
    expect(certificateIdentity(signer.certificate).nationalRegisterNumber).toBeUndefined();
  });

  it('escapes the characters RFC 4514 reserves', async () => {
    const signer = await issueTestSigner(root, { algorithm: 'ECDSA-P256-SHA256', subject: { commonName: 'Peeters, Jan + "Co" <BV>;' } });
    expect(certificateIdentity(signer.certificate).subject).toBe('CN=Peeters\\, Jan \\+ \\"Co\\" \\<BV\\>\\;, C=BE');
  });
});
