import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { Attribute, Certificate, SignedData } from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature, PdfNotSignable, type AddPdfSignatureOptions } from '../../../functions/signatures/add-pdf-signature.js';
import { PDF_SIGNING_ALGORITHMS, type PdfSigningAlgorithm } from '../../../functions/signatures/pdf-signing-key.js';
import { SUB_FILTERS } from '../../../functions/signatures/signature-verdict.js';
import { createTestIntermediate, createTestRoot, type TestAuthority } from '../../../local/signing/test-pki.js';
import { createTestSigner, EID_HOLDERS, formToSign, type TestSigner } from '../../fixtures/pdf-signers.js';
import {
  crossReferenceSectionAt,
  entryPointsAtItsObject,
  lastStartXref,
  signatureFieldsOf,
  signedBytesOf,
  signedDataOf,
  type SignatureField,
} from '../../support/signed-pdf-structure.js';

const SIGNING_TIME = new Date('2026-11-21T10:15:30Z');
const PADES: AddPdfSignatureOptions = { subFilter: 'ETSI.CAdES.detached', signingTime: SIGNING_TIME };

const OID = {
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
};

const SIGNATURE_ALGORITHM_OIDS: Record<PdfSigningAlgorithm, string> = {
  'RSA-PKCS1-SHA256': '1.2.840.113549.1.1.1',
  'RSA-PSS-SHA256': '1.2.840.113549.1.1.10',
  'ECDSA-P256-SHA256': '1.2.840.10045.4.3.2',
  'ECDSA-P384-SHA384': '1.2.840.10045.4.3.3',
};

let root: TestAuthority;
let citizenCa: TestAuthority;
let signers: Record<PdfSigningAlgorithm, TestSigner>;
let form: Uint8Array;

beforeAll(async () => {
  root = await createTestRoot({ name: 'Test Belgium Root CA', algorithm: 'ECDSA-P384-SHA384' });
  citizenCa = await createTestIntermediate(root, { name: 'Test Citizen CA', algorithm: 'RSA-PKCS1-SHA256' });
  const made = await Promise.all(PDF_SIGNING_ALGORITHMS.map(async (algorithm) => [algorithm, await createTestSigner(citizenCa, algorithm, EID_HOLDERS.jan)] as const));
  signers = Object.fromEntries(made) as Record<PdfSigningAlgorithm, TestSigner>;
  form = await formToSign();
});

const ascii = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** The one signature field of a once-signed PDF, or the `index`th. */
async function signatureField(pdf: Uint8Array, index = 0): Promise<SignatureField> {
  const field = (await signatureFieldsOf(pdf))[index];
  if (!field) throw new Error(`No signature field ${index}`);
  return field;
}

/** pkijs' verdict on the signature over the bytes its /ByteRange covers. */
async function cmsVerifies(pdf: Uint8Array, field: SignatureField, data = signedBytesOf(pdf, field.byteRange)): Promise<boolean> {
  return signedDataOf(field.contents).verify({ signer: 0, data: data.slice().buffer as ArrayBuffer, checkChain: false });
}

function signedAttribute(signedData: SignedData, type: string): Attribute | undefined {
  return signedData.signerInfos[0]?.signedAttrs?.attributes.find((attribute) => attribute.type === type);
}

describe('addPdfSignature: the incremental update', () => {
  it('keeps the form byte for byte as the prefix of the signed PDF', async () => {
    const signed = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, PADES);

    expect(signed.length).toBeGreaterThan(form.length);
    expect(Buffer.from(signed.subarray(0, form.length)).equals(Buffer.from(form))).toBe(true);
  });

  it('covers the whole file with /ByteRange except the /Contents hex string, < and > included', async () => {
    const signed = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, PADES);

    const { byteRange } = await signatureField(signed);
    const [start, gapStart = 0, gapEnd = 0, lastLength = 0] = byteRange;
    const gap = ascii(signed.subarray(gapStart, gapEnd));
    expect(start).toBe(0);
    expect(gapEnd + lastLength).toBe(signed.length);
    expect(gap).toMatch(/^<[0-9A-F]+>$/);
    expect(gap.length).toBe(16_384 * 2 + 2);
    expect(ascii(signed.subarray(gapStart - '/Contents '.length, gapStart))).toBe('/Contents ');
  });

  it("writes a cross-reference table whose entries point at the update's objects and whose /Prev is the form's startxref", async () => {
    const signed = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, PADES);

    const update = await crossReferenceSectionAt(signed, lastStartXref(signed));
    const formSection = await crossReferenceSectionAt(form, lastStartXref(form));
    const inUse = update.entries.filter((entry) => entry.offset !== undefined);
    expect(update.kind).toBe('table');
    expect(update.prev).toBe(lastStartXref(form));
    expect(inUse.length).toBeGreaterThanOrEqual(4); // signature, field, page, catalog, form dictionary
    for (const entry of inUse) {
      expect(entry.offset, `object ${entry.objectNumber}`).toBeGreaterThan(form.length);
      expect(entryPointsAtItsObject(signed, entry), `object ${entry.objectNumber} at ${entry.offset}`).toBe(true);
    }
    for (const key of ['Root', 'Info', 'ID']) expect(update.trailer.get(PDFName.of(key))?.toString()).toBe(formSection.trailer.get(PDFName.of(key))?.toString());
    expect(update.trailer.lookup(PDFName.of('Size'), PDFNumber).asNumber()).toBe(Math.max(...inUse.map((entry) => entry.objectNumber)) + 1);
  });

  it('adds an invisible, locked signature widget on page 1, listed in its /Annots and in /AcroForm /Fields with /SigFlags 3', async () => {
    const signed = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, PADES);

    const doc = await PDFDocument.load(signed);
    const page = doc.getPage(0);
    const { field, fieldRef, signature, name } = await signatureField(signed);
    const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(name).toBe('Signature1');
    expect(page.node.Annots()?.asArray()).toContainEqual(fieldRef);
    expect(acroForm.lookup(PDFName.of('SigFlags'), PDFNumber).asNumber()).toBe(3);
    expect(field.get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
    expect(field.lookup(PDFName.of('Rect'), PDFArray).toString()).toBe('[ 0 0 0 0 ]');
    expect(field.lookup(PDFName.of('F'), PDFNumber).asNumber()).toBe(132);
    expect(field.get(PDFName.of('P'))).toBe(page.ref);
    expect(signature.get(PDFName.of('Type'))).toBe(PDFName.of('Sig'));
    expect(signature.get(PDFName.of('Filter'))).toBe(PDFName.of('Adobe.PPKLite'));
    expect(signature.get(PDFName.of('SubFilter'))).toBe(PDFName.of('ETSI.CAdES.detached'));
    expect(doc.getPageCount()).toBe((await PDFDocument.load(form)).getPageCount());
  });

  it('writes the signing time as /M and the reason as /Reason text', async () => {
    const signed = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, { ...PADES, reason: 'Akkoord – één aanvraag' });

    const { signature } = await signatureField(signed);
    expect(signature.lookup(PDFName.of('M'), PDFString).decodeDate().toISOString()).toBe(SIGNING_TIME.toISOString());
    expect(signature.lookup(PDFName.of('Reason'), PDFHexString).decodeText()).toBe('Akkoord – één aanvraag');
  });
});

describe('addPdfSignature: the CMS', () => {
  const cases = PDF_SIGNING_ALGORITHMS.flatMap((algorithm) => SUB_FILTERS.map((subFilter) => ({ algorithm, subFilter })));

  it.each(cases)('signs $algorithm / $subFilter so that pkijs verifies it over the byte ranges, and not over one changed byte', async ({ algorithm, subFilter }) => {
    const signed = await addPdfSignature(form, signers[algorithm].key, { subFilter, signingTime: SIGNING_TIME });

    const field = await signatureField(signed);
    const tampered = signedBytesOf(signed, field.byteRange);
    tampered[500] = (tampered[500] ?? 0) ^ 0x01;
    expect(await cmsVerifies(signed, field)).toBe(true);
    await expect(cmsVerifies(signed, field, tampered)).rejects.toThrow(/Message digest doesn't match/);
  });

  it.each(PDF_SIGNING_ALGORITHMS)('names %s as the signer info signature algorithm, with its digest algorithm', async (algorithm) => {
    const signed = await addPdfSignature(form, signers[algorithm].key, PADES);

    const signerInfo = signedDataOf((await signatureField(signed)).contents).signerInfos[0];
    expect(signerInfo?.signatureAlgorithm.algorithmId).toBe(SIGNATURE_ALGORITHM_OIDS[algorithm]);
    expect(signerInfo?.digestAlgorithm.algorithmId).toBe(algorithm === 'ECDSA-P384-SHA384' ? OID.sha384 : OID.sha256);
  });

  it('gives RSASSA-PSS its parameters: SHA-256, MGF1 with SHA-256, a 32-byte salt', async () => {
    const signed = await addPdfSignature(form, signers['RSA-PSS-SHA256'].key, PADES);

    const params = signedDataOf((await signatureField(signed)).contents).signerInfos[0]?.signatureAlgorithm.algorithmParams as asn1js.Sequence;
    const [hash, mgf, salt] = params.valueBlock.value as asn1js.Constructed[];
    const oidIn = (block: asn1js.AsnType | undefined): string => ((block as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
    expect(oidIn(hash?.valueBlock.value[0])).toBe(OID.sha256);
    expect(oidIn(mgf?.valueBlock.value[0])).toBe('1.2.840.113549.1.1.8');
    expect(oidIn((mgf?.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[1])).toBe(OID.sha256);
    expect((salt?.valueBlock.value[0] as asn1js.Integer).valueBlock.valueDec).toBe(32);
  });

  it('carries signing-time for adbe.pkcs7.detached only: PAdES takes the time from /M', async () => {
    const key = signers['ECDSA-P256-SHA256'].key;
    const adbe = signedDataOf((await signatureField(await addPdfSignature(form, key, { subFilter: 'adbe.pkcs7.detached', signingTime: SIGNING_TIME }))).contents);
    const pades = signedDataOf((await signatureField(await addPdfSignature(form, key, PADES))).contents);

    const time = signedAttribute(adbe, OID.signingTime)?.values[0] as asn1js.UTCTime | undefined;
    expect(time?.toDate().toISOString()).toBe(SIGNING_TIME.toISOString());
    expect(signedAttribute(pades, OID.signingTime)).toBeUndefined();
  });

  it.each(SUB_FILTERS)('names the signer certificate by its SHA-256, issuer and serial in signing-certificate-v2 (%s)', async (subFilter) => {
    const signer = signers['ECDSA-P384-SHA384'];
    const signed = await addPdfSignature(form, signer.key, { subFilter, signingTime: SIGNING_TIME });

    const signedData = signedDataOf((await signatureField(signed)).contents);
    const signingCertificate = signedAttribute(signedData, OID.signingCertificateV2)?.values[0] as asn1js.Sequence;
    const essCertId = (signingCertificate.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const [certHash, issuerSerial] = essCertId.valueBlock.value as [asn1js.OctetString, asn1js.Sequence];
    const serial = issuerSerial.valueBlock.value[1] as asn1js.Integer;
    const certificate = Certificate.fromBER(signer.certificate.der);
    expect(Buffer.from(certHash.valueBlock.valueHexView).toString('hex')).toBe(createHash('sha256').update(signer.certificate.der).digest('hex'));
    expect(serial.isEqual(certificate.serialNumber)).toBe(true);
  });

  it.each(PDF_SIGNING_ALGORITHMS)('names the %s signer in its signer info by the issuer exactly as its certificate encodes it, and its serial', async (algorithm) => {
    const signer = signers[algorithm];
    const signed = await addPdfSignature(form, signer.key, PADES);

    const sid = signedDataOf((await signatureField(signed)).contents).signerInfos[0]?.sid as { issuer: Certificate['issuer']; serialNumber: asn1js.Integer };
    const certificate = Certificate.fromBER(signer.certificate.der);
    expect(Buffer.from(sid.issuer.toSchema().toBER()).toString('hex')).toBe(Buffer.from(certificate.issuer.valueBeforeDecode).toString('hex'));
    expect(sid.serialNumber.isEqual(certificate.serialNumber)).toBe(true);
  });

  it('refuses a key whose certificate is not DER (a long length form X.509 forbids), before the key signs: carried re-encoded, its signature would break', async () => {
    const der = signers['ECDSA-P256-SHA256'].key.certificates[0] as Uint8Array;
    expect([der[0], der[1]]).toEqual([0x30, 0x82]);
    const ber = Buffer.concat([Buffer.from([0x30, 0x83, 0x00]), der.subarray(2)]);
    let signed = false;
    const key = { ...signers['ECDSA-P256-SHA256'].key, certificates: [ber], sign: async () => ((signed = true), new Uint8Array(64)) };

    await expect(addPdfSignature(form, key, PADES)).rejects.toThrow(/certificate 1 is not DER-encoded/);
    expect(signed).toBe(false);
  });

  it('carries the signer certificate and its intermediate, and no content (detached)', async () => {
    const signer = signers['RSA-PKCS1-SHA256'];
    const signed = await addPdfSignature(form, signer.key, PADES);

    const signedData = signedDataOf((await signatureField(signed)).contents);
    const carried = (signedData.certificates ?? []).map((certificate) => Buffer.from((certificate as Certificate).toSchema().toBER()).toString('hex'));
    expect(carried).toEqual([signer.certificate.der, citizenCa.der].map((der) => Buffer.from(der).toString('hex')));
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
  });
});

describe('addPdfSignature over an earlier signature', () => {
  it("keeps the first signature's revision and /ByteRange, lists both fields and widgets, and both verify", async () => {
    const francoise = await createTestSigner(citizenCa, 'ECDSA-P384-SHA384', EID_HOLDERS.francoise);
    const once = await addPdfSignature(form, signers['RSA-PKCS1-SHA256'].key, PADES);

    const twice = await addPdfSignature(once, francoise.key, { subFilter: 'adbe.pkcs7.detached', signingTime: new Date('2026-11-22T08:00:00Z') });

    const [first, second] = await signatureFieldsOf(twice);
    const firstAlone = await signatureField(once);
    const page = (await PDFDocument.load(twice)).getPage(0);
    const update = await crossReferenceSectionAt(twice, lastStartXref(twice));
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    expect([first?.name, second?.name]).toEqual(['Signature1', 'Signature2']);
    expect(first?.byteRange).toEqual(firstAlone.byteRange);
    expect(page.node.Annots()?.asArray()).toEqual(expect.arrayContaining([first?.fieldRef, second?.fieldRef]));
    expect(update.prev).toBe(lastStartXref(once));
    expect(second?.byteRange[3] && (second.byteRange[2] ?? 0) + second.byteRange[3]).toBe(twice.length);
    expect(first && (await cmsVerifies(twice, first))).toBe(true);
    expect(second && (await cmsVerifies(twice, second))).toBe(true);
  });
});

describe('addPdfSignature on other PDF structures', () => {
  it('writes the update of a PDF whose last cross-reference is a stream as a cross-reference stream', async () => {
    const streamed = await (await PDFDocument.load(form)).save({ useObjectStreams: true });

    const signed = await addPdfSignature(streamed, signers['ECDSA-P256-SHA256'].key, PADES);

    const update = await crossReferenceSectionAt(signed, lastStartXref(signed));
    const inUse = update.entries.filter((entry) => entry.offset !== undefined);
    expect(update.kind).toBe('stream');
    expect(update.prev).toBe(lastStartXref(streamed));
    expect(inUse.map((entry) => entryPointsAtItsObject(signed, entry))).toEqual(inUse.map(() => true));
    expect(Buffer.from(signed.subarray(0, streamed.length)).equals(Buffer.from(streamed))).toBe(true);
    expect(await cmsVerifies(signed, await signatureField(signed))).toBe(true);
  });

  it("keeps a form's other fields, and updates an /Annots array held as its own object and a form dictionary held in the catalog", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const existingField = doc.context.register(doc.context.obj({ FT: 'Tx', T: PDFString.of('clientRef'), Subtype: 'Widget', Rect: [0, 0, 10, 10], P: page.ref }));
    const annots = doc.context.register(doc.context.obj([existingField]));
    page.node.set(PDFName.of('Annots'), annots);
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [existingField] }));
    const unsigned = await doc.save({ useObjectStreams: false });

    const signed = await addPdfSignature(unsigned, signers['ECDSA-P256-SHA256'].key, PADES);

    const reloaded = await PDFDocument.load(signed);
    const fields = reloaded.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray).asArray();
    const [signature] = await signatureFieldsOf(signed);
    expect(fields).toEqual([existingField, signature?.fieldRef]);
    expect(reloaded.getPage(0).node.get(PDFName.of('Annots'))).toBe(annots);
    expect(reloaded.context.lookup(annots, PDFArray).asArray()).toEqual([existingField, signature?.fieldRef]);
    expect(signature && (await cmsVerifies(signed, signature))).toBe(true);
  });

  it('takes a given field name and a larger /Contents reserve', async () => {
    const signed = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, { ...PADES, fieldName: 'Requester', contentsBytes: 20_000 });

    const field = await signatureField(signed);
    expect(field.name).toBe('Requester');
    expect(field.contents.length).toBe(20_000);
  });
});

describe('addPdfSignature refuses', () => {
  const refusal = async (pdf: Uint8Array, options: AddPdfSignatureOptions = PADES): Promise<string | undefined> => {
    try {
      await addPdfSignature(pdf, signers['RSA-PKCS1-SHA256'].key, options);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(PdfNotSignable);
      return (error as PdfNotSignable).reason;
    }
  };

  it('bytes that are no PDF (not_pdf)', async () => {
    expect(await refusal(new TextEncoder().encode('<html>no pdf</html>'))).toBe('not_pdf');
  });

  it('a PDF whose startxref leads nowhere (broken_cross_reference)', async () => {
    const broken = Buffer.from(form);
    const at = broken.lastIndexOf('startxref') + 'startxref\n'.length;
    broken.write('1'.padEnd(String(lastStartXref(form)).length, ' '), at, 'latin1');

    expect(await refusal(broken)).toBe('broken_cross_reference');
  });

  it('a field name the PDF already has (field_name_taken)', async () => {
    const once = await addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, PADES);

    expect(await refusal(once, { ...PADES, fieldName: 'Signature1' })).toBe('field_name_taken');
  });

  it('a /Contents reserve the CMS does not fit in (contents_too_small)', async () => {
    expect(await refusal(form, { ...PADES, contentsBytes: 1024 })).toBe('contents_too_small');
  });

  it('a PDF certified with no changes permitted (DocMDP /P 1), and signs one that permits signing (/P 2)', async () => {
    const certified = async (permission: number): Promise<Uint8Array> => {
      const doc = await PDFDocument.create();
      doc.addPage();
      const transform = { Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { Type: 'TransformParams', P: permission, V: '1.2' } };
      const certification = doc.context.register(doc.context.obj({ Type: 'Sig', Reference: [transform] }));
      doc.catalog.set(PDFName.of('Perms'), doc.context.obj({ DocMDP: certification }));
      return doc.save({ useObjectStreams: false });
    };

    expect(await refusal(await certified(1))).toBe('no_changes_permitted');
    expect(await refusal(await certified(2))).toBeUndefined();
  });

  it('a field name that is no plain partial name', async () => {
    await expect(addPdfSignature(form, signers['ECDSA-P256-SHA256'].key, { ...PADES, fieldName: 'a.b' })).rejects.toThrow(RangeError);
  });
});
