/** `GET /v1/requests/{id}/documents/{document}`: the generated form or a signed copy, for the broker (R8, R9). */
import { getDocument } from '../../adapters/document-store.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { notFound } from '../http-errors.js';
import { document } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { ownedRequest } from './owned-request.js';

export async function getRequestDocument(event: ApiEvent): Promise<HttpResult> {
  const request = await ownedRequest(pathParameter(event, 'id'), brokerIdOf(event));
  const name = pathParameter(event, 'document');
  const key =
    name === 'form'
      ? request.form?.key
      : name === 'requester-signature'
        ? request.signatures?.requester?.documentKey
        : name === 'legalRepresentative-signature'
          ? request.signatures?.legalRepresentative?.documentKey
          : undefined;
  if (!key) throw notFound('Document');
  const stored = await getDocument(key);
  return document(stored.bytes, stored.contentType, key.split('/').pop() ?? name);
}
