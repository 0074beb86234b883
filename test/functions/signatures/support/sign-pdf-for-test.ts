/**
 * Signs a PDF the way PAdES signing software does — an incremental update holding a signature
 * dictionary whose `/Contents` is a detached CMS over the `/ByteRange` — with knobs to get any
 * part of it wrong, so each refusal of the verifier can be shown on an otherwise sound file.
 * The CMS is made with pkijs on WebCrypto, independently of the product's verifier.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  MessageImprint,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
  TSTInfo,
} from 'pkijs';
import { pkijsCrypto } from '../../../../functions/signatures/pkijs-crypto.js';
import { appendIncrementalUpdate, concat, latin1Bytes, latin1Text } from './raw-pdf.js';
import type { TestKeyHolder } from './test-certificates.js';

export interface TestSignOptions {
  readonly signer: TestKeyHolder;
  /** Certificates carried besides the signer's (its chain). */
  readonly chain?: readonly TestKeyHolder[];
  /** Leaves the signer's own certificate out of the CMS. */
  readonly omitSignerCertificate?: boolean;
  /** @default 'ETSI.CAdES.detached' */
  readonly subFilter?: string;
  /** The signing-time signed attribute; `null` leaves it out. @default now */
  readonly signingTime?: Date | null;
  /** The dictionary's `/M`. @default the signing time, or now */
  readonly dictionaryDate?: Date;
  /** What the signing-certificate-v2 attribute names: the signer's certificate, another one (DER), or nothing. @default 'signer' */
  readonly signingCertificate?: 'signer' | 'none' | Uint8Array;
  /** Sign the covered bytes directly, with no signed attributes (as `openssl cms -noattr`). */
  readonly withoutSignedAttributes?: boolean;
  /** Room for the CMS in `/Contents`, in bytes. @default 16384 */
  readonly contentsBytes?: number;
  /** Other objects written in the same incremental update. */
  readonly extraObjects?: readonly string[];
  /** Writes this `/ByteRange` instead of the sound one (same width); the CMS signs what it declares. */
  readonly byteRange?: (sound: readonly [number, number, number, number]) => readonly number[];
  /** Flips a bit of the signature value after signing. */
  readonly corruptSignatureValue?: boolean;
}

/**
 * `pdf` with one more signature whose CMS `makeCms` makes over the bytes the `/ByteRange`
 * covers: for a CMS made by another tool (`openssl cms -sign`).
 */
export async function signPdfWithCms(
  pdf: Uint8Array,
  options: { readonly subFilter: string; readonly contentsBytes?: number },
  makeCms: (covered: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const placeholder = withPlaceholder(pdf, { type: 'Sig', subFilter: options.subFilter, date: new Date(), contentsBytes: options.contentsBytes ?? 16384, extraObjects: [] });
  const withRange = writeByteRange(placeholder, placeholder.byteRange);
  return writeContents(withRange, placeholder, await makeCms(coveredBytes(withRange, placeholder.byteRange)));
}

/** `pdf` with one more signature, as an incremental update. */
export async function signPdfForTest(pdf: Uint8Array, options: TestSignOptions): Promise<Uint8Array> {
  const signingTime = options.signingTime === undefined ? new Date() : options.signingTime;
  const dictionaryDate = options.dictionaryDate ?? signingTime ?? new Date();
  const placeholder = withPlaceholder(pdf, {
    type: 'Sig',
    subFilter: options.subFilter ?? 'ETSI.CAdES.detached',
    date: dictionaryDate,
    contentsBytes: options.contentsBytes ?? 16384,
    extraObjects: options.extraObjects ?? [],
  });
  const declared = options.byteRange ? options.byteRange(placeholder.byteRange) : placeholder.byteRange;
  const withRange = writeByteRange(placeholder, declared);
  const cms = await signatureCms(coveredBytes(withRange, declared), options, signingTime);
  return writeContents(withRange, placeholder, cms);
}

/** `pdf` with a document timestamp (`/DocTimeStamp`, RFC 3161 token) by `authority`; `wrongImprint` makes its imprint another document's. */
export async function timestampPdfForTest(pdf: Uint8Array, authority: TestKeyHolder, options: { readonly wrongImprint?: boolean } = {}): Promise<Uint8Array> {
  const placeholder = withPlaceholder(pdf, { type: 'DocTimeStamp', subFilter: 'ETSI.RFC3161', date: new Date(), contentsBytes: 16384, extraObjects: [] });
  const withRange = writeByteRange(placeholder, placeholder.byteRange);
  const covered = coveredBytes(withRange, placeholder.byteRange);
  const imprint = createHash('sha256')
    .update(options.wrongImprint ? latin1Bytes('another document') : covered)
    .digest();
  const tstInfo = new TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.55555.1',
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    serialNumber: new asn1js.Integer({ value: 1 }),
    genTime: new Date(),
  });
  const tstDer = new Uint8Array(tstInfo.toSchema().toBER(false));
  const signedData = new SignedData({
    version: 3,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: TST_INFO, eContent: new asn1js.OctetString({ valueHex: tstDer }) }),
    signerInfos: [signerInfoFor(authority, [contentTypeAttribute(TST_INFO), messageDigestAttribute(authority, tstDer), signingCertificateAttribute(authority.der)])],
    certificates: [authority.certificate],
  });
  await signedData.sign(authority.privateKey, 0, authority.hash, undefined, pkijsCrypto);
  return writeContents(withRange, placeholder, encodeContentInfo(signedData));
}

const DATA = '1.2.840.113549.1.7.1';
const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const BYTE_RANGE_WIDTH = 40;

interface Placeholder {
  readonly bytes: Uint8Array;
  /** Offset of the `[`'s content of `/ByteRange`. */
  readonly byteRangeAt: number;
  /** Offsets of `<` and after `>` of `/Contents`. */
  readonly contentsStart: number;
  readonly contentsEnd: number;
  readonly byteRange: readonly [number, number, number, number];
}

function withPlaceholder(
  pdf: Uint8Array,
  options: { type: string; subFilter: string; date: Date; contentsBytes: number; extraObjects: readonly string[] },
): Placeholder {
  const dictionary =
    `<< /Type /${options.type} /Filter /Adobe.PPKLite /SubFilter /${options.subFilter} ` +
    `/ByteRange [${' '.repeat(BYTE_RANGE_WIDTH)}] /Contents <${'0'.repeat(2 * options.contentsBytes)}> /M (${pdfDate(options.date)}) >>`;
  const { bytes } = appendIncrementalUpdate(pdf, [dictionary, ...options.extraObjects]);
  const text = latin1Text(bytes);
  const dictionaryAt = text.lastIndexOf(dictionary);
  const byteRangeAt = dictionaryAt + dictionary.indexOf('/ByteRange [') + '/ByteRange ['.length;
  const contentsStart = dictionaryAt + dictionary.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = contentsStart + 2 * options.contentsBytes + 2;
  return { bytes, byteRangeAt, contentsStart, contentsEnd, byteRange: [0, contentsStart, contentsEnd, bytes.byteLength - contentsEnd] };
}

function writeByteRange(placeholder: Placeholder, byteRange: readonly number[]): Uint8Array {
  const written = byteRange.join(' ');
  if (written.length > BYTE_RANGE_WIDTH) throw new Error(`A /ByteRange of ${written.length} characters does not fit`);
  const bytes = new Uint8Array(placeholder.bytes);
  bytes.set(latin1Bytes(written.padEnd(BYTE_RANGE_WIDTH, ' ')), placeholder.byteRangeAt);
  return bytes;
}

/** What a `/ByteRange` covers, clamped to the file as a careless signer would read it. */
function coveredBytes(bytes: Uint8Array, byteRange: readonly number[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i + 1 < byteRange.length; i += 2) parts.push(bytes.subarray(byteRange[i], (byteRange[i] as number) + (byteRange[i + 1] as number)));
  return concat(...parts);
}

function writeContents(bytes: Uint8Array, placeholder: Placeholder, cms: Uint8Array): Uint8Array {
  const hex = Buffer.from(cms).toString('hex');
  const room = placeholder.contentsEnd - placeholder.contentsStart - 2;
  if (hex.length > room) throw new Error(`A CMS of ${cms.byteLength} bytes does not fit in /Contents`);
  const written = new Uint8Array(bytes);
  written.set(latin1Bytes(hex.padEnd(room, '0')), placeholder.contentsStart + 1);
  return written;
}

async function signatureCms(covered: Uint8Array<ArrayBuffer>, options: TestSignOptions, signingTime: Date | null): Promise<Uint8Array> {
  const { signer } = options;
  const attributes = [contentTypeAttribute(DATA), messageDigestAttribute(signer, covered)];
  if (signingTime) attributes.push(new Attribute({ type: '1.2.840.113549.1.9.5', values: [new asn1js.UTCTime({ valueDate: signingTime })] }));
  const named = options.signingCertificate ?? 'signer';
  if (named !== 'none') attributes.push(signingCertificateAttribute(named === 'signer' ? signer.der : named));
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: DATA }),
    signerInfos: [signerInfoFor(signer, options.withoutSignedAttributes ? undefined : attributes)],
    certificates: [...(options.omitSignerCertificate ? [] : [signer.certificate]), ...(options.chain ?? []).map((holder) => holder.certificate)],
  });
  await signedData.sign(signer.privateKey, 0, signer.hash, covered, pkijsCrypto);
  if (options.corruptSignatureValue) {
    const signature = (signedData.signerInfos[0] as SignerInfo).signature;
    const value = new Uint8Array(signature.valueBlock.valueHexView);
    value[value.length - 1] = (value[value.length - 1] as number) ^ 0x01;
    (signedData.signerInfos[0] as SignerInfo).signature = new asn1js.OctetString({ valueHex: value });
  }
  return encodeContentInfo(signedData);
}

function signerInfoFor(signer: TestKeyHolder, attributes: Attribute[] | undefined): SignerInfo {
  return new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: signer.certificate.issuer, serialNumber: signer.certificate.serialNumber }),
    ...(attributes ? { signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }) } : {}),
  });
}

function contentTypeAttribute(type: string): Attribute {
  return new Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: type })] });
}

function messageDigestAttribute(signer: TestKeyHolder, content: Uint8Array): Attribute {
  const digest = createHash(signer.hash.replace('-', '').toLowerCase()).update(content).digest();
  return new Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] });
}

/** ESS signing-certificate-v2 (RFC 5035) with one ESSCertIDv2: SHA-256 (the default, so no algorithm) of `der`. */
function signingCertificateAttribute(der: Uint8Array): Attribute {
  const hash = createHash('sha256').update(der).digest();
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: hash })] });
  return new Attribute({
    type: '1.2.840.113549.1.9.16.2.47',
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

function encodeContentInfo(signedData: SignedData): Uint8Array {
  return new Uint8Array(new ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) }).toSchema().toBER(false));
}

/** `D:YYYYMMDDHHmmSSZ`, the PDF date of `date` in UT. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
