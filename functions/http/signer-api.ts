/** The signer's routes behind the e-mailed `/sign/{token}` link (R3, R6). */
import { apiHandler } from './api-handler.js';
import { linkRoute } from './link-pages.js';
import { showAdvancedSigningOutcome, startAdvancedSigning } from './signer/advanced-signing.js';
import { confirmUpload } from './signer/confirm-upload.js';
import { createUpload } from './signer/create-upload.js';
import { declineSignature } from './signer/decline.js';
import { downloadFormToSign, showSigningPage } from './signer/signing-page.js';
import { directBodyTooLarge, uploadEidSignedPdf, uploadScan } from './signer/upload-scan.js';

export const handler = apiHandler('SignerApi', {
  showSigningPage: linkRoute(showSigningPage),
  downloadFormToSign: linkRoute(downloadFormToSign),
  // A direct body over its limit is answered with where larger files go.
  uploadScan: { handler: linkRoute(uploadScan), tooLarge: directBodyTooLarge },
  uploadEidSignedPdf: { handler: linkRoute(uploadEidSignedPdf), tooLarge: directBodyTooLarge },
  createUpload: linkRoute(createUpload),
  confirmUpload: linkRoute(confirmUpload),
  startAdvancedSigning: linkRoute(startAdvancedSigning),
  showAdvancedSigningOutcome: linkRoute(showAdvancedSigningOutcome),
  declineSignature: linkRoute(declineSignature),
});
