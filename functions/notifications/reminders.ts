/**
 * A broker's reminder (R9): the pending e-mail sent again now — to the signer, or to each
 * grantee who has not activated yet — each with a fresh single-use link. The broker's call
 * commits the reminder (its time, its audit entry) with an outbox entry `sendReminders`; the
 * mails go out when that entry is delivered, right away or by the housekeeping job after a
 * crash. Each recipient's mail is sent once per reminder (a sent-mail marker), so a delivery
 * repeated after a crash sends only what is still owed.
 */
import { getGrants } from '../adapters/grant-store.js';
import type { Grant } from '../adapters/grant-store.js';
import { newLink, saveLink } from '../adapters/link-store.js';
import { getRequest } from '../adapters/request-store.js';
import type { StoredRequest } from '../adapters/request-store.js';
import { signerAwaitedIn, type SignerRole } from '../domain/signing-plan.js';
import { activationLink, activationMail, sendMailOnce, signatureMail, signingLink, type MailAbout } from './request-mails.js';

/** Who a reminder goes to: the signer whose wait is open, or each grantee still pending. */
export type ReminderRecipient = { readonly kind: 'signer'; readonly role: SignerRole } | { readonly kind: 'grantee'; readonly grant: Grant };

/** A pending grantee's link lives until his activation stage ends; without one known, a week. */
const FALLBACK_ACTIVATION_MS = 7 * 24 * 3600 * 1000;

export function reminderRecipients(request: StoredRequest, grants: readonly Grant[]): ReminderRecipient[] {
  const role = signerAwaitedIn(request.status);
  if (role) {
    const wait = request.waits?.[role];
    return wait && !wait.answeredAt ? [{ kind: 'signer', role }] : [];
  }
  if (request.status === 'AWAITING_ACTIVATION') return grants.filter((grant) => grant.status === 'pending').map((grant) => ({ kind: 'grantee', grant }));
  return [];
}

/** Sends what the reminder of `remindedAt` still owes; a request that moved on since owes nothing. */
export async function sendReminders(requestId: string, remindedAt: string): Promise<number> {
  const request = await getRequest(requestId);
  if (!request) return 0;
  const grants = request.status === 'AWAITING_ACTIVATION' ? await getGrants(request.grantIds ?? []) : [];
  const now = new Date();
  let sent = 0;
  for (const recipient of reminderRecipients(request, grants)) {
    const who = recipient.kind === 'signer' ? recipient.role : recipient.grant.grantId;
    const about: MailAbout =
      recipient.kind === 'signer'
        ? { kind: 'signatureReminder', recipient: { role: recipient.role } }
        : { kind: 'activationReminder', recipient: { grantId: recipient.grant.grantId } };
    await sendMailOnce(
      requestId,
      `reminder#${remindedAt}#${who}`,
      async () => {
        const mail = await reminderMail(request, recipient, now);
        sent++;
        return mail;
      },
      about,
    );
  }
  return sent;
}

/** Mints the recipient's fresh link (stored as its hash) and composes his mail. */
async function reminderMail(request: StoredRequest, recipient: ReminderRecipient, now: Date) {
  if (recipient.kind === 'signer') {
    const wait = request.waits?.[recipient.role];
    const deadline = new Date(wait?.deadline ?? now.getTime() + FALLBACK_ACTIVATION_MS);
    const link = newLink({ requestId: request.id, purpose: { kind: 'sign', role: recipient.role }, now, expiresAt: deadline });
    await saveLink(link);
    const round = wait?.round ?? 1;
    return signatureMail(request, recipient.role, { kind: 'signatureReminder', round, rounds: round + 1 }, signingLink(link.token), deadline);
  }
  const deadline = new Date(recipient.grant.activationDeadline ?? now.getTime() + FALLBACK_ACTIVATION_MS);
  const link = newLink({ requestId: request.id, purpose: { kind: 'activate', grantId: recipient.grant.grantId }, now, expiresAt: deadline });
  await saveLink(link);
  return activationMail(request, recipient.grant, 'activationReminder', activationLink(link.token), deadline);
}
