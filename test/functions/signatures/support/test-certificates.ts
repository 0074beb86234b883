/**
 * A throw-away PKI for the signature tests, made in memory with pkijs on WebCrypto: a root,
 * intermediates (the eID's "Citizen CA"), and signer certificates whose subject reads as a
 * Belgian eID signature certificate's (C=BE, CN="First Last (Signature)", SN, GN,
 * serialNumber = a national register number). pkijs rather than @peculiar/x509: the latter
 * needs a `reflect-metadata` polyfill the project does not install.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, AuthorityKeyIdentifier, BasicConstraints, Certificate, Extension, RelativeDistinguishedNames } from 'pkijs';
import { pkijsCrypto } from '../../../../functions/signatures/pkijs-crypto.js';

/** The signature algorithms the tests sign with: each one the verifier names. */
export const TEST_ALGORITHMS = [
  'RSA-PKCS1-SHA256',
  'RSA-PKCS1-SHA512',
  'RSA-PSS-SHA256',
  'RSA-PSS-SHA384',
  'ECDSA-P256-SHA256',
  'ECDSA-P384-SHA384',
] as const;
export type TestAlgorithm = (typeof TEST_ALGORITHMS)[number];

interface KeyProfile {
  readonly key: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams;
  readonly hash: 'SHA-256' | 'SHA-384' | 'SHA-512';
}

const RSA = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const PROFILES: Readonly<Record<TestAlgorithm, KeyProfile>> = {
  'RSA-PKCS1-SHA256': { key: { name: 'RSASSA-PKCS1-v1_5', ...RSA, hash: 'SHA-256' }, hash: 'SHA-256' },
  'RSA-PKCS1-SHA512': { key: { name: 'RSASSA-PKCS1-v1_5', ...RSA, hash: 'SHA-512' }, hash: 'SHA-512' },
  'RSA-PSS-SHA256': { key: { name: 'RSA-PSS', ...RSA, hash: 'SHA-256' }, hash: 'SHA-256' },
  'RSA-PSS-SHA384': { key: { name: 'RSA-PSS', ...RSA, hash: 'SHA-384' }, hash: 'SHA-384' },
  'ECDSA-P256-SHA256': { key: { name: 'ECDSA', namedCurve: 'P-256' }, hash: 'SHA-256' },
  'ECDSA-P384-SHA384': { key: { name: 'ECDSA', namedCurve: 'P-384' }, hash: 'SHA-384' },
};

/** A certificate of the test PKI and its private key. */
export interface TestKeyHolder {
  readonly certificate: Certificate;
  readonly der: Uint8Array;
  readonly privateKey: CryptoKey;
  readonly algorithm: TestAlgorithm;
  /** The hash this holder signs with (WebCrypto name). */
  readonly hash: KeyProfile['hash'];
}

/** Who a signer certificate names; every part optional so a test can leave one out. */
export interface TestSubject {
  readonly givenName?: string;
  readonly surname?: string;
  /** @default `${givenName} ${surname} (Signature)` when both are given */
  readonly commonName?: string;
  /** The subject serialNumber: the national register number on an eID. */
  readonly serialNumber?: string;
}

interface Validity {
  /** @default a day before now */
  readonly notBefore?: Date;
  /** @default ten years after notBefore */
  readonly notAfter?: Date;
}

const DAY_MS = 24 * 3600 * 1000;
const OID = { country: '2.5.4.6', organization: '2.5.4.10', commonName: '2.5.4.3', surname: '2.5.4.4', givenName: '2.5.4.42', serialNumber: '2.5.4.5' };
const subtle = webcrypto.subtle as unknown as SubtleCrypto;

/** A self-signed root, with a fresh key. */
export async function createTestRoot(options: { readonly name: string; readonly algorithm: TestAlgorithm } & Validity): Promise<TestKeyHolder> {
  const keys = await generateKeys(options.algorithm);
  const name = authorityName(options.name);
  return issue({ subject: name, publicKey: keys.publicKey, privateKey: keys.privateKey, algorithm: options.algorithm, ca: true, validity: options });
}

/** An intermediate authority (as the eID's "Citizen CA") under `issuer`, with a fresh key. */
export async function createTestIntermediate(
  issuer: TestKeyHolder,
  options: { readonly name: string; readonly algorithm: TestAlgorithm } & Validity,
): Promise<TestKeyHolder> {
  const keys = await generateKeys(options.algorithm);
  return issue({ subject: authorityName(options.name), publicKey: keys.publicKey, privateKey: keys.privateKey, algorithm: options.algorithm, ca: true, validity: options, issuer });
}

/** A signer certificate under `issuer` (an eID-like subject), with a fresh key. */
export async function issueTestSigner(
  issuer: TestKeyHolder,
  options: { readonly algorithm: TestAlgorithm; readonly subject: TestSubject } & Validity,
): Promise<TestKeyHolder> {
  const keys = await generateKeys(options.algorithm);
  return issue({ subject: eidSubject(options.subject), publicKey: keys.publicKey, privateKey: keys.privateKey, algorithm: options.algorithm, ca: false, validity: options, issuer });
}

/** A self-signed signer certificate: a key nobody vouches for. */
export async function createSelfSignedSigner(options: { readonly algorithm: TestAlgorithm; readonly subject: TestSubject }): Promise<TestKeyHolder> {
  const keys = await generateKeys(options.algorithm);
  return issue({ subject: eidSubject(options.subject), publicKey: keys.publicKey, privateKey: keys.privateKey, algorithm: options.algorithm, ca: false, validity: {} });
}

async function generateKeys(algorithm: TestAlgorithm): Promise<{ publicKey: CryptoKey; privateKey: CryptoKey }> {
  return (await subtle.generateKey(PROFILES[algorithm].key, true, ['sign', 'verify'])) as unknown as { publicKey: CryptoKey; privateKey: CryptoKey };
}

function rdn(entries: ReadonlyArray<readonly [string, string]>): RelativeDistinguishedNames {
  return new RelativeDistinguishedNames({
    typesAndValues: entries.map(
      ([type, value]) =>
        new AttributeTypeAndValue({
          type,
          // X.520: country and serialNumber are PrintableString; names are UTF-8.
          value: type === OID.country || type === OID.serialNumber ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
        }),
    ),
  });
}

function authorityName(name: string): RelativeDistinguishedNames {
  return rdn([
    [OID.country, 'BE'],
    [OID.organization, 'Portal Access Signature Tests'],
    [OID.commonName, name],
  ]);
}

/** In the card's order: C, CN, SN, GN, serialNumber. */
function eidSubject(subject: TestSubject): RelativeDistinguishedNames {
  const commonName = subject.commonName ?? (subject.givenName && subject.surname ? `${subject.givenName} ${subject.surname} (Signature)` : undefined);
  const entries: Array<[string, string]> = [[OID.country, 'BE']];
  if (commonName !== undefined) entries.push([OID.commonName, commonName]);
  if (subject.surname !== undefined) entries.push([OID.surname, subject.surname]);
  if (subject.givenName !== undefined) entries.push([OID.givenName, subject.givenName]);
  if (subject.serialNumber !== undefined) entries.push([OID.serialNumber, subject.serialNumber]);
  return rdn(entries);
}

async function issue(request: {
  subject: RelativeDistinguishedNames;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  algorithm: TestAlgorithm;
  ca: boolean;
  validity: Validity;
  /** Absent for a self-signed certificate. */
  issuer?: TestKeyHolder;
}): Promise<TestKeyHolder> {
  const certificate = new Certificate();
  certificate.version = 2;
  const serial = webcrypto.getRandomValues(new Uint8Array(8));
  serial[0] = (serial[0] as number) & 0x7f;
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial });
  certificate.subject = request.subject;
  certificate.issuer = request.issuer ? request.issuer.certificate.subject : request.subject;
  const notBefore = request.validity.notBefore ?? new Date(Date.now() - DAY_MS);
  certificate.notBefore.value = notBefore;
  certificate.notAfter.value = request.validity.notAfter ?? new Date(notBefore.getTime() + 10 * 365 * DAY_MS);
  await certificate.subjectPublicKeyInfo.importKey(request.publicKey, pkijsCrypto);
  const keyId = createHash('sha1').update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  const issuerKeyId = request.issuer
    ? createHash('sha1').update(request.issuer.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest()
    : keyId;
  // Key usage bits (RFC 5280 §4.2.1.3): keyCertSign and cRLSign for an authority, nonRepudiation for a signer (as on an eID).
  const keyUsage = request.ca ? new asn1js.BitString({ valueHex: new Uint8Array([0x06]), unusedBits: 1 }) : new asn1js.BitString({ valueHex: new Uint8Array([0x40]), unusedBits: 6 });
  certificate.extensions = [
    new Extension({ extnID: '2.5.29.19', critical: true, extnValue: new BasicConstraints({ cA: request.ca }).toSchema().toBER(false) }),
    new Extension({ extnID: '2.5.29.15', critical: true, extnValue: keyUsage.toBER(false) }),
    new Extension({ extnID: '2.5.29.14', critical: false, extnValue: new asn1js.OctetString({ valueHex: keyId }).toBER(false) }),
    new Extension({
      extnID: '2.5.29.35',
      critical: false,
      extnValue: new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId }) }).toSchema().toBER(false),
    }),
  ];
  const signingKey = request.issuer ? request.issuer.privateKey : request.privateKey;
  const signingAlgorithm = request.issuer ? request.issuer.algorithm : request.algorithm;
  await certificate.sign(signingKey, PROFILES[signingAlgorithm].hash, pkijsCrypto);
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  // Read back, as a verifier receives it: the parsed certificate keeps its encoded TBS.
  return { certificate: Certificate.fromBER(der), der, privateKey: request.privateKey, algorithm: request.algorithm, hash: PROFILES[request.algorithm].hash };
}
