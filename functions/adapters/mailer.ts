/**
 * E-mails through SES v2, in text and HTML, from the configured sender. What an e-mail says
 * is decided in functions/messages/; this module only sends it.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { config } from '../config/config.js';

let client: SESv2Client | undefined;

function ses(): SESv2Client {
  client ??= new SESv2Client({});
  return client;
}

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends one e-mail; answers SES's message id. */
export async function sendMail(mail: OutgoingMail): Promise<string | undefined> {
  const answer = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: config().MAIL_FROM,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  return answer.MessageId;
}
