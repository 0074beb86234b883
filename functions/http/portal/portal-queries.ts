/**
 * The client portal's questions (R8): which grants a person has, whether he may see a
 * contract ("all" covers contracts created after the grant, R4), and the signed form shown
 * beside the access (a short-lived link to it, document-link.ts). Each question is one
 * DynamoDB Query.
 */
import * as z from 'zod/mini';
import { config } from '../../config/config.js';
import { getGrant, getPortalGrant, grantsOf } from '../../adapters/grant-store.js';
import { clientRefSchema, contractRefSchema, emailSchema, isGrantId } from '../../domain/identifiers.js';
import type { PortalGrant } from '../../adapters/grant-store.js';
import { grantCoversContract } from '../../domain/grant-scope.js';
import { GRANT_STATUSES } from '../../domain/request-status.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, notFound, validationFailed } from '../http-errors.js';
import { answerDocumentLink, documentLinkResponse } from '../document-link.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';

export const portalGrantsQuery = z.object({ email: emailSchema, status: z._default(z.enum(GRANT_STATUSES), 'active') });
/** Each value enters a key or is compared with one: each keeps to its character set (I1). */
export const portalAccessQuery = z.object({ email: emailSchema, clientRef: clientRefSchema, contract: contractRefSchema });

const scopeSchema = z.union([z.object({ type: z.literal('all') }), z.object({ type: z.literal('contracts'), refs: z.array(z.string()) })]);
export const portalGrantsResponse = z.object({
  items: z.array(
    z.object({
      grantId: z.string(),
      clientRef: z.string(),
      relation: z.string(),
      scope: scopeSchema,
      status: z.enum(GRANT_STATUSES),
      activatedAt: z.optional(z.string()),
      form: z.object({ url: z.string(), sha256: z.string() }),
      /** R8: the evidence package of the grant's request (grant-evidence.ts). */
      evidence: z.object({ url: z.string() }),
    }),
  ),
});
export const portalAccessResponse = z.object({ allowed: z.boolean(), grantId: z.optional(z.string()) });
/**
 * The signed form: `200 { url, expiresAt, evidence: { url } }` with `Accept: application/json`;
 * otherwise `303` to the same URL with the evidence package in a `Link: <…>; rel="evidence"` header (R8).
 */
export const signedFormResponse = z.extend(documentLinkResponse, {
  evidence: z.object({ url: z.string().check(z.describe('GET /v1/portal/grants/{grantId}/evidence: the request\'s trail, documents and sealed completion certificate')) }),
});

export async function listPortalGrants(event: ApiEvent): Promise<HttpResult> {
  const query = portalGrantsQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw validationFailed(issuesOf(query.error));
  const grants = (await grantsOf(query.data.email)).filter((grant) => grant.status === query.data.status);
  return json(200, portalGrantsResponse.parse({ items: grants.map(portalView) }));
}

export async function checkPortalAccess(event: ApiEvent): Promise<HttpResult> {
  const query = portalAccessQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw validationFailed(issuesOf(query.error));
  const grant = (await grantsOf(query.data.email, query.data.clientRef)).find(
    (candidate) => candidate.status === 'active' && grantCoversContract(candidate.scope, query.data.contract),
  );
  return json(200, portalAccessResponse.parse(grant ? { allowed: true, grantId: grant.grantId } : { allowed: false }));
}

export async function downloadSignedForm(event: ApiEvent): Promise<HttpResult> {
  const grantId = pathParameter(event, 'grantId');
  const found = isGrantId(grantId) ? await getGrant(grantId) : undefined;
  const grant = found && (await getPortalGrant(found));
  if (!grant) throw notFound('Grant');
  const extension = grant.form.documentKey.split('.').pop() ?? 'pdf';
  return answerDocumentLink(event, grant.form.documentKey, {
    filename: `signed-form-${grant.grantId}.${extension}`,
    disposition: 'attachment',
    evidenceUrl: evidenceUrlOf(grant.grantId),
  });
}

function portalView(grant: PortalGrant) {
  return {
    grantId: grant.grantId,
    clientRef: grant.clientRef,
    relation: grant.relation,
    scope: grant.scope,
    status: grant.status,
    activatedAt: grant.activatedAt,
    form: { url: `${config().PUBLIC_BASE_URL}/v1/portal/grants/${grant.grantId}/form`, sha256: grant.form.sha256 },
    evidence: { url: evidenceUrlOf(grant.grantId) },
  };
}

function evidenceUrlOf(grantId: string): string {
  return `${config().PUBLIC_BASE_URL}/v1/portal/grants/${grantId}/evidence`;
}
