/** `GET /sign/{token}` (the signing page) and `GET /sign/{token}/form.pdf` (the form to sign). */
import { config } from '../../config/config.js';
import { getDocument } from '../../adapters/document-store.js';
import { clientName, contractLabels, personName } from '../../domain/display-names.js';
import { grantScopeFor } from '../../domain/grant-scope.js';
import { expectedSigner } from '../../domain/signing-plan.js';
import { signingPage } from '../../messages/pages.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { document, html } from '../http-response.js';
import type { HttpResult } from '../http-response.js';
import { LinkUnusable } from '../link-pages.js';
import { resolveSigningLink } from './signing-link.js';

export async function showSigningPage(event: ApiEvent): Promise<HttpResult> {
  const token = pathParameter(event, 'token');
  const { request, role, wait } = await resolveSigningLink(token, new Date());
  const body = request.request;
  const labelOf = contractLabels(body);
  return html(
    200,
    signingPage({
      language: body.language,
      token,
      signerName: personName(expectedSigner(body, role)),
      clientName: clientName(body),
      brokerName: config().BROKER_DISPLAY_NAME,
      role,
      grantees: body.grantees.map((grantee) => {
        const scope = grantScopeFor(grantee);
        return {
          name: personName(grantee.person),
          relation: grantee.relation,
          scope: scope.type === 'all' ? 'all' : scope.refs.map(labelOf),
        };
      }),
      methods: body.signatureMethods,
      expiresAt: new Date(wait.deadline),
    }),
  );
}

export async function downloadFormToSign(event: ApiEvent): Promise<HttpResult> {
  const { request } = await resolveSigningLink(pathParameter(event, 'token'), new Date());
  if (!request.form) throw new LinkUnusable('closed', request.request.language);
  const form = await getDocument(request.form.key);
  return document(form.bytes, 'application/pdf', `access-request-${request.id}.pdf`);
}
