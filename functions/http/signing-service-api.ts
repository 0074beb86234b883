/**
 * The signing service's callback (advanced signatures, R3): its own function, the one that
 * reads the callback secret. No bearer token: the callback's HMAC is its credential.
 */
import { apiHandler } from './api-handler.js';
import { MAX_CALLBACK_BODY_BYTES, receiveSigningCallback } from './signing-service/receive-callback.js';

export const handler = apiHandler([
  { method: 'POST', path: '/v1/signing-service/callback', handler: receiveSigningCallback, maxBodyBytes: MAX_CALLBACK_BODY_BYTES },
]);
