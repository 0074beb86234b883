/**
 * Step CreateGrants: once the form is signed (and approved, R6), writes one pending grant per
 * grantee (R4: what each may see; R7: nothing is visible before activation), each pointing at
 * the signed form (R8). Written in one transaction with the request's change and its audit
 * entry; a retry returns the grants already written.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { putGrantItems } from '../adapters/grant-store.js';
import type { PortalGrant } from '../adapters/grant-store.js';
import { changeRequest, RequestStateConflict, requireRequest } from '../adapters/request-store.js';
import type { RequestGrant, StoredRequest } from '../adapters/request-store.js';
import { personName } from '../domain/display-names.js';
import { grantScopeFor } from '../domain/grant-scope.js';
import { normalizeEmail } from '../domain/person-identity.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { stepHandler } from './step-handler.js';

export const createGrantsInput = z.object({ requestId: z.string().min(1) });

export interface CreateGrantsResult {
  readonly grants: { readonly requestId: string; readonly grantId: string }[];
}

export const handler = stepHandler('CreateGrants', createGrantsInput, async ({ requestId }): Promise<CreateGrantsResult> => {
  const before = await requireRequest(requestId);
  if (before.grants) return resultOf(before);
  const now = new Date().toISOString();
  const form = signedForm(before);
  const grants: RequestGrant[] = before.request.grantees.map((grantee) => ({
    grantId: `g_${randomBytes(12).toString('base64url')}`,
    email: normalizeEmail(grantee.person.email),
    relation: grantee.relation,
    name: personName(grantee.person),
    scope: grantScopeFor(grantee),
    status: 'pending',
  }));
  const updated = await changeRequest(requestId, (current) => {
    if (current.grants) throw new GrantsAlreadyCreated();
    if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is ${current.status}`, current.status);
    return {
      actor: 'workflow',
      set: { status: 'AWAITING_ACTIVATION', grants },
      event: { type: 'grantsCreated', details: { grantIds: grants.map((grant) => grant.grantId) } },
      extra: grants.flatMap((grant, index) =>
        putGrantItems(portalGrant(current, grant, form, now)).map((item) => ({
          name: `grant ${index}`,
          item,
        })),
      ),
    };
  }).catch(async (error: unknown) => {
    if (error instanceof GrantsAlreadyCreated) return requireRequest(requestId);
    throw error;
  });
  return resultOf(updated);
});

class GrantsAlreadyCreated extends Error {
  override readonly name = 'GrantsAlreadyCreated';
}

function resultOf(request: StoredRequest): CreateGrantsResult {
  return { grants: (request.grants ?? []).map((grant) => ({ requestId: request.id, grantId: grant.grantId })) };
}

/** R8: the grant shows the signed form; for a company that needed approval, the requester's signed copy. */
function signedForm(request: StoredRequest): PortalGrant['form'] {
  const signature = request.signatures?.requester;
  if (!signature) throw new RequestStateConflict('Grants need a signed form (R2, R3)', request.status);
  return { documentKey: signature.documentKey, sha256: signature.sha256 };
}

function portalGrant(
  request: StoredRequest,
  grant: RequestGrant,
  form: PortalGrant['form'],
  now: string,
): PortalGrant {
  return {
    grantId: grant.grantId,
    requestId: request.id,
    brokerId: request.brokerId,
    clientRef: request.clientRef,
    email: grant.email,
    relation: grant.relation,
    scope: grant.scope,
    status: 'pending',
    createdAt: now,
    form,
  };
}
