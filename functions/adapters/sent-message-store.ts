/**
 * The lookup from a sent mail's SES message id back to its request, its recipient (a signer's
 * role or a grant) and its kind, so SES's feedback on the message — a bounce, a complaint,
 * which names the message and the address only — finds whom it was about
 * (functions/mail-feedback/). Written with the mail's sent-mail marker, in one transaction
 * (functions/notifications/request-mails.ts). Ids only, no address: it lies outside the
 * request's partition, and DynamoDB TTL removes it once feedback on the mail can no longer
 * be expected.
 */
import { GetCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { isSesMessageId } from '../domain/identifiers.js';
import { recipientFields, type MailFeedback, type MailKind, type MailRecipient, type SentMail } from '../domain/mail-feedback.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { documentClient, keys, tableName } from './dynamo-table.js';
import type { NamedWrite } from './locked-change.js';

/**
 * How long a sent mail's lookup is kept. SES reports a bounce within minutes (hours for a
 * server that defers), a complaint when the recipient marks the mail, usually within days.
 */
export const SENT_MESSAGE_TTL_DAYS = 30;

/** The name a change gives the lookup's update (functions/adapters/locked-change.ts reports a failed condition by it). */
export const FEEDBACK_RECORDED_WRITE = 'sentMessage';

/** The attribute of the lookup that says the feedback of a kind was recorded on the request. */
const RECORDED_ATTRIBUTE: Readonly<Record<MailFeedback['kind'], string>> = { bounce: 'bounceRecordedAt', complaint: 'complaintRecordedAt' };

/** The stored lookup: what the product sent, when, and which feedback it recorded. */
export interface SentMessage extends SentMail {
  readonly messageId: string;
  readonly sentAt: string;
  readonly bounceRecordedAt?: string;
  readonly complaintRecordedAt?: string;
}

/** The put that stores the lookup of the mail SES accepted as `messageId`. */
export function sentMessagePut(messageId: string, sent: SentMail, sentAt: Date): PutCommandInput {
  return {
    TableName: tableName(),
    Item: {
      ...keys.sentMessage(messageId),
      entity: 'sentMessage',
      messageId,
      requestId: sent.requestId,
      kind: sent.kind,
      ...recipientFields(sent.recipient),
      sentAt: sentAt.toISOString(),
      ttl: Math.ceil(sentAt.getTime() / 1000) + SENT_MESSAGE_TTL_DAYS * 24 * 3600,
    },
  };
}

/** The lookup of `messageId`, or undefined when the product has none (never sent, expired, not an SES id). */
export async function findSentMessage(messageId: string): Promise<SentMessage | undefined> {
  if (!isSesMessageId(messageId)) return undefined;
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.sentMessage(messageId), ConsistentRead: true }));
  if (!Item || typeof Item.requestId !== 'string') return undefined;
  const recipient: MailRecipient = typeof Item.grantId === 'string' ? { grantId: Item.grantId } : { role: Item.role as SignerRole };
  return {
    messageId,
    requestId: Item.requestId,
    kind: Item.kind as MailKind,
    recipient,
    sentAt: String(Item.sentAt),
    ...(typeof Item.bounceRecordedAt === 'string' ? { bounceRecordedAt: Item.bounceRecordedAt } : {}),
    ...(typeof Item.complaintRecordedAt === 'string' ? { complaintRecordedAt: Item.complaintRecordedAt } : {}),
  };
}

/**
 * The write, in the change that records `feedback` on the request, that marks it recorded on the
 * lookup — once: EventBridge may deliver the same feedback twice, and the second change then
 * fails on this write's condition (reported as {@link FEEDBACK_RECORDED_WRITE}).
 */
export function feedbackRecordedWrite(feedback: MailFeedback, at: Date): NamedWrite {
  return {
    name: FEEDBACK_RECORDED_WRITE,
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.sentMessage(feedback.messageId),
        UpdateExpression: 'SET #recorded = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#recorded)',
        ExpressionAttributeNames: { '#recorded': RECORDED_ATTRIBUTE[feedback.kind] },
        ExpressionAttributeValues: { ':at': at.toISOString() },
      },
    },
  };
}
