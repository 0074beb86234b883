/** `GET /v1/requests/{id}`: one request with its grantees, history and documents (R9). Another broker's request is 404. */
import { config } from '../../config/config.js';
import { getRequestWithHistory } from '../../adapters/request-store.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { notFound } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { requestView, requestViewSchema } from './request-view.js';

export async function getRequest(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const found = await getRequestWithHistory(pathParameter(event, 'id'));
  if (!found || found.request.brokerId !== brokerId) throw notFound('Request');
  return json(200, requestViewSchema.parse(requestView(found.request, found.history, config().PUBLIC_BASE_URL)));
}

