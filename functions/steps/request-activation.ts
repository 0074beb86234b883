/**
 * Step RequestActivation (one per grantee, in the workflow's Map): parks until the grantee
 * activates his access from the link sent to his own e-mail address (R7). First round: the
 * invitation; later rounds: reminders. A grant revoked before activation ends its wait at once.
 *
 * It writes only the grant's own item and chain: the Map's iterations run at once and never
 * contend on the request's lock.
 */
import * as z from 'zod/mini';
import { changeGrant, getGrant, GrantNotFound } from '../adapters/grant-store.js';
import { newLink } from '../adapters/link-store.js';
import { requireRequest } from '../adapters/request-store.js';
import { completeTask } from '../adapters/workflow-client.js';
import { activationLink, activationMail, sendMailOnce } from '../notifications/request-mails.js';
import { stageDeadline } from './stage-deadline.js';
import { stepHandler } from './step-handler.js';

export const requestActivationInput = z.object({
  requestId: z.string().check(z.minLength(1)),
  grantId: z.string().check(z.minLength(1)),
  round: z.number().check(z.int(), z.positive()),
  rounds: z.number().check(z.int(), z.positive()),
  roundSeconds: z.optional(z.number().check(z.int(), z.positive())),
  taskToken: z.string().check(z.minLength(1)),
});

export const handler = stepHandler('RequestActivation', requestActivationInput, async (input) => {
  const now = new Date();
  const before = await getGrant(input.grantId);
  if (!before || before.requestId !== input.requestId) throw new GrantNotFound(input.grantId);
  if (before.status !== 'pending') {
    // Revoked (or already active) before this round: nothing to wait for.
    await completeTask(input.taskToken, { skipped: before.status });
    return { parked: false };
  }
  const request = await requireRequest(input.requestId);

  const sameRound = before.wait?.round === input.round;
  // The end of the whole activation stage: fixed at its first round, kept by reminders.
  const deadline = input.round > 1 && before.wait ? new Date(before.wait.deadline) : stageDeadline(now, input);
  const link = newLink({ requestId: input.requestId, purpose: { kind: 'activate', grantId: input.grantId }, now, expiresAt: deadline });
  const grant = await changeGrant(input.grantId, () => ({
    actor: 'workflow',
    set: {
      activationDeadline: deadline.toISOString(),
      wait: { taskToken: input.taskToken, round: input.round, since: now.toISOString(), deadline: deadline.toISOString() },
    },
    event: sameRound ? undefined : { type: 'activationRequested', details: { grantId: input.grantId, round: input.round, reminder: input.round > 1 } },
    extra: [{ name: 'link', item: link.item }],
  }), { current: before });

  const kind = input.round > 1 ? 'activationReminder' : 'activationInvitation';
  await sendMailOnce(input.requestId, `activation#${input.grantId}#${input.round}`, activationMail(request, grant, kind, activationLink(link.token), deadline), {
    kind,
    recipient: { grantId: input.grantId },
  });
  return { parked: true };
});
