/**
 * Reminders in the outbox (functions/adapters/outbox.ts): only the functions that may deliver a
 * `sendReminders` entry carry the mail texts (issue 11, "cold start"). Elsewhere such an entry
 * fails its delivery before anything is sent or deleted, so it stays for the housekeeping job,
 * which delivers it (test/integration/faults/step-faults.test.ts: "a reminder whose mails SES
 * refused for a moment goes out from the outbox a minute later").
 */
import { describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../../functions/adapters/outbox.js';

/** The outbox module as a function loads it: fresh, with no reminder sender registered by another test's imports. */
async function freshOutbox(): Promise<typeof import('../../../functions/adapters/outbox.js')> {
  vi.resetModules();
  return import('../../../functions/adapters/outbox.js');
}

const entry: OutboxEntry = {
  requestId: 'req_reminded',
  outboxId: 'mk2x-abcdefgh',
  actions: [{ kind: 'sendReminders', requestId: 'req_reminded', remindedAt: '2026-11-30T10:00:00.000Z' }],
  createdAt: '2026-11-30T10:00:00.000Z',
  attempts: 0,
};

describe('an outbox entry owing reminders, in a function that does not send them', () => {
  it('fails its delivery, naming the action and why, and is not deleted (the housekeeping job delivers it)', async () => {
    const { deliver, OutboxDeliveryFailed, RemindersNotDeliveredHere } = await freshOutbox();
    const failure = await deliver(entry).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(OutboxDeliveryFailed);
    expect((failure as InstanceType<typeof OutboxDeliveryFailed>).details).toEqual({ requestId: 'req_reminded', outboxId: 'mk2x-abcdefgh', action: 'sendReminders' });
    // The failure comes before any call: no table is configured here, so a DeleteItem would have failed otherwise.
    expect((failure as Error).cause).toBeInstanceOf(RemindersNotDeliveredHere);
    expect(((failure as Error).cause as Error).message).toMatch(/the functions that write them, BrokerApi and DashboardApi, and the housekeeping job/);
  });
});
