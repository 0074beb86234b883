import { describe, expect, it } from 'vitest';
import type { SignatureEvidence, StoredRequest } from '../../../functions/adapters/request-store.js';
import { documentToSign, NoDocumentToSign } from '../../../functions/signatures/document-to-sign.js';
import { companyRequestFiledByEmployee, validatedRequest } from '../../fixtures/access-request-builder.js';

const FORM = { key: 'requests/req_1/form-aa.pdf', sha256: 'a'.repeat(64), generatedAt: '2026-11-20T09:00:00.000Z', size: 46_000 };

function companyRequest(requesterSignature?: Partial<SignatureEvidence>, form: StoredRequest['form'] | null = FORM): StoredRequest {
  const signature: SignatureEvidence | undefined = requesterSignature && {
    method: 'eid',
    documentKey: 'requests/req_1/requester-signature-bb.pdf',
    sha256: 'b'.repeat(64),
    contentType: 'application/pdf',
    size: 61_000,
    receivedAt: '2026-11-21T09:00:00.000Z',
    ...requesterSignature,
  };
  return {
    id: 'req_1',
    brokerId: 'broker-a',
    clientRef: 'C-2002',
    status: 'AWAITING_LEGAL_REPRESENTATIVE',
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
    request: validatedRequest(companyRequestFiledByEmployee()),
    ...(form ? { form } : {}),
    ...(signature ? { signatures: { requester: signature } } : {}),
    auditSeq: 4,
    auditHead: 'c'.repeat(64),
  } as StoredRequest;
}

describe('documentToSign (R3, R6)', () => {
  it('gives the requester the generated form', () => {
    expect(documentToSign(companyRequest(), 'requester')).toEqual({ key: FORM.key, sha256: FORM.sha256, size: FORM.size, source: 'form' });
  });

  it.each(['eid', 'advanced'] as const)("gives the legal representative the PDF the requester signed by %s, so both signatures sit on one document (R6)", (method) => {
    expect(documentToSign(companyRequest({ method }), 'legalRepresentative')).toEqual({
      key: 'requests/req_1/requester-signature-bb.pdf',
      sha256: 'b'.repeat(64),
      size: 61_000,
      source: 'requester',
    });
  });

  it('gives the legal representative the generated form when the requester signed by hand: a scan cannot carry a PDF signature', () => {
    const scanned = companyRequest({ method: 'handwritten', contentType: 'image/jpeg', documentKey: 'requests/req_1/requester-signature-dd.jpg' });
    expect(documentToSign(scanned, 'legalRepresentative')).toMatchObject({ key: FORM.key, source: 'form' });
    const scannedPdf = companyRequest({ method: 'handwritten', contentType: 'application/pdf' });
    expect(documentToSign(scannedPdf, 'legalRepresentative')).toMatchObject({ key: FORM.key, source: 'form' });
  });

  it('refuses to name a document before the form exists', () => {
    expect(() => documentToSign(companyRequest(undefined, null), 'requester')).toThrow(NoDocumentToSign);
  });
});
