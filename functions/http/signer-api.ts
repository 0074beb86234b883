/** The signer's routes behind the e-mailed `/sign/{token}` link (R3, R6). */
import { apiHandler } from './api-handler.js';
import { linkRoute } from './link-pages.js';
import { showAdvancedSigningOutcome, startAdvancedSigning } from './signer/advanced-signing.js';
import { confirmUpload } from './signer/confirm-upload.js';
import { createUpload } from './signer/create-upload.js';
import { declineSignature } from './signer/decline.js';
import { downloadFormToSign, showSigningPage } from './signer/signing-page.js';
import { MAX_DIRECT_BODY_BYTES } from './signer/receive-signature.js';
import { directBodyTooLarge, uploadEidSignedPdf, uploadScan } from './signer/upload-scan.js';

export const handler = apiHandler([
  { method: 'GET', path: '/sign/{token}', handler: linkRoute(showSigningPage) },
  { method: 'GET', path: '/sign/{token}/form.pdf', handler: linkRoute(downloadFormToSign) },
  { method: 'POST', path: '/sign/{token}/scan', handler: linkRoute(uploadScan), maxBodyBytes: MAX_DIRECT_BODY_BYTES, tooLarge: directBodyTooLarge },
  { method: 'POST', path: '/sign/{token}/eid', handler: linkRoute(uploadEidSignedPdf), maxBodyBytes: MAX_DIRECT_BODY_BYTES, tooLarge: directBodyTooLarge },
  { method: 'POST', path: '/sign/{token}/uploads', handler: linkRoute(createUpload) },
  { method: 'POST', path: '/sign/{token}/uploads/{uploadId}/confirm', handler: linkRoute(confirmUpload) },
  { method: 'POST', path: '/sign/{token}/advanced', handler: linkRoute(startAdvancedSigning) },
  { method: 'GET', path: '/sign/{token}/advanced', handler: linkRoute(showAdvancedSigningOutcome) },
  { method: 'POST', path: '/sign/{token}/decline', handler: linkRoute(declineSignature) },
]);
