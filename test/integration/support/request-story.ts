/** The steps of one request's life, as the people involved take them, for the integration stories. */
import { expect } from 'vitest';
import type { TestStack } from './test-stack.js';
import { activate, linkIn, uploadScan } from './test-stack.js';

/** Files a request as broker A and waits for the workflow to ask for the signature. */
export async function fileRequest(stack: TestStack, body: unknown): Promise<string> {
  const filed = await stack.broker().submit(body);
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  await stack.settle();
  return filed.body.id as string;
}

/** The newest signing link mailed to `email`. */
export async function latestLink(stack: TestStack, email: string, kind: 'sign' | 'activate'): Promise<string> {
  const mails = (await stack.mails(email)).filter((mail) => mail.text?.includes(`/${kind}/`));
  const newest = mails.at(-1);
  if (!newest) throw new Error(`No ${kind} e-mail to ${email}`);
  return linkIn(newest, kind);
}

/** The signer uploads a scan and the broker approves it (R3, R9). */
export async function signByScanAndApprove(stack: TestStack, requestId: string, signerEmail: string): Promise<void> {
  const uploaded = await uploadScan(await latestLink(stack, signerEmail, 'sign'));
  expect(uploaded.status).toBe(200);
  await stack.settle();
  expect((await stack.broker().get(requestId)).body.status).toBe('AWAITING_REVIEW');
  const reviewed = await stack.broker().review(requestId, 'approve');
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  await stack.settle();
}

/** Each grantee follows his activation link (R7). */
export async function activateAll(stack: TestStack, emails: readonly string[]): Promise<void> {
  for (const email of emails) {
    const answer = await activate(await latestLink(stack, email, 'activate'));
    expect(answer.status, `activation of ${email}`).toBe(200);
  }
  await stack.settle();
}

export async function statusOf(stack: TestStack, requestId: string): Promise<string> {
  return (await stack.broker().get(requestId)).body.status as string;
}

export async function historyTypes(stack: TestStack, requestId: string): Promise<string[]> {
  return ((await stack.broker().get(requestId)).body.history as { type: string }[]).map((entry) => entry.type);
}
