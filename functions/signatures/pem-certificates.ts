/**
 * Certificates in PEM text. A module of its own so that whoever only reads PEM (the evidence
 * seal's chain) does not load the trust roots' X.509 parser with it.
 */

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** The DER of each `BEGIN CERTIFICATE` block of a PEM text, in order (none when it holds no such block). */
export function pemCertificates(text: string): Uint8Array[] {
  return [...text.matchAll(PEM_CERTIFICATE)].map((match) => new Uint8Array(Buffer.from((match[1] as string).replace(/\s+/g, ''), 'base64')));
}
