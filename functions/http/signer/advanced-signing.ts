/**
 * `POST /sign/{token}/advanced`: the signer chooses to sign through the signing service (R3,
 * advanced signature). The session for the document he must sign is started (or the open one
 * found) and he is sent there: `303` for the signing page's form post, `200 { url }` for a caller
 * that asks for JSON.
 *
 * `GET /sign/{token}/advanced`: where the signing service sends him back. The session is
 * brought in line with the provider first (the callback may not have arrived yet), then the
 * page says how it went: signed, or refused and why (the link stays usable); while the provider
 * still waits, or when nothing was signed, he goes back to the signing page.
 */
import * as z from 'zod/mini';
import { lookUpLink } from '../../adapters/link-store.js';
import { requireRequest } from '../../adapters/request-store.js';
import { sessionOfLink, type SigningSessionRecord } from '../../adapters/signing-session-store.js';
import { config } from '../../config/config.js';
import { signatureReceivedPage, signatureRefusedPage } from '../../messages/pages.js';
import { signingLink } from '../../notifications/request-mails.js';
import { REFUSAL_REASONS } from '../../signatures/signature-verdict.js';
import { signingProvider, signingServiceConfigured } from '../../signing-service/configured-provider.js';
import { openSigningSession } from '../../signing-service/open-signing-session.js';
import { syncSigningSession } from '../../signing-service/sync-signing-session.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { validationFailed } from '../http-errors.js';
import { html } from '../html-response.js';
import { json, seeOther, type HttpResult } from '../http-response.js';
import { LinkUnusable, wantsJson } from '../link-pages.js';
import { resolveSigningLink } from './signing-link.js';

/** `200 { url }` with `Accept: application/json`: where the signer signs, at the signing service. */
export const advancedSigningStartedResponse = z.object({ url: z.url().check(z.describe("The signing service's page for this signer's session")) });

/** `GET /sign/{token}/advanced` with `Accept: application/json`: how the signer's last signing-service session went. */
export const advancedSigningOutcomeResponse = z.object({
  status: z
    .enum(['none', 'open', 'signed', 'refused', 'ended', 'closed'])
    .check(z.describe('none: no session yet; open: the signing service still waits; signed: verified and recorded; refused: its PDF did not pass verification (see reason); ended: the signing service ended it unsigned; closed: the request no longer waits for it')),
  reason: z.optional(z.enum(REFUSAL_REASONS)).check(z.describe('Why the signed PDF was refused')),
});

export async function startAdvancedSigning(event: ApiEvent): Promise<HttpResult> {
  const token = pathParameter(event, 'token');
  const now = new Date();
  const resolved = await resolveSigningLink(token, now);
  if (!resolved.request.request.signatureMethods.includes('advanced')) {
    throw validationFailed([{ path: 'method', rule: 'R3', message: 'This request does not accept an advanced signature' }]);
  }
  if (!signingServiceConfigured()) {
    throw validationFailed([{ path: 'method', rule: 'R3', message: 'No signing service is offered here: sign with your eID or by hand' }]);
  }
  const session = await openSigningSession({ resolved, token, provider: await signingProvider(), now });
  if (wantsJson(event)) return json(200, advancedSigningStartedResponse.parse({ url: session.signerUrl }));
  return seeOther(session.signerUrl);
}

export async function showAdvancedSigningOutcome(event: ApiEvent): Promise<HttpResult> {
  const token = pathParameter(event, 'token');
  const now = new Date();
  // The link is spent once the signature is recorded: the outcome is shown for a used link too.
  const found = await lookUpLink(token, now);
  if (found.state === 'unknown' || found.link.purpose.kind !== 'sign') throw new LinkUnusable('unknown');
  const language = (await requireRequest(found.link.requestId)).request.language;
  const session = await currentSession(found.link.tokenHash, now);

  if (wantsJson(event)) {
    return json(200, advancedSigningOutcomeResponse.parse({ status: session?.state ?? 'none', ...(session?.refusal ? { reason: session.refusal } : {}) }));
  }
  if (session?.state === 'signed') {
    return html(200, signatureReceivedPage({ language, method: 'advanced', brokerName: config().BROKER_DISPLAY_NAME }));
  }
  if (session?.state === 'refused' && session.refusal) {
    return html(200, signatureRefusedPage({ language, reason: session.refusal, signingPageUrl: signingLink(encodeURIComponent(token)) }));
  }
  // Nothing signed yet (or the link's request moved on): the signing page says what the signer can do now.
  return seeOther(signingLink(encodeURIComponent(token)));
}

/** The link's last session, synced with the provider while it is open. */
async function currentSession(tokenHash: string, now: Date): Promise<SigningSessionRecord | undefined> {
  const session = await sessionOfLink(tokenHash);
  if (!session || session.state !== 'open' || !signingServiceConfigured()) return session;
  const synced = await syncSigningSession({ sessionId: session.sessionId, provider: await signingProvider(), now });
  return synced.kind === 'settled' || synced.kind === 'pending' ? synced.session : session;
}
