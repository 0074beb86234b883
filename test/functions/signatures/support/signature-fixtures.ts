/**
 * The one fixture of the signature verification tests: the company's form, which two sign
 * (rendered as GenerateForm renders it; a natural client's form is `formToSign`, shared with the
 * other signing tests in test/fixtures/pdf-signers.ts), a test eID hierarchy (root → Citizen CA)
 * and eID-like signers under it, and the `base` the verifier compares an upload against.
 */
import { createHash } from 'node:crypto';
import type { PersonWithEmail } from '../../../../functions/domain/request-schema.js';
import { renderAccessForm } from '../../../../functions/form/render-form.js';
import { companyRequestFiledByEmployee, PEOPLE, validatedRequest } from '../../../fixtures/access-request-builder.js';
import { createTestIntermediate, createTestRoot, issueTestSigner, type TestAlgorithm, type TestKeyHolder, type TestSubject } from './test-certificates.js';

/** What the verifier is told of the document to sign. */
export interface DocumentBase {
  readonly sha256: string;
  readonly size: number;
}

export function baseOf(pdf: Uint8Array): DocumentBase {
  return { sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.byteLength };
}

/** Bakkerij Peeters BV's request filed by Łukasz: he signs, then Elif, the legal representative, signs on top (R6). */
export async function companyForm(): Promise<Uint8Array> {
  return (
    await renderAccessForm({
      requestId: 'REQ-01JD8Z9W2M',
      request: validatedRequest(companyRequestFiledByEmployee()),
      brokerName: 'Verzekeringen Janssens',
      generatedAt: new Date('2026-11-20T09:30:00Z'),
      legalRepresentativeMustApprove: true,
    })
  ).pdf;
}

/** The people who sign in these tests, as the requests name them. */
export const SIGNERS = {
  hans: PEOPLE.hans(),
  lukasz: PEOPLE.lukasz(),
  elif: PEOPLE.elif(),
} as const;

/** A test eID hierarchy: the root to trust and the Citizen CA that issues signature certificates. */
export interface TestEidHierarchy {
  readonly root: TestKeyHolder;
  readonly citizenCa: TestKeyHolder;
}

/**
 * Root and Citizen CA valid since two years, as real ones are long before a card signs: a
 * signer certificate's validity then falls inside theirs, whatever dates a test gives it.
 */
export async function createTestEidHierarchy(algorithm: TestAlgorithm = 'ECDSA-P384-SHA384', name = 'Test Belgium Root CA'): Promise<TestEidHierarchy> {
  const notBefore = new Date(Date.now() - 2 * 365 * 24 * 3600 * 1000);
  const root = await createTestRoot({ name, algorithm, notBefore });
  const citizenCa = await createTestIntermediate(root, { name: `${name} Citizen CA`, algorithm, notBefore });
  return { root, citizenCa };
}

/**
 * An eID signature certificate for `person` under `hierarchy`'s Citizen CA: the card's subject
 * (GN, SN, CN "First Last (Signature)", serialNumber) unless `subject` says otherwise.
 */
export async function issueEidCertificate(
  hierarchy: TestEidHierarchy,
  person: Pick<PersonWithEmail, 'firstName' | 'lastName'>,
  options: { readonly algorithm?: TestAlgorithm; readonly subject?: TestSubject; readonly notBefore?: Date; readonly notAfter?: Date } = {},
): Promise<TestKeyHolder> {
  return issueTestSigner(hierarchy.citizenCa, {
    algorithm: options.algorithm ?? hierarchy.citizenCa.algorithm,
    subject: options.subject ?? { givenName: person.firstName, surname: person.lastName, serialNumber: '85073003328' },
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
  });
}
