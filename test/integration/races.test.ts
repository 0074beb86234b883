/**
 * Callers racing each other on the local stack: a broker clicking "remind" ten times at once,
 * a signer's two uploads crossing, ten grantees and the workflow's activation Map writing at
 * the same moment. Each race has one winner, leaves nothing behind for the losers, and keeps
 * the request's lock off the hot path.
 */
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_BUCKET } from '../../local/local-stack.js';
import { localS3ClientConfig } from '../../local/services/s3-local.js';
import { naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, historyTypes, latestLink, signByScanAndApprove } from './support/request-story.js';
import { activate, SCANNED_FORM, useTestStack, uploadScan } from './support/test-stack.js';

const stack = useTestStack({ faultProxies: true });
let s3: S3Client;
beforeAll(() => {
  s3 = new S3Client(localS3ClientConfig(process.env.AWS_ENDPOINT_URL_S3 ?? ''));
});
afterAll(() => s3.destroy());

let counter = 0;
function freshRequest(granteeCount = 1) {
  counter += 1;
  const email = `hans.race${counter}@example.be`;
  const hans = { ...PEOPLE.hans(), email };
  const observers = Array.from({ length: granteeCount - 1 }, (_, index) => otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), firstName: `Obs${index}`, email: `obs${index}.race${counter}@example.be` }));
  return {
    body: naturalClientRequest({ clientRef: `C-R${counter}`, requester: hans, grantees: [policyholderGrantee(hans), ...observers] }),
    requesterEmail: email,
    granteeEmails: [email, ...observers.map((grantee) => grantee.person.email)],
  };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: DOCUMENTS_BUCKET, Prefix: prefix }));
  return (answer.Contents ?? []).map((object) => object.Key ?? '');
}

describe('races', () => {
  it('ten reminders at once: one is sent, nine answer 429, and the trail records one (R9)', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const answers = await Promise.all(Array.from({ length: 10 }, () => stack.broker().remind(id)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, ...Array<number>(9).fill(429)]);
    expect(await stack.mails(requesterEmail)).toHaveLength(2); // the invitation and one reminder
    expect((await historyTypes(stack, id)).filter((type) => type === 'reminderRequested')).toHaveLength(1);
  });

  it('two uploads crossing: one signature is recorded, the other answers 410, and no staged copy of either stays in S3', async () => {
    const { body, requesterEmail } = freshRequest();
    const id = await fileRequest(stack, body);
    const link = await latestLink(stack, requesterEmail, 'sign');
    const other = new Uint8Array([...SCANNED_FORM, ...new TextEncoder().encode('% another scan\n')]);
    const answers = await Promise.all([uploadScan(link), uploadScan(link, other)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    await stack.settle();
    expect(await keysUnder(`staging/${id}/`)).toEqual([]);
    const stored = await keysUnder(`requests/${id}/`);
    expect(stored.filter((key) => key.includes('requester-signature-'))).toHaveLength(1);
    expect((await historyTypes(stack, id)).filter((type) => type === 'signatureReceived')).toHaveLength(1);
  });

  it('an upload a crash left in staging (its request never accepted it) is removed by the lifecycle rule after a day', async () => {
    const { body } = freshRequest();
    const id = await fileRequest(stack, body);
    const orphan = `staging/${id}/left-by-a-crash`;
    await s3.send(new PutObjectCommand({ Bucket: DOCUMENTS_BUCKET, Key: orphan, Body: SCANNED_FORM, ContentType: 'application/pdf' }));
    await stack.advance(12 * 3600_000);
    expect(await keysUnder(`staging/${id}/`)).toEqual([orphan]);
    await stack.advance(13 * 3600_000);
    expect(await keysUnder(`staging/${id}/`)).toEqual([]);
    // The generated form is the request's own: the rule leaves it alone.
    expect((await keysUnder(`requests/${id}/`)).some((key) => key.includes('form-'))).toBe(true);
  });
});

describe("the request's lock stays off the hot path", () => {
  it("ten grantees asked at once, then activating at once: no write contends on the request's lock (R7)", async () => {
    const { body, requesterEmail, granteeEmails } = freshRequest(10);
    const id = await fileRequest(stack, body);
    const dynamodb = stack.stack.faults!.proxies.dynamodb;
    const cancelledBefore = dynamodb.serviceErrors.TransactionCanceledException ?? 0;
    await signByScanAndApprove(stack, id, requesterEmail);
    const links = await Promise.all(granteeEmails.map((email) => latestLink(stack, email, 'activate')));
    const answers = await Promise.all(links.map((link) => activate(link)));
    expect(answers.map((answer) => answer.status)).toEqual(Array<number>(10).fill(200));
    await stack.settle();
    expect((await stack.broker().get(id)).body.status).toBe('COMPLETED');
    expect((dynamodb.serviceErrors.TransactionCanceledException ?? 0) - cancelledBefore).toBe(0);
    // Each grant's steps are in its own chain; the request's chain took none of them.
    expect((await historyTypes(stack, id)).filter((type) => type === 'activationRequested' || type === 'grantActivated')).toHaveLength(20);
    const view = (await stack.broker().get(id)).body;
    expect(view.history.filter((entry: { grantId?: string }) => !entry.grantId).map((entry: { type: string }) => entry.type)).not.toContain('grantActivated');
  });
});
