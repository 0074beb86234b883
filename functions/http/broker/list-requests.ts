/** `GET /v1/requests?status=&clientRef=&cursor=`: the broker's requests, newest first. */
import { z } from 'zod';
import { listBrokerRequests } from '../../adapters/request-store.js';
import { REQUEST_STATUSES } from '../../domain/request-status.js';
import { brokerIdOf } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { requestSummary, requestSummarySchema } from './request-view.js';

export const listRequestsQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  clientRef: z.string().trim().min(1).max(64).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const listRequestsResponse = z.object({ items: z.array(requestSummarySchema), cursor: z.string().optional() });

export async function listRequests(event: ApiEvent): Promise<HttpResult> {
  const query = listRequestsQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw validationFailed(issuesOf(query.error));
  const page = await listBrokerRequests({ brokerId: brokerIdOf(event), ...query.data });
  return json(200, listRequestsResponse.parse({ items: page.items.map(requestSummary), cursor: page.cursor }));
}
