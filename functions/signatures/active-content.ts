/**
 * Whether a PDF carries active content: scripts, launched programs, embedded files, rich media,
 * form submission or import (R3, R8). The product accepts a signed form or a scan only when it is
 * a plain document: what a reader sees must be what was signed, and opening the evidence must
 * not run anything.
 *
 * Two looks, so a trick that hides from one meets the other:
 * - every indirect object of every revision, read with pdf-lib's object parser, including those
 *   packed in compressed object streams, and with names decoded (`/Java#53cript` is
 *   `/JavaScript`);
 * - the raw bytes outside stream data, name by name, for what that parser could not read.
 */
import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, type PDFObject } from 'pdf-lib';

/**
 * What active content the PDF holds, in a few words for logs (`/JavaScript in object 12 0`), or
 * `undefined` for a plain document. Bytes that are not a PDF hold none.
 */
export function findActiveContent(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const objects = readIndirectObjects(bytes, text);
  return objects.found ?? findInRawNames(text, objects.streamData);
}

/**
 * The names that make a PDF active, as dictionary keys or as values (`/S /JavaScript`):
 * actions that run scripts, start programs, send or load form data (ISO 32000-1 §12.6.4),
 * embedded files and their file specifications' `/EF`, file attachments, rich media, and XFA
 * forms, which carry their own scripts.
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'SubmitForm',
  'ImportData',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'FileAttachment',
  'RichMedia',
  'XFA',
]);

/** An object stream may unpack to this much at most; more is refused rather than read. */
const MAX_OBJECT_STREAM_BYTES = 32 * 1024 * 1024;
const MAX_NESTING = 64;

interface ObjectsRead {
  readonly found?: string;
  /** Where stream data lies in the file, `[start, end)`: the raw look skips it (binary data, not syntax). */
  readonly streamData: ReadonlyArray<readonly [number, number]>;
}

/**
 * `N G obj`. Bounded digit runs, not preceded by a digit: a long run of digits (a signature's
 * zero-padded /Contents) must not make each of its positions a new, ever longer, attempt.
 */
const OBJECT_HEADER = /(?<!\d)(\d{1,10})\s+(\d{1,5})\s+obj\b/g;
/** The `stream` keyword that opens a stream's data, and its end of line (ISO 32000-1 §7.3.8.1). */
const STREAM_KEYWORD = /(?<=>>|\s)stream(\r\n|\n|\r)/g;

function readIndirectObjects(bytes: Uint8Array, text: string): ObjectsRead {
  const context = PDFContext.create();
  const streamData: Array<readonly [number, number]> = [];
  const header = new RegExp(OBJECT_HEADER.source, 'g');
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const where = `object ${match[1]} ${match[2]}`;
    const bodyStart = match.index + match[0].length;
    let object: PDFObject;
    try {
      object = PDFObjectParser.forBytes(bytes.subarray(bodyStart), context).parseObject();
    } catch {
      // Not an object pdf-lib can read (or words that only look like a header): the raw look covers it.
      continue;
    }
    if (object instanceof PDFRawStream) {
      const data = streamDataRange(text, bodyStart, object.contents.byteLength);
      if (data) {
        streamData.push(data);
        header.lastIndex = data[1];
      }
    }
    const found = activeNameIn(object, where, context, 0);
    if (found) return { found, streamData };
  }
  return { streamData };
}

function streamDataRange(text: string, bodyStart: number, length: number): readonly [number, number] | undefined {
  const keyword = new RegExp(STREAM_KEYWORD.source, 'g');
  keyword.lastIndex = bodyStart;
  const match = keyword.exec(text);
  if (!match) return undefined;
  const start = match.index + match[0].length;
  return [start, start + length];
}

function activeNameIn(object: PDFObject, where: string, context: PDFContext, depth: number): string | undefined {
  if (depth > MAX_NESTING) return `objects nested too deep to inspect in ${where}`;
  if (object instanceof PDFName) {
    const name = object.decodeText();
    return ACTIVE_NAMES.has(name) ? `/${name} in ${where}` : undefined;
  }
  if (object instanceof PDFArray) {
    for (const item of object.asArray()) {
      const found = activeNameIn(item, where, context, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) {
      const found = activeNameIn(key, where, context, depth + 1) ?? activeNameIn(value, where, context, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (object instanceof PDFRawStream) {
    return activeNameIn(object.dict, where, context, depth + 1) ?? (isObjectStream(object) ? activeNameInObjectStream(object, where, context) : undefined);
  }
  return undefined;
}

function isObjectStream(stream: PDFRawStream): boolean {
  const type = stream.dict.get(PDFName.of('Type'));
  return type instanceof PDFName && type.decodeText() === 'ObjStm';
}

/** The objects packed in a compressed object stream (ISO 32000-1 §7.5.7), each inspected like any other. */
function activeNameInObjectStream(stream: PDFRawStream, where: string, context: PDFContext): string | undefined {
  const count = stream.dict.get(PDFName.of('N'));
  const first = stream.dict.get(PDFName.of('First'));
  const data = objectStreamData(stream);
  if (!(count instanceof PDFNumber) || !(first instanceof PDFNumber) || !data) {
    // What cannot be unpacked cannot be shown to be plain.
    return `an object stream that cannot be read (${where})`;
  }
  const pairs = Buffer.from(data.subarray(0, first.asNumber())).toString('latin1').trim().split(/\s+/).map(Number);
  if (pairs.length !== 2 * count.asNumber() || pairs.some((n) => !Number.isSafeInteger(n) || n < 0)) return `an object stream that cannot be read (${where})`;
  for (let i = 0; i < pairs.length; i += 2) {
    const inner = `object ${pairs[i]} 0 (packed in ${where})`;
    let object: PDFObject;
    try {
      object = PDFObjectParser.forBytes(data.subarray(first.asNumber() + (pairs[i + 1] as number)), context).parseObject();
    } catch {
      return `an object stream that cannot be read (${where})`;
    }
    const found = activeNameIn(object, inner, context, 0);
    if (found) return found;
  }
  return undefined;
}

/** An object stream's unpacked bytes, bounded so a small file cannot unpack to gigabytes; `undefined` when it cannot be unpacked. */
function objectStreamData(stream: PDFRawStream): Uint8Array | undefined {
  try {
    const filter = stream.dict.get(PDFName.of('Filter'));
    const onlyFlate =
      (filter instanceof PDFName && filter.decodeText() === 'FlateDecode') ||
      (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) instanceof PDFName && (filter.get(0) as PDFName).decodeText() === 'FlateDecode');
    if (onlyFlate && !stream.dict.has(PDFName.of('DecodeParms'))) {
      return new Uint8Array(inflateSync(stream.contents, { maxOutputLength: MAX_OBJECT_STREAM_BYTES }));
    }
    const decoded = decodePDFRawStream(stream).getBytes(MAX_OBJECT_STREAM_BYTES + 1);
    return decoded.byteLength > MAX_OBJECT_STREAM_BYTES ? undefined : new Uint8Array(decoded);
  } catch {
    return undefined;
  }
}

/** Every name written in the file outside stream data, `#xx` escapes decoded. */
function findInRawNames(text: string, streamData: ReadonlyArray<readonly [number, number]>): string | undefined {
  const skipped = [...streamData].sort((a, b) => a[0] - b[0]);
  let from = 0;
  for (const [start, end] of [...skipped, [text.length, text.length] as const]) {
    if (start >= from) {
      const found = activeNameInText(text, from, start);
      if (found) return found;
    }
    from = Math.max(from, end);
  }
  return undefined;
}

function activeNameInText(text: string, from: number, to: number): string | undefined {
  // Only PDF's own white space ends a name (ISO 32000-1 §7.2.2), not every character `\s` knows.
  const name = /\/([^\0\t\n\f\r /<>[\]()%{}]*)/g;
  name.lastIndex = from;
  for (let match = name.exec(text); match && match.index < to; match = name.exec(text)) {
    const decoded = (match[1] as string).replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    if (ACTIVE_NAMES.has(decoded)) return `/${decoded} at byte ${match.index}`;
  }
  return undefined;
}
