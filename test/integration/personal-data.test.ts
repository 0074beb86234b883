/**
 * Personal data on the local stack (docs/personal-data.md): none in execution histories or in
 * what a failure records; ended requests keep it only as long as their retention says, moved
 * forward on the stack's clock; a client's data is exported and erased on request, while the
 * audit trail stays whole and without personal data.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_BUCKET } from '../../local/local-stack.js';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../local/services/local-aws-client-config.js';
import { localS3ClientConfig } from '../../local/services/s3-local.js';
import { DEFAULT_RETENTION } from '../../functions/domain/retention.js';
import { naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { activateAll, fileRequest, latestLink, signByScanAndApprove, statusOf } from './support/request-story.js';
import { decline, useTestStack } from './support/test-stack.js';

const DAY_MS = 86_400_000;
const stack = useTestStack({ faultProxies: true });
let s3: S3Client;
let table: DynamoDBDocumentClient;
beforeAll(() => {
  s3 = new S3Client(localS3ClientConfig(process.env.AWS_ENDPOINT_URL_S3 ?? ''));
  table = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(() => {
  s3.destroy();
  table.destroy();
});

let counter = 0;
function freshRequest(withObserver = false) {
  counter += 1;
  const email = `hans.pd${counter}@example.be`;
  const hans = { ...PEOPLE.hans(), email };
  const observer = { ...PEOPLE.lukasz(), email: `lukasz.pd${counter}@example.be` };
  const grantees = withObserver ? [policyholderGrantee(hans), otherGrantee(['POL-1'], observer)] : [policyholderGrantee(hans)];
  return { body: naturalClientRequest({ clientRef: `C-PD${counter}`, requester: hans, grantees }), email, observerEmail: observer.email, clientRef: `C-PD${counter}` };
}

async function executionHistoryText(requestId: string): Promise<string> {
  const sfn = new SFNClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: stack.stack.stepFunctionsUrl });
  try {
    const executionArn = `${stack.stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${requestId}`;
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return JSON.stringify(history.events);
  } finally {
    sfn.destroy();
  }
}

/** The kinds of item in a request's partition: `AUDIT` for every trail entry, any other sort key whole (`REQUEST`, `REQUEST#BODY`, `NOTE#…`). */
async function partitionKinds(requestId: string): Promise<string[]> {
  const answer = await table.send(
    new QueryCommand({ TableName: process.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `REQUEST#${requestId}` }, ConsistentRead: true }),
  );
  return [...new Set((answer.Items ?? []).map((item) => (String(item.sk).startsWith('AUDIT#') ? 'AUDIT' : String(item.sk))))].sort();
}

async function documentsOf(requestId: string): Promise<string[]> {
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: DOCUMENTS_BUCKET, Prefix: `requests/${requestId}/` }));
  return (answer.Contents ?? []).map((object) => object.Key ?? '');
}

describe('no personal data where it does not belong', () => {
  it("a signer's reason to decline is kept with the request, never in the execution history", async () => {
    const { body, email } = freshRequest();
    const id = await fileRequest(stack, body);
    const reason = 'Ik heb dit niet gevraagd — Hans Müller, Kerkstraat 12';
    expect((await decline(await latestLink(stack, email, 'sign'), reason)).status).toBe(200);
    await stack.settle();
    const view = (await stack.broker().get(id)).body;
    expect(view.status).toBe('DECLINED');
    expect(view.history.at(-1)).toMatchObject({ type: 'declined', details: { by: 'signer', reason } });
    const history = await executionHistoryText(id);
    expect(history).not.toContain('Kerkstraat');
    expect(history).not.toContain(email);
    expect(history).toContain('SignatureDeclined');
  });

  it("SES refusing a mail with the recipient's address in its message: the request fails, and neither its record nor the history names him", async () => {
    const { body, email } = freshRequest();
    stack.stack.stepFunctions.aroundNextInvocation('RequestRequesterSignature', {
      start: () => stack.stack.faults!.proxies.sesv2.arm({ answer: 'reject', times: 10 }),
      end: () => stack.stack.faults!.proxies.sesv2.disarm(),
    });
    const filed = await stack.broker().submit(body);
    await stack.settle();
    const view = (await stack.broker().get(filed.body.id)).body;
    expect(view.status).toBe('FAILED');
    expect(view.outcome.error).toBe('UpstreamStepError');
    expect(view.outcome.cause).toContain('MessageRejected');
    expect(JSON.stringify(view.outcome)).not.toContain('@');
    expect(JSON.stringify(view.history.at(-1))).not.toContain('@');
    expect(await executionHistoryText(filed.body.id)).not.toContain(email.split('@')[0]);
  });
});

describe('retention: an ended request keeps its personal data only as long as it must', () => {
  it(`a declined request is erased after ${DEFAULT_RETENTION.endedWithoutAccessDays} days: documents, notes and body gone, the trail whole`, async () => {
    const { body, email, clientRef } = freshRequest();
    const id = await fileRequest(stack, body);
    await decline(await latestLink(stack, email, 'sign'), 'Not now, thanks');
    await stack.settle();
    const ended = (await stack.broker().get(id)).body;
    expect(ended.retainUntil).toBeDefined();
    expect(await documentsOf(id)).not.toEqual([]);
    // The request as filed is its own item beside the request item (request-store.ts).
    expect(await partitionKinds(id)).toEqual(expect.arrayContaining(['AUDIT', 'REQUEST', 'REQUEST#BODY']));

    await stack.advance((DEFAULT_RETENTION.endedWithoutAccessDays - 1) * DAY_MS);
    expect((await stack.broker().get(id)).body.erasedAt).toBeUndefined();
    await stack.advance(2 * DAY_MS);

    const erased = (await stack.broker().get(id)).body;
    expect(erased).toMatchObject({ id, clientRef, status: 'DECLINED', historyIntact: true, grantees: [] });
    expect(erased.erasedAt).toBeDefined();
    expect(erased.requester).toBeUndefined();
    expect(erased.history.at(-1)).toMatchObject({ type: 'erased', details: { reason: 'retention' } });
    expect(erased.history.find((entry: { type: string }) => entry.type === 'declined').details).toMatchObject({ reasonErased: true });
    expect(JSON.stringify(erased)).not.toContain('Not now');
    expect(JSON.stringify(erased)).not.toContain(email);
    expect(await documentsOf(id)).toEqual([]);
    expect(await partitionKinds(id)).toEqual(['AUDIT', 'REQUEST']);
    // The broker still finds it in his list, without a name.
    const listed = (await stack.broker().list(`?clientRef=${clientRef}`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, erasedAt: erased.erasedAt })]);
    expect(listed[0].clientName).toBeUndefined();
  });

  it(`a completed request keeps its data while a grant is active, then ${DEFAULT_RETENTION.afterAccessEndsDays} days after the last access ended`, async () => {
    const { body, email, observerEmail, clientRef } = freshRequest(true);
    const id = await fileRequest(stack, body);
    await signByScanAndApprove(stack, id, email);
    await activateAll(stack, [email, observerEmail]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
    expect((await stack.broker().get(id)).body.retainUntil).toBeUndefined();

    await stack.advance(400 * DAY_MS);
    expect((await stack.broker().get(id)).body.erasedAt).toBeUndefined();
    const grants = (await stack.broker().get(id)).body.grantees.map((grantee: { grantId: string }) => grantee.grantId);
    expect((await stack.broker().revoke(grants[0], 'Mandate withdrawn')).status).toBe(200);
    expect((await stack.broker().get(id)).body.retainUntil).toBeUndefined(); // one access is still alive
    expect((await stack.broker().revoke(grants[1], 'Mandate withdrawn')).status).toBe(200);
    const due = (await stack.broker().get(id)).body.retainUntil as string;
    expect(new Date(due).getTime() - Date.now()).toBeGreaterThan((DEFAULT_RETENTION.afterAccessEndsDays - 1) * DAY_MS);

    await stack.advance((DEFAULT_RETENTION.afterAccessEndsDays + 1) * DAY_MS);
    const erased = (await stack.broker().get(id)).body;
    expect(erased.erasedAt).toBeDefined();
    expect(erased.historyIntact).toBe(true);
    expect((await stack.portal.grants(observerEmail, 'revoked')).body.items.filter((grant: { clientRef: string }) => grant.clientRef === clientRef)).toEqual([]);
    expect(await documentsOf(id)).toEqual([]);
  });
});

describe("a client's data on request", () => {
  it('exports everything kept about the client, then erases it: his access ends at once and only the trail stays', async () => {
    const { body, email, observerEmail, clientRef } = freshRequest(true);
    const done = await fileRequest(stack, body);
    await signByScanAndApprove(stack, done, email);
    await activateAll(stack, [email, observerEmail]);
    const open = await fileRequest(stack, { ...body, requestDate: body.requestDate });

    const exported = (await stack.broker().exportClient(clientRef)).body;
    expect(exported.requests.map((request: { id: string }) => request.id).sort()).toEqual([done, open].sort());
    expect(JSON.stringify(exported)).toContain(observerEmail);
    expect((await stack.broker(1).exportClient(clientRef)).body.requests).toEqual([]); // another broker's client is not his

    const answer = await stack.broker().eraseClient(clientRef, 'The client asked us to erase his data');
    expect(answer).toMatchObject({ status: 202, body: { clientRef, requests: 2, erased: 2 } });
    await stack.settle();
    expect((await stack.portal.access(observerEmail, clientRef, 'POL-1')).body.allowed).toBe(false);
    for (const id of [done, open]) {
      const view = (await stack.broker().get(id)).body;
      expect(view).toMatchObject({ erasedAt: expect.any(String), historyIntact: true });
      expect(view.history.at(-1)).toMatchObject({ type: 'erased', details: { reason: 'clientRequest' } });
      expect(JSON.stringify(view)).not.toContain(observerEmail);
      expect(await documentsOf(id)).toEqual([]);
    }
    expect((await stack.broker().get(open)).body.status).toBe('CANCELLED');
    const again = (await stack.broker().exportClient(clientRef)).body;
    expect(JSON.stringify(again)).not.toContain(email);
  });
});
