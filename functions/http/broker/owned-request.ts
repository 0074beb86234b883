/** A broker touches only his own requests: another broker's request answers 404, as if absent. */
import { getRequest } from '../../adapters/request-store.js';
import type { StoredRequest } from '../../adapters/request-store.js';
import { isRequestId } from '../../domain/identifiers.js';
import { notFound } from '../http-errors.js';

export async function ownedRequest(requestId: string, brokerId: string): Promise<StoredRequest> {
  // An id that could not have been minted costs no read (I1).
  const request = isRequestId(requestId) ? await getRequest(requestId) : undefined;
  if (!request || request.brokerId !== brokerId) throw notFound('Request');
  return request;
}
