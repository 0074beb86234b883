/**
 * `GET /activate/{token}` shows what the grantee is about to activate; `POST` activates it
 * (R7): the grant turns active, the link is spent and the audit entry written in one
 * transaction, then the workflow's waiting task is answered. A second click finds the link
 * spent and changes nothing.
 */
import * as z from 'zod/mini';
import { config } from '../../config/config.js';
import { changeGrant, portalStatusItem } from '../../adapters/grant-store.js';
import { spendLinkItem } from '../../adapters/link-store.js';
import { ChangeConditionFailed } from '../../adapters/request-store.js';
import { clientName, contractLabels } from '../../domain/display-names.js';
import { activationDonePage, activationPage } from '../../messages/pages.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { html } from '../html-response.js';
import { json } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { LinkUnusable, movedOnReason, wantsJson } from '../link-pages.js';
import { resolveActivationLink } from './activation-link.js';

/** The answer when the caller asks for JSON (`Accept: application/json`); a browser gets a page. */
export const activateGrantResponse = z.object({
  grantId: z.string(),
  status: z.literal('active'),
  activatedAt: z.string().check(z.describe('When the grant turned active (ISO 8601)')),
});

export async function showActivationPage(event: ApiEvent): Promise<HttpResult> {
  const token = pathParameter(event, 'token');
  const { link, request, grant } = await resolveActivationLink(token, new Date());
  const labelOf = contractLabels(request.request);
  return html(
    200,
    activationPage({
      language: request.request.language,
      token,
      granteeName: grant.name,
      clientName: clientName(request.request),
      brokerName: config().BROKER_DISPLAY_NAME,
      scope: grant.scope.type === 'all' ? 'all' : grant.scope.refs.map(labelOf),
      expiresAt: new Date(link.expiresAt),
    }),
  );
}

export async function activateGrant(event: ApiEvent): Promise<HttpResult> {
  const now = new Date();
  const resolved = await resolveActivationLink(pathParameter(event, 'token'), now);
  const language = resolved.request.request.language;
  const { grantId } = resolved.grant;
  const at = now.toISOString();
  try {
    await changeGrant(grantId, (grant) => {
      if (grant.status !== 'pending') throw new LinkUnusable(grant.status === 'active' ? 'used' : movedOnReason(grant.status), language);
      return {
        actor: `grantee:${grantId}`,
        set: { status: 'active', activatedAt: at },
        remove: ['wait'],
        event: { type: 'grantActivated', details: { grantId } },
        extra: [spendLinkItem(resolved.link, at), { name: 'portal grant', item: portalStatusItem(grant, ['pending'], 'active', at) }],
        // The workflow's wait for this grant ends; a wait that already ended (its round timed out a moment ago) is taken as done.
        outbox: grant.wait ? [{ kind: 'answerTask', taskToken: grant.wait.taskToken, output: { activatedAt: at } }] : [],
      };
    }, { current: resolved.grant });
  } catch (error) {
    if (error instanceof ChangeConditionFailed) throw new LinkUnusable(error.writeName === 'link' ? 'used' : 'closed', language);
    throw error;
  }
  if (wantsJson(event)) return json(200, activateGrantResponse.parse({ grantId, status: 'active', activatedAt: at }));
  return html(200, activationDonePage({ language, clientName: clientName(resolved.request.request), brokerName: config().BROKER_DISPLAY_NAME }));
}
