/** `GET /sign/{token}` (the signing page) and `GET /sign/{token}/form.pdf` (the form to sign). */
import { config } from '../../config/config.js';
import { uploadOrigin } from '../../adapters/document-store.js';
import { clientName, contractLabels, personName } from '../../domain/display-names.js';
import { grantScopeFor } from '../../domain/grant-scope.js';
import { expectedSigner } from '../../domain/signing-plan.js';
import { ONLINE_SIGNATURE_METHODS, signingPage } from '../../messages/pages.js';
import { signingServiceConfigured } from '../../signing-service/configured-provider.js';
import { pathParameter } from '../api-handler.js';
import type { ApiEvent } from '../api-handler.js';
import { answerDocumentLink } from '../document-link.js';
import { html } from '../html-response.js';
import type { HttpResult } from '../http-response.js';
import { LinkUnusable } from '../link-pages.js';
import { MAX_DECLINE_REASON_LENGTH } from './decline.js';
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from './receive-signature.js';
import { documentToSign } from '../../signatures/document-to-sign.js';
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
      // The signing service is offered where one is configured (docs/signing-service.md).
      enabledMethods: [...ONLINE_SIGNATURE_METHODS, ...(signingServiceConfigured() ? (['advanced'] as const) : [])],
      uploads: { maxBytes: MAX_UPLOAD_BYTES, contentTypes: UPLOAD_CONTENT_TYPES },
      declineReasonMaxLength: MAX_DECLINE_REASON_LENGTH,
      expiresAt: new Date(wait.deadline),
    }),
    // The page sends files straight to the bucket (create-upload.ts): its script may talk to that origin too.
    { connectTo: [await uploadOrigin()] },
  );
}

/**
 * The document this signer signs, shown in the browser (inline) from a short-lived link
 * (document-link.ts): the form, or for a company's legal representative the PDF the requester
 * signed, so that his signature goes on top of the requester's (R6, document-to-sign.ts).
 */
export async function downloadFormToSign(event: ApiEvent): Promise<HttpResult> {
  const { request, role } = await resolveSigningLink(pathParameter(event, 'token'), new Date());
  if (!request.form) throw new LinkUnusable('closed', request.request.language);
  const document = documentToSign(request, role);
  const filename = document.source === 'form' ? `access-request-${request.id}.pdf` : `access-request-${request.id}-signed.pdf`;
  return answerDocumentLink(event, document.key, { filename, disposition: 'inline' });
}
