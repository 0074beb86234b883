/**
 * The product's events on the local stack (docs/events.md): what a request's life publishes on
 * the bus, through the outbox (retried by the housekeeping job when the bus refuses), and the
 * webhooks WebhookDelivery posts, signed, to a subscribed broker's receiver — a real HTTP
 * server started by this test.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookDelivery } from '../../functions/events/webhook-signature.js';
import { OUTBOX_GRACE_SECONDS } from '../../functions/adapters/outbox.js';
import { listBusEvents, type CapturedBusEvent } from '../../local/services/eventbridge-local.js';
import { naturalClientRequest, PEOPLE } from '../fixtures/access-request-builder.js';
import { activateAll, fileRequest, signByScanAndApprove, statusOf } from './support/request-story.js';
import { outboxEntriesOf } from './support/story-invariants.js';
import { useTestStack } from './support/test-stack.js';

/** One POST the receiver got. */
interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  readonly answered: number;
}

/** A broker's webhook endpoint: records every delivery, answers 204, or the statuses it is told to answer next. */
function useWebhookReceiver(): { readonly url: string; readonly deliveries: Delivery[]; answerNext(...statuses: number[]): void } {
  const deliveries: Delivery[] = [];
  const nextAnswers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = nextAnswers.shift() ?? 204;
      deliveries.push({ headers: request.headers, rawBody: Buffer.concat(chunks), answered });
      response.writeHead(answered).end();
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/portal-access`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    get url() {
      return url;
    },
    deliveries,
    answerNext: (...statuses) => nextAnswers.push(...statuses),
  };
}

const receiver = useWebhookReceiver();
const stack = useTestStack({ webhooks: () => [{ brokerId: 'broker-a', url: receiver.url }] });

type Detail = Record<string, any>;
const detailOf = (event: CapturedBusEvent): Detail => event.detail as Detail;

/** The events published about one request, in the order the bus accepted them, read as a consumer reads them. */
async function eventsOf(requestId: string): Promise<CapturedBusEvent[]> {
  return (await listBusEvents(stack.stack.eventsUrl)).filter((event) => detailOf(event).requestId === requestId);
}

/** Each event as `detail-type from→to` (or its status), for reading a story at a glance. */
const storyOf = (events: readonly CapturedBusEvent[]): string[] =>
  events.map((event) => {
    const detail = detailOf(event);
    return `${event['detail-type']} ${detail.from ? `${detail.from}→${detail.to}` : detail.status}`;
  });

/** The deliveries of one request's events, their bodies parsed. */
const deliveriesOf = (requestId: string) =>
  receiver.deliveries.map((delivery) => ({ ...delivery, body: JSON.parse(delivery.rawBody.toString('utf8')) as { 'detail-type': string; detail: Detail } })).filter((delivery) => delivery.body.detail.requestId === requestId);

describe('events on the bus', () => {
  let completedId: string;

  it('a story from filing to COMPLETED publishes each status change and grant change once, in order, pointing at its audit entry', async () => {
    const hans = PEOPLE.hans();
    completedId = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EV-01' }));
    await signByScanAndApprove(stack, completedId, hans.email);
    await activateAll(stack, [hans.email]);
    expect(await statusOf(stack, completedId)).toBe('COMPLETED');

    const events = await eventsOf(completedId);
    expect(storyOf(events)).toEqual([
      'Request Submitted SUBMITTED',
      'Request Status Changed SUBMITTED→AWAITING_SIGNATURE',
      'Request Status Changed AWAITING_SIGNATURE→AWAITING_REVIEW',
      'Request Status Changed AWAITING_REVIEW→AWAITING_ACTIVATION',
      'Grant Created pending',
      'Grant Activated pending→active',
      'Request Status Changed AWAITING_ACTIVATION→COMPLETED',
    ]);
    const view = (await stack.broker().get(completedId)).body;
    const grantId = view.grantees[0].grantId as string;
    for (const event of events) {
      const detail = detailOf(event);
      expect(event.source).toBe(event['detail-type'].startsWith('Grant') ? 'portal-access.grants' : 'portal-access.requests');
      expect(detail).toMatchObject({ requestId: completedId, brokerId: 'broker-a', clientRef: 'C-EV-01' });
      if (event['detail-type'].startsWith('Grant')) expect(detail.grantId).toBe(grantId);
      // The audit entry that recorded the change, as the broker's history shows it (R8, R9).
      const entry = view.history.find((candidate: Detail) => candidate.seq === detail.audit.seq && candidate.hash === detail.audit.hash);
      expect(entry, `${event['detail-type']} points at an entry of the history`).toBeDefined();
      expect(entry.grantId === undefined ? 'request' : 'grant').toBe(detail.audit.chain);
    }
    expect(new Set(events.map((event) => detailOf(event).eventId)).size).toBe(events.length);
    // Nothing of Hans travels: not his name, his e-mail address, his birth date or his street.
    const published = JSON.stringify(events);
    for (const text of [hans.firstName, hans.lastName, hans.email, hans.birthDate, hans.address.street]) expect(published).not.toContain(text);
    // Every change's outbox entry was delivered at once, its events included.
    expect(await outboxEntriesOf(completedId)).toBe(0);
  });

  it('a revoke publishes Grant Revoked (cause revoked) from active', async () => {
    const grantId = (await stack.broker().get(completedId)).body.grantees[0].grantId as string;
    const revoked = await stack.broker().revoke(grantId, 'Mandaat beëindigd door de klant');
    expect(revoked.status).toBe(200);
    await stack.settle();

    const last = (await eventsOf(completedId)).at(-1)!;
    expect(last['detail-type']).toBe('Grant Revoked');
    expect(detailOf(last)).toMatchObject({ grantId, from: 'active', to: 'revoked', cause: 'revoked', audit: { chain: 'grant' } });
    expect(JSON.stringify(last)).not.toContain('Mandaat');
  });

  it('a cancel while grants are pending publishes CANCELLED and Grant Revoked (cause requestCancelled) for each', async () => {
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EV-02' }));
    await signByScanAndApprove(stack, id, PEOPLE.hans().email);
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    expect((await stack.broker().cancel(id, 'Klant ziet ervan af')).status).toBe(200);
    await stack.settle();

    expect(storyOf(await eventsOf(id)).slice(-2)).toEqual(['Request Status Changed AWAITING_ACTIVATION→CANCELLED', 'Grant Revoked pending→revoked']);
    expect(detailOf((await eventsOf(id)).at(-1)!).cause).toBe('requestCancelled');
  });

  it('sends again the entries the bus refused, and leaves to the housekeeping job those it kept refusing, without holding the workflow back', async () => {
    // One refusal: the adapter sends the entry again at once.
    stack.stack.events.refuseEntries({ times: 1, errorCode: 'ThrottlingException' });
    const once = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EV-03' }));
    expect(storyOf(await eventsOf(once))).toEqual(['Request Submitted SUBMITTED', 'Request Status Changed SUBMITTED→AWAITING_SIGNATURE']);
    expect(await outboxEntriesOf(once)).toBe(0);

    // Refused at every send: the workflow starts all the same, the entry stays, and the job publishes it a minute later.
    stack.stack.events.refuseEntries({ times: 3 });
    const later = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EV-04' }));
    expect(await statusOf(stack, later)).toBe('AWAITING_SIGNATURE');
    expect(storyOf(await eventsOf(later))).toEqual(['Request Status Changed SUBMITTED→AWAITING_SIGNATURE']);
    expect(await outboxEntriesOf(later)).toBe(1);

    await stack.advance((OUTBOX_GRACE_SECONDS + 1) * 1000);
    expect(storyOf(await eventsOf(later))).toEqual(['Request Status Changed SUBMITTED→AWAITING_SIGNATURE', 'Request Submitted SUBMITTED']);
    expect(await outboxEntriesOf(later)).toBe(0);
    expect(await statusOf(stack, later)).toBe('AWAITING_SIGNATURE');
  });
});

describe('webhooks', () => {
  it("posts each of a subscribed broker's events to his receiver, signed with his secret, and a tampered delivery fails verification", async () => {
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EV-05' }));
    const published = await eventsOf(id);
    const delivered = deliveriesOf(id);
    expect(delivered.map((delivery) => delivery.body.detail.eventId).sort()).toEqual(published.map((event) => detailOf(event).eventId).sort());

    const secret = stack.stack.webhookSecret('broker-a');
    for (const delivery of delivered) {
      const headers = delivery.headers as Record<string, string>;
      expect(headers['content-type']).toBe('application/json');
      expect(headers['x-portal-access-event-id']).toBe(delivery.body.detail.eventId);
      expect(verifyWebhookDelivery({ headers, body: delivery.rawBody, secret, now: new Date() }).authentic).toBe(true);

      const tampered = Buffer.from(delivery.rawBody.toString('utf8').replace('C-EV-05', 'C-EV-99'));
      expect(verifyWebhookDelivery({ headers, body: tampered, secret, now: new Date() })).toEqual({ authentic: false, refusal: 'bad_signature' });
      expect(verifyWebhookDelivery({ headers, body: delivery.rawBody, secret: stack.stack.webhookSecret('broker-b'), now: new Date() }).authentic).toBe(false);
    }
    // The body is the event as the bus holds it.
    const submitted = delivered.find((delivery) => delivery.body['detail-type'] === 'Request Submitted')!;
    expect(submitted.body).toMatchObject({ source: 'portal-access.requests', detail: detailOf(published[0]!) });
  });

  it('posts nothing of a broker without a subscription', async () => {
    const filed = await stack.broker(1).submit(naturalClientRequest({ clientRef: 'C-EV-06' }));
    expect(filed.status).toBe(201);
    await stack.settle();
    expect((await eventsOf(filed.body.id)).map((event) => detailOf(event).brokerId)).toEqual(['broker-b', 'broker-b']);
    expect(deliveriesOf(filed.body.id)).toEqual([]);
  });

  it('delivers again an event its receiver refused, with the same eventId (a consumer may see an event twice)', async () => {
    receiver.answerNext(503);
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-EV-07' }));
    const submitted = deliveriesOf(id).filter((delivery) => delivery.body['detail-type'] === 'Request Submitted');
    expect(submitted.map((delivery) => delivery.answered)).toEqual([503, 204]);
    expect(submitted[0]!.body.detail.eventId).toBe(submitted[1]!.body.detail.eventId);
  });
});
