/** The signer's routes behind the e-mailed `/sign/{token}` link (R3, R6). */
import { apiHandler } from './api-handler.js';
import { linkRoute } from './link-pages.js';
import { declineSignature } from './signer/decline.js';
import { downloadFormToSign, showSigningPage } from './signer/signing-page.js';
import { MAX_SCAN_BYTES, scanTooLarge, uploadScan } from './signer/upload-scan.js';

export const handler = apiHandler([
  { method: 'GET', path: '/sign/{token}', handler: linkRoute(showSigningPage) },
  { method: 'GET', path: '/sign/{token}/form.pdf', handler: linkRoute(downloadFormToSign) },
  { method: 'POST', path: '/sign/{token}/scan', handler: linkRoute(uploadScan), maxBodyBytes: MAX_SCAN_BYTES, tooLarge: scanTooLarge },
  { method: 'POST', path: '/sign/{token}/decline', handler: linkRoute(declineSignature) },
]);
