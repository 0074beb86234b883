/**
 * Who a signer certificate names, and whether that is the person who must sign (R1, R6). A
 * Belgian eID signature certificate names its holder in SURNAME and GIVENNAME (all his given
 * names), in CN as "First Last (Signature)", and carries his national register number as the
 * subject's serialNumber: kept as evidence, never shown (GDPR), so it is left out of the
 * subject written in the verdict.
 */
import type { AttributeTypeAndValue, Certificate, RelativeDistinguishedNames } from 'pkijs';

/** What the verdict and the name check read from a signer certificate. */
export interface CertificateIdentity {
  /** The subject, RFC 4514 (most specific attribute first), without its serialNumber. */
  readonly subject: string;
  readonly issuer: string;
  readonly surname?: string;
  readonly givenName?: string;
  readonly commonName?: string;
  /** The Belgian national register number (11 digits), when the subject's serialNumber is one. */
  readonly nationalRegisterNumber?: string;
}

/** The person a signature must come from, as the request names him. */
export interface ExpectedSigner {
  readonly firstName: string;
  readonly lastName: string;
}

const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
} as const;

/** Short names for the verdict's subject: RFC 4514's, plus SN and GN as eID tools print them. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

/** What a certificate says about its subject and issuer. */
export function certificateIdentity(certificate: Certificate): CertificateIdentity {
  const surname = attribute(certificate.subject, OID.surname);
  const givenName = attribute(certificate.subject, OID.givenName);
  const commonName = attribute(certificate.subject, OID.commonName);
  const nationalRegisterNumber = nationalRegisterNumberIn(attribute(certificate.subject, OID.serialNumber));
  return {
    subject: rfc4514(certificate.subject, new Set([OID.serialNumber])),
    issuer: rfc4514(certificate.issuer, new Set()),
    ...(surname === undefined ? {} : { surname }),
    ...(givenName === undefined ? {} : { givenName }),
    ...(commonName === undefined ? {} : { commonName }),
    ...(nationalRegisterNumber === undefined ? {} : { nationalRegisterNumber }),
  };
}

/**
 * Whether the certificate names `expected`, case and accents aside. SURNAME must be the last
 * name; GIVENNAME must start with the first name (an eID lists every given name: "Jan Pieter"
 * is Jan). Without them, CN ("Jan Pieter Peeters (Signature)") must start with the first name
 * and end with the last name.
 */
export function namesExpectedSigner(identity: CertificateIdentity, expected: ExpectedSigner): boolean {
  const first = words(expected.firstName);
  const last = words(expected.lastName);
  if (first.length === 0 || last.length === 0) return false;
  if (identity.surname !== undefined && identity.givenName !== undefined) {
    return sameWords(words(identity.surname), last) && startsWithWords(words(identity.givenName), first);
  }
  if (identity.commonName === undefined) return false;
  const common = words(identity.commonName.replace(/\s*\(Signature\)\s*$/i, ''));
  return common.length >= first.length + last.length && startsWithWords(common, first) && sameWords(common.slice(common.length - last.length), last);
}

/** A name's words for comparison: decomposed, marks dropped, lower case, punctuation (hyphens, apostrophes) as spaces. */
function words(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function startsWithWords(all: readonly string[], start: readonly string[]): boolean {
  return all.length >= start.length && start.every((word, i) => word === all[i]);
}

/** An eID writes the 11 digits; an ETSI EN 319 412-1 semantics identifier writes `PNOBE-` and the digits. */
function nationalRegisterNumberIn(serialNumber: string | undefined): string | undefined {
  const digits = serialNumber?.match(/^(?:PNOBE-)?(\d{11})$/)?.[1];
  return digits;
}

function attribute(name: RelativeDistinguishedNames, type: string): string | undefined {
  const found = name.typesAndValues.find((entry) => entry.type === type);
  return found ? valueText(found) : undefined;
}

function valueText(entry: AttributeTypeAndValue): string {
  const value = entry.value as { getValue?: () => unknown; valueBlock?: { value?: unknown } };
  const text = typeof value.getValue === 'function' ? value.getValue() : value.valueBlock?.value;
  return typeof text === 'string' ? text : '';
}

/** RFC 4514: attributes in reverse order of the certificate's, special characters escaped. */
function rfc4514(name: RelativeDistinguishedNames, omitted: ReadonlySet<string>): string {
  return name.typesAndValues
    .filter((entry) => !omitted.has(entry.type))
    .map((entry) => `${SHORT_NAMES[entry.type] ?? entry.type}=${escapeValue(valueText(entry))}`)
    .reverse()
    .join(', ');
}

function escapeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}
