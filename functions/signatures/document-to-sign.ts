/**
 * Which document a signer signs (R3, R6). The requester signs the generated form. A company's
 * legal representative signs on top of the requester's signature when the requester signed
 * the PDF itself (eID, signing service): one document then carries both signatures, each an
 * incremental update over the bytes signed before. When the requester signed by hand, the
 * representative signs the generated form.
 */
import type { StoredRequest } from '../adapters/request-store.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { ProductError } from '../errors/product-error.js';

/** A stored document a signer is asked to sign; `size` is absent only on documents recorded before sizes were kept. */
export interface DocumentToSign {
  readonly key: string;
  readonly sha256: string;
  readonly size?: number;
  /** `form` for the generated form, else the role whose signed PDF it is. */
  readonly source: 'form' | SignerRole;
}

/** The request has no form yet (it is still being generated). */
export class NoDocumentToSign extends ProductError<{ requestId: string; role: SignerRole }> {
  override readonly name = 'NoDocumentToSign';
}

export function documentToSign(request: StoredRequest, role: SignerRole): DocumentToSign {
  if (!request.form) throw new NoDocumentToSign(`Request ${request.id} has no form yet`, { requestId: request.id, role });
  const requesterSignature = request.signatures?.requester;
  if (role === 'legalRepresentative' && requesterSignature && requesterSignature.method !== 'handwritten' && requesterSignature.contentType === 'application/pdf') {
    return { key: requesterSignature.documentKey, sha256: requesterSignature.sha256, size: requesterSignature.size, source: 'requester' };
  }
  return { key: request.form.key, sha256: request.form.sha256, size: request.form.size, source: 'form' };
}
