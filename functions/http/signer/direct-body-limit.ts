/**
 * The 413 of a direct body over {@link MAX_DIRECT_BODY_BYTES} (`POST /sign/{token}/scan` and
 * `/eid`, upload-scan.ts): answered by the router before the route's own module is loaded.
 */
import * as z from 'zod/mini';
import { MAX_DIRECT_BODY_BYTES } from '../../../catalog/route-catalog.js';
import { HttpError } from '../http-errors.js';

/** The body of the 413 answered when a direct body is over {@link MAX_DIRECT_BODY_BYTES}. */
export const tooLargeResponse = z.object({ error: z.literal('too_large'), message: z.string() });

/** `413 { error: "too_large", message }`: the file must go straight to storage instead. */
export function directBodyTooLarge(): HttpError {
  const body: z.infer<typeof tooLargeResponse> = {
    error: 'too_large',
    message: `A file sent as the request body may be ${MAX_DIRECT_BODY_BYTES / 1024 / 1024} MB at most; upload larger files with POST /sign/{token}/uploads`,
  };
  return new HttpError(413, body);
}
