/**
 * `POST /sign/{token}/decline`: the signer refuses to sign (or the legal representative to
 * approve). Recorded with the link spent, then the waiting task fails with
 * `SignatureDeclined`, which the workflow catches and ends as DECLINED.
 */
import { z } from 'zod';
import { failTask } from '../../adapters/workflow-client.js';
import { declinedPage } from '../../messages/pages.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { html, json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { wantsJson } from '../link-pages.js';
import { answerSigningWait, resolveSigningLink } from './signing-link.js';

export const declineBody = z.object({ reason: z.string().trim().max(1000).optional() });

/** The answer when the caller asks for JSON (`Accept: application/json`); a browser gets a page. */
export const declineResponse = z.object({ status: z.literal('declined') });

export async function declineSignature(event: ApiEvent): Promise<HttpResult> {
  const token = pathParameter(event, 'token');
  const now = new Date();
  const resolved = await resolveSigningLink(token, now);
  const language = resolved.request.request.language;
  const body = declineBody.safeParse(jsonBody(event, false));
  if (!body.success) throw validationFailed(issuesOf(body.error));
  const at = now.toISOString();
  const taskToken = await answerSigningWait(resolved, at, () => ({
    set: { declined: { role: resolved.role, at, reason: body.data.reason || undefined } },
    event: { type: 'signatureDeclined', details: { role: resolved.role, reason: body.data.reason || undefined } },
  }));
  await failTask(taskToken, 'SignatureDeclined', JSON.stringify({ role: resolved.role, reason: body.data.reason ?? '' }));
  if (wantsJson(event)) return json(200, declineResponse.parse({ status: 'declined' }));
  return html(200, declinedPage({ language }));
}
