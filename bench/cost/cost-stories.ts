/**
 * The two stories `npm run cost` prices, each as the people in it act over HTTP on the local
 * stack (the integration tests' own clients), from filing to the sealed certificate:
 * - natural: Hans asks access for himself and Łukasz (2 grantees); he opens the signing page and
 *   signs through the signing service (PortiSign stand-in); both grantees open their activation
 *   page and activate.
 * - natural-scan: the same, but Hans downloads the form, signs it by hand and uploads the scan
 *   straight to storage, and the broker approves it (R9): the longest path of a natural person.
 * - company: Łukasz files for Bakkerij Peeters BV, whose legal representative Elif must approve
 *   (R6): Łukasz signs with his eID (a signed PDF straight to storage), Elif through the signing
 *   service (PortiSign stand-in); both grantees activate.
 */
import { expect } from 'vitest';
import { localTrustDir } from '../../local/local-stack.js';
import { writeRootPem } from '../../local/signing/test-pki.js';
import { companyRequestFiledByEmployee, naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee } from '../../test/fixtures/access-request-builder.js';
import { createTestEidPki, signAsEid, type TestEidPki } from '../../test/support/eid-signer.js';
import { uploadThroughStorage } from '../../test/integration/support/presigned-upload.js';
import { fileRequest, latestLink, statusOf } from '../../test/integration/support/request-story.js';
import { formPost, startAdvancedSigning } from '../../test/integration/support/signing-service-client.js';
import { activate, SCANNED_FORM, type TestStack } from '../../test/integration/support/test-stack.js';

export type CostStoryName = 'natural' | 'natural-scan' | 'company';

export interface CostStory {
  readonly name: CostStoryName;
  readonly title: string;
  /** Runs the story to its end; answers the request's id. */
  run(stack: TestStack): Promise<string>;
}

async function ok(response: Response, what: string): Promise<Response> {
  expect(response.status, `${what}: ${await response.clone().text()}`).toBeLessThan(400);
  return response;
}

async function download(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const answer = await ok(await fetch(url), `GET ${url}`);
  return new Uint8Array(await answer.arrayBuffer());
}

/** A grantee opens his activation page, then activates (R7). */
async function activateAsGrantee(stack: TestStack, email: string): Promise<void> {
  const link = await latestLink(stack, email, 'activate');
  await ok(await fetch(link, { headers: { accept: 'text/html' } }), 'activation page');
  await ok(await activate(link), 'activation');
}

async function completed(stack: TestStack, requestId: string): Promise<string> {
  await stack.settle();
  expect(await statusOf(stack, requestId), 'the story ends COMPLETED').toBe('COMPLETED');
  return requestId;
}

const eidRoots = new WeakMap<TestStack, Promise<TestEidPki>>();

/** One test eID root per stack, trusted through the stack's local trust folder (as a deployment trusts the Belgian roots). */
function eidPki(stack: TestStack): Promise<TestEidPki> {
  let pki = eidRoots.get(stack);
  if (!pki) {
    pki = createTestEidPki('Test Belgium Root CA6').then(async (created) => {
      await writeRootPem(localTrustDir(stack.dataDir), 'test-belgium-root-ca6', created.root);
      return created;
    });
    eidRoots.set(stack, pki);
  }
  return pki;
}

export const COST_STORIES: readonly CostStory[] = [
  {
    name: 'natural',
    title: 'natural person, 2 grantees, signed through the signing service',
    async run(stack) {
      const hans = PEOPLE.hans();
      const lukasz = PEOPLE.lukasz();
      const requestId = await fileRequest(stack, naturalClientRequest({ clientRef: `C-COST-E-${Date.now()}`, grantees: [policyholderGrantee(), otherGrantee(['POL-2'], lukasz)] }));
      const link = await latestLink(stack, hans.email, 'sign');
      await ok(await fetch(link, { headers: { accept: 'text/html' } }), 'signing page');
      const signerUrl = await startAdvancedSigning(link);
      await ok(await formPost(`${signerUrl}/confirm`), 'signing service confirm');
      await stack.settle();
      for (const email of [hans.email, lukasz.email]) await activateAsGrantee(stack, email);
      return completed(stack, requestId);
    },
  },
  {
    name: 'natural-scan',
    title: 'natural person, 2 grantees, signed by hand (scan reviewed by the broker)',
    async run(stack) {
      const hans = PEOPLE.hans();
      const lukasz = PEOPLE.lukasz();
      const requestId = await fileRequest(stack, naturalClientRequest({ clientRef: `C-COST-N-${Date.now()}`, grantees: [policyholderGrantee(), otherGrantee(['POL-2'], lukasz)] }));
      const link = await latestLink(stack, hans.email, 'sign');
      await ok(await fetch(link, { headers: { accept: 'text/html' } }), 'signing page');
      await download(`${link}/form.pdf`);
      await ok(await uploadThroughStorage(link, 'handwritten', new Uint8Array(SCANNED_FORM)), 'scan upload');
      await stack.settle();
      const reviewed = await stack.broker().review(requestId, 'approve');
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
      await stack.settle();
      for (const email of [hans.email, lukasz.email]) await activateAsGrantee(stack, email);
      return completed(stack, requestId);
    },
  },
  {
    name: 'company',
    title: "company, 2 grantees: the requester signs with his eID, the legal representative through the signing service (R6)",
    async run(stack) {
      const lukasz = PEOPLE.lukasz();
      const elif = PEOPLE.elif();
      const eid = await eidPki(stack);
      const requestId = await fileRequest(stack, companyRequestFiledByEmployee({ clientRef: `C-COST-C-${Date.now()}` }));
      const lukaszLink = await latestLink(stack, lukasz.email, 'sign');
      await ok(await fetch(lukaszLink, { headers: { accept: 'text/html' } }), 'signing page');
      const signed = new Uint8Array(await signAsEid(await download(`${lukaszLink}/form.pdf`), eid, { person: lukasz }));
      await ok(await uploadThroughStorage(lukaszLink, 'eid', signed), 'eID upload');
      await stack.settle();
      const elifLink = await latestLink(stack, elif.email, 'sign');
      await ok(await fetch(elifLink, { headers: { accept: 'text/html' } }), 'signing page');
      const signerUrl = await startAdvancedSigning(elifLink);
      await ok(await formPost(`${signerUrl}/confirm`), 'signing service confirm');
      await stack.settle();
      for (const email of [elif.email, lukasz.email]) await activateAsGrantee(stack, email);
      return completed(stack, requestId);
    },
  },
];
