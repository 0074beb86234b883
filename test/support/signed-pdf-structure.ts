/**
 * Reads back what a signer wrote into a PDF, for tests of the signer: the signature fields
 * with their `/ByteRange` and `/Contents`, and each cross-reference section followed from the
 * last `startxref` through `/Prev`. pdf-lib parses objects; the sections are read here, since
 * pdf-lib ignores them (it reads a file object by object).
 */
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';

export interface SignatureField {
  readonly name: string;
  readonly fieldRef: PDFRef;
  readonly field: PDFDict;
  readonly signature: PDFDict;
  readonly byteRange: readonly number[];
  /** The `/Contents` bytes, zero padding included. */
  readonly contents: Uint8Array;
}

/** The signature fields of `/AcroForm /Fields`, in their order. */
export async function signatureFieldsOf(pdf: Uint8Array): Promise<SignatureField[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray)?.asArray() ?? [];
  const signatures: SignatureField[] = [];
  for (const fieldRef of fields) {
    const field = doc.context.lookup(fieldRef, PDFDict);
    if (field.get(PDFName.of('FT')) !== PDFName.of('Sig') || !(fieldRef instanceof PDFRef)) continue;
    const signature = field.lookup(PDFName.of('V'), PDFDict);
    const byteRange = signature
      .lookup(PDFName.of('ByteRange'), PDFArray)
      .asArray()
      .map((entry) => (entry as PDFNumber).asNumber());
    const title = field.get(PDFName.of('T'));
    signatures.push({
      name: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
      fieldRef,
      field,
      signature,
      byteRange,
      contents: signature.lookup(PDFName.of('Contents'), PDFHexString).asBytes(),
    });
  }
  return signatures;
}

/** The bytes a `/ByteRange` covers, concatenated. */
export function signedBytesOf(pdf: Uint8Array, byteRange: readonly number[]): Uint8Array {
  const [start = 0, firstLength = 0, secondStart = 0, secondLength = 0] = byteRange;
  const first = pdf.subarray(start, start + firstLength);
  const bytes = new Uint8Array(firstLength + secondLength);
  bytes.set(first);
  bytes.set(pdf.subarray(secondStart, secondStart + secondLength), first.length);
  return bytes;
}

/** The CMS SignedData in a signature's `/Contents` (the zero padding after it ignored). */
export function signedDataOf(contents: Uint8Array): SignedData {
  const parsed = asn1js.fromBER(contents);
  if (parsed.offset === -1) throw new Error('The /Contents hold no BER');
  const contentInfo = new ContentInfo({ schema: parsed.result });
  return new SignedData({ schema: contentInfo.content });
}

export interface CrossReferenceEntry {
  readonly objectNumber: number;
  readonly generation: number;
  /** Byte offset of an object in use; undefined for a free or compressed entry. */
  readonly offset?: number;
}

export interface CrossReferenceSection {
  /** Its `startxref`. */
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  readonly entries: readonly CrossReferenceEntry[];
  readonly trailer: PDFDict;
  readonly prev?: number;
}

const text = (pdf: Uint8Array, from: number, length: number): string => Buffer.from(pdf.subarray(from, from + length)).toString('latin1');

/** One cross-reference section, read at `offset`. */
export async function crossReferenceSectionAt(pdf: Uint8Array, offset: number): Promise<CrossReferenceSection> {
  const { context } = await PDFDocument.create();
  const head = text(pdf, offset, 40);
  if (head.startsWith('xref')) {
    const trailerAt = Buffer.from(pdf).indexOf('trailer', offset);
    const lines = text(pdf, offset, trailerAt - offset).split(/\r\n|\r|\n/).slice(1);
    const entries: CrossReferenceEntry[] = [];
    for (let index = 0; index < lines.length; ) {
      const [first, count] = (lines[index] ?? '').trim().split(/\s+/).map(Number);
      if (first === undefined || count === undefined || Number.isNaN(first)) break;
      for (let entry = 0; entry < count; entry += 1) {
        const [entryOffset, generation, use] = (lines[index + 1 + entry] ?? '').trim().split(/\s+/);
        entries.push({ objectNumber: first + entry, generation: Number(generation), ...(use === 'n' ? { offset: Number(entryOffset) } : {}) });
      }
      index += 1 + count;
    }
    const trailer = PDFObjectParser.forBytes(pdf.subarray(trailerAt + 'trailer'.length), context).parseObject() as PDFDict;
    return { offset, kind: 'table', entries, trailer, ...prevOf(trailer) };
  }
  const header = /^\d+\s+\d+\s+obj/.exec(head)?.[0] ?? '';
  const stream = PDFObjectParser.forBytes(pdf.subarray(offset + header.length), context).parseObject() as PDFRawStream;
  const widths = stream.dict.lookup(PDFName.of('W'), PDFArray).asArray().map((width) => (width as PDFNumber).asNumber());
  const index = stream.dict.lookup(PDFName.of('Index'), PDFArray).asArray().map((value) => (value as PDFNumber).asNumber());
  const data = decodePDFRawStream(stream).decode();
  const entries: CrossReferenceEntry[] = [];
  let at = 0;
  const field = (width: number): number => {
    let value = 0;
    for (let byte = 0; byte < width; byte += 1) value = value * 256 + (data[at++] ?? 0);
    return value;
  };
  for (let pair = 0; pair < index.length; pair += 2) {
    const [first = 0, count = 0] = [index[pair], index[pair + 1]];
    for (let entry = 0; entry < count; entry += 1) {
      const [type, second, third] = widths.map(field);
      entries.push({ objectNumber: first + entry, generation: type === 1 ? (third ?? 0) : 0, ...(type === 1 ? { offset: second ?? 0 } : {}) });
    }
  }
  return { offset, kind: 'stream', entries, trailer: stream.dict, ...prevOf(stream.dict) };
}

function prevOf(trailer: PDFDict): { prev?: number } {
  const prev = trailer.get(PDFName.of('Prev'));
  return prev instanceof PDFNumber ? { prev: prev.asNumber() } : {};
}

/** The offset the file's final `startxref` gives. */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = text(pdf, Math.max(0, pdf.length - 1024), 1024);
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match?.[1]) throw new Error('No startxref at the end of the file');
  return Number(match[1]);
}

/** Whether the object `entry` names starts at its offset (`N G obj`). */
export function entryPointsAtItsObject(pdf: Uint8Array, entry: CrossReferenceEntry): boolean {
  return entry.offset !== undefined && text(pdf, entry.offset, 32).startsWith(`${entry.objectNumber} ${entry.generation} obj`);
}
