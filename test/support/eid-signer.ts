/**
 * Signs a PDF as a Belgian eID holder would in his own software: a "Citizen CA" under a test
 * "Belgium Root CA", a signature certificate naming the person (C=BE, CN="First Last
 * (Signature)", SN, GN, serialNumber = a national register number), an incremental PAdES
 * signature over the bytes given. Current cards hold ECDSA P-384 keys, older ones RSA.
 */
import { addPdfSignature } from '../../functions/signatures/add-pdf-signature.js';
import { nodeSigningKey } from '../../functions/signatures/node-signing-key.js';
import type { PdfSigningAlgorithm } from '../../functions/signatures/pdf-signing-key.js';
import type { SubFilter } from '../../functions/signatures/signature-verdict.js';
import { certificateChainOf, createTestIntermediate, createTestRoot, issueCertificate, type TestAuthority } from '../../local/signing/test-pki.js';

/** A test eID PKI: the root to trust, and the Citizen CA that issues signature certificates. */
export interface TestEidPki {
  readonly root: TestAuthority;
  readonly citizenCa: TestAuthority;
}

export async function createTestEidPki(name = 'Test Belgium Root CA', algorithm: PdfSigningAlgorithm = 'ECDSA-P384-SHA384'): Promise<TestEidPki> {
  const root = await createTestRoot({ name, algorithm });
  const citizenCa = await createTestIntermediate(root, { name: `${name} Citizen CA`, algorithm });
  return { root, citizenCa };
}

export interface EidSignOptions {
  readonly person: { readonly firstName: string; readonly lastName: string };
  /** @default 'ECDSA-P384-SHA384' (cards issued since about 2020) */
  readonly algorithm?: PdfSigningAlgorithm;
  /** @default 'ETSI.CAdES.detached' */
  readonly subFilter?: SubFilter;
  /** @default now */
  readonly signingTime?: Date;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** @default '85073003328' (a made-up national register number) */
  readonly nationalRegisterNumber?: string;
}

/** `pdf` with one more signature, by `options.person`'s test eID certificate under `pki`'s Citizen CA. */
export async function signAsEid(pdf: Uint8Array, pki: TestEidPki, options: EidSignOptions): Promise<Uint8Array> {
  const algorithm = options.algorithm ?? 'ECDSA-P384-SHA384';
  const certificate = await issueCertificate(pki.citizenCa, {
    algorithm,
    subject: { givenName: options.person.firstName, surname: options.person.lastName, serialNumber: options.nationalRegisterNumber ?? '85073003328' },
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
  });
  const key = nodeSigningKey({ privateKey: certificate.privateKey, certificates: certificateChainOf(certificate, pki.citizenCa), algorithm });
  return addPdfSignature(pdf, key, { subFilter: options.subFilter ?? 'ETSI.CAdES.detached', signingTime: options.signingTime ?? new Date() });
}
