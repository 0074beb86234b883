/**
 * The product's own electronic seal on what it issues (R8): a PAdES signature (`ETSI.CAdES.detached`)
 * made with a KMS asymmetric key, whose certificate chain sits in a PEM file beside the function
 * (`SEAL_CERTIFICATE_FILE`; infra/constructs/catalog-functions.ts bundles it, the local stack
 * issues it from its seal root). The private key never leaves KMS: only the digest of the
 * signed attributes is sent to be signed.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { kmsSigningKey } from '../adapters/kms-signing-key.js';
import { config } from '../config/config.js';
import { ProductError } from '../errors/product-error.js';
import { addPdfSignature } from '../signatures/add-pdf-signature.js';
import type { PdfSigningAlgorithm } from '../signatures/pdf-signing-key.js';
import { SIGNING_ALGORITHM_PROFILES } from '../signatures/signing-algorithm-profile.js';
import { pemCertificates } from '../signatures/pem-certificates.js';

/** The seal's key or certificate is not configured, or the certificate file cannot be used: no retry mends it. */
export class SealNotConfigured extends ProductError<{ setting: string }> {
  override readonly name = 'SealNotConfigured';
}

/** The seal's certificate chain, as read from its file. */
export interface SealChain {
  /** The file as read: the seal certificate first, then its intermediates (and perhaps the root). */
  readonly pem: string;
  /** The seal certificate, then the intermediates, without a self-signed root (DER): what the signature carries. */
  readonly certificates: readonly Uint8Array[];
  /** The algorithm the seal certificate's key signs with. */
  readonly algorithm: PdfSigningAlgorithm;
}

/** What the seal's `/Reason` says. */
export const SEAL_REASON = 'Sealed by the portal-access product: the steps as its audit trail records them';

let cached: { file: string; chain: SealChain } | undefined;

/**
 * The configured seal chain, read once per process.
 * @throws SealNotConfigured when `SEAL_CERTIFICATE_FILE` is unset, unreadable or holds no usable certificate
 */
export function sealChain(): SealChain {
  const file = config().SEAL_CERTIFICATE_FILE;
  if (!file) throw new SealNotConfigured('SEAL_CERTIFICATE_FILE is not set: the seal has no certificate (docs/evidence.md)', { setting: 'SEAL_CERTIFICATE_FILE' });
  if (cached?.file === file) return cached.chain;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SealNotConfigured(`The seal certificate file ${file} cannot be read`, { setting: 'SEAL_CERTIFICATE_FILE' }, { cause: error });
  }
  const chain = parseSealChain(pem);
  cached = { file, chain };
  return chain;
}

/**
 * The certificates of a PEM chain, the seal's first. A self-signed last certificate (the root)
 * stays in `pem` but is not carried in the signature: a verifier brings his own root.
 * @throws SealNotConfigured when the PEM holds no certificate or a key the product cannot seal with
 */
export function parseSealChain(pem: string): SealChain {
  const parsed = pemCertificates(pem).map((der) => new X509Certificate(der));
  const [seal] = parsed;
  if (!seal) throw new SealNotConfigured('The seal certificate file holds no PEM certificate', { setting: 'SEAL_CERTIFICATE_FILE' });
  const last = parsed.at(-1);
  const withoutRoot = parsed.length > 1 && last && last.checkIssued(last) && last.verify(last.publicKey) ? parsed.slice(0, -1) : parsed;
  return { pem, certificates: withoutRoot.map((certificate) => new Uint8Array(certificate.raw)), algorithm: algorithmOf(seal) };
}

/**
 * Appends the product's seal to `pdf` (an incremental update: the bytes before it stay as they were).
 * @throws SealNotConfigured when the key or the certificate is missing
 */
export async function sealPdf(pdf: Uint8Array, signingTime: Date): Promise<{ pdf: Uint8Array; chain: SealChain }> {
  const keyId = config().SEAL_KEY_ID;
  if (!keyId) throw new SealNotConfigured('SEAL_KEY_ID is not set: the seal has no key', { setting: 'SEAL_KEY_ID' });
  const chain = sealChain();
  // RAW: the CMS signed attributes are a few hundred bytes (KMS takes up to 4096), and both KMS
  // and the local stack's server sign them RAW with every key spec.
  const key = kmsSigningKey({ keyId, certificates: chain.certificates, algorithm: chain.algorithm, messageType: 'RAW' });
  const sealed = await addPdfSignature(pdf, key, { subFilter: 'ETSI.CAdES.detached', signingTime, reason: SEAL_REASON, fieldName: 'ProductSeal' });
  return { pdf: sealed, chain };
}

/** ECDSA on the certificate's curve; RSA with PKCS#1 v1.5 (what every PDF reader checks). */
function algorithmOf(certificate: X509Certificate): PdfSigningAlgorithm {
  const key = certificate.publicKey;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const found = (Object.entries(SIGNING_ALGORITHM_PROFILES) as [PdfSigningAlgorithm, (typeof SIGNING_ALGORITHM_PROFILES)[PdfSigningAlgorithm]][]).find(
    ([, profile]) => profile.keyType === key.asymmetricKeyType && (profile.keyType === 'ec' ? profile.namedCurve === curve : profile.rsaPadding === 'pkcs1'),
  );
  if (!found) throw new SealNotConfigured(`The seal certificate's ${key.asymmetricKeyType ?? 'unknown'} key${curve ? ` on ${curve}` : ''} cannot seal`, { setting: 'SEAL_CERTIFICATE_FILE' });
  return found[0];
}
