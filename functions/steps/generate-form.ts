/**
 * Step GenerateForm: renders the standard form (R2, R5), stores it in S3 with its SHA-256,
 * and decides whether a company's legal representative must approve (R6). Idempotent: a
 * request that has its form keeps it.
 */
import * as z from 'zod/mini';
import { config } from '../config/config.js';
import { putDocument } from '../adapters/document-store.js';
import { changeRequest, requireRequest } from '../adapters/request-store.js';
import { signingPlanFor } from '../domain/signing-plan.js';
import { renderAccessForm } from '../form/render-form.js';
import { stepHandler } from './step-handler.js';

export const generateFormInput = z.object({ requestId: z.string().check(z.minLength(1)) });

export interface GenerateFormResult {
  readonly formSha256: string;
  readonly legalRepresentativeMustApprove: boolean;
}

export const handler = stepHandler('GenerateForm', generateFormInput, async ({ requestId }): Promise<GenerateFormResult> => {
  const current = await requireRequest(requestId);
  const { legalRepresentativeMustApprove } = signingPlanFor(current.request);
  if (current.form) return { formSha256: current.form.sha256, legalRepresentativeMustApprove };

  // Rendered from the stored request and its creation time only, so a retry renders the same bytes.
  const rendered = await renderAccessForm({
    requestId,
    request: current.request,
    brokerName: config().BROKER_DISPLAY_NAME,
    generatedAt: new Date(current.createdAt),
    legalRepresentativeMustApprove,
  });
  const stored = await putDocument({ requestId, kind: 'form', bytes: rendered.pdf, contentType: 'application/pdf' });
  const updated = await changeRequest(requestId, (latest) =>
    latest.form
      ? { actor: 'workflow' }
      : {
          actor: 'workflow',
          set: { form: { key: stored.key, sha256: stored.sha256, generatedAt: new Date().toISOString(), size: stored.size }, legalRepresentativeMustApprove },
          event: { type: 'formGenerated', details: { sha256: stored.sha256, legalRepresentativeMustApprove } },
        },
  );
  return { formSha256: updated.form?.sha256 ?? stored.sha256, legalRepresentativeMustApprove };
});
