/**
 * An incremental update (ISO 32000-1 §7.5.6): new versions of some objects appended after the
 * file's last byte, with a cross-reference section of their own that points back (`/Prev`) to
 * the one before. The bytes before the update are never touched, so every signature made over
 * them stays valid. pdf-lib parses the file and serialises single objects; the layout of the
 * update (object headers, cross-reference section, trailer) is written here, because pdf-lib's
 * own writer rewrites the whole file.
 */
import {
  PDFArray,
  PDFContext,
  PDFCrossRefSection,
  PDFCrossRefStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFTrailerDict,
} from 'pdf-lib';
import { ProductError } from '../errors/product-error.js';

/** Why a PDF cannot take an incremental update. */
export type UnsignableReason =
  | 'not_pdf'
  | 'encrypted'
  | 'broken_cross_reference'
  | 'no_page'
  | 'no_changes_permitted'
  | 'field_name_taken'
  | 'contents_too_small';

/** The PDF cannot be signed as it is: the reason says why, the message explains it in English. */
export class PdfNotSignable extends ProductError<{ reason: UnsignableReason }> {
  override readonly name = 'PdfNotSignable';

  constructor(
    readonly reason: UnsignableReason,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, { reason }, options);
  }
}

/** The file's last cross-reference section, which the update's `/Prev` points to. */
export interface LastCrossReference {
  /** Byte offset of the section (its `startxref`). */
  readonly offset: number;
  /** A classic `xref` table with its trailer, or a cross-reference stream (PDF 1.5): the update keeps the kind. */
  readonly kind: 'table' | 'stream';
  /** The trailer (or the stream's dictionary): `/Size`, `/Root`, `/Info`, `/ID`. */
  readonly trailer: PDFDict;
  /** The first object number free for new objects. */
  readonly nextObjectNumber: number;
  /** The trailer's `/Root`: the document catalog. */
  readonly catalogRef: PDFRef;
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const isWhiteSpace = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;

/**
 * Finds and reads the last cross-reference section through the file's final `startxref`.
 * pdf-lib reads a file without its cross-references, so a wrong `startxref` would go unnoticed
 * until a reader follows the update's `/Prev`: it is checked here.
 * @throws PdfNotSignable `broken_cross_reference` when `startxref` leads to no section, `encrypted` for an encrypted file
 */
export function readLastCrossReference(pdf: Uint8Array, context: PDFContext): LastCrossReference {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const keyword = bytes.lastIndexOf('startxref');
  const broken = (why: string): PdfNotSignable => new PdfNotSignable('broken_cross_reference', `The PDF's last cross-reference section cannot be found: ${why}`);
  if (keyword < 0) throw broken('no startxref');
  const offsetText = /^\s*(\d+)/.exec(bytes.subarray(keyword + 'startxref'.length, keyword + 'startxref'.length + 32).toString('latin1'));
  if (!offsetText?.[1]) throw broken('startxref gives no offset');
  const offset = Number(offsetText[1]);
  if (offset >= keyword) throw broken(`startxref ${offset} is past its own position`);

  let trailer: PDFDict;
  let kind: LastCrossReference['kind'];
  const section = bytes.subarray(offset, Math.min(offset + 64, bytes.length)).toString('latin1');
  const streamHeader = /^(\d+)\s+(\d+)\s+obj\b/.exec(section);
  if (section.startsWith('xref') && isWhiteSpace(bytes[offset + 4])) {
    kind = 'table';
    const trailerAt = bytes.indexOf('trailer', offset);
    if (trailerAt < 0 || trailerAt > keyword) throw broken(`the table at ${offset} has no trailer`);
    const parsed = parseObjectAt(pdf, trailerAt + 'trailer'.length, context);
    if (!(parsed instanceof PDFDict)) throw broken(`the trailer at ${trailerAt} is not a dictionary`);
    trailer = parsed;
  } else if (streamHeader?.[0]) {
    kind = 'stream';
    const parsed = parseObjectAt(pdf, offset + streamHeader[0].length, context);
    if (!(parsed instanceof PDFStream) || parsed.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) throw broken(`object ${streamHeader[1]} at ${offset} is not a cross-reference stream`);
    trailer = parsed.dict;
  } else {
    throw broken(`startxref ${offset} points at neither "xref" nor a cross-reference stream`);
  }

  if (trailer.has(PDFName.of('Encrypt'))) throw new PdfNotSignable('encrypted', 'The PDF is encrypted; only unencrypted PDFs are signed');
  const size = trailer.get(PDFName.of('Size'));
  const catalogRef = trailer.get(PDFName.of('Root'));
  if (!(size instanceof PDFNumber) || !(catalogRef instanceof PDFRef)) throw broken('the trailer has no /Size or /Root');
  return { offset, kind, trailer, catalogRef, nextObjectNumber: Math.max(size.asNumber(), context.largestObjectNumber + 1) };
}

function parseObjectAt(pdf: Uint8Array, position: number, context: PDFContext): PDFObject {
  try {
    return PDFObjectParser.forBytes(pdf.subarray(position), context).parseObject();
  } catch (error) {
    throw new PdfNotSignable('broken_cross_reference', `The PDF's last trailer at ${position} cannot be parsed`, { cause: error });
  }
}

/** What pdf-lib can write: its objects, and its cross-reference section and trailer parts. */
interface Serialisable {
  sizeInBytes(): number;
  copyBytesInto(buffer: Uint8Array, offset: number): number;
}

/** One object of the update: a new object, or the new version of an existing one (same number and generation). */
export interface UpdatedObject {
  readonly ref: PDFRef;
  readonly object: PDFDict | PDFArray;
}

export interface WrittenUpdate {
  /** The original bytes followed by the update. */
  readonly bytes: Uint8Array;
  /** Where each written object's value (after `N G obj\n`) starts in `bytes`, by `ref.tag`. */
  readonly valueOffsets: ReadonlyMap<string, number>;
}

/**
 * Appends `objects` to `pdf` as one incremental update, with a cross-reference section of the
 * same kind as `last` (a table, or a stream for a file whose last section is a stream).
 */
export function writeIncrementalUpdate(pdf: Uint8Array, last: LastCrossReference, objects: readonly UpdatedObject[], context: PDFContext): WrittenUpdate {
  const parts: Uint8Array[] = [pdf];
  let length = pdf.length;
  const append = (part: Uint8Array): void => {
    parts.push(part);
    length += part.length;
  };
  const serialised = (object: Serialisable): Uint8Array => {
    const buffer = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(buffer, 0);
    return buffer;
  };

  // An update starts on a line of its own, even after a file that ends right after %%EOF.
  const lastByte = pdf[pdf.length - 1];
  if (lastByte !== 0x0a && lastByte !== 0x0d) append(ascii('\n'));

  const sorted = [...objects].sort((left, right) => left.ref.objectNumber - right.ref.objectNumber);
  const objectOffsets = new Map<PDFRef, number>();
  const valueOffsets = new Map<string, number>();
  const writeObject = (ref: PDFRef, object: PDFObject): void => {
    objectOffsets.set(ref, length);
    const header = ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    append(header);
    valueOffsets.set(ref.tag, length);
    append(serialised(object));
    append(ascii('\nendobj\n'));
  };
  for (const { ref, object } of sorted) writeObject(ref, object);

  const highest = sorted.reduce((max, { ref }) => Math.max(max, ref.objectNumber), 0);
  const trailerEntries = (size: number): PDFDict => {
    const dict = PDFDict.withContext(context);
    dict.set(PDFName.of('Size'), PDFNumber.of(size));
    for (const key of ['Root', 'Info', 'ID']) {
      const value = last.trailer.get(PDFName.of(key));
      if (value) dict.set(PDFName.of(key), value);
    }
    dict.set(PDFName.of('Prev'), PDFNumber.of(last.offset));
    return dict;
  };

  const sectionOffset = length;
  if (last.kind === 'table') {
    const section = PDFCrossRefSection.createEmpty();
    for (const { ref } of sorted) section.addEntry(ref, objectOffsets.get(ref) ?? 0);
    append(serialised(section));
    append(ascii('\n'));
    append(serialised(PDFTrailerDict.of(trailerEntries(Math.max(last.nextObjectNumber, highest + 1)))));
    append(ascii('\n'));
  } else {
    // The stream lists itself too, so it takes the next free number.
    const streamRef = PDFRef.of(Math.max(last.nextObjectNumber, highest + 1));
    const stream = PDFCrossRefStream.create(trailerEntries(streamRef.objectNumber + 1), true);
    for (const { ref } of sorted) stream.addUncompressedEntry(ref, objectOffsets.get(ref) ?? 0);
    stream.addUncompressedEntry(streamRef, sectionOffset);
    writeObject(streamRef, stream);
  }
  append(serialised(PDFTrailer.forLastCrossRefSectionOffset(sectionOffset)));
  append(ascii('\n'));

  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, valueOffsets };
}
