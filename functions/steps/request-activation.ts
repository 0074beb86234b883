/**
 * Step RequestActivation (one per grantee, in the workflow's Map): parks until the grantee
 * activates his access from the link sent to his own e-mail address (R7). First round: the
 * invitation; later rounds: reminders. A grant revoked before activation ends its wait at once.
 */
import { z } from 'zod';
import { config } from '../config/config.js';
import { getGrantLocator, setActivationWaitItem } from '../adapters/grant-store.js';
import { newLink } from '../adapters/link-store.js';
import { sendMail } from '../adapters/mailer.js';
import { changeRequest, mailStillToSend, markMailSent, requireRequest } from '../adapters/request-store.js';
import { completeTask } from '../adapters/workflow-client.js';
import { activationLink, activationMail } from '../notifications/request-mails.js';
import { stepHandler } from './step-handler.js';

export const requestActivationInput = z.object({
  requestId: z.string().min(1),
  grantId: z.string().min(1),
  round: z.number().int().positive(),
  rounds: z.number().int().positive(),
  roundSeconds: z.number().int().positive().optional(),
  taskToken: z.string().min(1),
});

export class GrantNotFound extends Error {
  override readonly name = 'GrantNotFound';
}

export const handler = stepHandler('RequestActivation', requestActivationInput, async (input) => {
  const now = new Date();
  const locator = await getGrantLocator(input.grantId);
  if (!locator || locator.requestId !== input.requestId) throw new GrantNotFound(`Grant ${input.grantId} of request ${input.requestId}`);
  const request = await requireRequest(input.requestId);
  const grant = request.grants?.find((candidate) => candidate.grantId === input.grantId);
  if (!grant) throw new GrantNotFound(`Grant ${input.grantId} is not on request ${input.requestId}`);
  if (grant.status !== 'pending') {
    // Revoked (or already active) before this round: nothing to wait for.
    await completeTask(input.taskToken, { skipped: grant.status });
    return { parked: false };
  }

  const sameRound = locator.wait?.round === input.round;
  const deadline =
    input.round > 1 && locator.wait
      ? new Date(locator.wait.deadline)
      : new Date(now.getTime() + (input.roundSeconds ? input.roundSeconds * input.rounds : config().LINK_TTL_SECONDS) * 1000);
  const link = newLink({
    requestId: input.requestId,
    purpose: { kind: 'activate', grantId: input.grantId },
    now,
    ttlSeconds: Math.max(60, Math.floor((deadline.getTime() - now.getTime()) / 1000)),
  });
  await changeRequest(input.requestId, (current) => ({
    actor: 'workflow',
    set: {
      grants: current.grants?.map((g) => (g.grantId === input.grantId ? { ...g, activationDeadline: deadline.toISOString() } : g)),
    },
    event: sameRound
      ? undefined
      : { type: 'activationRequested', details: { grantId: input.grantId, round: input.round, reminder: input.round > 1 } },
    extra: [
      { name: 'link', item: link.item },
      {
        name: 'grant wait',
        item: setActivationWaitItem(input.grantId, {
          taskToken: input.taskToken,
          round: input.round,
          since: now.toISOString(),
          deadline: deadline.toISOString(),
        }),
      },
    ],
  }));

  const marker = `activation#${input.grantId}#${input.round}`;
  if (await mailStillToSend(input.requestId, marker)) {
    const kind = input.round > 1 ? 'activationReminder' : 'activationInvitation';
    const messageId = await sendMail(activationMail(request, grant, kind, activationLink(link.token), deadline));
    await markMailSent(input.requestId, marker, messageId, new Date().toISOString());
  }
  return { parked: true };
});
