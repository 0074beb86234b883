/**
 * Step CreateGrants: once the form is signed (and approved, R6), writes one pending grant per
 * grantee (R4: what each may see; R7: nothing is visible before activation), each pointing at
 * the signed form (R8). Written in one transaction with the request's change and its audit
 * entry, on which each grant's own audit chain is anchored; a retry returns the grants
 * already written.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { newGrantItems } from '../adapters/grant-store.js';
import type { Grant, PortalGrant } from '../adapters/grant-store.js';
import { changeRequest, RequestStateConflict, requireRequest } from '../adapters/request-store.js';
import type { StoredRequest } from '../adapters/request-store.js';
import { grantChainGenesis } from '../domain/audit-event.js';
import { personName } from '../domain/display-names.js';
import { grantScopeFor } from '../domain/grant-scope.js';
import { normalizeEmail } from '../domain/person-identity.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { ProductError } from '../errors/product-error.js';
import { stepHandler } from './step-handler.js';

export const createGrantsInput = z.object({ requestId: z.string().check(z.minLength(1)) });

export interface CreateGrantsResult {
  readonly grants: { readonly requestId: string; readonly grantId: string }[];
}

export const handler = stepHandler('CreateGrants', createGrantsInput, async ({ requestId }): Promise<CreateGrantsResult> => {
  const before = await requireRequest(requestId);
  if (before.grantIds) return resultOf(before);
  const now = new Date().toISOString();
  const form = signedForm(before);
  const grants = before.request.grantees.map((grantee, index) => ({
    grantId: `g_${randomBytes(12).toString('base64url')}`,
    index,
    email: normalizeEmail(grantee.person.email),
    name: personName(grantee.person),
    relation: grantee.relation,
    scope: grantScopeFor(grantee),
  }));
  const updated = await changeRequest(requestId, (current) => {
    if (current.grantIds) throw new GrantsAlreadyCreated(`Request ${requestId} has its grants`, { requestId });
    if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is ${current.status}`, current.status);
    return {
      actor: 'workflow',
      set: { status: 'AWAITING_ACTIVATION', grantIds: grants.map((grant) => grant.grantId) },
      event: {
        type: 'grantsCreated',
        details: {
          grantIds: grants.map((grant) => grant.grantId),
          // What each grant gives (R4), so the completion certificate can show it from the trail alone.
          grants: grants.map((grant) => ({ grantId: grant.grantId, relation: grant.relation, scope: grant.scope })),
        },
      },
      // Each grant's chain starts on this very entry (its hash), so it cannot be moved elsewhere.
      extra: (entry) =>
        grants.flatMap((grant) => {
          const stored: Grant = {
            ...grant,
            requestId,
            brokerId: current.brokerId,
            clientRef: current.clientRef,
            status: 'pending',
            createdAt: now,
            auditSeq: 0,
            auditHead: grantChainGenesis(entry?.hash ?? current.auditHead, grant.grantId),
            version: 1,
          };
          return newGrantItems(stored, form);
        }),
    };
  }).catch(async (error: unknown) => {
    if (error instanceof GrantsAlreadyCreated) return requireRequest(requestId);
    throw error;
  });
  return resultOf(updated);
});

class GrantsAlreadyCreated extends ProductError<{ requestId: string }> {
  override readonly name = 'GrantsAlreadyCreated';
}

function resultOf(request: StoredRequest): CreateGrantsResult {
  return { grants: (request.grantIds ?? []).map((grantId) => ({ requestId: request.id, grantId })) };
}

/**
 * R8: the grant shows the signed form. For a company whose representative signed on top of the
 * requester's signed PDF (R6), that last PDF carries both signatures and is the one shown;
 * otherwise the requester's signed copy.
 */
function signedForm(request: StoredRequest): PortalGrant['form'] {
  const signature = request.signatures?.requester;
  if (!signature) throw new RequestStateConflict('Grants need a signed form (R2, R3)', request.status);
  const approval = request.signatures?.legalRepresentative;
  // A representative's verified PDF (anything but a scan) was signed on top of the requester's signed PDF.
  const approvalCarriesBoth = approval !== undefined && approval.method !== 'handwritten' && signature.method !== 'handwritten';
  const shown = approval && approvalCarriesBoth ? approval : signature;
  return { documentKey: shown.documentKey, sha256: shown.sha256 };
}
