/**
 * What both evidence routes answer (R8, R9): a request's evidence package
 * (functions/evidence/evidence-package.ts), its documents as short-lived presigned GETs
 * (document-link.ts), so the answer stays small whatever the documents weigh.
 */
import { presignDownload } from '../adapters/document-store.js';
import type { RequestRecord } from '../adapters/request-store.js';
import { sealChainOf } from '../adapters/seal-chain-store.js';
import { evidencePackage, evidencePackageSchema, type PackagedDocument } from '../evidence/evidence-package.js';
import { DOCUMENT_LINK_SECONDS } from './document-link.js';
import { json } from './http-response.js';
import type { HttpResult } from './http-response.js';

/** `200` with the package of the request `record` holds. */
export async function answerEvidencePackage(record: RequestRecord): Promise<HttpResult> {
  const now = new Date();
  const link = async (document: PackagedDocument) => {
    const linked = await presignDownload(document.key, { filename: document.fileName, disposition: 'attachment', expiresInSeconds: DOCUMENT_LINK_SECONDS, now });
    return { url: linked.url, expiresAt: linked.expiresAt.toISOString() };
  };
  const evidence = 'evidence' in record.request ? record.request.evidence : undefined;
  return json(200, evidencePackageSchema.parse(await evidencePackage(record, link, now, evidence ? await sealChainOf(evidence) : undefined)));
}
