/**
 * Whether a signer certificate chains to a configured trust anchor, each certificate valid at
 * the signing time (R3: an eID signature certificate → a Citizen CA → a Belgium Root CA). Built
 * by pkijs's chain engine: issuer signatures, CA constraints, policies. Revocation is not
 * checked here (no network); the verdict says so.
 */
import { Certificate, CertificateChainValidationEngine } from 'pkijs';
import { pkijsCrypto } from './pkijs-crypto.js';

/** `trusted`, or why not: no path to an anchor, or a path whose certificates were not all valid at the signing time. */
export type ChainStatus = { readonly status: 'trusted' } | { readonly status: 'untrusted' | 'not_valid_at_signing'; readonly message: string };

/** pkijs's result code for a path whose certificates are not yet valid or expired at the date checked. */
const CODE_NOT_VALID_AT_DATE = 8;

/**
 * Checks the chain from `signer` through `intermediates` (any order, any extra certificates) to
 * one of `trustRoots`, at `signedAt`.
 */
export async function checkCertificateChain(input: {
  readonly signer: Certificate;
  readonly intermediates: readonly Certificate[];
  readonly trustRoots: readonly Certificate[];
  readonly signedAt: Date;
}): Promise<ChainStatus> {
  const atSigning = await validate(input, input.signedAt);
  if (atSigning.result) return { status: 'trusted' };
  if (atSigning.resultCode !== CODE_NOT_VALID_AT_DATE) return { status: 'untrusted', message: `No trusted chain: ${atSigning.resultMessage}` };
  // pkijs builds the path without dates and checks them after: a path that holds at another
  // date is a trusted chain used outside its validity, not an untrusted one. A path's
  // certificates are all valid from the latest notBefore among them, so those dates suffice.
  const candidates = [input.signer, ...input.intermediates, ...input.trustRoots].map((certificate) => certificate.notBefore.value);
  for (const date of candidates) {
    if ((await validate(input, date)).result) {
      return { status: 'not_valid_at_signing', message: `A certificate of the chain was not valid at the signing time ${input.signedAt.toISOString()}` };
    }
  }
  return { status: 'untrusted', message: `No chain valid at any one time: ${atSigning.resultMessage}` };
}

async function validate(
  input: { readonly signer: Certificate; readonly intermediates: readonly Certificate[]; readonly trustRoots: readonly Certificate[] },
  checkDate: Date,
): Promise<{ result: boolean; resultCode: number; resultMessage: string }> {
  const signerTbs = Buffer.from(input.signer.tbsView);
  // The engine takes the last certificate as the one to validate, so the signer goes last and
  // only once (the CMS usually carries it among the others).
  const others = input.intermediates.filter((certificate) => !signerTbs.equals(certificate.tbsView));
  const engine = new CertificateChainValidationEngine({
    trustedCerts: [...input.trustRoots],
    certs: [...others, input.signer],
    checkDate,
  });
  return engine.verify({}, pkijsCrypto);
}
