/**
 * The local EventBridge, spoken to through @aws-sdk/client-eventbridge as the functions speak to
 * it: PutEvents answered entry by entry as EventBridge answers, every accepted event journaled
 * and listed at `GET /events` (across a restart), and the template's pattern rules handing
 * matching events to their Lambda targets, a failed one run again as Lambda would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../../local/services/local-aws-client-config.js';
import { listBusEvents, startEventBridgeLocal, TemplateEventRuleError, type BusEvent, type EventBridgeLocal } from '../../../local/services/eventbridge-local.js';

const TEMPLATE = {
  Resources: {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'portal-access-test' } },
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventBusName: { Ref: 'Bus' },
        EventPattern: { source: ['portal-access.grants'], detail: { brokerId: ['broker-a'] } },
        Targets: [{ Arn: { 'Fn::GetAtt': ['DelivererFn', 'Arn'] }, Id: 'Target0' }],
      },
    },
    Disabled: {
      Type: 'AWS::Events::Rule',
      Properties: { State: 'DISABLED', EventBusName: { Ref: 'Bus' }, EventPattern: { source: [{ prefix: '' }] }, Targets: [{ Arn: { 'Fn::GetAtt': ['DelivererFn', 'Arn'] }, Id: 'T' }] },
    },
    Schedule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Arn: { 'Fn::GetAtt': ['JobFn', 'Arn'] }, Id: 'T' }] } },
    DelivererFn: { Type: 'AWS::Lambda::Function', Properties: {}, Metadata: { 'aws:cdk:path': 'PortalAccess-test/Functions/WebhookDelivery/Function/Resource' } },
    InvokeConfig: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: { Ref: 'DelivererFn' }, MaximumRetryAttempts: 1, Qualifier: '$LATEST' } },
    JobFn: { Type: 'AWS::Lambda::Function', Properties: {} },
  },
};

const entry = (detail: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  EventBusName: 'portal-access-test',
  Source: 'portal-access.grants',
  DetailType: 'Grant Activated',
  Detail: JSON.stringify(detail),
  ...overrides,
});

let dataDir: string;
let bus: EventBridgeLocal;
let client: EventBridgeClient;
const invoked: { cdkPath: string | undefined; event: BusEvent }[] = [];
/** How many invocations fail before the next one succeeds. */
let failuresLeft = 0;
const reported: string[] = [];

const start = () =>
  startEventBridgeLocal({
    dataDir,
    template: TEMPLATE,
    now: () => Date.parse('2026-11-20T09:30:00.000Z'),
    invoke: async (target, event) => {
      invoked.push({ cdkPath: target.cdkPath, event });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('the endpoint answered 503');
      }
    },
    onError: (message) => reported.push(message),
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'portal-access-events-'));
  bus = await start();
  client = new EventBridgeClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: bus.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await bus?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local EventBridge', () => {
  it('accepts entries on the template bus, answering each with its EventId in the order sent, and lists them at GET /events', async () => {
    const answer = await client.send(
      new PutEventsCommand({ Entries: [entry({ brokerId: 'broker-a', n: 1 }, { Time: new Date('2026-11-20T09:00:00.500Z') }), entry({ brokerId: 'broker-b', n: 2 })] }),
    );
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries?.map((result) => result.EventId)).toEqual([expect.any(String), expect.any(String)]);

    const listed = (await listBusEvents(bus.endpoint)).slice(-2);
    expect(listed.map((event) => event.id)).toEqual(answer.Entries?.map((result) => result.EventId));
    expect(listed[0]).toMatchObject({
      version: '0',
      eventBusName: 'portal-access-test',
      source: 'portal-access.grants',
      'detail-type': 'Grant Activated',
      account: '000000000000',
      region: 'eu-west-1',
      time: '2026-11-20T09:00:00Z',
      resources: [],
      detail: { brokerId: 'broker-a', n: 1 },
    });
    // Without a Time, the stack's clock stamps it.
    expect(listed[1]?.time).toBe('2026-11-20T09:30:00Z');
  });

  it('refuses entries one by one as EventBridge does, the others accepted: malformed detail, missing member, unknown bus, an aws. source', async () => {
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          entry({ ok: true }),
          { ...entry({}), Detail: '[1, 2]' },
          { ...entry({}), DetailType: undefined },
          entry({}, { EventBusName: 'arn:aws:events:eu-west-1:000000000000:event-bus/nobody' }),
          entry({}, { Source: 'aws.s3' }),
          entry({ ok: 'by arn' }, { EventBusName: 'arn:aws:events:eu-west-1:000000000000:event-bus/portal-access-test' }),
        ],
      }),
    );
    expect(answer.FailedEntryCount).toBe(4);
    expect(answer.Entries?.map((result) => result.ErrorCode ?? 'ok')).toEqual(['ok', 'MalformedDetail', 'InvalidArgument', 'InvalidArgument', 'NotAuthorizedForSourceException', 'ok']);
    expect(answer.Entries?.[3]?.ErrorMessage).toBe('Event bus nobody does not exist.');
  });

  it('refuses a call of more than ten entries whole (ValidationException), and answers injected refusals per entry', async () => {
    await expect(client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, (_, n) => entry({ n })) }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });

    bus.refuseEntries({ times: 2, errorCode: 'ThrottlingException' });
    const answer = await client.send(new PutEventsCommand({ Entries: [entry({ n: 1 }), entry({ n: 2 }), entry({ n: 3 })] }));
    expect(answer.Entries?.map((result) => result.ErrorCode ?? 'ok')).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);
  });

  it("hands an event matching an enabled rule of its bus to the rule's function, and runs a failed invocation again as often as its EventInvokeConfig says", async () => {
    invoked.length = 0;
    await client.send(new PutEventsCommand({ Entries: [entry({ brokerId: 'broker-a', n: 'match' }), entry({ brokerId: 'broker-b', n: 'other broker' })] }));
    await bus.settle();
    expect(invoked.map((call) => [call.cdkPath, call.event.detail.n])).toEqual([['PortalAccess-test/Functions/WebhookDelivery/Function/Resource', 'match']]);

    invoked.length = 0;
    failuresLeft = 1;
    await client.send(new PutEventsCommand({ Entries: [entry({ brokerId: 'broker-a', n: 'retried' })] }));
    await bus.settle();
    expect(invoked.map((call) => call.event.detail.n)).toEqual(['retried', 'retried']);

    invoked.length = 0;
    failuresLeft = 2;
    await client.send(new PutEventsCommand({ Entries: [entry({ brokerId: 'broker-a', n: 'given up' })] }));
    await bus.settle();
    expect(invoked).toHaveLength(2);
    expect(reported.at(-1)).toMatch(/rule Rule: DelivererFn failed 2 times on event/);
  });

  it("takes an AWS service's own events (SES's feedback on default, the `aws.` source PutEvents refuses a caller): journaled, listed and routed alike", async () => {
    invoked.length = 0;
    await bus.putServiceEvents([
      { eventBusName: 'default', source: 'aws.ses', detailType: 'Email Bounced', detail: { eventType: 'Bounce', mail: { messageId: 'ses-1' } } },
      { eventBusName: 'portal-access-test', source: 'portal-access.grants', detailType: 'Grant Activated', detail: { brokerId: 'broker-a', n: 'by a service' } },
    ]);
    await bus.settle();

    const listed = (await listBusEvents(bus.endpoint)).slice(-2);
    expect(listed[0]).toMatchObject({ eventBusName: 'default', source: 'aws.ses', 'detail-type': 'Email Bounced', account: '000000000000', region: 'eu-west-1', time: '2026-11-20T09:30:00Z' });
    expect(listed[0]?.detail).toEqual({ eventType: 'Bounce', mail: { messageId: 'ses-1' } });
    expect(invoked.map((call) => call.event.detail.n)).toEqual(['by a service']);
    await expect(bus.putServiceEvents([{ eventBusName: 'nowhere', source: 'aws.ses', detailType: 'Email Bounced', detail: {} }])).rejects.toThrow(/nowhere does not exist/);
  });

  it('lists, after a restart on the same data, every event it accepted before', async () => {
    const before = await listBusEvents(bus.endpoint);
    await bus.stop();
    bus = await start();
    client.destroy();
    client = new EventBridgeClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: bus.endpoint });
    expect(await listBusEvents(bus.endpoint)).toEqual(before);
  });

  it('refuses a template rule it could not route like AWS (a target that is not a function)', async () => {
    const template = { Resources: { Rule: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['x'] }, Targets: [{ Arn: 'arn:aws:sqs:eu-west-1:1:q', Id: 'Q' }] } } } };
    await expect(startEventBridgeLocal({ dataDir, template, invoke: async () => undefined })).rejects.toBeInstanceOf(TemplateEventRuleError);
  });
});
