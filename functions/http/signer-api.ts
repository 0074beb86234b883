/**
 * The signer's routes behind the e-mailed `/sign/{token}` link (R3, R6).
 *
 * Each route's module is imported with its first request (issue 11, "cold start"; `onFirstRequest`):
 * a container that shows signing pages never evaluates the uploads, the signing service's client
 * or the decline. The unusable link's page (link-pages.ts) and a direct body's 413, which the
 * router answers before the route, stay at start-up.
 */
import { apiHandler, onFirstRequest } from './api-handler.js';
import { linkRoute } from './link-pages.js';
import { directBodyTooLarge } from './signer/direct-body-limit.js';

const signingPage = () => import('./signer/signing-page.js');
const directUpload = () => import('./signer/upload-scan.js');
const advancedSigning = () => import('./signer/advanced-signing.js');

export const handler = apiHandler('SignerApi', {
  showSigningPage: linkRoute(onFirstRequest(signingPage, 'showSigningPage')),
  downloadFormToSign: linkRoute(onFirstRequest(signingPage, 'downloadFormToSign')),
  // A direct body over its limit is answered with where larger files go.
  uploadScan: { handler: linkRoute(onFirstRequest(directUpload, 'uploadScan')), tooLarge: directBodyTooLarge },
  uploadEidSignedPdf: { handler: linkRoute(onFirstRequest(directUpload, 'uploadEidSignedPdf')), tooLarge: directBodyTooLarge },
  createUpload: linkRoute(onFirstRequest(() => import('./signer/create-upload.js'), 'createUpload')),
  confirmUpload: linkRoute(onFirstRequest(() => import('./signer/confirm-upload.js'), 'confirmUpload')),
  startAdvancedSigning: linkRoute(onFirstRequest(advancedSigning, 'startAdvancedSigning')),
  showAdvancedSigningOutcome: linkRoute(onFirstRequest(advancedSigning, 'showAdvancedSigningOutcome')),
  declineSignature: linkRoute(onFirstRequest(() => import('./signer/decline.js'), 'declineSignature')),
});
