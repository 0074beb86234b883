/**
 * One PDF signature's CMS (RFC 5652) over the bytes its `/ByteRange` covers: does it hold, with
 * which certificate and algorithm, signed when (R3, R8). pkijs verifies the signature over the
 * DER of the signed attributes with WebCrypto; this module checks what pkijs leaves to its
 * caller: a detached SignedData with one signer, signed attributes, an accepted algorithm, the
 * message digest of the covered bytes, and the signing-certificate attribute naming the
 * certificate used.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { type Attribute, Certificate, ContentInfo, RSASSAPSSParams, SignedData, type SignedDataVerifyResult, type SignerInfo, TSTInfo } from 'pkijs';
import { pkijsCrypto } from './pkijs-crypto.js';

/** A CMS signature that holds. */
export interface VerifiedCmsSignature {
  readonly signerCertificate: Certificate;
  /** The signer certificate's DER. */
  readonly signerCertificateDer: Uint8Array;
  /** Every other certificate the CMS carries (the chain, in any order). */
  readonly otherCertificates: readonly Certificate[];
  /** e.g. `ECDSA-P384-SHA384`, `RSA-PSS-SHA256`, `RSA-PKCS1-SHA256`. */
  readonly algorithm: string;
  /** The signing-time signed attribute, or a timestamp's genTime. */
  readonly signingTime?: Date;
}

/**
 * A CMS signature checked: it holds, or it does not because the covered bytes are not those
 * signed (`digest_mismatch`), or because it is malformed, unaccepted or its signature is false
 * (`invalid`).
 */
export type CmsSignatureOutcome =
  | { readonly holds: true; readonly signature: VerifiedCmsSignature }
  | { readonly holds: false; readonly flaw: 'digest_mismatch' | 'invalid'; readonly message: string };

/** The largest CMS a verifier reads: one with a chain of a few certificates is a few KB, a timestamped one with revocation data a few tens. */
export const MAX_CMS_BYTES = 64 * 1024;

export interface CmsSignatureInput {
  /** The `/Contents` hex digits: the DER of a ContentInfo, padded with zeros. */
  readonly contentsHex: string;
  /** The bytes the `/ByteRange` covers, joined. */
  readonly signedBytes: Uint8Array;
  /** A document timestamp (`/DocTimeStamp`, RFC 3161 token) rather than a person's signature. */
  readonly timestamp: boolean;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
} as const;

/** The digests accepted, by OID: node:crypto's name and the verdict's. SHA-1 is not among them. */
const DIGESTS: Readonly<Record<string, { readonly node: string; readonly label: string }>> = {
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', label: 'SHA256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', label: 'SHA384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', label: 'SHA512' },
};
const SHA1_OID = '1.3.14.3.2.26';
const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/** RSA PKCS#1 v1.5 signature OIDs that name their digest. */
const RSA_PKCS1_DIGEST: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.11': 'SHA256',
  '1.2.840.113549.1.1.12': 'SHA384',
  '1.2.840.113549.1.1.13': 'SHA512',
};
const ECDSA_DIGEST: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.3.2': 'SHA256',
  '1.2.840.10045.4.3.3': 'SHA384',
  '1.2.840.10045.4.3.4': 'SHA512',
};
/** The curves accepted: those of the eID cards (P-384) and of common signing services (P-256). */
const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P256',
  '1.3.132.0.34': 'P384',
};

/** Verifies one signature's CMS over the bytes its `/ByteRange` covers. */
export async function verifyCmsSignature(input: CmsSignatureInput): Promise<CmsSignatureOutcome> {
  const invalid = (message: string): CmsSignatureOutcome => ({ holds: false, flaw: 'invalid', message });
  const parsed = parseSignedData(input.contentsHex);
  if (typeof parsed === 'string') return invalid(parsed);
  const { signedData } = parsed;
  if (signedData.signerInfos.length !== 1) return invalid(`the CMS has ${signedData.signerInfos.length} signers, not one`);
  const signerInfo = signedData.signerInfos[0] as SignerInfo;
  const expectedContent = input.timestamp ? OID.tstInfo : OID.data;
  if (signedData.encapContentInfo.eContentType !== expectedContent) return invalid(`the CMS signs content of type ${signedData.encapContentInfo.eContentType}`);
  // A person's signature signs the PDF bytes, which the CMS leaves out (detached); a timestamp token carries its TSTInfo.
  if (!input.timestamp && signedData.encapContentInfo.eContent) return invalid('the CMS is not detached: it carries content of its own');

  const digest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digest) return invalid(`the digest algorithm ${signerInfo.digestAlgorithm.algorithmId} is not accepted`);
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const messageDigest = singleValue(attributes, OID.messageDigest);
  if (!singleValue(attributes, OID.contentType) || !(messageDigest instanceof asn1js.OctetString)) {
    return invalid('the CMS has no signed content-type and message-digest attributes');
  }
  if (!input.timestamp) {
    const actual = createHash(digest.node).update(input.signedBytes).digest();
    if (!actual.equals(messageDigest.valueBlock.valueHexView)) {
      return { holds: false, flaw: 'digest_mismatch', message: 'the bytes the /ByteRange covers are not the bytes signed' };
    }
  }

  let verified: SignedDataVerifyResult;
  try {
    // For a timestamp pkijs also checks the token's message imprint against the covered bytes.
    verified = await signedData.verify({ signer: 0, data: arrayBufferOf(input.signedBytes), extendedMode: true, checkChain: false }, pkijsCrypto);
  } catch (error) {
    return invalid(`the CMS signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }
  const signerCertificate = verified.signerCertificate;
  if (!signerCertificate) return invalid('the CMS does not carry its signer certificate');
  if (!verified.signatureVerified) return invalid('the CMS signature does not verify with the signer certificate');

  const algorithm = algorithmName(signerInfo, signerCertificate, digest.label);
  if (!algorithm) return invalid(`the signature algorithm ${signerInfo.signatureAlgorithm.algorithmId} is not accepted`);
  const signerCertificateDer = new Uint8Array(signerCertificate.toSchema(false).toBER(false));
  const namedCertificate = signingCertificateFlaw(attributes, signerCertificateDer);
  if (namedCertificate) return invalid(namedCertificate);

  const signingTime = input.timestamp ? timestampTime(signedData) : attributeTime(attributes);
  const otherCertificates = certificatesOf(signedData).filter((certificate) => certificate !== signerCertificate);
  return {
    holds: true,
    signature: { signerCertificate, signerCertificateDer, otherCertificates, algorithm, ...(signingTime ? { signingTime } : {}) },
  };
}

function parseSignedData(contentsHex: string): { signedData: SignedData } | string {
  const der = Buffer.from(contentsHex.length % 2 === 0 ? contentsHex : `${contentsHex}0`, 'hex');
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) return 'the /Contents is not DER';
  // The /Contents is padded with zeros to the placeholder's size; anything else after the CMS is not the signer's.
  if (der.subarray(asn1.offset).some((byte) => byte !== 0)) return 'the /Contents holds bytes after its CMS';
  try {
    const contentInfo = new ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== OID.signedData) return `the /Contents is a CMS ${contentInfo.contentType}, not SignedData`;
    return { signedData: new SignedData({ schema: contentInfo.content }) };
  } catch (error) {
    return `the /Contents is not a CMS SignedData: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function certificatesOf(signedData: SignedData): Certificate[] {
  return (signedData.certificates ?? []).filter((item): item is Certificate => item instanceof Certificate);
}

function singleValue(attributes: readonly Attribute[], type: string): unknown {
  const found = attributes.filter((attribute) => attribute.type === type);
  return found.length === 1 && found[0]?.values.length === 1 ? found[0].values[0] : undefined;
}

/** The verdict's name of the signature algorithm, or `undefined` when it is not accepted. */
function algorithmName(signerInfo: SignerInfo, signer: Certificate, digestLabel: string): string | undefined {
  const oid = signerInfo.signatureAlgorithm.algorithmId;
  if (oid === OID.rsaEncryption) return `RSA-PKCS1-${digestLabel}`;
  if (RSA_PKCS1_DIGEST[oid]) return `RSA-PKCS1-${RSA_PKCS1_DIGEST[oid]}`;
  if (oid === OID.rsaPss) {
    try {
      const params = new RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
      const hash = DIGESTS[params.hashAlgorithm.algorithmId];
      return hash ? `RSA-PSS-${hash.label}` : undefined;
    } catch {
      return undefined;
    }
  }
  const ecdsaDigest = ECDSA_DIGEST[oid];
  if (ecdsaDigest) {
    const curveParameter = signer.subjectPublicKeyInfo.algorithm.algorithmParams;
    const curve = curveParameter instanceof asn1js.ObjectIdentifier ? CURVES[curveParameter.valueBlock.toString()] : undefined;
    return curve ? `ECDSA-${curve}-${ecdsaDigest}` : undefined;
  }
  return undefined;
}

/**
 * ESS signing-certificate(-v2) (RFC 5035), when present, must name the certificate that signed:
 * it binds the signer certificate into what was signed, so another certificate on the same
 * key cannot be substituted.
 */
function signingCertificateFlaw(attributes: readonly Attribute[], signerCertificateDer: Uint8Array): string | undefined {
  for (const attribute of attributes) {
    const v2 = attribute.type === OID.signingCertificateV2;
    if (!v2 && attribute.type !== OID.signingCertificate) continue;
    const named = firstCertificateHash(attribute, v2);
    if (!named) return 'the signing-certificate attribute cannot be read';
    const hash = DIGESTS[named.hashOid]?.node ?? (named.hashOid === SHA1_OID ? 'sha1' : undefined);
    if (!hash) return `the signing-certificate attribute uses the digest ${named.hashOid}`;
    if (!createHash(hash).update(signerCertificateDer).digest().equals(named.hash)) {
      return 'the signing-certificate attribute names another certificate than the signer certificate';
    }
  }
  return undefined;
}

/** The first ESSCertID(v2)'s hash and its algorithm (v2 defaults to SHA-256, v1 is SHA-1). */
function firstCertificateHash(attribute: Attribute, v2: boolean): { hashOid: string; hash: Uint8Array } | undefined {
  const signingCertificate = attribute.values[0];
  if (!(signingCertificate instanceof asn1js.Sequence)) return undefined;
  const certificateIds = signingCertificate.valueBlock.value[0];
  if (!(certificateIds instanceof asn1js.Sequence)) return undefined;
  const first = certificateIds.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return undefined;
  const [head, second] = first.valueBlock.value;
  if (v2 && head instanceof asn1js.Sequence) {
    const algorithm = head.valueBlock.value[0];
    if (!(algorithm instanceof asn1js.ObjectIdentifier) || !(second instanceof asn1js.OctetString)) return undefined;
    return { hashOid: algorithm.valueBlock.toString(), hash: second.valueBlock.valueHexView };
  }
  if (!(head instanceof asn1js.OctetString)) return undefined;
  return { hashOid: v2 ? SHA256_OID : SHA1_OID, hash: head.valueBlock.valueHexView };
}

function attributeTime(attributes: readonly Attribute[]): Date | undefined {
  const value = singleValue(attributes, OID.signingTime);
  try {
    return value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime ? validDate(value.toDate()) : undefined;
  } catch {
    return undefined;
  }
}

function timestampTime(signedData: SignedData): Date | undefined {
  try {
    const content = signedData.encapContentInfo.eContent;
    return content ? validDate(TSTInfo.fromBER(content.getValue()).genTime) : undefined;
  } catch {
    return undefined;
  }
}

/** A time that reads as no date (a malformed attribute) is no time at all. */
function validDate(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
