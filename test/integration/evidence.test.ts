/**
 * Evidence that stands on its own (R8), on the local stack: a completed request gets its
 * completion certificate, rendered from its trail and sealed by the product's KMS key (the
 * local seal root certifies it); the broker's and the portal's evidence routes answer the
 * package; `npm run verify-evidence -- <requestId>` fetches and checks it; and poppler's
 * pdfsig, given only the seal root in an NSS database, calls the seal valid.
 */
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo-table.js';
import { evidencePackageSchema, type EvidencePackage } from '../../functions/evidence/evidence-package.js';
import { localTrustDir, writeStackInfo } from '../../local/local-stack.js';
import { SEAL_ROOT_TRUST_NAME } from '../../local/signing/seal-certificate.js';
import { runVerifyEvidence } from '../../scripts/verify-evidence.js';
import { naturalClientRequest, PEOPLE } from '../fixtures/access-request-builder.js';
import { extractPdfText } from '../support/pdf-text.js';
import { createNssDatabase, pdfsigReport } from './support/poppler-pdfsig.js';
import { activateAll, fileRequest, signByScanAndApprove, statusOf } from './support/request-story.js';
import { ACTIVATED_GRANT_CHAIN, SCAN_STORY_REQUEST_CHAIN } from './support/story-invariants.js';
import { useTestStack } from './support/test-stack.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const stack = useTestStack();
let workDir: string;
let table: DynamoDBDocumentClient;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'evidence-it-'));
  table = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
  table?.destroy();
});

/** The request item as stored. */
async function requestItem(requestId: string): Promise<Record<string, any> | undefined> {
  return (await table.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: keys.request(requestId), ConsistentRead: true }))).Item;
}

/** The evidence route's answer, as a broker. */
async function evidenceOf(requestId: string, broker: 0 | 1 = 0): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(`${stack.stack.apiUrl}/v1/requests/${requestId}/evidence`, { headers: { authorization: `Bearer ${stack.stack.brokers[broker]?.token}` } });
  return { status: answer.status, body: await answer.json() };
}

async function download(url: string): Promise<Uint8Array> {
  const answer = await fetch(url);
  expect(answer.status, url).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

/** `verify-evidence <requestId>` as the broker would run it, against this stack's stack.json and trust folder. */
async function verifyEvidence(requestId: string): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stackFile = path.join(stack.dataDir, 'stack.json');
  await writeStackInfo(stackFile, stack.stack);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runVerifyEvidence([requestId, '--stack', stackFile, '--out', path.join(workDir, requestId)], {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
  });
  return { code, stdout, stderr };
}

describe('the completion certificate, sealed (R8)', () => {
  let requestId: string;
  let pack: EvidencePackage;

  it('is sealed once the request completes, and its entry closes the trail', async () => {
    const hans = PEOPLE.hans();
    requestId = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EVIDENCE-1' }));
    await signByScanAndApprove(stack, requestId, hans.email);
    await activateAll(stack, [hans.email]);
    expect(await statusOf(stack, requestId)).toBe('COMPLETED');

    const view = (await stack.broker().get(requestId)).body;
    expect(view.historyIntact).toBe(true);
    expect(view.history.at(-2).type).toBe('completed');
    expect(view.history.at(-1)).toMatchObject({ type: 'evidenceSealed', actor: 'workflow' });
    expect(view.evidence).toEqual({ url: `${stack.stack.apiUrl}/v1/requests/${requestId}/evidence` });
  });

  it('is in the evidence package with every entry, each document and the seal chain; another broker gets 404', async () => {
    const answer = await evidenceOf(requestId);
    expect(answer.status).toBe(200);
    pack = evidencePackageSchema.parse(answer.body);
    expect(pack.requestId).toBe(requestId);
    expect(pack.status).toBe('COMPLETED');
    expect(pack.requestChain.entries.map((entry) => entry.type)).toEqual([...SCAN_STORY_REQUEST_CHAIN]);
    expect(pack.grantChains.map((grant) => grant.entries.map((entry) => entry.type))).toEqual([[...ACTIVATED_GRANT_CHAIN]]);
    expect(pack.documents.map((document) => [document.name, document.auditSeq])).toEqual([
      ['form', 2],
      ['requester-signature', 4],
      ['completion-certificate', 9],
    ]);
    expect(pack.seal?.certificateChainPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // The request names its chain by hash; the chain is kept once for every request sealed under it.
    const sealed = (await requestItem(requestId))?.evidence;
    expect(sealed).not.toHaveProperty('sealChainPem');
    expect(sealed?.sealChainSha256).toBe(sha256(new TextEncoder().encode(pack.seal?.certificateChainPem)));

    const certificate = await download(pack.documents.find((document) => document.name === 'completion-certificate')!.url);
    expect(sha256(certificate)).toBe(pack.seal?.sha256);
    expect(sha256(certificate)).toBe(pack.requestChain.entries.at(-1)?.details.sha256);
    const text = (await extractPdfText(certificate)).replace(/\s+/g, ' ');
    expect(text).toContain(`Request ${requestId}`);
    expect(text).toContain('Client reference C-EVIDENCE-1');
    expect(text).toContain('Scan reviewed by the broker');
    expect(text).toContain(`SHA-256: ${pack.documents[1]?.sha256}`);

    expect((await evidenceOf(requestId, 1)).status).toBe(404);
    expect((await evidenceOf('req_doesnotexist000000')).status).toBe(404);
  });

  it('of a request sealed before chains were kept once (the chain inside its evidence) is packaged with that chain', async () => {
    const hans = PEOPLE.hans();
    const earlier = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EVIDENCE-2' }));
    await signByScanAndApprove(stack, earlier, hans.email);
    await activateAll(stack, [hans.email]);
    const item = (await requestItem(earlier))!;
    const { sealChainSha256: _kept, ...evidence } = item.evidence;
    await table.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...item, evidence: { ...evidence, sealChainPem: 'the chain as sealed then' } } }));
    const answer = await evidenceOf(earlier);
    expect(answer.status).toBe(200);
    expect(evidencePackageSchema.parse(answer.body).seal?.certificateChainPem).toBe('the chain as sealed then');
  });

  it("is linked from the portal's answer for the grant, whose own route answers the same request's package", async () => {
    const [grant] = (await stack.portal.grants(PEOPLE.hans().email)).body.items.filter((item) => item.clientRef === 'C-EVIDENCE-1');
    expect(grant.evidence).toEqual({ url: `${stack.stack.apiUrl}/v1/portal/grants/${grant.grantId}/evidence` });
    const answer = await fetch(grant.evidence.url, { headers: { authorization: `Bearer ${stack.stack.portalToken}` } });
    expect(answer.status).toBe(200);
    const portalPack = evidencePackageSchema.parse(await answer.json());
    expect(portalPack.requestId).toBe(requestId);
    expect(portalPack.requestChain.entries.map((entry) => entry.hash)).toEqual(pack.requestChain.entries.map((entry) => entry.hash));
    const unknown = await fetch(`${stack.stack.apiUrl}/v1/portal/grants/g_doesnotexist0000/evidence`, { headers: { authorization: `Bearer ${stack.stack.portalToken}` } });
    expect(unknown.status).toBe(404);
  });

  it('passes `npm run verify-evidence -- <requestId>`: fetched, downloaded into a folder, checked offline', async () => {
    const result = await verifyEvidence(requestId);
    expect(result.code, result.stderr.join('\n')).toBe(0);
    expect(result.stdout).toEqual([`evidence package of ${requestId} written to ${path.join(workDir, requestId)}`, `evidence of ${requestId}: intact`]);
    expect(result.stderr.join('\n')).toMatch(/✓ completion certificate: sealed by .*Portal access evidence seal \(local\).*trusted; covers request entry 8/);
  });

  it("shows 'Signature is Valid' in pdfsig given the seal's root, and no other trust", async () => {
    const sealRoot = await readFile(path.join(localTrustDir(stack.dataDir), `${SEAL_ROOT_TRUST_NAME}.pem`), 'utf8');
    const nss = await createNssDatabase(await mkdtemp(path.join(workDir, 'nss-')), [{ pem: sealRoot }]);
    const report = await pdfsigReport(nss, path.join(workDir, requestId, 'completion-certificate.pdf'));
    expect(report.signatures).toEqual([
      expect.objectContaining({ subFilter: 'ETSI.CAdES.detached', signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.', totalDocumentSigned: true }),
    ]);
  });

  it('keeps the seal root and certificate across a restart: the sealed evidence still verifies', async () => {
    const sealRoot = path.join(localTrustDir(stack.dataDir), `${SEAL_ROOT_TRUST_NAME}.pem`);
    const before = await readFile(sealRoot, 'utf8');
    await stack.restart();
    expect(await readFile(sealRoot, 'utf8')).toBe(before);
    expect((await verifyEvidence(requestId)).code).toBe(0);
  });
});
