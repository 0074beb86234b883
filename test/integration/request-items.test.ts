/**
 * How a request sits in DynamoDB (functions/adapters/request-store.ts), read straight from
 * DynamoDB Local: the request item that every change rewrites, and beside it the request as
 * filed, written once (issue 11: DynamoDB bills a write by the whole item). A wait holds its
 * task token only while open, apart from the waits the broker's index projects. A request item
 * of the shape written before (the body and the tokens inside it) is still read and moved on.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo-table.js';
import { TASK_TOKEN_LENGTH } from '../../local/stepfunctions/task-tokens.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { fileRequest, latestLink } from './support/request-story.js';
import { uploadScan, useTestStack } from './support/test-stack.js';

const stack = useTestStack();
let table: DynamoDBDocumentClient;
beforeAll(() => {
  table = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(() => table.destroy());


async function item(key: Record<string, string>): Promise<Record<string, any> | undefined> {
  return (await table.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: key, ConsistentRead: true }))).Item;
}

let counter = 0;
function freshRequest() {
  counter += 1;
  const hans = { ...PEOPLE.hans(), email: `hans.items${counter}@example.be` };
  const body = naturalClientRequest({ clientRef: `C-ITEMS${counter}`, requester: hans, grantees: [policyholderGrantee(hans)] });
  if (body.client.type !== 'natural') throw new Error('a natural client was built');
  return { body, client: body.client.person, email: hans.email, clientRef: `C-ITEMS${counter}` };
}

describe('a request in the table', () => {
  it('is a request item with the names the lists show, beside its body; a wait keeps its task token only until answered', async () => {
    const { body, client, email } = freshRequest();
    const id = await fileRequest(stack, body);

    const filed = await item(keys.requestBody(id));
    expect(filed?.request).toMatchObject({ clientRef: body.clientRef, requester: { email }, grantees: [{ relation: body.grantees[0]!.relation, person: { email } }] });
    const head = await item(keys.request(id));
    expect(head?.request).toBeUndefined();
    expect(head?.listed).toEqual({
      language: body.language,
      client: { type: 'natural', person: { firstName: client.firstName, lastName: client.lastName } },
      requester: { firstName: body.requester.firstName, lastName: body.requester.lastName },
    });
    // The open wait's token (as long as AWS may make one) is kept apart from the wait, which the broker's index projects.
    expect(head?.taskTokens.requester).toHaveLength(TASK_TOKEN_LENGTH);
    expect(head?.waits.requester).not.toHaveProperty('taskToken');
    expect(head?.waits.requester.deadline).toEqual(expect.any(String));

    expect((await uploadScan(await latestLink(stack, email, 'sign'))).status).toBe(200);
    await stack.settle();
    const answered = await item(keys.request(id));
    expect(answered?.status).toBe('AWAITING_REVIEW');
    expect(answered?.waits.requester.answeredAt).toEqual(expect.any(String));
    expect(answered?.taskTokens).toEqual({ review: expect.any(String) });
    expect(answered?.taskTokens.review).toHaveLength(TASK_TOKEN_LENGTH);
    // The broker's index holds what his lists read: names and waits, no body, evidence or token.
    const indexed = await table.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': answered?.gsi1pk, ':sk': answered?.gsi1sk },
      }),
    );
    expect(indexed.Items).toHaveLength(1);
    expect(indexed.Items?.[0]).toMatchObject({ id, status: 'AWAITING_REVIEW', listed: head?.listed, waits: { review: { role: 'requester' } } });
    for (const kept of ['taskTokens', 'signatures', 'form', 'request', 'executionArn']) expect(indexed.Items?.[0]).not.toHaveProperty(kept);

    expect((await stack.broker().review(id, 'approve')).status).toBe(200);
    await stack.settle();
    const reviewed = await item(keys.request(id));
    expect(reviewed?.status).toBe('AWAITING_ACTIVATION');
    expect(reviewed?.waits.review.decidedAt).toEqual(expect.any(String));
    expect(reviewed?.taskTokens).toEqual({});
    // Written once: the changes since left the body as filed.
    expect((await item(keys.requestBody(id)))?.request).toEqual(filed?.request);
  });

  it('written before the body had its own item, is still shown, listed and signed', async () => {
    const { body, client, email, clientRef } = freshRequest();
    const id = await fileRequest(stack, body);
    // The shape written before: the body inside the request item, no `listed`, no body item, the token inside its wait.
    const { listed: _listed, taskTokens, ...head } = (await item(keys.request(id)))!;
    const filed = (await item(keys.requestBody(id)))!;
    const waits = { requester: { ...head.waits.requester, taskToken: taskTokens.requester } };
    await table.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...head, waits, request: filed.request } }));
    await table.send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: keys.requestBody(id) }));

    const shown = await stack.broker().get(id);
    expect(shown.status).toBe(200);
    expect(shown.body.requester.name).toBe(`${body.requester.firstName} ${body.requester.lastName}`);
    const listed = await stack.broker().list(`?clientRef=${clientRef}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, clientName: `${client.firstName} ${client.lastName}`, language: body.language })]);

    expect((await uploadScan(await latestLink(stack, email, 'sign'))).status).toBe(200);
    await stack.settle();
    expect((await stack.broker().get(id)).body.status).toBe('AWAITING_REVIEW');
  });
});
