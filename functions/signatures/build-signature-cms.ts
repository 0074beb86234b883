/**
 * The CMS SignedData (RFC 5652) a PAdES signature puts in `/Contents`: detached (the signed
 * bytes are the PDF's byte ranges, not carried inside), one signer, the signer's certificate
 * and intermediates, and signed attributes that bind the signature to the document digest and
 * to the signer certificate (ESS signing-certificate-v2, RFC 5035). The signature itself comes
 * from the {@link PdfSigningKey}, which may live in KMS; the ASN.1 schemas of
 * `@peculiar/asn1-cms` only build the structure.
 *
 * Why not pkijs, which verifies signatures elsewhere: SealEvidence builds a CMS on every run and
 * verifies none, and pkijs (with its own asn1js) weighed 400 KiB of its start-up code; these
 * schemas weigh 230 KiB. The DER is the same, byte for byte.
 */
import { createHash } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import {
  AsnArray,
  AsnConvert,
  AsnGeneralizedTimeConverter,
  AsnIntegerArrayBufferConverter,
  AsnObjectIdentifierConverter,
  AsnOctetStringConverter,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  AsnUTCTimeConverter,
  OctetString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, GeneralName, GeneralNames } from '@peculiar/asn1-x509';
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

/** A SEQUENCE of elements given as their DER: the ESS structures, which no schema package here defines. */
class DerSequence extends AsnArray<ArrayBuffer> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.Any })(DerSequence);

/** The signed attributes as the SET OF the signature covers (RFC 5652 §5.4), not as the [0] the SignerInfo stores. */
class AttributeSet extends AsnArray<Attribute> {}
AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })(AttributeSet);

const derSequence = (elements: ArrayBuffer[]): ArrayBuffer => AsnConvert.serialize(new DerSequence(elements));

/** The CMS signatureAlgorithm of each algorithm the product signs with. */
function signatureAlgorithmOf(algorithm: PdfSigningAlgorithm): AlgorithmIdentifier {
  switch (algorithm) {
    case 'RSA-PKCS1-SHA256':
      return new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null });
    case 'RSA-PSS-SHA256': {
      const sha256 = (): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm: OID.sha256 });
      const params = new RsaSaPssParams({
        hashAlgorithm: sha256(),
        maskGenAlgorithm: new AlgorithmIdentifier({ algorithm: OID.mgf1, parameters: AsnConvert.serialize(sha256()) }),
        saltLength: PSS_SALT_BYTES,
      });
      return new AlgorithmIdentifier({ algorithm: OID.rsassaPss, parameters: AsnConvert.serialize(params) });
    }
    case 'ECDSA-P256-SHA256':
      return new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 });
    case 'ECDSA-P384-SHA384':
      return new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha384 });
  }
}

/** RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime from 2050. */
function timeValue(date: Date): ArrayBuffer {
  return (date.getUTCFullYear() < 2050 ? AsnUTCTimeConverter : AsnGeneralizedTimeConverter).toASN(date).toBER();
}

/**
 * ESS SigningCertificateV2 naming the signer certificate by its SHA-256 (the default hash,
 * so left out as DER requires) and by issuer and serial number: a verifier can tell which
 * certificate signed even when the CMS carries several with the same key.
 */
function signingCertificateV2(signerDer: Uint8Array, signer: Certificate): ArrayBuffer {
  const issuerSerial = derSequence([
    AsnConvert.serialize(new GeneralNames([new GeneralName({ directoryName: signer.tbsCertificate.issuer })])),
    AsnIntegerArrayBufferConverter.toASN(signer.tbsCertificate.serialNumber).toBER(),
  ]);
  const essCertIdV2 = derSequence([AsnOctetStringConverter.toASN(bufferOf(createHash('sha256').update(signerDer).digest())).toBER(), issuerSerial]);
  return derSequence([derSequence([essCertIdV2])]);
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

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function attribute(attrType: string, value: ArrayBuffer): { attribute: Attribute; der: Uint8Array } {
  const built = new Attribute({ attrType, attrValues: [value] });
  return { attribute: built, der: new Uint8Array(AsnConvert.serialize(built)) };
}

/**
 * The certificate of `der`, parsed. The CMS carries each certificate as these schemas encode
 * it again, so one that would not come out byte for byte the same (not DER, as X.509 requires)
 * is refused here rather than carried with a broken signature.
 */
function parsedCertificate(der: Uint8Array, index: number): Certificate {
  const certificate = AsnConvert.parse(der, Certificate);
  if (Buffer.compare(new Uint8Array(AsnConvert.serialize(certificate)), der) !== 0) {
    throw new RangeError(`The signing key's certificate ${index + 1} is not DER-encoded: it cannot be carried in the signature unchanged`);
  }
  return certificate;
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
  const certificates = key.certificates.map(parsedCertificate);
  const [signerDer] = key.certificates;
  const [signer] = certificates;
  if (!signerDer || !signer) throw new RangeError('A PDF signing key must carry its certificate');

  const attributes = [
    attribute(OID.contentType, AsnObjectIdentifierConverter.toASN(OID.data).toBER()),
    attribute(OID.messageDigest, AsnOctetStringConverter.toASN(bufferOf(documentDigest)).toBER()),
    ...(subFilter === 'adbe.pkcs7.detached' ? [attribute(OID.signingTime, timeValue(signingTime))] : []),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerDer, signer)),
  ]
    .sort((left, right) => compareEncodings(left.der, right.der))
    .map((sorted) => sorted.attribute);

  const signature = await key.sign(new Uint8Array(AsnConvert.serialize(new AttributeSet(attributes))));

  const digestAlgorithm = (): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm: profile.hashOid });
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: signer.tbsCertificate.issuer, serialNumber: signer.tbsCertificate.serialNumber }) }),
    digestAlgorithm: digestAlgorithm(),
    signedAttrs: attributes,
    signatureAlgorithm: signatureAlgorithmOf(key.algorithm),
    signature: new OctetString(bufferOf(signature)),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([digestAlgorithm()]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: new CertificateSet(certificates.map((certificate) => new CertificateChoices({ certificate }))),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}
