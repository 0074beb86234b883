/**
 * A small PKI for tests and the local stack: a root, optional intermediates (the "Citizen CA"
 * of a Belgian eID chain), and end-entity certificates whose subject reads as a Belgian eID
 * signature certificate's (C=BE, CN="First Last (Signature)", SN, GN, serialNumber = a national
 * register number). Keys are node:crypto keys; the certificates are made by @peculiar/x509 on
 * WebCrypto. Nothing here is fit for production: keys are generated in memory and never kept
 * safe.
 */
// @peculiar/x509 2 resolves its algorithms through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { generateKeyPair, webcrypto, type KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
  type Extension,
  type X509Certificate,
} from '@peculiar/x509';
import type { PdfSigningAlgorithm } from '../../functions/signatures/pdf-signing-key.js';

const generateKeyPairAsync = promisify(generateKeyPair);
const crypto = webcrypto as unknown as Crypto;

/** A certificate as the tests and the local stack hand it around. */
export interface TestCertificate {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly certificate: X509Certificate;
}

/** A certificate whose key was generated here, so its private key is known. */
export interface TestCertificateWithKey extends TestCertificate {
  readonly privateKey: KeyObject;
  readonly algorithm: PdfSigningAlgorithm;
}

/** A certification authority of the test PKI: a root, or an intermediate with its chain. */
export interface TestAuthority extends TestCertificateWithKey {
  readonly name: string;
  /**
   * What a signer under this authority sends along with his certificate: this authority's
   * certificate and the intermediates above it, nearest first, up to (not including) the root;
   * empty for a root.
   */
  readonly chain: readonly TestCertificate[];
}

/** A person, named as a Belgian eID signature certificate names its holder. */
export interface PersonSubject {
  readonly givenName: string;
  readonly surname: string;
  /** @default `${givenName} ${surname} (Signature)` */
  readonly commonName?: string;
  /** The national register number (11 digits) on an eID certificate. */
  readonly serialNumber?: string;
  /** @default 'BE' */
  readonly country?: string;
}

/** An organisation, as an electronic seal's certificate names it (the product's own seal). */
export interface OrganizationSubject {
  readonly organization: string;
  readonly commonName: string;
  /** ETSI EN 319 412-1 organizationIdentifier, e.g. `VATBE-0123456749`. */
  readonly organizationIdentifier?: string;
  /** @default 'BE' */
  readonly country?: string;
}

export type TestSubject = PersonSubject | OrganizationSubject;

export type TestKeyUsage = 'nonRepudiation' | 'digitalSignature';

interface IssueOptionsBase {
  readonly subject: TestSubject;
  /** @default a day before now */
  readonly notBefore?: Date;
  /** @default a year after `notBefore` */
  readonly notAfter?: Date;
  /** @default ['nonRepudiation'] (an eID signature certificate's) */
  readonly keyUsage?: readonly TestKeyUsage[];
}

/** Issue for a fresh key pair of `algorithm`: the answer carries the private key. */
export interface IssueWithNewKey extends IssueOptionsBase {
  readonly algorithm: PdfSigningAlgorithm;
}

/** Issue for a key held elsewhere (a KMS key's GetPublicKey answer). */
export interface IssueForPublicKey extends IssueOptionsBase {
  /** SubjectPublicKeyInfo, DER. */
  readonly publicKey: Uint8Array;
}

interface KeyProfile {
  readonly generate: () => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;
  /** How an authority with this key signs the certificates it issues (WebCrypto). */
  readonly importAlgorithm: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
  readonly signingAlgorithm: webcrypto.Algorithm | webcrypto.RsaPssParams | webcrypto.EcdsaParams;
}

const rsaKey = (): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> => generateKeyPairAsync('rsa', { modulusLength: 2048 });
const ecKey = (namedCurve: string) => (): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> => generateKeyPairAsync('ec', { namedCurve });

const KEY_PROFILES: Record<PdfSigningAlgorithm, KeyProfile> = {
  'RSA-PKCS1-SHA256': {
    generate: rsaKey,
    importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
  },
  'RSA-PSS-SHA256': {
    generate: rsaKey,
    importAlgorithm: { name: 'RSA-PSS', hash: 'SHA-256' },
    signingAlgorithm: { name: 'RSA-PSS', saltLength: 32 },
  },
  'ECDSA-P256-SHA256': {
    generate: ecKey('P-256'),
    importAlgorithm: { name: 'ECDSA', namedCurve: 'P-256' },
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  },
  'ECDSA-P384-SHA384': {
    generate: ecKey('P-384'),
    importAlgorithm: { name: 'ECDSA', namedCurve: 'P-384' },
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-384' },
  },
};

const OID = {
  country: '2.5.4.6',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
};

const DAY_MS = 24 * 3600 * 1000;

/** A day before now: a certificate made during a test is valid whatever the clocks' drift. */
function defaultNotBefore(): Date {
  return new Date(Date.now() - DAY_MS);
}

function yearAfter(date: Date): Date {
  return new Date(date.getTime() + 365 * DAY_MS);
}

function authorityName(name: string): Name {
  return new Name([{ [OID.country]: ['BE'] }, { [OID.organization]: ['Portal Access Test PKI'] }, { [OID.commonName]: [name] }]);
}

/** A person as on a Belgian eID signature certificate (C, CN, SN, GN, serialNumber, in the card's order), or an organisation's seal. */
function subjectName(subject: TestSubject): Name {
  if ('organization' in subject) {
    return new Name([
      { [OID.country]: [subject.country ?? 'BE'] },
      { [OID.organization]: [subject.organization] },
      ...(subject.organizationIdentifier === undefined ? [] : [{ [OID.organizationIdentifier]: [subject.organizationIdentifier] }]),
      { [OID.commonName]: [subject.commonName] },
    ]);
  }
  const attributes: Record<string, string[]>[] = [
    { [OID.country]: [subject.country ?? 'BE'] },
    { [OID.commonName]: [subject.commonName ?? `${subject.givenName} ${subject.surname} (Signature)`] },
    { [OID.surname]: [subject.surname] },
    { [OID.givenName]: [subject.givenName] },
  ];
  // X.520 serialNumber is a PrintableString, which digits always are.
  if (subject.serialNumber !== undefined) attributes.push({ [OID.serialNumber]: [subject.serialNumber] });
  return new Name(attributes);
}

function spkiOf(publicKey: KeyObject): Uint8Array {
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
}

async function signingKeyOf(authority: TestCertificateWithKey): Promise<CryptoKey> {
  const pkcs8 = authority.privateKey.export({ type: 'pkcs8', format: 'der' });
  return crypto.subtle.importKey('pkcs8', pkcs8, KEY_PROFILES[authority.algorithm].importAlgorithm, false, ['sign']);
}

function asTestCertificate(certificate: X509Certificate): TestCertificate {
  return { der: new Uint8Array(certificate.rawData), pem: certificate.toString('pem'), certificate };
}

/** Creates a self-signed root of the test PKI, with a fresh key of `algorithm`. */
export async function createTestRoot(options: {
  readonly name: string;
  readonly algorithm: PdfSigningAlgorithm;
  /** @default a day before now */
  readonly notBefore?: Date;
  /** @default ten years after `notBefore` */
  readonly notAfter?: Date;
}): Promise<TestAuthority> {
  const profile = KEY_PROFILES[options.algorithm];
  const keys = await profile.generate();
  const notBefore = options.notBefore ?? defaultNotBefore();
  const spki = spkiOf(keys.publicKey);
  const signingKey = await crypto.subtle.importKey('pkcs8', keys.privateKey.export({ type: 'pkcs8', format: 'der' }), profile.importAlgorithm, false, ['sign']);
  const certificate = await X509CertificateGenerator.create(
    {
      subject: authorityName(options.name),
      issuer: authorityName(options.name),
      notBefore,
      notAfter: options.notAfter ?? new Date(notBefore.getTime() + 10 * 365 * DAY_MS),
      publicKey: spki,
      signingKey,
      signingAlgorithm: profile.signingAlgorithm,
      extensions: [
        new BasicConstraintsExtension(true, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(spki, false, crypto),
      ],
    },
    crypto,
  );
  return { ...asTestCertificate(certificate), name: options.name, algorithm: options.algorithm, privateKey: keys.privateKey, chain: [] };
}

/** Creates an intermediate authority (as the eID's "Citizen CA") under `issuer`, with a fresh key of `algorithm`. */
export async function createTestIntermediate(
  issuer: TestAuthority,
  options: { readonly name: string; readonly algorithm: PdfSigningAlgorithm; readonly notBefore?: Date; readonly notAfter?: Date },
): Promise<TestAuthority> {
  const keys = await KEY_PROFILES[options.algorithm].generate();
  const notBefore = options.notBefore ?? defaultNotBefore();
  const certificate = await issue(issuer, {
    subject: authorityName(options.name),
    publicKey: spkiOf(keys.publicKey),
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * DAY_MS),
    extensions: [new BasicConstraintsExtension(true, 0, true), new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true)],
  });
  const own = asTestCertificate(certificate);
  return { ...own, name: options.name, algorithm: options.algorithm, privateKey: keys.privateKey, chain: [own, ...issuer.chain] };
}

/**
 * Issues an end-entity signing certificate under `issuer`: for a fresh key of `algorithm`
 * (the answer carries its private key), or for a `publicKey` held elsewhere.
 */
export async function issueCertificate(issuer: TestAuthority, options: IssueWithNewKey): Promise<TestCertificateWithKey>;
export async function issueCertificate(issuer: TestAuthority, options: IssueForPublicKey): Promise<TestCertificate>;
export async function issueCertificate(issuer: TestAuthority, options: IssueWithNewKey | IssueForPublicKey): Promise<TestCertificate | TestCertificateWithKey> {
  const keys = 'algorithm' in options ? await KEY_PROFILES[options.algorithm].generate() : undefined;
  const publicKey = keys ? spkiOf(keys.publicKey) : (options as IssueForPublicKey).publicKey;
  const notBefore = options.notBefore ?? defaultNotBefore();
  const usages = options.keyUsage ?? ['nonRepudiation'];
  const certificate = await issue(issuer, {
    subject: subjectName(options.subject),
    publicKey,
    notBefore,
    notAfter: options.notAfter ?? yearAfter(notBefore),
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(
        usages.reduce((flags, usage) => flags | KeyUsageFlags[usage], 0),
        true,
      ),
    ],
  });
  const issued = asTestCertificate(certificate);
  return keys && 'algorithm' in options ? { ...issued, privateKey: keys.privateKey, algorithm: options.algorithm } : issued;
}

async function issue(
  issuer: TestAuthority,
  request: { subject: Name; publicKey: Uint8Array; notBefore: Date; notAfter: Date; extensions: Extension[] },
): Promise<X509Certificate> {
  return X509CertificateGenerator.create(
    {
      subject: request.subject,
      issuer: issuer.certificate.subjectName,
      notBefore: request.notBefore,
      notAfter: request.notAfter,
      publicKey: request.publicKey,
      signingKey: await signingKeyOf(issuer),
      signingAlgorithm: KEY_PROFILES[issuer.algorithm].signingAlgorithm,
      extensions: [
        ...request.extensions,
        await SubjectKeyIdentifierExtension.create(request.publicKey, false, crypto),
        await AuthorityKeyIdentifierExtension.create(issuer.certificate.publicKey, false, crypto),
      ],
    },
    crypto,
  );
}

/** The certificates a signer hands over with its signature: its own, then its issuer's chain up to (not including) the root. */
export function certificateChainOf(certificate: TestCertificate, issuer: TestAuthority): Uint8Array[] {
  return [certificate.der, ...issuer.chain.map((authority) => authority.der)];
}

/**
 * Writes `root`'s certificate as `<dir>/<name>.pem`, as the trust anchors folder
 * (`.local/trust/`) holds them; the folder is created when missing.
 * @returns the file's path
 */
export async function writeRootPem(dir: string, name: string, root: TestCertificate): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new RangeError(`A trust anchor's file name is letters, digits, '.', '_' and '-': ${JSON.stringify(name)}`);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.pem`);
  await writeFile(file, root.pem.endsWith('\n') ? root.pem : `${root.pem}\n`);
  return file;
}
