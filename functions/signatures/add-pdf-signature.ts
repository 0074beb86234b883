/**
 * Adds a PAdES signature to a PDF as an incremental update (R3): the signature dictionary, an
 * invisible signature field on page 1 (in the page's `/Annots` and the form's `/Fields`), new
 * versions of the page and of the form dictionary (or the catalog, when the form is new), and
 * their cross-reference section. Earlier signatures keep their bytes, so a company's legal
 * representative signs over the requester's signature without breaking it.
 *
 * The signature covers the whole file but the `/Contents` hex string (the `/ByteRange`); its
 * CMS is built by `build-signature-cms.ts` and signed by a {@link PdfSigningKey}.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { buildSignatureCms } from './build-signature-cms.js';
import { PdfNotSignable, readLastCrossReference, writeIncrementalUpdate, type UpdatedObject } from './pdf-incremental-update.js';
import type { PdfSigningKey } from './pdf-signing-key.js';
import type { SubFilter } from './signature-verdict.js';
import { SIGNING_ALGORITHM_PROFILES } from './signing-algorithm-profile.js';

export { PdfNotSignable, type UnsignableReason } from './pdf-incremental-update.js';

export interface AddPdfSignatureOptions {
  /** `ETSI.CAdES.detached` (PAdES baseline) or `adbe.pkcs7.detached`. */
  readonly subFilter: SubFilter;
  /** Written as the dictionary's `/M`, and as the CMS signing-time attribute for `adbe.pkcs7.detached` (PAdES forbids it). */
  readonly signingTime: Date;
  /** Written as `/Reason`. */
  readonly reason?: string;
  /**
   * The signature field's partial name (`/T`): letters, digits, `_`, `-` and spaces.
   * @default the first free `SignatureN`
   */
  readonly fieldName?: string;
  /**
   * Bytes reserved for the CMS in `/Contents` (written as twice as many hex digits).
   * @default 16384
   */
  readonly contentsBytes?: number;
}

const DEFAULT_CONTENTS_BYTES = 16_384;
/** Widget flags: Print (4) and Locked (128). */
const INVISIBLE_WIDGET_FLAGS = 132;
/** SignaturesExist (1) and AppendOnly (2): a viewer must save this form as an incremental update. */
const SIG_FLAGS = 3;
/** A placeholder wide enough for every /ByteRange number up to 10 GB; the real ones are written over it. */
const BYTE_RANGE_PLACEHOLDER = 9_999_999_999;
const FIELD_NAME = /^[A-Za-z0-9_ -]{1,64}$/;

const name = (value: string): PDFName => PDFName.of(value);

/**
 * Signs `pdf` with `key`: answers `pdf` followed by an incremental update that carries the new
 * signature. The original bytes stay the answer's prefix.
 * @throws PdfNotSignable when the bytes are no PDF, the file is encrypted, its cross-reference is broken, it has no page, it is certified with no changes permitted, the field name is taken, or the CMS outgrows `contentsBytes`
 */
export async function addPdfSignature(pdf: Uint8Array, key: PdfSigningKey, options: AddPdfSignatureOptions): Promise<Uint8Array> {
  const contentsBytes = options.contentsBytes ?? DEFAULT_CONTENTS_BYTES;
  if (!Number.isInteger(contentsBytes) || contentsBytes < 1024) throw new RangeError(`contentsBytes must be an integer of at least 1024, not ${contentsBytes}`);
  const doc = await loadPdf(pdf);
  const context = doc.context;
  const last = readLastCrossReference(pdf, context);
  let nextNumber = last.nextObjectNumber;
  const newRef = (): PDFRef => PDFRef.of(nextNumber++);

  refuseCertifiedWithoutChanges(doc);
  const form = readForm(doc);
  const fieldName = options.fieldName ?? firstFreeFieldName(form.fieldNames);
  if (!FIELD_NAME.test(fieldName)) throw new RangeError(`A signature field name is 1 to 64 letters, digits, '_', '-' or spaces: ${JSON.stringify(fieldName)}`);
  if (form.fieldNames.has(fieldName)) throw new PdfNotSignable('field_name_taken', `The PDF already has a field named ${JSON.stringify(fieldName)}`);
  const page = doc.getPages()[0];
  if (!page) throw new PdfNotSignable('no_page', 'The PDF has no page to put the signature field on');

  const signatureRef = newRef();
  const fieldRef = newRef();
  const signature = signatureDictionary(context, options, contentsBytes);
  const written = writeIncrementalUpdate(
    pdf,
    last,
    [
      { ref: signatureRef, object: signature.dict },
      { ref: fieldRef, object: invisibleSignatureWidget(context, page.ref, signatureRef, fieldName) },
      ...appendToArrayEntry(context, page.ref, page.node, 'Annots', fieldRef),
      ...addFieldToForm(context, { ref: last.catalogRef, dict: doc.catalog }, form, fieldRef, newRef),
    ],
    context,
  );

  // The placeholders are found after the signature dictionary's start: /Contents' hex string (< and > included) is the one gap in the signed bytes.
  const signed = Buffer.from(written.bytes.buffer, written.bytes.byteOffset, written.bytes.byteLength);
  const signatureAt = written.valueOffsets.get(signatureRef.tag) ?? 0;
  const byteRangeAt = signed.indexOf(signature.byteRangePlaceholder, signatureAt, 'latin1');
  const contentsStart = signed.indexOf(signature.contentsPlaceholder, signatureAt, 'latin1');
  const contentsEnd = contentsStart + signature.contentsPlaceholder.length;
  const byteRange = [0, contentsStart, contentsEnd, signed.length - contentsEnd];
  signed.write(`[${byteRange.join(' ')}]`.padEnd(signature.byteRangePlaceholder.length, ' '), byteRangeAt, 'latin1');

  const documentDigest = createHash(SIGNING_ALGORITHM_PROFILES[key.algorithm].hash)
    .update(signed.subarray(0, contentsStart))
    .update(signed.subarray(contentsEnd))
    .digest();
  const cms = await buildSignatureCms({ documentDigest, key, subFilter: options.subFilter, signingTime: options.signingTime });
  if (cms.length > contentsBytes) {
    throw new PdfNotSignable('contents_too_small', `The signature's CMS takes ${cms.length} bytes, more than the ${contentsBytes} reserved for /Contents`);
  }
  signed.write(Buffer.from(cms).toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return written.bytes;
}

/** The signature dictionary, its /ByteRange and /Contents placeholders of the widths the real values will take. */
function signatureDictionary(
  context: PDFContext,
  options: AddPdfSignatureOptions,
  contentsBytes: number,
): { dict: PDFDict; byteRangePlaceholder: string; contentsPlaceholder: string } {
  const byteRange = context.obj([0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER]);
  const contents = PDFHexString.of('0'.repeat(contentsBytes * 2));
  const dict = PDFDict.withContext(context);
  dict.set(name('Type'), name('Sig'));
  dict.set(name('Filter'), name('Adobe.PPKLite'));
  dict.set(name('SubFilter'), name(options.subFilter));
  dict.set(name('ByteRange'), byteRange);
  dict.set(name('Contents'), contents);
  dict.set(name('M'), PDFString.fromDate(options.signingTime));
  if (options.reason !== undefined) dict.set(name('Reason'), PDFHexString.fromText(options.reason));
  return { dict, byteRangePlaceholder: byteRange.toString(), contentsPlaceholder: contents.toString() };
}

/** The signature field, merged with its widget: no appearance, a zero rectangle, printed and locked. */
function invisibleSignatureWidget(context: PDFContext, pageRef: PDFRef, signatureRef: PDFRef, fieldName: string): PDFDict {
  const field = PDFDict.withContext(context);
  field.set(name('Type'), name('Annot'));
  field.set(name('Subtype'), name('Widget'));
  field.set(name('FT'), name('Sig'));
  field.set(name('Rect'), context.obj([0, 0, 0, 0]));
  field.set(name('F'), PDFNumber.of(INVISIBLE_WIDGET_FLAGS));
  field.set(name('P'), pageRef);
  field.set(name('V'), signatureRef);
  field.set(name('T'), PDFString.of(fieldName));
  return field;
}

async function loadPdf(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    const encrypted = error instanceof Error && error.name === 'EncryptedPDFError';
    throw new PdfNotSignable(encrypted ? 'encrypted' : 'not_pdf', encrypted ? 'The PDF is encrypted; only unencrypted PDFs are signed' : 'The bytes cannot be read as a PDF', {
      cause: error,
    });
  }
}

/**
 * A certification signature (DocMDP) with `/P 1` forbids any change, a new signature included:
 * signing anyway would make viewers report the certification broken.
 */
function refuseCertifiedWithoutChanges(doc: PDFDocument): void {
  const certification = doc.catalog.lookupMaybe(name('Perms'), PDFDict)?.lookupMaybe(name('DocMDP'), PDFDict);
  for (const reference of certification?.lookupMaybe(name('Reference'), PDFArray)?.asArray() ?? []) {
    const transform = doc.context.lookupMaybe(reference, PDFDict);
    if (transform?.get(name('TransformMethod')) !== name('DocMDP')) continue;
    const permission = transform.lookupMaybe(name('TransformParams'), PDFDict)?.lookupMaybe(name('P'), PDFNumber)?.asNumber() ?? 2;
    if (permission === 1) throw new PdfNotSignable('no_changes_permitted', 'The PDF is certified with no changes permitted (DocMDP /P 1); it cannot take another signature');
  }
}

/** The document's interactive form as it stands: where `/AcroForm` and its `/Fields` live, and the names taken. */
interface FormState {
  /** The catalog's `/AcroForm` entry: an indirect dictionary, a direct one, or none. */
  readonly acroForm: { readonly ref?: PDFRef; readonly dict: PDFDict } | undefined;
  readonly fieldNames: ReadonlySet<string>;
}

function readForm(doc: PDFDocument): FormState {
  const entry = doc.catalog.get(name('AcroForm'));
  const dict = entry ? doc.context.lookupMaybe(entry, PDFDict) : undefined;
  if (!dict) return { acroForm: undefined, fieldNames: new Set() };
  const fields = dict.get(name('Fields'));
  const fieldArray = fields ? doc.context.lookupMaybe(fields, PDFArray) : undefined;
  const fieldNames = new Set<string>();
  for (const fieldEntry of fieldArray?.asArray() ?? []) {
    const title = doc.context.lookupMaybe(fieldEntry, PDFDict)?.get(name('T'));
    if (title instanceof PDFString || title instanceof PDFHexString) fieldNames.add(title.decodeText());
  }
  return { acroForm: { ...(entry instanceof PDFRef ? { ref: entry } : {}), dict }, fieldNames };
}

function firstFreeFieldName(taken: ReadonlySet<string>): string {
  let number = 1;
  while (taken.has(`Signature${number}`)) number += 1;
  return `Signature${number}`;
}

/**
 * Appends `value` to the array at `owner[key]`: a new version of the array object when the
 * entry is a reference to it, else a new version of `owner` with the longer (or a new) array.
 */
function appendToArrayEntry(context: PDFContext, ownerRef: PDFRef | undefined, owner: PDFDict, key: string, value: PDFObject): UpdatedObject[] {
  const entry = owner.get(name(key));
  if (entry instanceof PDFRef) {
    const array = context.lookupMaybe(entry, PDFArray);
    if (array) {
      const longer = array.clone(context);
      longer.push(value);
      return [{ ref: entry, object: longer }];
    }
  }
  const longer = entry instanceof PDFArray ? entry.clone(context) : PDFArray.withContext(context);
  longer.push(value);
  const newOwner = owner.clone(context);
  newOwner.set(name(key), longer);
  return ownerRef ? [{ ref: ownerRef, object: newOwner }] : [];
}

/**
 * Puts the field in the form's `/Fields` (keeping the fields there, an earlier signature's
 * among them) and sets `/SigFlags 3`. An indirect form dictionary gets a new version; a direct
 * one, or a new one, a new version of the catalog.
 */
function addFieldToForm(
  context: PDFContext,
  catalog: { readonly ref: PDFRef; readonly dict: PDFDict },
  form: FormState,
  fieldRef: PDFRef,
  newRef: () => PDFRef,
): UpdatedObject[] {
  const acroForm = form.acroForm;
  const dict = acroForm ? acroForm.dict.clone(context) : PDFDict.withContext(context);
  const flags = dict.lookupMaybe(name('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  dict.set(name('SigFlags'), PDFNumber.of(flags | SIG_FLAGS));
  const fields = dict.get(name('Fields'));
  const updates: UpdatedObject[] = [];
  if (fields instanceof PDFRef && context.lookupMaybe(fields, PDFArray)) {
    updates.push(...appendToArrayEntry(context, undefined, dict, 'Fields', fieldRef));
  } else {
    const longer = fields instanceof PDFArray ? fields.clone(context) : PDFArray.withContext(context);
    longer.push(fieldRef);
    dict.set(name('Fields'), longer);
  }
  if (acroForm?.ref) return [...updates, { ref: acroForm.ref, object: dict }];
  const formRef = acroForm ? undefined : newRef();
  const newCatalog = catalog.dict.clone(context);
  newCatalog.set(name('AcroForm'), formRef ?? dict);
  return [...updates, ...(formRef ? [{ ref: formRef, object: dict }] : []), { ref: catalog.ref, object: newCatalog }];
}
