/**
 * How a route hands out a stored document: not through the function (a Lambda answer carries
 * 6 MB at most, and API Gateway sends a binary body base64-encoded), but as a short-lived
 * presigned GET of the bucket. A browser, or a client that follows redirects, gets
 * `303 See Other` to it; a caller that sends `Accept: application/json` gets
 * `200 { url, expiresAt }`.
 */
import * as z from 'zod/mini';
import { presignDownload } from '../adapters/document-store.js';
import type { ApiEvent } from './api-handler.js';
import { json, seeOther } from './http-response.js';
import type { HttpResult } from './http-response.js';
import { wantsJson } from './link-pages.js';

/** How long a download link works: enough to follow it, too short to be worth passing on. */
export const DOCUMENT_LINK_SECONDS = 5 * 60;

/** `200 { url, expiresAt }`: what a download route answers a caller that asks for JSON. */
export const documentLinkResponse = z.object({
  url: z.string().check(z.describe(`A presigned GET of the document, valid ${DOCUMENT_LINK_SECONDS / 60} minutes; its answer names the file (Content-Disposition)`)),
  expiresAt: z.string().check(z.describe('When the URL stops working')),
});
export type DocumentLinkResponse = z.infer<typeof documentLinkResponse>;

/**
 * The answer of a download route for the document under `key`: `attachment` to be saved as
 * `filename`, or `inline` to be shown in the browser.
 * @throws DocumentMissing when the bucket has no such object (answered 404)
 */
export async function answerDocumentLink(
  event: ApiEvent,
  key: string,
  options: { filename: string; disposition: 'attachment' | 'inline'; evidenceUrl?: string },
): Promise<HttpResult> {
  const { evidenceUrl, ...naming } = options;
  const link = await presignDownload(key, { ...naming, expiresInSeconds: DOCUMENT_LINK_SECONDS, now: new Date() });
  if (wantsJson(event)) {
    return json(200, { ...documentLinkResponse.parse({ url: link.url, expiresAt: link.expiresAt.toISOString() }), ...(evidenceUrl ? { evidence: { url: evidenceUrl } } : {}) });
  }
  // The evidence package travels beside the document as a typed link (RFC 8288).
  return seeOther(link.url, evidenceUrl ? { link: `<${evidenceUrl}>; rel="evidence"` } : {});
}
