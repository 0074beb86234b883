/**
 * What becomes of a file a signer sends (R3): a scan of the form signed by hand, or the form
 * signed as a PDF (Belgian eID in the signer's own software, or a signing service). One path
 * for every way a file arrives — a direct body (`POST /sign/{token}/scan`, `/eid`), a confirmed
 * upload straight to storage, a signing service's completion — so every file meets the same
 * checks:
 * - its kind read from its bytes, not only its declared type; a signed PDF must be a PDF;
 * - no active content in any PDF, scans included;
 * - a signed PDF's signature verified by the product itself (functions/signatures/), against
 *   the document this signer had to sign (the form, or for a company's legal representative
 *   the PDF the requester signed: R6) and the person who must sign.
 * A refused file is deleted and leaves only the audit entry of the attempt; the link stays
 * usable. An accepted one is recorded with the link spent and the waiting workflow task
 * answered through the outbox, in one transaction (signing-link.ts).
 */
import * as z from 'zod/mini';
import { deleteDocument, documentKeyFor, getDocument, sha256Hex, stageUpload } from '../../adapters/document-store.js';
import { changeRequest, type SignatureEvidence, type StoredRequest } from '../../adapters/request-store.js';
import { config, trustRootDirs } from '../../config/config.js';
import { SIGNATURE_METHODS, type SignatureMethod } from '../../domain/request-constants.js';
import { expectedSigner, statusAwaitingSignatureOf } from '../../domain/signing-plan.js';
import { describeForLog } from '../../errors/product-error.js';
import { textsFor } from '../../messages/message-texts.js';
import { signatureReceivedPage, signatureRefusedPage } from '../../messages/pages.js';
import { logger } from '../../observability/logger.js';
import { documentToSign } from '../../signatures/document-to-sign.js';
import { REFUSAL_REASONS, SignatureRefused, type SignatureVerdict } from '../../signatures/signature-verdict.js';
import type { ApiEvent } from '../api-handler.js';
import { validationFailed } from '../http-errors.js';
import { html } from '../html-response.js';
import { json, type HttpResult } from '../http-response.js';
import { wantsJson } from '../link-pages.js';
import { signingLink } from '../../notifications/request-mails.js';
import { answerSigningWait, type ResolvedSigningLink } from './signing-link.js';

/** The largest file a signer may upload straight to storage (a phone photo, a signed PDF). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The content types each way of signing accepts (R3): a scan may be a photo; a signed form is a PDF. */
export const UPLOAD_CONTENT_TYPES: Readonly<Record<Exclude<SignatureMethod, 'advanced'>, readonly string[]>> = {
  handwritten: ['application/pdf', 'image/jpeg', 'image/png'],
  eid: ['application/pdf'],
};

/** A file a signer sent, by whatever way it arrived. */
export interface SignedFile {
  readonly method: SignatureMethod;
  readonly bytes: Uint8Array;
  /** The type the sender declared; checked against the bytes. */
  readonly contentType: string;
  /** The staging key the file already has (an upload straight to storage); absent for a body, which is staged here. */
  readonly stagedKey?: string;
}

/** The answer when the caller asks for JSON (`Accept: application/json`); a browser gets a page. */
export const signatureAcceptedResponse = z.object({
  status: z.enum(['received', 'verified']).check(z.describe('received: a scan the broker reviews next (R9); verified: a signed PDF whose signature the product checked')),
  method: z.enum(SIGNATURE_METHODS),
  sha256: z.string().check(z.describe('The SHA-256 of the stored document, in hex (R8)')),
});
export type SignatureAccepted = z.infer<typeof signatureAcceptedResponse>;

/** `422`: a signed PDF refused, with the contract's reason; nothing is kept but the audit entry of the attempt. */
export const signatureRefusedResponse = z.object({
  error: z.literal('signature_refused'),
  reason: z.enum(REFUSAL_REASONS),
  message: z.string().check(z.describe("Why, in the request's language")),
});

const MAGIC_NUMBERS: readonly { readonly contentType: string; readonly magic: readonly number[] }[] = [
  { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * Checks, verifies and records one signed file; throws {@link SignatureRefused} for a signed
 * PDF (or any PDF with active content) that is refused, and a 400 for a file that is not what
 * its method accepts. The staged copy of a refused file is deleted.
 */
export async function acceptSignedFile(input: { resolved: ResolvedSigningLink; file: SignedFile; now: Date }): Promise<SignatureAccepted> {
  const { resolved, file, now } = input;
  const request = resolved.request;
  if (!request.request.signatureMethods.includes(file.method)) {
    throw validationFailed([{ path: 'method', rule: 'R3', message: `This request does not accept the signature method "${file.method}"` }]);
  }
  let contentType: string;
  let verified: { verdict: SignatureVerdict } | undefined;
  try {
    contentType = kindOf(file);
    if (file.method !== 'handwritten') {
      // verifySignedPdf looks for active content first thing: the file is scanned once.
      verified = await verifySignature(request, resolved, file.bytes);
    } else if (contentType === 'application/pdf') {
      const { findActiveContent } = await activeContentCheck();
      const activeContent = findActiveContent(file.bytes);
      if (activeContent) throw new SignatureRefused('active_content', `The PDF holds active content: ${activeContent}`);
    }
  } catch (error) {
    if (error instanceof SignatureRefused) await recordRefusal(resolved, file, error);
    if (file.stagedKey) await dropStaged(file.stagedKey);
    throw error;
  }

  const sha256 = sha256Hex(file.bytes);
  const kind = `${resolved.role}-signature`;
  // A body is staged here under a key of its own: if it loses to another answer (a double click) it is deleted, a crash leaves it to the lifecycle rule.
  const staged = file.stagedKey
    ? { key: file.stagedKey, finalKey: documentKeyFor(request.id, kind, sha256, contentType) }
    : await stageUpload({ requestId: request.id, kind, bytes: file.bytes, contentType });
  const receivedAt = now.toISOString();
  const { nationalRegisterNumber, ...verdict } = verified?.verdict ?? {};
  // The verdict is recorded once, in the trail's signatureReceived entry (R3, R8), not also in the request item that every later change rewrites.
  const evidence: SignatureEvidence = {
    method: file.method,
    documentKey: staged.finalKey,
    sha256,
    contentType,
    size: file.bytes.byteLength,
    receivedAt,
    ...(nationalRegisterNumber ? { nationalRegisterNumber } : {}),
  };
  try {
    await answerSigningWait(
      resolved,
      receivedAt,
      (current) => ({
        set: { signatures: { ...current.signatures, [resolved.role]: evidence } },
        event: {
          type: 'signatureReceived',
          details: { role: resolved.role, method: file.method, sha256, contentType, ...(verified ? { verdict: verdict as Omit<SignatureVerdict, 'nationalRegisterNumber'> } : {}) },
        },
      }),
      // In order: the document reaches its final key before the workflow (a review, the next signer) can ask for it.
      (taskToken) => [
        { kind: 'promoteDocument', from: staged.key, to: staged.finalKey },
        { kind: 'answerTask', taskToken, output: { method: file.method, documentKey: staged.finalKey, sha256 } },
      ],
    );
  } catch (error) {
    await dropStaged(staged.key);
    throw error;
  }
  return { status: file.method === 'handwritten' ? 'received' : 'verified', method: file.method, sha256 };
}

/** {@link acceptSignedFile} answered over HTTP: JSON for an API client, a page for a browser; a refusal is a 422 either way. */
export async function receiveSignedFile(event: ApiEvent, resolved: ResolvedSigningLink, file: SignedFile, now: Date): Promise<HttpResult> {
  const language = resolved.request.request.language;
  let accepted: SignatureAccepted;
  try {
    accepted = await acceptSignedFile({ resolved, file, now });
  } catch (error) {
    if (!(error instanceof SignatureRefused)) throw error;
    if (wantsJson(event)) {
      return json(422, signatureRefusedResponse.parse({ error: 'signature_refused', reason: error.reason, message: refusalMessage(language, error) }));
    }
    return html(422, signatureRefusedPage({ language, reason: error.reason, signingPageUrl: signingLink(event.pathParameters?.token ?? '') }));
  }
  if (wantsJson(event)) return json(200, signatureAcceptedResponse.parse(accepted));
  return html(200, signatureReceivedPage({ language, method: file.method, brokerName: config().BROKER_DISPLAY_NAME }));
}

function refusalMessage(language: StoredRequest['request']['language'], error: SignatureRefused): string {
  return textsFor(language).page.signatureRefused.reasons[error.reason];
}

/** The file's kind, read from its bytes; it must match what was declared and what its method accepts. */
function kindOf(file: SignedFile): string {
  const invalid = (message: string) => validationFailed([{ path: 'body', rule: 'R3', message }]);
  if (file.bytes.byteLength === 0) throw invalid('The file is empty: upload the signed form');
  const kind = MAGIC_NUMBERS.find((candidate) => candidate.magic.every((byte, index) => file.bytes[index] === byte))?.contentType;
  const declared = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (file.method !== 'handwritten') {
    if (kind !== 'application/pdf') throw new SignatureRefused('not_pdf', 'The file is not a PDF');
    return kind;
  }
  if (!kind) throw invalid('The file is not a PDF, JPEG or PNG');
  if (declared && declared !== kind) throw invalid(`The file is a ${kind} but was sent as ${declared}`);
  return kind;
}

/**
 * The PDF checks (pdf-lib) and the signature's verification (pkijs), loaded with the first file
 * that needs them: the signer's page and the function's other routes start without evaluating
 * them (issue 11, cold start: SignerApi's own start in a fresh process, 120 → 97 ms), and a
 * scanned PDF's check loads no verification.
 */
const activeContentCheck = () => import('../../signatures/active-content.js');

async function signatureVerification() {
  const [{ loadTrustRoots }, { verifySignedPdf }] = await Promise.all([import('../../signatures/trust-roots.js'), import('../../signatures/verify-signed-pdf.js')]);
  return { loadTrustRoots, verifySignedPdf };
}

async function verifySignature(request: StoredRequest, resolved: ResolvedSigningLink, bytes: Uint8Array): Promise<{ verdict: SignatureVerdict }> {
  const base = documentToSign(request, resolved.role);
  const size = base.size ?? (await getDocument(base.key)).bytes.byteLength;
  const signer = expectedSigner(request.request, resolved.role);
  const { loadTrustRoots, verifySignedPdf } = await signatureVerification();
  // Read at each verification, so a root dropped into a trust folder counts at once (api-contract.md).
  const trustRoots = await loadTrustRoots(trustRootDirs());
  const { verdict } = await verifySignedPdf({
    bytes,
    base: { sha256: base.sha256, size },
    expectedSigner: { firstName: signer.firstName, lastName: signer.lastName },
    trustRoots,
  });
  return { verdict };
}

/**
 * How many refused attempts of one signer the trail records. A link holder could send refused
 * files without end; the trail, the evidence package and the certificate must stay bounded
 * (a Lambda answer carries 6 MB). Later refusals are still answered, and logged.
 */
export const MAX_RECORDED_REFUSALS = 20;

/** The audit entry of a refused attempt (R2): who, how, why and the file's hash; nothing else is kept. */
async function recordRefusal(resolved: ResolvedSigningLink, file: SignedFile, refusal: SignatureRefused): Promise<void> {
  logger.info('signed file refused', { requestId: resolved.request.id, role: resolved.role, method: file.method, reason: refusal.reason });
  if ((resolved.request.refusedAttempts?.[resolved.role] ?? 0) >= MAX_RECORDED_REFUSALS) return;
  try {
    await changeRequest(resolved.request.id, (current) => {
      const recorded = current.refusedAttempts?.[resolved.role] ?? 0;
      // The wait closed meanwhile (another answer, a cancellation), or enough attempts are on record: nothing more for the trail.
      if (current.status !== statusAwaitingSignatureOf(resolved.role) || recorded >= MAX_RECORDED_REFUSALS) return { actor: resolved.role };
      return {
        actor: resolved.role,
        set: { refusedAttempts: { ...current.refusedAttempts, [resolved.role]: recorded + 1 } },
        event: { type: 'signatureRefused', details: { role: resolved.role, method: file.method, reason: refusal.reason, sha256: sha256Hex(file.bytes) } },
      };
    }, { current: resolved.request });
  } catch (error) {
    // The refusal stands whether or not its trace was written; the signer is told either way.
    logger.warn('refused signature attempt not recorded', { requestId: resolved.request.id, error: describeForLog(error) });
  }
}

async function dropStaged(key: string): Promise<void> {
  await deleteDocument(key).catch((cleanup: unknown) => logger.warn('staged upload not deleted; the lifecycle rule will', { error: describeForLog(cleanup) }));
}
