import { beforeAll, describe, expect, it } from 'vitest';
import { byteRangeFlaw, findPdfSignatureFields, findRevisionEnds, parsePdfDate, type PdfSignatureField } from '../../../functions/signatures/pdf-signature-fields.js';
import { appendIncrementalUpdate, latin1Bytes, latin1Text, rawPdf } from './support/raw-pdf.js';
import { createTestEidHierarchy, issueEidCertificate, SIGNERS } from './support/signature-fixtures.js';
import { pdfDate, signPdfForTest, timestampPdfForTest } from './support/sign-pdf-for-test.js';

const SIGNED_AT = new Date('2026-11-21T10:15:00Z');

describe('findPdfSignatureFields finds where each signature sits in the bytes (R8)', () => {
  let once: Uint8Array;
  let twice: Uint8Array;
  let stamped: Uint8Array;
  beforeAll(async () => {
    const eid = await createTestEidHierarchy('ECDSA-P256-SHA256');
    const signer = await issueEidCertificate(eid, SIGNERS.hans);
    once = await signPdfForTest(rawPdf(), { signer, subFilter: 'adbe.pkcs7.detached', dictionaryDate: SIGNED_AT, contentsBytes: 4096 });
    twice = await signPdfForTest(once, { signer, contentsBytes: 4096 });
    stamped = await timestampPdfForTest(twice, eid.citizenCa);
  });

  it("reads a signature's /ByteRange, /Contents offsets, /Type, /SubFilter, /M and revision", () => {
    const [field] = findPdfSignatureFields(once, 20);
    const text = latin1Text(once);
    const contentsStart = text.indexOf('/Contents <') + '/Contents '.length;

    expect(field).toMatchObject({
      type: 'Sig',
      subFilter: 'adbe.pkcs7.detached',
      byteRange: [0, contentsStart, contentsStart + 2 + 8192, once.byteLength - contentsStart - 2 - 8192],
      signedAt: pdfDate(SIGNED_AT),
      revision: { markerEnd: once.byteLength - 1, end: once.byteLength },
    });
    expect(field?.contents).toMatchObject({ start: contentsStart, end: contentsStart + 2 + 8192 });
    expect(field?.contents?.hex).toMatch(/^30/);
    expect(text.slice(field?.dictionaryStart, field?.dictionaryEnd)).toMatch(/^<< \/Type \/Sig .* >>$/s);
  });

  it('finds every signature of a twice-signed, timestamped PDF, each in its own revision', () => {
    const fields = findPdfSignatureFields(stamped, 20);

    expect(fields.map((field) => field.type)).toEqual(['Sig', 'Sig', 'DocTimeStamp']);
    expect(fields.map((field) => field.revision?.end)).toEqual([once.byteLength, twice.byteLength, stamped.byteLength]);
    expect(fields.every((field) => byteRangeFlaw(field, stamped.byteLength) === undefined)).toBe(true);
  });

  it('stops after one more than the most it is asked for', () => {
    expect(findPdfSignatureFields(stamped, 1)).toHaveLength(2);
  });

  it('does not take "/ByteRange" written in a string, a comment or a page for a signature', () => {
    const pdf = rawPdf({
      extraObjects: ['<< /Title (/ByteRange [0 1 2 3] /Contents <00>) >>'],
      pageContent: 'BT /F1 12 Tf (x) Tj ET % /ByteRange [0 1 2 3]',
      catalogExtra: '/Lang (en) %/ByteRange [0 1 2 3] /Contents <00>\n',
    });
    expect(findPdfSignatureFields(pdf, 20)).toEqual([]);
  });

  it('finds a signature dictionary nested in a field dictionary (/V << ... >>)', () => {
    const pdf = appendIncrementalUpdate(rawPdf(), ['<< /FT /Sig /T (Signature1) /V << /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <3000> >> >>']).bytes;
    expect(findPdfSignatureFields(pdf, 20)).toMatchObject([{ type: 'Sig', byteRange: [0, 10, 20, 30], contents: { hex: '3000' } }]);
  });

  it('does not read a dictionary that writes /ByteRange twice: which one a reader takes is open', () => {
    const pdf = appendIncrementalUpdate(rawPdf(), ['<< /Type /Sig /ByteRange [0 10 20 30] /Contents <3000> /ByteRange [0 1 2 3] >>']).bytes;
    expect(findPdfSignatureFields(pdf, 20)).toEqual([]);
  });
});

describe('byteRangeFlaw says what is wrong with a /ByteRange (R8)', () => {
  const field = (overrides: Partial<PdfSignatureField>): PdfSignatureField => ({
    dictionaryStart: 100,
    dictionaryEnd: 400,
    byteRange: [0, 200, 300, 150],
    contents: { start: 200, end: 300, hex: '30' },
    revision: { markerEnd: 449, end: 450 },
    ...overrides,
  });

  it('finds nothing wrong with a range that covers its revision but the /Contents', () => {
    expect(byteRangeFlaw(field({}), 450)).toBeUndefined();
  });

  it('accepts a range that ends after %%EOF without the end of line', () => {
    expect(byteRangeFlaw(field({ byteRange: [0, 200, 300, 149] }), 450)).toBeUndefined();
  });

  it.each([
    { trick: 'not four numbers', byteRange: [0, 200, 300], flaw: 'not four non-negative integers' },
    { trick: 'a negative length', byteRange: [0, 200, 300, -1], flaw: 'not four non-negative integers' },
    { trick: 'not starting at 0', byteRange: [1, 199, 300, 150], flaw: 'does not start at 0' },
    { trick: 'a gap wider than /Contents', byteRange: [0, 199, 300, 150], flaw: 'not exactly the /Contents' },
    { trick: 'a gap narrower than /Contents', byteRange: [0, 200, 299, 151], flaw: 'not exactly the /Contents' },
    { trick: 'stopping before the end of the revision', byteRange: [0, 200, 300, 100], flaw: 'does not cover the whole revision' },
    { trick: 'running into the next revision', byteRange: [0, 200, 300, 160], flaw: 'does not cover the whole revision' },
    { trick: 'reaching beyond the file', byteRange: [0, 200, 300, 500], flaw: 'beyond the end of the file' },
  ])('refuses a /ByteRange $trick', ({ byteRange, flaw }) => {
    expect(byteRangeFlaw(field({ byteRange }), 470)).toContain(flaw);
  });

  it('refuses a signature no %%EOF follows', () => {
    expect(byteRangeFlaw(field({ revision: undefined }), 450)).toContain('no %%EOF');
  });
});

describe('findRevisionEnds', () => {
  it('ends each revision after its %%EOF line, whatever its end of line', () => {
    const pdf = latin1Bytes('%PDF-1.7\n%%EOF\r\nupdate\n%%EOF\rmore\n%%EOF');
    expect(findRevisionEnds(pdf)).toEqual([
      { markerEnd: 14, end: 16 },
      { markerEnd: 28, end: 29 },
      { markerEnd: 39, end: 39 },
    ]);
  });
});

describe('parsePdfDate', () => {
  it.each([
    { text: "D:20261120093000+01'00'", iso: '2026-11-20T08:30:00.000Z' },
    { text: "D:20261120093000-05'30", iso: '2026-11-20T15:00:00.000Z' },
    { text: 'D:20261120093000Z', iso: '2026-11-20T09:30:00.000Z' },
    { text: 'D:202611', iso: '2026-11-01T00:00:00.000Z' },
  ])('reads $text as $iso', ({ text, iso }) => {
    expect(parsePdfDate(text)?.toISOString()).toBe(iso);
  });

  it('answers undefined for what is not a PDF date', () => {
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});
