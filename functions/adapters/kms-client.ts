/**
 * The one KMS client of a function, and KMS's SDK, imported on first use (sdk-on-first-use.ts):
 * only the functions that MAC a link or seal a certificate ever load it.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { sdkOnFirstUse } from './sdk-on-first-use.js';

const kmsSdk = sdkOnFirstUse(() => import('@aws-sdk/client-kms'));
let kmsClient: KMSClient | undefined;

/** The client, and the SDK module for its commands and errors. */
export async function kms(): Promise<{ client: KMSClient; sdk: Awaited<ReturnType<typeof kmsSdk>> }> {
  const sdk = await kmsSdk();
  kmsClient ??= new sdk.KMSClient({});
  return { client: kmsClient, sdk };
}
