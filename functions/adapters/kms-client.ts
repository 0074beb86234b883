/**
 * The one KMS client of a function, and KMS's SDK, imported on first use (sdk-on-first-use.ts):
 * only the functions that MAC a link or seal a certificate ever load it.
 */
import { clientOnFirstUse } from './sdk-on-first-use.js';

/** The client, and the SDK module for its commands and errors. */
export const kms = clientOnFirstUse(() => import('@aws-sdk/client-kms'), (sdk) => new sdk.KMSClient({}));
