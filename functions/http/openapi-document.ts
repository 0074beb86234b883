/**
 * The API's OpenAPI 3.1 document, built from the zod schemas that sit beside each route
 * (house rule 12), so the document cannot describe a body the route would not accept.
 * `npm run openapi` writes it to `docs/openapi.json`; a test fails when that file is stale.
 *
 * One operation per route of the catalog (`catalog/route-catalog.ts` API_ROUTES: every route but the dashboard's pages), in its order:
 * method, path, operationId, function (the tag) and authentication come from the catalog;
 * what a route needs beyond it (summary, parameters, body, answers) is in {@link OPERATIONS},
 * keyed by operationId. Rules R1–R9 are defined in `../shared/mission/access-rules.md`.
 */
import * as z from 'zod';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import {
  MAX_CALLBACK_BODY_BYTES,
  MAX_DIRECT_BODY_BYTES,
  API_ROUTES,
  routeKeyOf,
  type ApiOperationId,
  type RouteAuth,
  type RouteSpec,
} from '../../catalog/route-catalog.js';
import { accessRequestShape } from '../domain/request-schema.js';
import { activateGrantResponse } from './activation/activate-grant.js';
import { cancelRequestBody, cancelRequestResponse } from './broker/cancel-request.js';
import { listRequestsQuery, listRequestsResponse } from './broker/list-requests.js';
import { remindRequestResponse, tooManyRemindersResponse } from './broker/remind-request.js';
import { requestViewSchema } from './broker/request-view.js';
import { reviewScanBody, reviewScanResponse } from './broker/review-scan.js';
import { revokeGrantBody, revokeGrantResponse } from './broker/revoke-grant.js';
import { requestDocumentName } from './broker/get-document.js';
import { requestEvidenceResponse } from './broker/get-evidence.js';
import { idempotencyKeyHeader, submitRequestResponse } from './broker/submit-request.js';
import { clientDataResponse, eraseClientBody, eraseClientResponse } from './broker/client-data.js';
import { clientRefSchema } from '../domain/identifiers.js';
import { conflictResponse, notFoundResponse, refusalResponse, unavailableResponse, validationErrorResponse } from './http-errors.js';
import { linkErrorResponse } from './link-pages.js';
import { portalAccessQuery, portalAccessResponse, portalGrantsQuery, portalGrantsResponse, signedFormResponse } from './portal/portal-queries.js';
import { advancedSigningOutcomeResponse, advancedSigningStartedResponse } from './signer/advanced-signing.js';
import { declineBody, declineResponse } from './signer/decline.js';
import { uploadGoneResponse } from './signer/confirm-upload.js';
import { createUploadBody, createUploadResponse, tooManyUploadsResponse, UPLOAD_LIFETIME_SECONDS } from './signer/create-upload.js';
import { DOCUMENT_LINK_SECONDS, documentLinkResponse } from './document-link.js';
import { signingCallbackResponse } from './signing-service/receive-callback.js';
import { CALLBACK_SIGNATURE_HEADER, CALLBACK_TIMESTAMP_HEADER, CALLBACK_WINDOW_SECONDS } from '../signing-service/callback-authentication.js';
import { signatureAcceptedResponse, signatureRefusedResponse, UPLOAD_CONTENT_TYPES } from './signer/receive-signature.js';
import { tooLargeResponse } from './signer/direct-body-limit.js';

/** What API Gateway (and the local HTTP front) answers by itself, e.g. `{"message":"Unauthorized"}`: no route builds it. */
const gatewayErrorResponse = z.object({ message: z.string() });

/** Named schemas under `components.schemas`; request bodies describe what may be sent (`input`), answers what is sent (`output`). */
const COMPONENT_SCHEMAS = {
  AccessRequest: { schema: accessRequestShape, io: 'input' },
  CancelRequestBody: { schema: cancelRequestBody, io: 'input' },
  ReviewScanBody: { schema: reviewScanBody, io: 'input' },
  RevokeGrantBody: { schema: revokeGrantBody, io: 'input' },
  DeclineBody: { schema: declineBody, io: 'input' },
  SubmitRequestResponse: { schema: submitRequestResponse, io: 'output' },
  CancelRequestResponse: { schema: cancelRequestResponse, io: 'output' },
  RemindRequestResponse: { schema: remindRequestResponse, io: 'output' },
  ReviewScanResponse: { schema: reviewScanResponse, io: 'output' },
  RevokeGrantResponse: { schema: revokeGrantResponse, io: 'output' },
  SignatureAccepted: { schema: signatureAcceptedResponse, io: 'output' },
  SignatureRefusedError: { schema: signatureRefusedResponse, io: 'output' },
  DeclineResponse: { schema: declineResponse, io: 'output' },
  CreateUploadBody: { schema: createUploadBody, io: 'input' },
  CreateUploadResponse: { schema: createUploadResponse, io: 'output' },
  TooManyUploadsError: { schema: tooManyUploadsResponse, io: 'output' },
  UploadGoneError: { schema: uploadGoneResponse, io: 'output' },
  DocumentLink: { schema: documentLinkResponse, io: 'output' },
  SignedFormLink: { schema: signedFormResponse, io: 'output' },
  ActivateGrantResponse: { schema: activateGrantResponse, io: 'output' },
  RequestList: { schema: listRequestsResponse, io: 'output' },
  RequestView: { schema: requestViewSchema, io: 'output' },
  EvidencePackage: { schema: requestEvidenceResponse, io: 'output' },
  PortalGrants: { schema: portalGrantsResponse, io: 'output' },
  PortalAccess: { schema: portalAccessResponse, io: 'output' },
  ValidationError: { schema: validationErrorResponse, io: 'output' },
  NotFoundError: { schema: notFoundResponse, io: 'output' },
  ConflictError: { schema: conflictResponse, io: 'output' },
  LinkError: { schema: linkErrorResponse, io: 'output' },
  TooLargeError: { schema: tooLargeResponse, io: 'output' },
  TooManyRemindersError: { schema: tooManyRemindersResponse, io: 'output' },
  GatewayError: { schema: gatewayErrorResponse, io: 'output' },
  RefusalError: { schema: refusalResponse, io: 'output' },
  UnavailableError: { schema: unavailableResponse, io: 'output' },
  AdvancedSigningStarted: { schema: advancedSigningStartedResponse, io: 'output' },
  AdvancedSigningOutcome: { schema: advancedSigningOutcomeResponse, io: 'output' },
  SigningCallbackResult: { schema: signingCallbackResponse, io: 'output' },
  ClientData: { schema: clientDataResponse, io: 'output' },
  EraseClientBody: { schema: eraseClientBody, io: 'input' },
  EraseClientResponse: { schema: eraseClientResponse, io: 'output' },
} as const satisfies Record<string, { schema: z.core.$ZodType; io: 'input' | 'output' }>;

export type ComponentName = keyof typeof COMPONENT_SCHEMAS;

// --- The per-route table. ---

type SuccessContent =
  /** JSON; `schema` names the route's response schema. */
  | { kind: 'json'; schema: ComponentName }
  /** A page for the browser; with `json`, the route's response schema when the caller sends `Accept: application/json`. */
  | { kind: 'page'; json?: ComponentName }
  /** A stored document: the form (PDF) or a signature, which may be a scanned image. */
  | { kind: 'document'; types: readonly ('application/pdf' | 'image/jpeg' | 'image/png')[] }
  /** A short-lived link to a stored document (document-link.ts): `303` to it, or `200 { url, expiresAt }` when JSON is asked for. */
  | { kind: 'documentLink'; schema?: ComponentName; evidenceLink?: boolean };

type ErrorStatus = 400 | 404 | 409 | 410 | 413 | 422 | 429;

/** What the OpenAPI document says of one route beyond what the catalog says of it. */
export interface OperationDetails {
  readonly summary: string;
  readonly description: string;
  /** Descriptions of the `{name}` parameters of the path (each must be listed); a schema where it is narrower than a string. */
  readonly pathParameters: Readonly<Record<string, { description: string; schema?: z.core.$ZodType }>>;
  readonly query?: z.core.$ZodObject;
  readonly headers?: Readonly<Record<string, { description: string; schema: z.core.$ZodType }>>;
  readonly body?: { schema: ComponentName; required: boolean } | 'scan' | 'signedPdf';
  readonly success: { status: 200 | 201 | 202; description: string; content: SuccessContent };
  /** The errors the route itself answers (401 follows from `auth`). */
  readonly errors: Readonly<Partial<Record<ErrorStatus, string>>>;
  /** JSON bodies of an error status, where they differ from the usual one (ERROR_SCHEMAS). */
  readonly errorBodies?: Readonly<Partial<Record<ErrorStatus, readonly ComponentName[]>>>;
}

const requestId = { id: { description: 'The request id (`req_…`), as answered by `POST /v1/requests`' } };
const grantId = { grantId: { description: 'The grant id (`g_…`)' } };
const clientRef = { clientRef: { description: "The broker's reference of the client (rule `I1`: docs/input-rules.md)", schema: clientRefSchema } };
const signingToken = { token: { description: "The opaque single-use token from the signer's e-mail" } };
const activationToken = { token: { description: "The opaque single-use token from the grantee's e-mail" } };
const linkErrors = {
  404: 'The link is unknown: a page that says so (JSON with `Accept: application/json`)',
  410: 'The link was used, has expired, or is no longer needed: a page that says so in the request\'s language; nothing changes',
} as const;

/**
 * Every route's operation, by the route's operationId in API_ROUTES. A route missing here, or an
 * entry naming no route, is a compile error and fails the build of the document (and its test).
 */
export const OPERATIONS = {
  submitRequest: {
    summary: 'File an access request (R1, R2)',
    description:
      'The body is checked against every rule before anything is stored (R1, R4, R5, R6); then the request is stored with its first audit entry and its workflow starts. `Idempotency-Key` makes a retried POST answer the first answer.',
    pathParameters: {},
    headers: {
      'Idempotency-Key': {
        description: 'Optional. The same key with the same body answers the first answer; with another body, 409.',
        schema: idempotencyKeyHeader,
      },
    },
    body: { schema: 'AccessRequest', required: true },
    success: { status: 201, description: 'The request is filed and its workflow started', content: { kind: 'json', schema: 'SubmitRequestResponse' } },
    errors: {
      400: 'The body breaks its shape or a rule; every issue at once, each with its path and rule (R1, R4, R5, R6)',
      409: 'The Idempotency-Key was used with another body, or its first request is still being filed',
    },
  },
  listRequests: {
    summary: "The broker's requests, newest first (R9)",
    description: 'Filtered by status or client reference; `cursor` pages on from the previous answer.',
    pathParameters: {},
    query: listRequestsQuery,
    success: { status: 200, description: 'One page of requests', content: { kind: 'json', schema: 'RequestList' } },
    errors: { 400: 'A query parameter or the cursor is not valid' },
  },
  getRequest: {
    summary: 'One request with its grantees, history and documents (R2, R8, R9)',
    description: "The history is hash-chained so the trail can be checked offline. Another broker's request answers 404.",
    pathParameters: requestId,
    success: { status: 200, description: 'The request as the broker sees it', content: { kind: 'json', schema: 'RequestView' } },
    errors: { 404: "No such request, or another broker's" },
  },
  getRequestDocument: {
    summary: 'The generated form or a signed copy (R8, R9)',
    description: 'A handwritten signature is the scan the signer uploaded (PDF, JPEG or PNG).',
    pathParameters: {
      ...requestId,
      document: {
        description: 'Which document',
        schema: requestDocumentName,
      },
    },
    success: { status: 200, description: 'A link to download the document (PDF, or for a scan JPEG or PNG)', content: { kind: 'documentLink' } },
    errors: { 404: "No such request (or another broker's), or the document does not exist yet" },
  },
  getRequestEvidence: {
    summary: "The request's evidence package: its whole audit trail, documents and sealed certificate (R2, R8, R9)",
    description:
      "Every entry of the request's chain and of each grant's chain with where each chain starts, the documents with their SHA-256, the entry that recorded it and a short-lived download link, the completion certificate sealed by the product, and the seal's certificate chain (PEM). `npm run verify-evidence` checks it offline (docs/evidence.md). Another broker's request answers 404.",
    pathParameters: requestId,
    success: { status: 200, description: 'The evidence package', content: { kind: 'json', schema: 'EvidencePackage' } },
    errors: { 404: "No such request, or another broker's" },
  },
  cancelRequest: {
    summary: 'Cancel a request that has not ended (R9)',
    description:
      'The request is marked CANCELLED and pending grants are withdrawn in one transaction, then the workflow execution is stopped. Active grants stay: ending them is a revocation.',
    pathParameters: requestId,
    body: { schema: 'CancelRequestBody', required: false },
    success: { status: 200, description: 'The request is cancelled', content: { kind: 'json', schema: 'CancelRequestResponse' } },
    errors: {
      400: 'The body is not valid',
      404: "No such request, or another broker's",
      409: 'The request has already ended',
    },
  },
  remindRequest: {
    summary: 'Send the pending e-mail again now, with a fresh link (R9)',
    description: 'To the signer, or to each grantee who has not activated yet. At most one reminder an hour.',
    pathParameters: requestId,
    success: { status: 202, description: 'The e-mails are sent; `reminded` says how many', content: { kind: 'json', schema: 'RemindRequestResponse' } },
    errors: {
      404: "No such request, or another broker's",
      409: 'Nobody is waiting for an e-mail in this state, or the request moved on',
      429: 'A reminder was sent less than an hour ago',
    },
  },
  reviewScan: {
    summary: 'Approve or reject a scanned handwritten signature (R3, R9)',
    description: 'Approve lets the request go on; reject sends the signer back to sign again with the reason. The decision is recorded once.',
    pathParameters: requestId,
    body: { schema: 'ReviewScanBody', required: true },
    success: { status: 200, description: 'The decision is recorded', content: { kind: 'json', schema: 'ReviewScanResponse' } },
    errors: {
      400: 'The body is not valid, or a rejection has no reason (rule `R9`)',
      404: "No such request, or another broker's",
      409: 'No scanned signature is waiting for review (or it was already decided)',
    },
  },
  revokeGrant: {
    summary: 'Withdraw a mandate (R9)',
    description: "The access ends at once; the signed form and the history stay as evidence.",
    pathParameters: grantId,
    body: { schema: 'RevokeGrantBody', required: true },
    success: { status: 200, description: 'The grant is revoked', content: { kind: 'json', schema: 'RevokeGrantResponse' } },
    errors: {
      400: 'The reason is missing (rule `R9`)',
      404: "No such grant, or another broker's",
      409: 'The grant is already revoked or expired',
    },
  },
  exportClientData: {
    summary: "A client's personal data, for his request to see it (GDPR art. 15)",
    description:
      "Every request of this broker for the client: as filed, its grants, its history with the reasons people wrote, links to its documents. docs/personal-data.md.",
    pathParameters: clientRef,
    success: { status: 200, description: "Everything kept about the client's requests", content: { kind: 'json', schema: 'ClientData' } },
    errors: { 400: 'The client reference breaks its character set (rule `I1`)' },
  },
  eraseClientData: {
    summary: "Erase a client's personal data, at his request (GDPR art. 17)",
    description:
      "Cancels the client's open requests, revokes his grants, and erases each request's personal data now (documents, grants, notes, the request body); the audit trails stay, without personal data. docs/personal-data.md.",
    pathParameters: clientRef,
    body: { schema: 'EraseClientBody', required: true },
    success: { status: 202, description: 'Erased; how many requests there were and how many were erased now', content: { kind: 'json', schema: 'EraseClientResponse' } },
    errors: { 400: 'The client reference breaks its character set (rule `I1`), or the reason is missing' },
  },
  showSigningPage: {
    summary: 'The signing page (R3, R6)',
    description:
      'What is asked, by whom and for whom, and the accepted ways to sign. A legal representative approves by signing the same form behind his own link (R6).',
    pathParameters: signingToken,
    success: { status: 200, description: 'The signing page', content: { kind: 'page' } },
    errors: linkErrors,
  },
  downloadFormToSign: {
    summary: 'The form to sign (R2, R5)',
    description: 'The generated form, to sign with eID or by hand; its link opens it in the browser (`inline`).',
    pathParameters: signingToken,
    success: { status: 200, description: 'A link to the form (PDF)', content: { kind: 'documentLink' } },
    errors: linkErrors,
  },
  uploadScan: {
    summary: 'Send the scan of the form signed by hand, as the body (R3)',
    description: `For API clients and files up to ${MAX_DIRECT_BODY_BYTES / 1024 / 1024} MB (larger ones go straight to storage: \`POST /sign/{token}/uploads\`). The file is checked by its bytes (PDF, JPEG or PNG; a PDF without active content), stored and recorded with the link spent; the broker reviews it next (R9).`,
    pathParameters: signingToken,
    body: 'scan',
    success: { status: 200, description: 'The scan is received: a page, or JSON when asked', content: { kind: 'page', json: 'SignatureAccepted' } },
    errors: {
      400: 'The request does not accept a handwritten signature, or the file is empty, not a PDF/JPEG/PNG, or not of its declared type (rule `R3`)',
      413: `The body is over ${MAX_DIRECT_BODY_BYTES / 1024 / 1024} MB`,
      422: 'A PDF with active content (`reason: active_content`); the link stays usable',
      ...linkErrors,
    },
  },
  uploadEidSignedPdf: {
    summary: 'Send the form signed with the Belgian eID, as the body (R3)',
    description: `For API clients and files up to ${MAX_DIRECT_BODY_BYTES / 1024 / 1024} MB (larger ones go straight to storage). The product verifies the PDF signature itself: byte range, CMS signature (RSA PKCS#1 v1.5 or PSS, ECDSA P-256/P-384), chain to a trusted root valid at signing time, the signed bytes are this request's form, the signer is the person who must sign, no active content (docs/signatures.md).`,
    pathParameters: signingToken,
    body: 'signedPdf',
    success: { status: 200, description: 'The signature is verified and recorded: a page, or JSON when asked', content: { kind: 'page', json: 'SignatureAccepted' } },
    errors: {
      400: 'The request does not accept an eID signature, or the body is empty (rule `R3`)',
      413: `The body is over ${MAX_DIRECT_BODY_BYTES / 1024 / 1024} MB`,
      422: 'The signed PDF is refused: `reason` says why; nothing is kept but the audit entry of the attempt, and the link stays usable',
      ...linkErrors,
    },
  },
  startAdvancedSigning: {
    summary: 'Sign through the signing service (R3, advanced signature)',
    description:
      "Starts the signing service's session for the document this signer must sign (the form; for a company's legal representative the requester's signed PDF when there is one, R6), or finds the one already open, and says where to go: a browser's form post is answered `303` with `Location` at the signing service. docs/signing-service.md.",
    pathParameters: signingToken,
    success: { status: 200, description: "Where the signer signs, at the signing service (a browser's form post gets `303` to the same URL)", content: { kind: 'json', schema: 'AdvancedSigningStarted' } },
    errors: { 400: 'The request does not accept an advanced signature, or no signing service is offered here (rule `R3`)', ...linkErrors },
  },
  showAdvancedSigningOutcome: {
    summary: "Back from the signing service: how the signer's session went (R3)",
    description:
      'The session is first brought in line with the signing service. Signed: a thank-you page; refused: why, and the link stays usable; otherwise `303` back to the signing page.',
    pathParameters: signingToken,
    success: { status: 200, description: "The outcome: a page, or JSON when asked (a browser is sent back to the signing page, `303`, while nothing is signed)", content: { kind: 'page', json: 'AdvancedSigningOutcome' } },
    errors: { 404: linkErrors[404] },
  },
  createUpload: {
    summary: 'Open an upload straight to storage, for a file of up to 20 MB (R3)',
    description: `How the signing page sends a file: it announces the method, type and size, then posts the file to \`upload.url\` as multipart/form-data (\`upload.fields\` first, the file last as \`file\`), then confirms. Storage itself holds the post to that type, 1 byte to 20 MB, one key of its own, and ${UPLOAD_LIFETIME_SECONDS / 60} minutes. A link opens a bounded number of uploads.`,
    pathParameters: signingToken,
    body: { schema: 'CreateUploadBody', required: true },
    success: { status: 201, description: 'Where and how to send the file', content: { kind: 'json', schema: 'CreateUploadResponse' } },
    errors: {
      400: 'The request does not accept this method, or the method does not take this type (rule `R3`), or the size is not 1 byte to 20 MB (rule `I3`)',
      429: 'This link opened as many uploads as it may',
      ...linkErrors,
    },
    errorBodies: { 429: ['TooManyUploadsError'] },
  },
  confirmUpload: {
    summary: 'Take in the file sent straight to storage (R3)',
    description:
      'The upload must be this link\'s, unexpired and not confirmed before; the stored file must be exactly the announced type and size. It is then checked, verified and recorded exactly as a direct body (`POST /sign/{token}/scan`, `/eid`), with the same answers.',
    pathParameters: { ...signingToken, uploadId: { description: 'The upload id (`up_…`), as answered by `POST /sign/{token}/uploads`' } },
    success: { status: 200, description: 'The signature is received (a scan) or verified (a signed PDF): a page, or JSON when asked', content: { kind: 'page', json: 'SignatureAccepted' } },
    errors: {
      400: 'The stored file is not the announced size (rule `I3`) or type, or not what its method accepts (rule `R3`)',
      404: 'The link is unknown, or the upload is not this link\'s',
      409: 'Nothing was received for this upload: upload the file first',
      410: 'The upload was confirmed already or has expired, or the link was used, has expired or is no longer needed',
      422: 'The signed PDF is refused: `reason` says why; the link stays usable',
    },
    errorBodies: { 410: ['LinkError', 'UploadGoneError'] },
  },
  declineSignature: {
    summary: 'Refuse to sign, or to approve (R6)',
    description: 'Recorded with the link spent; the request ends DECLINED.',
    pathParameters: signingToken,
    body: { schema: 'DeclineBody', required: false },
    success: { status: 200, description: 'The refusal is recorded: a page, or JSON when asked', content: { kind: 'page', json: 'DeclineResponse' } },
    errors: { 400: 'The body is not valid', ...linkErrors },
  },
  receiveSigningCallback: {
    summary: "The signing service's callback: a session changed (R3)",
    description: `For the signing service only. Authenticated by an HMAC-SHA256, with the secret shared with the service, over \`<timestamp>.<raw body>\`: \`${CALLBACK_TIMESTAMP_HEADER}\` (Unix seconds, within ${CALLBACK_WINDOW_SECONDS / 60} minutes of now) and \`${CALLBACK_SIGNATURE_HEADER}: sha256=<hex>\`; a replay is refused. The body (at most ${MAX_CALLBACK_BODY_BYTES / 1024} KB, the provider's own shape) only names the session: its state is re-read from the service and the signed PDF downloaded from it, then verified and recorded as an eID upload is. A second callback for a settled session moves nothing. docs/signing-service.md.`,
    pathParameters: {},
    headers: {
      [CALLBACK_TIMESTAMP_HEADER]: { description: 'Required. When the service signed the callback, in Unix seconds', schema: z.string() },
      [CALLBACK_SIGNATURE_HEADER]: { description: 'Required. `sha256=` and the HMAC-SHA256 in hex', schema: z.string() },
    },
    success: { status: 200, description: "The session's state after the callback", content: { kind: 'json', schema: 'SigningCallbackResult' } },
    errors: { 400: 'The callback names no session', 409: 'This very callback (its MAC) was received before: a replay' },
  },
  showActivationPage: {
    summary: 'The activation page (R7)',
    description: 'What the grantee is about to activate: whose contracts, which ones.',
    pathParameters: activationToken,
    success: { status: 200, description: 'The activation page', content: { kind: 'page' } },
    errors: linkErrors,
  },
  activateGrant: {
    summary: 'Activate the grant (R7)',
    description: 'The grant turns active, the link is spent and the audit entry written in one transaction. A second click changes nothing.',
    pathParameters: activationToken,
    success: { status: 200, description: 'The grant is active: a page, or JSON when asked', content: { kind: 'page', json: 'ActivateGrantResponse' } },
    errors: linkErrors,
  },
  listPortalGrants: {
    summary: "A person's grants, each pointing at its signed form (R8)",
    description: 'Active grants only unless `status` is given.',
    pathParameters: {},
    query: portalGrantsQuery,
    success: { status: 200, description: 'The grants', content: { kind: 'json', schema: 'PortalGrants' } },
    errors: { 400: 'A query parameter is not valid' },
  },
  checkPortalAccess: {
    summary: 'May this person see this contract? (R4, R8)',
    description: '"All contracts" covers contracts created after the grant (R4).',
    pathParameters: {},
    query: portalAccessQuery,
    success: { status: 200, description: 'The answer, with the grant that allows it', content: { kind: 'json', schema: 'PortalAccess' } },
    errors: { 400: 'A query parameter is not valid' },
  },
  downloadSignedForm: {
    summary: 'The signed form behind a grant (R8)',
    description: 'The evidence shown beside the access; its SHA-256 is in the grant.',
    pathParameters: grantId,
    success: {
      status: 200,
      description: 'A link to download the signed form (PDF, or for a scan JPEG or PNG), and the evidence package of its request',
      content: { kind: 'documentLink', schema: 'SignedFormLink', evidenceLink: true },
    },
    errors: { 404: 'No such grant' },
  },
  getGrantEvidence: {
    summary: "The evidence package of the request behind a grant (R8)",
    description: 'The same package the broker gets (`GET /v1/requests/{id}/evidence`): anyone can check that the access matches what was signed (docs/evidence.md).',
    pathParameters: grantId,
    success: { status: 200, description: 'The evidence package', content: { kind: 'json', schema: 'EvidencePackage' } },
    errors: { 404: 'No such grant' },
  },
} as const satisfies Record<ApiOperationId, OperationDetails>;

/** Where the catalog's routes and a table of operation details disagree: both lists empty when every route has its details. */
export interface OperationsMismatch {
  /** Routes (`"METHOD path"`) whose operationId has no details. */
  readonly routesWithoutDetails: readonly string[];
  /** Keys of the table that are no route's operationId. */
  readonly detailsWithoutRoute: readonly string[];
}

/** Compares `operations`, keyed by operationId, with `routes`. */
export function operationsMismatch(routes: readonly RouteSpec[], operations: Readonly<Record<string, OperationDetails>>): OperationsMismatch {
  const operationIds = new Set(routes.map((route) => route.operationId));
  return {
    routesWithoutDetails: routes.filter((route) => !Object.hasOwn(operations, route.operationId)).map(routeKeyOf),
    detailsWithoutRoute: Object.keys(operations).filter((operationId) => !operationIds.has(operationId)),
  };
}

// --- Building the document. ---

const SECURITY_SCHEME: Readonly<Record<RouteAuth, string | undefined>> = { broker: 'brokerJwt', portal: 'portalJwt', link: undefined, hmac: undefined, session: undefined };

const TAGS: Readonly<Partial<Record<FunctionId, string>>> = {
  BrokerApi: 'broker',
  SignerApi: 'signer',
  ActivationApi: 'activation',
  PortalApi: 'portal',
  SigningServiceCallback: 'signing-service',
};

type Json = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document of every route in API_ROUTES (the dashboard's pages are not API), in their order.
 * @throws Error when a route has no entry in `operations`, or an entry names no route
 */
export function buildOpenApiDocument(operations: Readonly<Record<string, OperationDetails>> = OPERATIONS): object {
  const { routesWithoutDetails, detailsWithoutRoute } = operationsMismatch(API_ROUTES, operations);
  if (routesWithoutDetails.length > 0 || detailsWithoutRoute.length > 0) {
    throw new Error(
      `OPERATIONS in functions/http/openapi-document.ts does not match API_ROUTES in catalog/route-catalog.ts: routes without details [${routesWithoutDetails.join(', ')}], details naming no route [${detailsWithoutRoute.join(', ')}]`,
    );
  }
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of API_ROUTES) {
    const pathItem = (paths[route.path] ??= {});
    pathItem[route.method.toLowerCase()] = operationOf(route, operations[route.operationId]!);
  }
  const usedTags = [...new Set(API_ROUTES.map((route) => route.function))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portal access requests',
      version: '1',
      description:
        'Signed, written portal-access requests for Belgian insurance brokers. Rules R1–R9 are defined in mission/access-rules.md; the integration contract is api-contract.md.',
    },
    servers: [{ url: '/' }],
    tags: usedTags.map((id) => ({ name: tagOf(id), description: FUNCTIONS[id].description })),
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(COMPONENT_SCHEMAS).map(([name, { schema, io }]) => [name, jsonSchemaOf(schema, io)]),
      ),
      securitySchemes: {
        brokerJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A broker's access token (the brokers' app client, scope `brokers/requests`; docs/sign-in.md). The broker office it names is the broker id: a broker sees and touches only his office's requests and grants.",
        },
        portalJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "The client portal's access token from the client-credentials grant (the portal's app client, scope `portal/read`; docs/sign-in.md).",
        },
      },
    },
  };
}

/** The document as `docs/openapi.json` holds it: two-space indents and a final newline. */
export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

function tagOf(id: FunctionId): string {
  return TAGS[id] ?? id;
}

function operationOf(route: RouteSpec, details: OperationDetails): Json {
  const key = routeKeyOf(route);
  const scheme = SECURITY_SCHEME[route.auth];
  const parameters = [...pathParametersOf(route.path, key, details), ...headerParametersOf(details), ...queryParametersOf(details)];
  return {
    tags: [tagOf(route.function)],
    operationId: route.operationId,
    summary: details.summary,
    description: details.description,
    security: scheme ? [{ [scheme]: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(details.body ? { requestBody: requestBodyOf(details.body) } : {}),
    responses: responsesOf(route.auth, details),
  };
}

function pathParametersOf(path: string, key: string, details: OperationDetails): Json[] {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  const described = Object.keys(details.pathParameters);
  if (names.join() !== described.join()) {
    throw new Error(`Route "${key}" has path parameters [${names.join(', ')}] but OPERATIONS describes [${described.join(', ')}]`);
  }
  return names.map((name) => {
    const parameter = details.pathParameters[name];
    return {
      name,
      in: 'path',
      required: true,
      description: parameter?.description,
      schema: parameter?.schema ? jsonSchemaOf(parameter.schema, 'input') : { type: 'string' },
    };
  });
}

function headerParametersOf(details: OperationDetails): Json[] {
  return Object.entries(details.headers ?? {}).map(([name, header]) => ({
    name,
    in: 'header',
    required: false,
    description: header.description,
    schema: jsonSchemaOf(header.schema, 'input'),
  }));
}

/** Each property of the route's query schema is one query parameter, required as the schema requires it. */
function queryParametersOf(details: OperationDetails): Json[] {
  if (!details.query) return [];
  const schema = jsonSchemaOf(details.query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }));
}

function requestBodyOf(body: NonNullable<OperationDetails['body']>): Json {
  if (body === 'scan' || body === 'signedPdf') {
    const method = body === 'scan' ? 'handwritten' : 'eid';
    return {
      required: true,
      description: body === 'scan' ? 'The scan of the signed form; its type is checked by its bytes.' : 'The form, signed (PAdES) with the Belgian eID.',
      content: Object.fromEntries(UPLOAD_CONTENT_TYPES[method].map((type) => [type, { schema: binary() }])),
    };
  }
  return { required: body.required, content: { 'application/json': { schema: ref(body.schema) } } };
}

function responsesOf(auth: RouteAuth, details: OperationDetails): Json {
  const { success } = details;
  const responses: Json = { [String(success.status)]: { description: success.description, content: successContentOf(success.content) } };
  if (auth === 'hmac') {
    responses['401'] = { description: 'The HMAC is missing, wrong, or signed outside its time window', content: jsonOf('RefusalError') };
  } else if (auth !== 'link') {
    responses['401'] = {
      description: 'No valid bearer JWT (answered by the JWT authorizer), or a token that names no usable caller',
      content: { 'application/json': { schema: { oneOf: [ref('GatewayError'), ref('RefusalError')] } } },
    };
    responses['403'] = {
      description: `A valid token without the route's scope, \`${auth === 'broker' ? 'brokers/requests' : 'portal/read'}\` (answered by the JWT authorizer: \`{"message":"Forbidden"}\`)`,
      content: jsonOf('GatewayError'),
    };
  }
  if (!details.errors[413]) {
    responses['413'] = { description: "The body is over the route's limit (rule `I3`)", content: jsonOf('RefusalError') };
  }
  responses['503'] = { description: 'A service the route uses was busy or failed for a moment: nothing was lost; try again (`Retry-After`)', content: jsonOf('UnavailableError') };
  if (success.content.kind === 'documentLink') {
    responses['303'] = {
      description: `Without \`Accept: application/json\`: \`Location\` is a presigned URL of the document, valid ${DOCUMENT_LINK_SECONDS / 60} minutes`,
      headers: {
        Location: { required: true, schema: { type: 'string', format: 'uri' } },
        ...(success.content.evidenceLink ? { Link: { required: true, description: 'The evidence package: `<url>; rel="evidence"` (R8)', schema: { type: 'string' } } } : {}),
      },
    };
  }
  for (const [status, description] of Object.entries(details.errors) as [string, string][]) {
    const bodies = details.errorBodies?.[Number(status) as ErrorStatus];
    responses[status] = { description, content: errorContentOf(Number(status) as ErrorStatus, auth, bodies) };
  }
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

function successContentOf(content: SuccessContent): Json {
  switch (content.kind) {
    case 'json':
      return jsonOf(content.schema);
    case 'page':
      return { ...htmlPage(), ...(content.json ? jsonOf(content.json) : {}) };
    case 'document':
      return Object.fromEntries(content.types.map((type) => [type, { schema: binary() }]));
    case 'documentLink':
      return jsonOf(content.schema ?? 'DocumentLink');
  }
}

const ERROR_SCHEMAS: Readonly<Record<ErrorStatus, ComponentName>> = {
  400: 'ValidationError',
  404: 'NotFoundError',
  409: 'ConflictError',
  410: 'LinkError',
  413: 'TooLargeError',
  422: 'SignatureRefusedError',
  429: 'TooManyRemindersError',
};

function errorContentOf(status: ErrorStatus, auth: RouteAuth, bodies?: readonly ComponentName[]): Json {
  if (bodies) {
    const json = { 'application/json': { schema: bodies.length === 1 ? ref(bodies[0]!) : { oneOf: bodies.map(ref) } } };
    return auth === 'link' && (status === 404 || status === 410) ? { ...htmlPage(), ...json } : json;
  }
  // An unusable link answers a page for the browser, or JSON when asked (link-pages.ts); a link
  // whose request is gone falls through to http-errors.ts's `not_found`.
  if (auth === 'link' && status === 404) {
    return { ...htmlPage(), 'application/json': { schema: { oneOf: [ref('LinkError'), ref('NotFoundError')] } } };
  }
  if (auth === 'link' && status === 410) {
    return { ...htmlPage(), ...jsonOf('LinkError') };
  }
  return jsonOf(ERROR_SCHEMAS[status]);
}

/** A page for the browser. */
function htmlPage(): Json {
  return { 'text/html': { schema: { type: 'string' } } };
}

function jsonOf(name: ComponentName): Json {
  return { 'application/json': { schema: ref(name) } };
}

function ref(name: ComponentName): Json {
  return { $ref: `#/components/schemas/${name}` };
}

function binary(): Json {
  return { type: 'string', format: 'binary' };
}

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12), self-contained. */
function jsonSchemaOf(schema: z.core.$ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Json;
  // A `#/$defs/…` reference would resolve against the OpenAPI document's root, not the schema.
  if (JSON.stringify(jsonSchema).includes('"$ref"')) throw new Error('A route schema produced a $ref; give it no `id` metadata or add it to COMPONENT_SCHEMAS');
  return jsonSchema;
}
