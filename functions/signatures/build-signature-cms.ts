/**
 * The CMS SignedData (RFC 5652) a PAdES signature puts in `/Contents`: detached (the signed
 * bytes are the PDF's byte ranges, not carried inside), one signer, the signer's certificate
 * and intermediates, and signed attributes that bind the signature to the document digest and
 * to the signer certificate (ESS signing-certificate-v2, RFC 5035). The signature itself comes
 * from the {@link PdfSigningKey}, which may live in KMS; pkijs only builds the structure.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  GeneralName,
  GeneralNames,
  IssuerAndSerialNumber,
  RSASSAPSSParams,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import type { PdfSigningAlgorithm, PdfSigningKey } from './pdf-signing-key.js';
import type { SubFilter } from './signature-verdict.js';
import { PSS_SALT_BYTES, SIGNING_ALGORITHM_PROFILES } from './signing-algorithm-profile.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
} as const;

/** The CMS signatureAlgorithm of each algorithm the product signs with. */
function signatureAlgorithmOf(algorithm: PdfSigningAlgorithm): AlgorithmIdentifier {
  switch (algorithm) {
    case 'RSA-PKCS1-SHA256':
      return new AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
    case 'RSA-PSS-SHA256': {
      const sha256 = (): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithmId: OID.sha256 });
      const params = new RSASSAPSSParams({
        hashAlgorithm: sha256(),
        maskGenAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: sha256().toSchema() }),
        saltLength: PSS_SALT_BYTES,
      });
      return new AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params.toSchema() });
    }
    case 'ECDSA-P256-SHA256':
      return new AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
    case 'ECDSA-P384-SHA384':
      return new AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha384 });
  }
}

/** RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime from 2050. */
function timeValue(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  return date.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
}

/**
 * ESS SigningCertificateV2 naming the signer certificate by its SHA-256 (the default hash,
 * so left out as DER requires) and by issuer and serial number: a verifier can tell which
 * certificate signed even when the CMS carries several with the same key.
 */
function signingCertificateV2(signerDer: Uint8Array, signer: Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new GeneralNames({ names: [new GeneralName({ type: 4, value: signer.issuer })] }).toSchema(),
      new asn1js.Integer({ valueHex: signer.serialNumber.valueBlock.valueHexView.slice() }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(signerDer).digest() }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** X.690 §11.6: a DER SET OF lists its elements in the order of their encodings. */
function compareEncodings(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function derOf(attribute: Attribute): Uint8Array {
  return new Uint8Array(attribute.toSchema().toBER());
}

export interface SignatureCmsInput {
  /** The digest of the signed byte ranges, by the algorithm's hash. */
  readonly documentDigest: Uint8Array;
  readonly key: PdfSigningKey;
  readonly subFilter: SubFilter;
  /** Carried as the signing-time attribute by `adbe.pkcs7.detached` only: PAdES (`ETSI.CAdES.detached`) takes the time from the dictionary's `/M`. */
  readonly signingTime: Date;
}

/** Builds and signs the detached CMS SignedData of a PDF signature; answers its DER. */
export async function buildSignatureCms({ documentDigest, key, subFilter, signingTime }: SignatureCmsInput): Promise<Uint8Array> {
  const profile = SIGNING_ALGORITHM_PROFILES[key.algorithm];
  const certificates = key.certificates.map((der) => Certificate.fromBER(der));
  const [signerDer] = key.certificates;
  const [signer] = certificates;
  if (!signerDer || !signer) throw new RangeError('A PDF signing key must carry its certificate');

  const attributes = [
    new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: documentDigest.slice() })] }),
    ...(subFilter === 'adbe.pkcs7.detached' ? [new Attribute({ type: OID.signingTime, values: [timeValue(signingTime)] })] : []),
    new Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signerDer, signer)] }),
  ].sort((left, right) => compareEncodings(derOf(left), derOf(right)));

  // The signature covers the signed attributes encoded as a SET (RFC 5652 §5.4), not as the [0] they are stored as.
  const signedAttributesDer = new Uint8Array(new asn1js.Set({ value: attributes.map((attribute) => attribute.toSchema()) }).toBER());
  const signature = await key.sign(signedAttributesDer);

  const digestAlgorithm = (): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithmId: profile.hashOid });
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: digestAlgorithm(),
    signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: signatureAlgorithmOf(key.algorithm),
    signature: new asn1js.OctetString({ valueHex: signature.slice() }),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm()],
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
