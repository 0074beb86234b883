/**
 * E-mails through SES v2, in text and HTML, from the configured sender. What an e-mail says
 * is decided in functions/messages/; this module only sends it.
 */
import { config } from '../config/config.js';
import { clientOnFirstUse } from './sdk-on-first-use.js';

/** SES v2's SDK, imported when the first mail is sent (functions/adapters/sdk-on-first-use.ts). */
const ses = clientOnFirstUse(() => import('@aws-sdk/client-sesv2'), (sdk) => new sdk.SESv2Client({}));

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends one e-mail; answers SES's message id. */
export async function sendMail(mail: OutgoingMail): Promise<string | undefined> {
  const { client, sdk } = await ses();
  const answer = await client.send(
    new sdk.SendEmailCommand({
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
