import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { findActiveContent } from '../../../functions/signatures/active-content.js';
import { latin1Text, rawPdf } from './support/raw-pdf.js';
import { formToSign } from '../../fixtures/pdf-signers.js';

/** A pdf-lib document whose catalog opens with a JavaScript action, saved with its objects packed in compressed object streams. */
async function scriptInObjectStream(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage();
  const action = document.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  document.catalog.set(PDFName.of('OpenAction'), document.context.register(action));
  return document.save({ useObjectStreams: true });
}

describe('findActiveContent finds what would run or hide inside a PDF (R3, R8)', () => {
  it('finds nothing in the generated form', async () => {
    expect(findActiveContent(await formToSign())).toBeUndefined();
  });

  it('finds nothing in bytes that are not a PDF', () => {
    expect(findActiveContent(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
  });

  it.each([
    { kind: 'an /OpenAction running JavaScript', catalogExtra: '/OpenAction 6 0 R', objects: ['<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>'], found: '/JavaScript' },
    { kind: 'JavaScript named with #xx escapes (/Java#53cript, /J#53)', catalogExtra: '/OpenAction 6 0 R', objects: ['<< /S /Java#53cript /J#53 (app.alert\\(1\\)) >>'], found: '/JavaScript' },
    { kind: 'a /JS script in an annotation\'s additional actions (/AA)', objects: ['<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /AA << /K << /JS (this.print\\(\\)) >> >> >>'], found: '/JS' },
    { kind: 'a /Launch action starting a program', catalogExtra: '/OpenAction 6 0 R', objects: ['<< /Type /Action /S /Launch /F (calc.exe) >>'], found: '/Launch' },
    { kind: 'a form that submits its data', objects: ['<< /Type /Action /S /SubmitForm /F (https://example.com/collect) >>'], found: '/SubmitForm' },
    { kind: 'a form that imports data', objects: ['<< /Type /Action /S /ImportData /F (data.fdf) >>'], found: '/ImportData' },
    {
      kind: 'an embedded file in the /EmbeddedFiles name tree',
      catalogExtra: '/Names << /EmbeddedFiles << /Names [(invoice.exe) 6 0 R] >> >>',
      objects: ['<< /Type /Filespec /F (invoice.exe) /EF << /F 7 0 R >> >>', '<< /Length 2 >>\nstream\nMZ\nendstream'],
      found: '/EmbeddedFiles',
    },
    { kind: 'rich media (Flash, video)', objects: ['<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>'], found: '/RichMedia' },
    { kind: 'an XFA form, which carries its own scripts', catalogExtra: '/AcroForm << /Fields [] /XFA 6 0 R >>', objects: ['<< /Length 0 >>\nstream\n\nendstream'], found: '/XFA' },
  ])('finds $kind', ({ catalogExtra, objects, found }) => {
    expect(findActiveContent(rawPdf({ extraObjects: objects, ...(catalogExtra ? { catalogExtra } : {}) }))).toContain(found);
  });

  it('finds JavaScript packed in a compressed object stream, invisible in the raw bytes', async () => {
    const pdf = await scriptInObjectStream();
    expect(latin1Text(pdf)).not.toContain('JavaScript');
    expect(findActiveContent(pdf)).toMatch(/^\/JavaScript in object \d+ 0 \(packed in object \d+ 0\)$/);
  });

  it('finds a file attached with pdf-lib', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    await document.attach(new TextEncoder().encode('MZ'), 'tool.exe', { mimeType: 'application/octet-stream' });
    expect(findActiveContent(await document.save({ useObjectStreams: false }))).toMatch(/\/(EmbeddedFiles|EmbeddedFile|EF)\b/);
  });

  it("finds a script in an object pdf-lib's parser cannot read, by the raw bytes", () => {
    const pdf = rawPdf({ extraObjects: ['<< /S /JavaScript /JS (an unterminated string >>'] });
    expect(findActiveContent(pdf)).toMatch(/^\/JavaScript at byte \d+$/);
  });

  it('refuses to vouch for an object stream it cannot unpack', () => {
    const pdf = rawPdf({ extraObjects: ['<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 5 >>\nstream\nxxxxx\nendstream'] });
    expect(findActiveContent(pdf)).toContain('an object stream that cannot be read');
  });

  it('does not take the words of a page (stream data) for active content', () => {
    const pdf = rawPdf({ pageContent: 'q /JS gs Q BT /F1 12 Tf (/JavaScript /Launch /EmbeddedFile) Tj ET' });
    expect(findActiveContent(pdf)).toBeUndefined();
  });
});
