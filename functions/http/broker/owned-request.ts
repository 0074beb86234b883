/** A broker touches only his own requests: another broker's request answers 404, as if absent. */
import { getRequest } from '../../adapters/request-store.js';
import type { StoredRequest } from '../../adapters/request-store.js';
import { notFound } from '../http-errors.js';

export async function ownedRequest(requestId: string, brokerId: string): Promise<StoredRequest> {
  const request = await getRequest(requestId);
  if (!request || request.brokerId !== brokerId) throw notFound('Request');
  return request;
}
