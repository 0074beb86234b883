/**
 * `GET /v1/requests/{id}/documents/{document}`: the generated form or a signed copy, for the
 * broker (R8, R9), as a short-lived link to download it (document-link.ts).
 */
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { answerDocumentLink } from '../document-link.js';
import { notFound } from '../http-errors.js';
import type { HttpResult } from '../http-response.js';
import { ownedRequest } from './owned-request.js';
import * as z from 'zod/mini';

/** The documents a broker can fetch: the generated form and each signed copy. */
export const requestDocumentName = z.enum(['form', 'requester-signature', 'legalRepresentative-signature']);

export async function getRequestDocument(event: ApiEvent): Promise<HttpResult> {
  const request = await ownedRequest(pathParameter(event, 'id'), brokerIdOf(event));
  const name = requestDocumentName.safeParse(pathParameter(event, 'document'));
  if (!name.success) throw notFound('Document');
  const key = {
    form: request.form?.key,
    'requester-signature': request.signatures?.requester?.documentKey,
    'legalRepresentative-signature': request.signatures?.legalRepresentative?.documentKey,
  }[name.data];
  if (!key) throw notFound('Document');
  return answerDocumentLink(event, key, { filename: key.split('/').pop() ?? name.data, disposition: 'attachment' });
}
