/**
 * Sets when an ended request's personal data is due for erasure, once nothing it granted is
 * alive any more (functions/domain/retention.ts). Called after each change that can end the
 * last live thing — the workflow's end, a broker's cancel, the revocation of the last active
 * grant — each after its own commit, so that of two such changes racing, the later one sees
 * the other's write. Idempotent: a due date once set is kept.
 */
import { getGrants } from '../adapters/grant-store.js';
import { changeRequest, getRequest } from '../adapters/request-store.js';
import { retentionPolicy } from '../config/config.js';
import { erasureDue } from '../domain/retention.js';

export async function scheduleErasureIfEnded(requestId: string, now: Date = new Date()): Promise<string | undefined> {
  const request = await getRequest(requestId);
  if (!request || request.retainUntil) return request?.retainUntil;
  const grants = await getGrants(request.grantIds ?? []);
  const due = erasureDue({ status: request.status, grants }, now, retentionPolicy());
  if (!due) return undefined;
  const updated = await changeRequest(requestId, (current) => (current.retainUntil ? { actor: 'workflow' } : { actor: 'workflow', set: { retainUntil: due.toISOString() } }), { current: request });
  return updated.retainUntil;
}
