/**
 * Where a PDF's signatures sit (PAdES): each signature dictionary's `/ByteRange`, `/Contents`,
 * `/Type`, `/SubFilter` and `/M`, with the byte offsets they were written at, and the end of
 * each revision (R3, R8). Read at byte level on purpose: a signature is a claim about byte
 * offsets, so the offsets must be the file's own, not a parser's idea of the document.
 *
 * A dictionary counts only where `/ByteRange` is one of its own keys, so the same words in a
 * string, a comment or a content stream are not taken for a signature. A signature this finder
 * cannot read (a name written with `#xx` escapes, a dictionary larger than any signature's) is
 * simply not found: the file then reads as unsigned, or as changed after its signatures, and is
 * refused either way.
 */

/** One signature dictionary (`/Type /Sig` or `/DocTimeStamp`) as written in the file. */
export interface PdfSignatureField {
  /** Offset of the dictionary's `<<`. */
  readonly dictionaryStart: number;
  /** Offset just after the dictionary's `>>`. */
  readonly dictionaryEnd: number;
  /** `/Type`: `Sig` for a person's signature, `DocTimeStamp` for a document timestamp; absent when not written. */
  readonly type?: string;
  /** `/SubFilter`, e.g. `ETSI.CAdES.detached`. */
  readonly subFilter?: string;
  /** The `/ByteRange` array as written: four integers in a sound signature, anything in another. */
  readonly byteRange: readonly number[];
  /** The `/Contents` hex string: offset of its `<`, offset just after its `>`, its digits. Absent when `/Contents` is not a hex string. */
  readonly contents?: { readonly start: number; readonly end: number; readonly hex: string };
  /** The `/M` date as written (`D:20261120093000+01'00'`). */
  readonly signedAt?: string;
  /** The revision holding the dictionary: offsets just after its `%%EOF` and after that line's end of line; absent when no `%%EOF` follows. */
  readonly revision?: PdfRevisionEnd;
}

/** Where a revision ends: after its `%%EOF` marker, and after the end of line that may follow it. */
export interface PdfRevisionEnd {
  readonly markerEnd: number;
  /** The revision's length: the offset just after the `%%EOF` line. */
  readonly end: number;
}

/** Ends of every revision of the file, in file order: one per `%%EOF`. */
export function findRevisionEnds(bytes: Uint8Array): PdfRevisionEnd[] {
  return revisionEndsIn(latin1(bytes));
}

/**
 * Every signature dictionary of the file, in file order. Stops once `maxFields + 1` are found,
 * so a caller can tell "too many" without the work of reading them all.
 */
export function findPdfSignatureFields(bytes: Uint8Array, maxFields: number): PdfSignatureField[] {
  const text = latin1(bytes);
  const revisions = revisionEndsIn(text);
  const fields: PdfSignatureField[] = [];
  // Bounds the work a file full of decoy "/ByteRange" words can cause; missing a signature
  // only ever leads to a refusal.
  let occurrencesLeft = 4 * (maxFields + 1);
  for (let at = text.indexOf(BYTE_RANGE_KEY); at !== -1 && occurrencesLeft > 0 && fields.length <= maxFields; at = text.indexOf(BYTE_RANGE_KEY, at + 1)) {
    if (!isDelimiterOrSpace(text.charCodeAt(at + BYTE_RANGE_KEY.length))) continue;
    occurrencesLeft -= 1;
    const dictionary = dictionaryWithKeyAt(text, at);
    if (dictionary) fields.push(signatureField(dictionary, revisions));
  }
  return fields;
}

/**
 * What is wrong with a signature's `/ByteRange`, or `undefined` when it is sound: it starts at
 * 0 and covers the whole revision holding the signature except exactly the `/Contents` hex
 * string, `<` and `>` included.
 */
export function byteRangeFlaw(field: PdfSignatureField, fileLength: number): string | undefined {
  const range = field.byteRange;
  if (range.length !== 4 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) return 'the /ByteRange is not four non-negative integers';
  const [start, firstLength, secondStart, secondLength] = range as [number, number, number, number];
  if (!field.contents) return 'the /Contents is not a hex string';
  if (start !== 0) return 'the /ByteRange does not start at 0';
  if (firstLength !== field.contents.start || secondStart !== field.contents.end) return 'the gap in the /ByteRange is not exactly the /Contents string';
  const coveredEnd = secondStart + secondLength;
  if (coveredEnd > fileLength) return 'the /ByteRange reaches beyond the end of the file';
  if (!field.revision) return 'no %%EOF follows the signature';
  // The range ends after the revision's %%EOF, with or without the end of line that follows it.
  if (coveredEnd < field.revision.markerEnd || coveredEnd > field.revision.end) return 'the /ByteRange does not cover the whole revision of the signature';
  return undefined;
}

/** More signatures than any document of a request carries: a verifier examines no more. */
export const MAX_SIGNATURES = 20;

/** Where a field's revision ends (the bytes it covers); a field after the last `%%EOF` sorts last. */
export function revisionEndOf(field: PdfSignatureField): number {
  return field.revision?.end ?? Number.POSITIVE_INFINITY;
}

/** A document timestamp (RFC 3161) rather than a person's or the product's signature. */
export function isDocumentTimestamp(field: PdfSignatureField): boolean {
  return field.type === 'DocTimeStamp' || field.subFilter === 'ETSI.RFC3161';
}

/** `fields` in the order they were signed: by the end of their revision, then by place in the file. */
export function inRevisionOrder(fields: readonly PdfSignatureField[]): PdfSignatureField[] {
  return [...fields].sort((a, b) => revisionEndOf(a) - revisionEndOf(b) || a.dictionaryStart - b.dictionaryStart);
}

/** The bytes a sound `/ByteRange` (no {@link byteRangeFlaw}) covers, joined: what the CMS signs. */
export function signedBytesOf(bytes: Uint8Array, field: PdfSignatureField): Uint8Array {
  const [, firstLength, secondStart, secondLength] = field.byteRange as [number, number, number, number];
  return Buffer.concat([bytes.subarray(0, firstLength), bytes.subarray(secondStart, secondStart + secondLength)]);
}

const BYTE_RANGE_KEY = '/ByteRange';
/** How far back from `/ByteRange` to look for the `<<` of its dictionary, in candidates. */
const MAX_DICTIONARY_STARTS = 8;
/** Room for a dictionary whose /Contents holds up to 512 KB: larger than any signature the product accepts, so an oversized one is still found (and refused as such). */
const MAX_DICTIONARY_CHARS = 1024 * 1024;
const MAX_NESTING = 32;

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function revisionEndsIn(text: string): PdfRevisionEnd[] {
  const ends: PdfRevisionEnd[] = [];
  for (let at = text.indexOf('%%EOF'); at !== -1; at = text.indexOf('%%EOF', at + 5)) {
    const markerEnd = at + 5;
    let end = markerEnd;
    if (text[end] === '\r') end += 1;
    if (text[end] === '\n') end += 1;
    ends.push({ markerEnd, end });
  }
  return ends;
}

function signatureField(dictionary: DictionaryValue, revisions: readonly PdfRevisionEnd[]): PdfSignatureField {
  const entry = (key: string): PdfValue | undefined => dictionary.entries.get(key)?.value;
  const name = (key: string): string | undefined => {
    const value = entry(key);
    return value?.kind === 'name' ? value.value : undefined;
  };
  const byteRange = entry('ByteRange');
  const contents = entry('Contents');
  const signedAt = entry('M');
  const revision = revisions.find((candidate) => candidate.markerEnd >= dictionary.end);
  return {
    dictionaryStart: dictionary.start,
    dictionaryEnd: dictionary.end,
    ...(name('Type') === undefined ? {} : { type: name('Type') }),
    ...(name('SubFilter') === undefined ? {} : { subFilter: name('SubFilter') }),
    byteRange: byteRange?.kind === 'array' ? byteRange.items.map((item) => (item.kind === 'number' ? item.value : Number.NaN)) : [],
    ...(contents?.kind === 'hex' ? { contents: { start: contents.start, end: contents.end, hex: contents.hex } } : {}),
    ...(signedAt?.kind === 'string' ? { signedAt: signedAt.value } : {}),
    ...(revision ? { revision } : {}),
  };
}

/** The innermost dictionary that has the key written at `keyAt` as one of its own keys. */
function dictionaryWithKeyAt(text: string, keyAt: number): DictionaryValue | undefined {
  let from = keyAt;
  for (let tries = 0; tries < MAX_DICTIONARY_STARTS; tries += 1) {
    const start = text.lastIndexOf('<<', from - 1);
    if (start === -1) return undefined;
    from = start;
    try {
      const dictionary = new DictionaryReader(text, start, Math.min(text.length, start + MAX_DICTIONARY_CHARS)).readDictionary();
      for (const entry of dictionary.entries.values()) if (entry.keyStart === keyAt) return dictionary;
    } catch (error) {
      if (!(error instanceof UnreadableSyntax)) throw error;
    }
  }
  return undefined;
}

type PdfValue =
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'hex'; readonly start: number; readonly end: number; readonly hex: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly PdfValue[] }
  | DictionaryValue
  | { readonly kind: 'keyword'; readonly value: string };

interface DictionaryValue {
  readonly kind: 'dictionary';
  readonly start: number;
  readonly end: number;
  readonly entries: ReadonlyMap<string, { readonly keyStart: number; readonly value: PdfValue }>;
}

class UnreadableSyntax extends Error {
  override readonly name = 'UnreadableSyntax';
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

function isDelimiterOrSpace(code: number): boolean {
  return Number.isNaN(code) || WHITESPACE.has(code) || DELIMITERS.has(code);
}

/** A reader of PDF object syntax (ISO 32000-1 §7.3) over the file's latin1 text, that keeps offsets. */
class DictionaryReader {
  private at: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
  ) {
    this.at = start;
  }

  readDictionary(): DictionaryValue {
    const value = this.readValue(0);
    if (value.kind !== 'dictionary') throw new UnreadableSyntax('not a dictionary');
    return value;
  }

  private readValue(depth: number): PdfValue {
    if (depth > MAX_NESTING) throw new UnreadableSyntax('nested too deep');
    this.skipSpaceAndComments();
    const c = this.peek();
    if (c === '/') return { kind: 'name', value: this.readName() };
    if (c === '<') return this.text[this.at + 1] === '<' ? this.readDictionaryAt(depth) : this.readHexString();
    if (c === '(') return { kind: 'string', value: this.readLiteralString() };
    if (c === '[') return this.readArray(depth);
    if (c !== undefined && /[0-9+\-.]/.test(c)) return this.readNumber();
    if (c !== undefined && /[A-Za-z]/.test(c)) return { kind: 'keyword', value: this.readRegular() };
    throw new UnreadableSyntax(`unexpected ${JSON.stringify(c)}`);
  }

  private readDictionaryAt(depth: number): DictionaryValue {
    const start = this.at;
    this.at += 2;
    const entries = new Map<string, { keyStart: number; value: PdfValue }>();
    for (;;) {
      this.skipSpaceAndComments();
      if (this.text.startsWith('>>', this.at)) {
        this.at += 2;
        return { kind: 'dictionary', start, end: this.at, entries };
      }
      if (this.peek() !== '/') throw new UnreadableSyntax('a dictionary key is not a name');
      const keyStart = this.at;
      const key = this.readName();
      // Two values for one key leave it open which one a reader takes: not a signature to trust.
      if (entries.has(key)) throw new UnreadableSyntax(`the key /${key} is written twice`);
      entries.set(key, { keyStart, value: this.readValue(depth + 1) });
    }
  }

  private readArray(depth: number): PdfValue {
    this.at += 1;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      if (this.peek() === ']') {
        this.at += 1;
        return { kind: 'array', items };
      }
      items.push(this.readValue(depth + 1));
    }
  }

  private readHexString(): PdfValue {
    const start = this.at;
    const close = this.text.indexOf('>', start + 1);
    if (close === -1 || close >= this.limit) throw new UnreadableSyntax('an unterminated hex string');
    const hex = this.text.slice(start + 1, close);
    if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new UnreadableSyntax('a hex string with other characters than hex digits');
    this.at = close + 1;
    return { kind: 'hex', start, end: this.at, hex };
  }

  private readLiteralString(): string {
    let nesting = 0;
    let value = '';
    for (;;) {
      const c = this.next();
      if (c === '\\') {
        const escaped = this.next();
        value += ESCAPES[escaped] ?? escaped;
      } else if (c === '(') {
        nesting += 1;
        if (nesting > 1) value += c;
      } else if (c === ')') {
        nesting -= 1;
        if (nesting === 0) return value;
        value += c;
      } else value += c;
    }
  }

  private readName(): string {
    this.at += 1;
    // ISO 32000-1 §7.3.5: `#xx` writes any byte of a name.
    return this.readRegular().replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }

  private readNumber(): PdfValue {
    const token = this.readRegular();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) throw new UnreadableSyntax('not a number');
    return { kind: 'number', value: Number(token) };
  }

  private readRegular(): string {
    const start = this.at;
    while (this.at < this.limit && !isDelimiterOrSpace(this.text.charCodeAt(this.at))) this.at += 1;
    return this.text.slice(start, this.at);
  }

  private skipSpaceAndComments(): void {
    while (this.at < this.limit) {
      const code = this.text.charCodeAt(this.at);
      if (WHITESPACE.has(code)) this.at += 1;
      else if (code === 0x25 /* % */) while (this.at < this.limit && this.text[this.at] !== '\n' && this.text[this.at] !== '\r') this.at += 1;
      else return;
    }
  }

  private peek(): string | undefined {
    return this.at < this.limit ? this.text[this.at] : undefined;
  }

  private next(): string {
    if (this.at >= this.limit) throw new UnreadableSyntax('the dictionary does not end');
    const c = this.text[this.at] as string;
    this.at += 1;
    return c;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/**
 * A PDF date (ISO 32000-1 §7.9.4, `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year
 * optional, UT when no offset is written), or `undefined` when it is not one.
 */
export function parsePdfDate(text: string): Date | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', sign, offsetHours = '00', offsetMinutes = '00'] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const date = new Date(sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
