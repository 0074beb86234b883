/**
 * The company story of issue "Signatures that count", end to end on the local stack (R3, R6, R8):
 * Łukasz files for Bakkerij Peeters BV and signs the form with his eID (a signed PDF sent
 * straight to storage and confirmed, as the page does); Elif, the legal representative,
 * approves through the signing service, whose signature goes on top of Łukasz's on the same
 * PDF. Both signatures are valid in the product's own check and in poppler's `pdfsig`; the
 * grantees activate; the completion certificate is sealed; `verify-evidence <requestId>`
 * finds everything intact.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTrustDir, writeStackInfo } from '../../local/local-stack.js';
import { SIGNING_SERVICE_TRUST_FILE_NAME } from '../../local/services/signing-service-local.js';
import { writeRootPem } from '../../local/signing/test-pki.js';
import { runVerifyEvidence } from '../../scripts/verify-evidence.js';
import { companyRequestFiledByEmployee, PEOPLE } from '../fixtures/access-request-builder.js';
import { createTestEidPki, signAsEid, type TestEidPki } from '../support/eid-signer.js';
import { createNssDatabase, pdfsigReport } from './support/poppler-pdfsig.js';
import { uploadThroughStorage } from './support/presigned-upload.js';
import { activateAll, fileRequest, latestLink, statusOf } from './support/request-story.js';
import { formPost, startAdvancedSigning } from './support/signing-service-client.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();
const lukasz = PEOPLE.lukasz();
const elif = PEOPLE.elif();
let eid: TestEidPki;
let workDir: string;

beforeAll(async () => {
  eid = await createTestEidPki('Test Belgium Root CA6');
  await writeRootPem(localTrustDir(stack.dataDir), 'test-belgium-root-ca6', eid.root);
  workDir = await mkdtemp(path.join(tmpdir(), 'portal-access-company-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface HistoryEntry {
  readonly type: string;
  readonly details: Record<string, unknown>;
}

async function download(url: string, auth?: string): Promise<Uint8Array<ArrayBuffer>> {
  const answer = await fetch(url, auth ? { headers: { authorization: `Bearer ${auth}` } } : {});
  expect(answer.status, url).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

describe('a company: the requester signs by eID, the legal representative through the signing service, on one PDF (R3, R6, R8)', () => {
  let requestId: string;

  it('takes both signatures on the same document', async () => {
    requestId = await fileRequest(stack, companyRequestFiledByEmployee({ clientRef: 'C-COMPANY-SIG' }));

    // Łukasz: the form downloaded, signed with his eID (ECDSA P-384, as current cards), sent straight to storage.
    const lukaszLink = await latestLink(stack, lukasz.email, 'sign');
    const form = await download(`${lukaszLink}/form.pdf`);
    const signedByLukasz = new Uint8Array(await signAsEid(form, eid, { person: lukasz }));
    const confirmed = await uploadThroughStorage(lukaszLink, 'eid', signedByLukasz);
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'verified', method: 'eid' });
    await stack.settle();
    expect(await statusOf(stack, requestId)).toBe('AWAITING_LEGAL_REPRESENTATIVE');

    // Elif is given the PDF Łukasz signed, and approves through the signing service.
    const elifLink = await latestLink(stack, elif.email, 'sign');
    expect(await download(`${elifLink}/form.pdf`)).toEqual(signedByLukasz);
    const signerUrl = await startAdvancedSigning(elifLink);
    const back = await formPost(`${signerUrl}/confirm`);
    expect(back.status, await back.clone().text()).toBe(303);
    await stack.settle();
    expect(await statusOf(stack, requestId)).toBe('AWAITING_ACTIVATION');

    const view = (await stack.broker().get(requestId)).body;
    const received = (view.history as HistoryEntry[]).filter((entry) => entry.type === 'signatureReceived');
    expect(received.map((entry) => [entry.details.role, entry.details.method, (entry.details.verdict as { algorithm: string }).algorithm])).toEqual([
      ['requester', 'eid', 'ECDSA-P384-SHA384'],
      ['legalRepresentative', 'advanced', expect.any(String)],
    ]);
  });

  it('keeps both signatures valid in poppler’s pdfsig, which trusts only the two roots', async () => {
    const auth = stack.stack.brokers[0]?.token;
    const view = (await stack.broker().get(requestId)).body;
    const both = await download(view.documents.legalRepresentativeSignature.url as string, auth);
    const file = path.join(workDir, 'both-signatures.pdf');
    await writeFile(file, both);
    const serviceRoot = await readFile(path.join(localTrustDir(stack.dataDir), `${SIGNING_SERVICE_TRUST_FILE_NAME}.pem`), 'utf8');
    const nss = path.join(workDir, 'nss');
    await mkdir(nss);
    const database = await createNssDatabase(nss, [eid.root, { pem: serviceRoot }]);
    const report = await pdfsigReport(database, file);
    expect(report.signatures.map((signature) => [signature.commonName, signature.signatureValidation])).toEqual([
      ['Łukasz Wiśniewski (Signature)', 'Signature is Valid.'],
      ['Elif Şahin', 'Signature is Valid.'],
    ]);
    expect(report.signatures.at(-1)?.totalDocumentSigned).toBe(true);
    // The portal shows the PDF that carries both (R8).
    const grants = await stack.portal.grants(elif.email, 'pending');
    const grant = grants.body.items[0];
    expect(grant?.form.sha256).toBe(view.documents.legalRepresentativeSignature.sha256);
    // The portal's form endpoint links the evidence package: in JSON, and as a typed link beside the redirect.
    const portalAuth = { authorization: `Bearer ${stack.stack.portalToken}` };
    const formLink = await fetch(grant.form.url, { headers: { ...portalAuth, accept: 'application/json' } });
    expect(await formLink.json()).toMatchObject({ evidence: { url: grant.evidence.url } });
    const redirect = await fetch(grant.form.url, { headers: portalAuth, redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('link')).toBe(`<${grant.evidence.url}>; rel="evidence"`);
    expect((await fetch(grant.evidence.url, { headers: portalAuth })).status).toBe(200);
  });

  it('completes, seals its evidence, and passes `verify-evidence <requestId>`', async () => {
    await activateAll(stack, [elif.email, lukasz.email]);
    expect(await statusOf(stack, requestId)).toBe('COMPLETED');

    const stackFile = path.join(stack.dataDir, 'stack.json');
    await writeStackInfo(stackFile, stack.stack);
    const stderr: string[] = [];
    const code = await runVerifyEvidence([requestId, '--stack', stackFile, '--out', path.join(workDir, requestId)], {
      stdout: () => undefined,
      stderr: (line) => stderr.push(line),
    });
    expect(code, stderr.join('\n')).toBe(0);
    expect(stderr.join('\n')).toContain('legalRepresentative-signature');
  });
});
