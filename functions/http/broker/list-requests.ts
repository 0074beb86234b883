/** `GET /v1/requests?status=&clientRef=&cursor=&limit=`: the broker's requests, newest first. */
import * as z from 'zod/mini';
import { listBrokerRequests } from '../../adapters/request-store.js';
import { clientRefSchema } from '../../domain/identifiers.js';
import { REQUEST_STATUSES } from '../../domain/request-status.js';
import { brokerIdOf } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { MAX_CURSOR_LENGTH, openCursor, sealCursor } from './list-cursor.js';
import { requestSummary, requestSummarySchema } from './request-view.js';

export const listRequestsQuery = z.object({
  status: z.optional(z.enum(REQUEST_STATUSES)),
  clientRef: z.optional(clientRefSchema),
  cursor: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))).check(z.describe('Opaque; as the previous page answered it, for the same broker')),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

export const listRequestsResponse = z.object({ items: z.array(requestSummarySchema), cursor: z.optional(z.string()) });

export async function listRequests(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const query = listRequestsQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw validationFailed(issuesOf(query.error));
  const { cursor, ...filters } = query.data;
  const page = await listBrokerRequests({ brokerId, ...filters, ...(cursor ? { startKey: await openCursor(brokerId, cursor) } : {}) });
  const next = page.lastKey ? await sealCursor(brokerId, page.lastKey) : undefined;
  return json(200, listRequestsResponse.parse({ items: page.items.map(requestSummary), cursor: next }));
}
