/**
 * `POST /sign/{token}/decline`: the signer refuses to sign (or the legal representative to
 * approve). Recorded with the link spent, then the waiting task fails with
 * `SignatureDeclined`, which the workflow catches and ends as DECLINED.
 */
import * as z from 'zod/mini';
import { config } from '../../config/config.js';
import { safeMultilineText } from '../../domain/safe-text.js';
import { newNote } from '../../adapters/note-store.js';
import { declinedPage } from '../../messages/pages.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { issuesOf, jsonBody, validationFailed } from '../http-errors.js';
import { html } from '../html-response.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { wantsJson } from '../link-pages.js';
import { answerSigningWait, resolveSigningLink } from './signing-link.js';

/** The longest reason a signer may give (I3); the signing page's field holds to it too. */
export const MAX_DECLINE_REASON_LENGTH = 1000;

export const declineBody = z.object({ reason: z.optional(safeMultilineText(MAX_DECLINE_REASON_LENGTH)) });

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
  // The signer's words are a note (personal data, erased with the request); the workflow learns only who declined.
  const note = body.data.reason ? newNote(resolved.request.id, body.data.reason, at) : undefined;
  await answerSigningWait(
    resolved,
    at,
    () => ({
      set: { declined: { role: resolved.role, at, ...(note ? { note: note.ref } : {}) } },
      event: { type: 'signatureDeclined', details: { role: resolved.role, ...(note ? { note: note.ref } : {}) } },
      extra: note ? [note.item] : [],
    }),
    (taskToken) => [{ kind: 'failTask', taskToken, error: 'SignatureDeclined', cause: JSON.stringify({ role: resolved.role }) }],
  );
  if (wantsJson(event)) return json(200, declineResponse.parse({ status: 'declined' }));
  return html(200, declinedPage({ language, brokerName: config().BROKER_DISPLAY_NAME }));
}
