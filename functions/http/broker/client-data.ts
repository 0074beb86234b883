/**
 * A client's personal data on request (GDPR articles 15 and 17), for the broker who holds it
 * (docs/personal-data.md):
 * - `GET /v1/clients/{clientRef}/personal-data`: everything the product keeps about the
 *   client's requests with this broker — each request as filed, its grants, its history with
 *   the reasons people wrote, and links to its documents;
 * - `POST /v1/clients/{clientRef}/erase` with `{ "reason" }`: ends what still runs (cancels
 *   the client's open requests, revokes his grants) and erases each request's personal data
 *   now; the audit trails stay, without personal data.
 */
import * as z from 'zod/mini';
import { getGrants } from '../../adapters/grant-store.js';
import { getRequestRecord, grantIdsOf, listBrokerRequests, requireRequest } from '../../adapters/request-store.js';
import type { ListedRequest } from '../../adapters/request-store.js';
import { config } from '../../config/config.js';
import { clientRefSchema } from '../../domain/identifiers.js';
import { isTerminalStatus } from '../../domain/request-status.js';
import { safeMultilineText } from '../../domain/safe-text.js';
import { eraseRequest } from '../../retention/erase-request.js';
import { brokerIdOf, pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { cancelAsBroker } from './cancel-request.js';
import { requestView, requestViewSchema } from './request-view.js';
import { revokeAsBroker } from './revoke-grant.js';

export const clientDataResponse = z.object({
  clientRef: z.string(),
  exportedAt: z.string(),
  requests: z.array(requestViewSchema),
});

export const eraseClientBody = z.object({ reason: z.pipe(safeMultilineText(500), z.string().check(z.minLength(1, 'An erasure needs a reason (kept in the broker\'s answer only)'))) });

export const eraseClientResponse = z.object({
  clientRef: z.string(),
  requests: z.number().check(z.int(), z.describe("How many of the client's requests there were")),
  erased: z.number().check(z.int(), z.describe('How many had personal data erased now (the others were erased before)')),
});

function clientRefOf(event: ApiEvent): string {
  const parsed = clientRefSchema.safeParse(pathParameter(event, 'clientRef'));
  if (!parsed.success) throw validationFailed(issuesOf(parsed.error).map((issue) => ({ ...issue, path: 'path.clientRef', rule: 'I1' })));
  return parsed.data;
}

/** Every request of this broker for this client (the broker's index, filtered; read page by page). */
async function clientRequests(brokerId: string, clientRef: string): Promise<ListedRequest[]> {
  const all: ListedRequest[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listBrokerRequests({ brokerId, clientRef, limit: 100, ...(startKey ? { startKey } : {}) });
    all.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return all;
}

export async function exportClientData(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const clientRef = clientRefOf(event);
  const requests = [];
  for (const summary of await clientRequests(brokerId, clientRef)) {
    const record = await getRequestRecord(summary.id);
    if (!record) continue;
    requests.push(requestView(record, await getGrants(grantIdsOf(record.request)), config().PUBLIC_BASE_URL));
  }
  return json(200, clientDataResponse.parse({ clientRef, exportedAt: new Date().toISOString(), requests }));
}

export async function eraseClientData(event: ApiEvent): Promise<HttpResult> {
  const brokerId = brokerIdOf(event);
  const clientRef = clientRefOf(event);
  const body = eraseClientBody.safeParse(jsonBody(event));
  if (!body.success) throw validationFailed(issuesOf(body.error));
  const summaries = await clientRequests(brokerId, clientRef);
  let erased = 0;
  for (const summary of summaries) {
    if (summary.erasedAt !== undefined) continue;
    // The index holds the request item without its body: a request still running is read whole (and consistently) to be cancelled.
    const request = isTerminalStatus(summary.status) ? summary : await cancelAsBroker(await requireRequest(summary.id), brokerId, body.data.reason);
    for (const grant of await getGrants(request.grantIds ?? [])) {
      if (grant.status === 'active' || grant.status === 'pending') await revokeAsBroker(grant, brokerId, body.data.reason);
    }
    if ((await eraseRequest(request.id, 'clientRequest')).erased) erased++;
  }
  return json(202, eraseClientResponse.parse({ clientRef, requests: summaries.length, erased }));
}
