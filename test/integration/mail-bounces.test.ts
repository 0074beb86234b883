/**
 * Mail that does not arrive, on the local stack: SES's mailbox simulator addresses
 * (`bounce@simulator.amazonses.com`, `complaint@…`, with a `+label`) get the feedback SES sends
 * for them on AWS, through the configuration set's event destination onto the default bus, to
 * MailFeedback. The request's history then shows `mailBounced` or `mailComplained` for the grant
 * or the signer, and the broker's view flags the person to call (R9); the address stays out of
 * the trail (docs/personal-data.md).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { SENT_MESSAGE_TTL_DAYS } from '../../functions/adapters/sent-message-store.js';
import { handler as mailFeedback, LOOKUP_GRACE_MS, SentMailNotYetKnown } from '../../functions/mail-feedback/record-mail-feedback.js';
import type { CapturedBusEvent } from '../../local/services/eventbridge-local.js';
import { SIMULATOR_FEEDBACK_DELAY_MS } from '../../local/services/ses/mailbox-simulator.js';
import { insuredGrantee, naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee, withGrantees } from '../fixtures/access-request-builder.js';
import { fileRequest, signByScanAndApprove } from './support/request-story.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

interface HistoryEntry {
  readonly type: string;
  readonly actor: string;
  readonly details: Record<string, unknown>;
}

interface GranteeView {
  readonly email: string;
  readonly grantId: string;
  readonly mailBounced?: true;
  readonly mailComplained?: true;
}

/** The broker's view of a request: its history's mail feedback, and each grantee by address. */
async function brokerSees(requestId: string): Promise<{ feedback: HistoryEntry[]; grantee: (email: string) => GranteeView; view: Record<string, any> }> {
  const view = (await stack.broker().get(requestId)).body;
  expect(view.historyIntact, 'every audit chain checks').toBe(true);
  const feedback = (view.history as HistoryEntry[]).filter((entry) => entry.type === 'mailBounced' || entry.type === 'mailComplained');
  const grantee = (email: string): GranteeView => {
    const found = (view.grantees as GranteeView[]).find((candidate) => candidate.email === email);
    if (!found) throw new Error(`No grantee ${email}`);
    return found;
  };
  return { feedback, grantee, view };
}

/** A request of Hans (signing by scan, approved) for himself and a second grantee at `email`, grants created and activation mails sent. */
async function requestWithGranteeAt(email: string, clientRef: string): Promise<string> {
  const body = withGrantees(naturalClientRequest({ clientRef }), policyholderGrantee(), insuredGrantee('POL-1', { ...PEOPLE.francoise(), email }));
  const id = await fileRequest(stack, body);
  await signByScanAndApprove(stack, id, PEOPLE.hans().email);
  return id;
}

/** SES's feedback events the bus holds for one message. */
function feedbackEventsOn(messageId: string): CapturedBusEvent[] {
  return stack.stack.events.listEvents().filter((event) => event.source === 'aws.ses' && (event.detail as { mail?: { messageId?: string } }).mail?.messageId === messageId);
}

async function sentMessageItem(messageId: string): Promise<Record<string, unknown> | undefined> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  try {
    const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `SESMSG#${messageId}`, sk: 'SESMSG' }, ConsistentRead: true }));
    return Item;
  } finally {
    client.destroy();
  }
}

describe('mail that bounces or is marked as spam (SES feedback)', () => {
  it("a grantee whose activation mail bounces: the history shows mailBounced for his grant, the broker's view flags him (R9)", async () => {
    const address = 'bounce+grantee@simulator.amazonses.com';
    const id = await requestWithGranteeAt(address, 'C-5101');
    const [mail, ...more] = await stack.mails(address);
    expect(more, 'one activation mail, captured as any other').toEqual([]);
    expect(mail?.text).toContain('/activate/');
    expect((await brokerSees(id)).feedback, 'no feedback before SES sends it').toEqual([]);

    await stack.advance(SIMULATOR_FEEDBACK_DELAY_MS);

    const { feedback, grantee, view } = await brokerSees(id);
    const bouncing = grantee(address);
    expect(feedback).toEqual([
      expect.objectContaining({ type: 'mailBounced', actor: 'mailFeedback', details: { grantId: bouncing.grantId, mail: 'activationInvitation', bounceType: 'permanent' } }),
    ]);
    expect(JSON.stringify(feedback), 'no address in the trail').not.toContain('@');
    expect(bouncing.mailBounced).toBe(true);
    expect(bouncing.mailComplained).toBeUndefined();
    expect(grantee(PEOPLE.hans().email)).not.toHaveProperty('mailBounced');
    expect(view.requester).not.toHaveProperty('mailBounced');
    expect(view.status, 'a bounce moves nothing: the grant still waits for its activation').toBe('AWAITING_ACTIVATION');
  });

  it('keeps the mail’s lookup by SES message id: ids and kind only, expiring', async () => {
    const address = 'bounce+lookup@simulator.amazonses.com';
    const id = await requestWithGranteeAt(address, 'C-5102');
    const [mail] = await stack.mails(address);
    const { grantee } = await brokerSees(id);

    const item = await sentMessageItem(mail!.messageId);
    expect(item).toMatchObject({ entity: 'sentMessage', requestId: id, grantId: grantee(address).grantId, kind: 'activationInvitation' });
    expect(JSON.stringify(item), 'no address in the lookup').not.toContain('@');
    const sentAt = Date.parse(String(item?.sentAt));
    expect(Number(item?.ttl)).toBe(Math.ceil(sentAt / 1000) + SENT_MESSAGE_TTL_DAYS * 24 * 3600);
  });

  it('records the same feedback once when EventBridge delivers it twice', async () => {
    const address = 'bounce+twice@simulator.amazonses.com';
    const id = await requestWithGranteeAt(address, 'C-5103');
    await stack.advance(SIMULATOR_FEEDBACK_DELAY_MS);
    const [mail] = await stack.mails(address);
    const [event, ...others] = feedbackEventsOn(mail!.messageId);
    expect(others).toEqual([]);

    expect(await mailFeedback(event)).toEqual({ recorded: false, reason: 'alreadyRecorded' });
    expect((await brokerSees(id)).feedback.map((entry) => entry.type)).toEqual(['mailBounced']);
  });

  it("a grantee who marks his activation mail as spam: the history shows mailComplained, the broker's view flags him", async () => {
    const address = 'complaint+grantee@simulator.amazonses.com';
    const id = await requestWithGranteeAt(address, 'C-5104');
    expect(await stack.mails(address)).toHaveLength(1);

    await stack.advance(SIMULATOR_FEEDBACK_DELAY_MS);

    const { feedback, grantee } = await brokerSees(id);
    expect(feedback).toEqual([
      expect.objectContaining({ type: 'mailComplained', actor: 'mailFeedback', details: { grantId: grantee(address).grantId, mail: 'activationInvitation' } }),
    ]);
    expect(JSON.stringify(feedback)).not.toContain('@');
    expect(grantee(address)).toMatchObject({ mailComplained: true });
    expect(grantee(address).mailBounced).toBeUndefined();
  });

  it("a requester whose signing invitation bounces: the history shows mailBounced for his role, the view flags him", async () => {
    const address = 'bounce+requester@simulator.amazonses.com';
    const id = await fileRequest(stack, naturalClientRequest({ clientRef: 'C-5105', requester: { ...PEOPLE.hans(), email: address } }));
    expect(await stack.mails(address)).toHaveLength(1);

    await stack.advance(SIMULATOR_FEEDBACK_DELAY_MS);

    const { feedback, view } = await brokerSees(id);
    expect(feedback).toEqual([expect.objectContaining({ type: 'mailBounced', details: { role: 'requester', mail: 'signatureInvitation', bounceType: 'permanent' } })]);
    expect(view.requester).toMatchObject({ email: address, mailBounced: true });
    expect(view.status).toBe('AWAITING_SIGNATURE');
  });

  it('ordinary addresses get no feedback: nothing in the history, no flag, nothing from SES on the bus', async () => {
    const observer = { ...PEOPLE.lukasz(), email: 'lukasz.wisniewski+c5106@example.com' };
    const id = await fileRequest(stack, withGrantees(naturalClientRequest({ clientRef: 'C-5106' }), policyholderGrantee(), otherGrantee(['POL-2'], observer)));
    await signByScanAndApprove(stack, id, PEOPLE.hans().email);
    const [mail] = await stack.mails(observer.email);

    await stack.advance(SIMULATOR_FEEDBACK_DELAY_MS);

    const { feedback, view } = await brokerSees(id);
    expect(feedback).toEqual([]);
    for (const grantee of view.grantees as GranteeView[]) {
      expect(grantee).not.toHaveProperty('mailBounced');
      expect(grantee).not.toHaveProperty('mailComplained');
    }
    expect(feedbackEventsOn(mail!.messageId)).toEqual([]);
  });

  it('feedback on a mail the product does not know: tried again while the lookup may still come, then dropped', async () => {
    const unknown = (sentAt: Date) => ({
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      detail: { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [] }, mail: { messageId: 'ses-000000001', timestamp: sentAt.toISOString() } },
    });
    await expect(mailFeedback(unknown(new Date()))).rejects.toBeInstanceOf(SentMailNotYetKnown);
    expect(await mailFeedback(unknown(new Date(Date.now() - LOOKUP_GRACE_MS - 1000)))).toEqual({ recorded: false, reason: 'unknownMessage' });
  });
});
