/**
 * PDFs written byte by byte, for tests that need syntax a PDF library would never write (a name
 * spelt with `#xx` escapes, a script in an unexpected place): a small classic-xref document, and
 * incremental updates appended to any PDF whose last trailer is classic.
 */

const PAGE_CONTENT = 'BT /F1 12 Tf 72 720 Td (Portal access request) Tj ET';

/**
 * A one-page PDF (catalog 1, pages 2, page 3, content 4, font 5) plus `extraObjects` from object
 * 6 on; `catalogExtra` is written into the catalog (`/OpenAction 6 0 R`).
 */
export function rawPdf(options: { readonly extraObjects?: readonly string[]; readonly catalogExtra?: string; readonly pageContent?: string } = {}): Uint8Array {
  const content = options.pageContent ?? PAGE_CONTENT;
  const bodies = [
    `<< /Type /Catalog /Pages 2 0 R ${options.catalogExtra ?? ''}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(options.extraObjects ?? []),
  ];
  let text = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1Bytes(text);
}

/**
 * `pdf` with an incremental update (ISO 32000-1 §7.5.6) adding `objectBodies` as new objects
 * after the last one; answers the bytes and the new objects' numbers. The update ends with
 * `%%EOF` and an end of line.
 */
export function appendIncrementalUpdate(pdf: Uint8Array, objectBodies: readonly string[]): { bytes: Uint8Array; objectNumbers: number[] } {
  const previous = latin1Text(pdf);
  const trailer = lastTrailer(previous);
  let text = previous.endsWith('\n') ? '' : '\n';
  const offsets: number[] = [];
  const objectNumbers = objectBodies.map((_, i) => trailer.size + i);
  objectBodies.forEach((body, i) => {
    offsets.push(pdf.byteLength + text.length);
    text += `${objectNumbers[i]} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.byteLength + text.length;
  text += `xref\n0 1\n0000000000 65535 f \n${trailer.size} ${objectBodies.length}\n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${trailer.size + objectBodies.length} /Root ${trailer.root} /Prev ${trailer.startxref} >>\nstartxref\n${xref}\n%%EOF\n`;
  return { bytes: concat(pdf, latin1Bytes(text)), objectNumbers };
}

function lastTrailer(text: string): { size: number; root: string; startxref: number } {
  const trailerAt = text.lastIndexOf('trailer');
  const startxrefAt = text.lastIndexOf('startxref');
  const dictionary = text.slice(trailerAt, startxrefAt);
  const size = /\/Size\s+(\d+)/.exec(dictionary)?.[1];
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dictionary)?.[1];
  const startxref = /startxref\s+(\d+)/.exec(text.slice(startxrefAt))?.[1];
  if (trailerAt === -1 || !size || !root || !startxref) throw new Error('The PDF has no classic trailer to update');
  return { size: Number(size), root, startxref: Number(startxref) };
}

export function latin1Text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

export function latin1Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat(parts));
}
