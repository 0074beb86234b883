import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../../local/services/local-aws-client-config.js';
import { startSesLocal, type SesLocal } from '../../../local/services/ses-local.js';

describe('SES local (aws-ses-v2-local)', () => {
  let ses: SesLocal;
  let client: SESv2Client;

  beforeAll(async () => {
    const started = Date.now();
    ses = await startSesLocal({ port: 0 });
    console.info(`aws-ses-v2-local listened after ${Date.now() - started} ms`);
    client = new SESv2Client({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: ses.endpoint });
  });

  afterAll(async () => {
    client?.destroy();
    await ses?.stop();
  });

  it('captures a SendEmail with both a text and an HTML body', async () => {
    // Prepare
    await ses.clearEmails();
    const before = Math.floor(Date.now() / 1000) * 1000;

    // Act
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@broker.example',
        Destination: { ToAddresses: ['an.peeters@example.be'], CcAddresses: ['office@broker.example'] },
        Content: {
          Simple: {
            Subject: { Data: 'Ondertekening gevraagd — toegang tot uw portaal', Charset: 'UTF-8' },
            Body: {
              Text: { Data: 'Beste An,\nOnderteken hier: http://127.0.0.1/sign/abc', Charset: 'UTF-8' },
              Html: { Data: '<p>Beste An,</p><p><a href="http://127.0.0.1/sign/abc">Onderteken</a></p>', Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
    const emails = await ses.listEmails();

    // Assess
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email).toMatchObject({
      from: 'noreply@broker.example',
      to: ['an.peeters@example.be'],
      cc: ['office@broker.example'],
      subject: 'Ondertekening gevraagd — toegang tot uw portaal',
      text: 'Beste An,\nOnderteken hier: http://127.0.0.1/sign/abc',
      html: '<p>Beste An,</p><p><a href="http://127.0.0.1/sign/abc">Onderteken</a></p>',
    });
    expect(email?.at.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('serves the mail viewer and GET /store on its endpoint', async () => {
    const viewer = await fetch(`${ses.endpoint}/`);
    const store = await fetch(`${ses.endpoint}/store`);

    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('content-type')).toMatch(/text\/html/);
    expect(await store.json()).toHaveProperty('emails');
  });
});

describe('SES local with a store file', () => {
  it('keeps captured mails across a restart, without doubling those still in memory', async () => {
    // Prepare: one mail captured, then the server stopped (which writes the store file).
    const dir = await mkdtemp(path.join(tmpdir(), 'ses-store-'));
    const storeFile = path.join(dir, 'mails.json');
    const first = await startSesLocal({ port: 0, storeFile });
    await first.clearEmails();
    const client = new SESv2Client({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: first.endpoint });
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@broker.example',
        Destination: { ToAddresses: ['kept@example.be'] },
        Content: { Simple: { Subject: { Data: 'Kept' }, Body: { Text: { Data: 'https://x.example/activate/abc' } } } },
      }),
    );
    client.destroy();
    await first.stop();
    const saved = await readFile(storeFile, 'utf8');

    // Act 1: a restart in the same process, whose memory still holds the mail.
    const second = await startSesLocal({ port: 0, storeFile });
    const inSameProcess = await second.listEmails();
    // Act 2: a new process: memory empty, the file as the first stop wrote it.
    await second.clearEmails();
    await second.stop();
    await writeFile(storeFile, saved);
    const third = await startSesLocal({ port: 0, storeFile });
    const inNewProcess = await third.listEmails();
    await third.stop();

    // Assess
    expect(inSameProcess.filter((mail) => mail.to.includes('kept@example.be'))).toHaveLength(1);
    expect(inNewProcess.map((mail) => mail.subject)).toEqual(['Kept']);
    expect(inNewProcess[0]?.text).toContain('/activate/abc');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('SES local telling of accepted mails', () => {
  it('hands each mail SendEmail accepted to onAccepted, journaled first, once, before SendEmail is answered', async () => {
    // Prepare
    const dir = await mkdtemp(path.join(tmpdir(), 'ses-accepted-'));
    const storeFile = path.join(dir, 'mails.jsonl');
    const told: { messageId: string; to: readonly string[]; journaled: boolean }[] = [];
    const ses = await startSesLocal({
      port: 0,
      storeFile,
      onAccepted: (mails) => {
        const journal = readFileSync(storeFile, 'utf8');
        for (const mail of mails) told.push({ messageId: mail.messageId, to: mail.to, journaled: journal.includes(mail.messageId) });
      },
    });
    const client = new SESv2Client({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: ses.endpoint });

    // Act
    const answer = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@portal-access.test',
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] },
        Content: { Simple: { Subject: { Data: 'Activeer uw toegang' }, Body: { Text: { Data: 'https://x.example/activate/abc' } } } },
      }),
    );
    const toldWhenAnswered = told.length;
    await ses.listEmails();
    client.destroy();
    await ses.stop();

    // Assess
    expect(toldWhenAnswered).toBe(1);
    expect(told).toEqual([{ messageId: answer.MessageId, to: ['bounce@simulator.amazonses.com'], journaled: true }]);
    await rm(dir, { recursive: true, force: true });
  });
});
