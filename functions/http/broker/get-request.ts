/** `GET /v1/requests/{id}`: one request with its grantees, history and documents (R9). Another broker's request is 404. */
import { config } from '../../config/config.js';
import { getGrants } from '../../adapters/grant-store.js';
import { getRequestRecord, grantIdsOf } from '../../adapters/request-store.js';
import { isRequestId } from '../../domain/identifiers.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { notFound } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { requestView, requestViewSchema } from './request-view.js';

export async function getRequest(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const requestId = pathParameter(event, 'id');
  const found = isRequestId(requestId) ? await getRequestRecord(requestId) : undefined;
  if (!found || found.request.brokerId !== brokerId) throw notFound('Request');
  return json(200, requestViewSchema.parse(requestView(found, await getGrants(grantIdsOf(found.request)), config().PUBLIC_BASE_URL)));
}
