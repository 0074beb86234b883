/**
 * The product's HMAC key in KMS (key spec HMAC_256): it authenticates what the product hands
 * out and later takes back, such as a list cursor, without the key ever leaving KMS.
 * `AWS_ENDPOINT_URL_KMS` points the client at the local stack's KMS server.
 */
import { config } from '../config/config.js';
import { kms } from './kms-client.js';
import { isServiceError } from './sdk-on-first-use.js';

/** KMS takes at most this many bytes to MAC. */
export const MAX_MAC_MESSAGE_BYTES = 4096;

/** The HMAC-SHA-256 of `message` under the product's key. */
export async function macOf(message: Uint8Array): Promise<Uint8Array> {
  const { client, sdk } = await kms();
  const answer = await client.send(new sdk.GenerateMacCommand({ KeyId: config().MAC_KEY_ID, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
  if (!answer.Mac) throw new Error('KMS answered no MAC');
  return answer.Mac;
}

/** Whether `mac` is the HMAC-SHA-256 of `message` under the product's key (compared by KMS, in constant time). */
export async function macMatches(message: Uint8Array, mac: Uint8Array): Promise<boolean> {
  const { client, sdk } = await kms();
  try {
    const answer = await client.send(new sdk.VerifyMacCommand({ KeyId: config().MAC_KEY_ID, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac: mac }));
    return answer.MacValid === true;
  } catch (error) {
    if (isServiceError(error, 'KMSInvalidMacException')) return false;
    throw error;
  }
}
