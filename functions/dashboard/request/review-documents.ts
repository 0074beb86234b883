/**
 * The two documents of a scan's review (R3, R9), shown side by side in the page: the generated
 * form and the scan signed by hand, each as a short-lived presigned GET the browser shows inline
 * (in an `<iframe>`, or an `<img>` for a scanned image).
 *
 * Why this reads the store and presigns itself rather than calling the broker API: the API's
 * document route (functions/http/broker/get-document.ts) answers every document as an
 * attachment, which a browser downloads instead of showing in a frame. Only what the API has
 * already shown this broker is framed: the caller checked the request is his (`GET
 * /v1/requests/{id}` answered 200), and the ownership is checked again here.
 */
import { DocumentMissing, presignDownload } from '../../adapters/document-store.js';
import { getRequest, RequestErased, type StoredRequest } from '../../adapters/request-store.js';
import type { SignerRole } from '../../domain/signing-plan.js';
import { DOCUMENT_LINK_SECONDS } from '../../http/document-link.js';
import type { FramedDocument, ReviewDocuments } from './request-page-html.js';

/** The documents the dashboard can show inline: the form, and each signer's signed copy or scan. */
export const INLINE_DOCUMENTS = ['form', 'requester-signature', 'legalRepresentative-signature'] as const;
export type InlineDocument = (typeof INLINE_DOCUMENTS)[number];

export function isInlineDocument(value: string): value is InlineDocument {
  return (INLINE_DOCUMENTS as readonly string[]).includes(value);
}

/** The broker's stored request, or undefined when it is not his or was erased. */
async function brokersRequest(requestId: string, brokerId: string): Promise<StoredRequest | undefined> {
  const request = await getRequest(requestId).catch((error: unknown) => {
    if (error instanceof RequestErased) return undefined;
    throw error;
  });
  return request?.brokerId === brokerId ? request : undefined;
}

/** A short-lived inline link to `document` of `request`, or undefined when it has none. */
async function inlineLink(request: StoredRequest, document: InlineDocument): Promise<FramedDocument | undefined> {
  const role = document === 'requester-signature' ? 'requester' : 'legalRepresentative';
  const signed = document === 'form' ? undefined : request.signatures?.[role];
  const stored = document === 'form' ? request.form && { key: request.form.key, contentType: 'application/pdf' } : signed && { key: signed.documentKey, contentType: signed.contentType };
  if (!stored) return undefined;
  try {
    const link = await presignDownload(stored.key, {
      filename: stored.key.split('/').pop() ?? document,
      disposition: 'inline',
      expiresInSeconds: DOCUMENT_LINK_SECONDS,
      now: new Date(),
    });
    return { url: link.url, contentType: stored.contentType };
  } catch (error) {
    if (error instanceof DocumentMissing) return undefined;
    throw error;
  }
}

/**
 * A short-lived inline link to `document` of the broker's request, or undefined when the request
 * is not his, was erased, or has no such document.
 */
export async function inlineDocument(requestId: string, brokerId: string, document: InlineDocument): Promise<FramedDocument | undefined> {
  const request = await brokersRequest(requestId, brokerId);
  return request ? inlineLink(request, document) : undefined;
}

/** The generated form and `role`'s scan, for the review (one read of the request). */
export async function reviewDocuments(requestId: string, brokerId: string, role: SignerRole): Promise<ReviewDocuments> {
  const request = await brokersRequest(requestId, brokerId);
  if (!request) return { role };
  const [form, scan] = await Promise.all([inlineLink(request, 'form'), inlineLink(request, role === 'requester' ? 'requester-signature' : 'legalRepresentative-signature')]);
  return { role, ...(form ? { form } : {}), ...(scan ? { scan } : {}) };
}
