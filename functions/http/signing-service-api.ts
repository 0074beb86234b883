/**
 * The signing service's callback (advanced signatures, R3): its own function, the one that
 * reads the callback secret. No bearer token: the callback's HMAC is its credential.
 */
import { apiHandler } from './api-handler.js';
import { receiveSigningCallback } from './signing-service/receive-callback.js';

export const handler = apiHandler('SigningServiceCallback', { receiveSigningCallback });
