/**
 * Step RequestActivation (one per grantee, in the workflow's Map): parks until the grantee
 * activates his access from the link sent to his own e-mail address (R7). First round: the
 * invitation; later rounds: reminders. A grant revoked before activation ends its wait at once.
 */
import { z } from 'zod';
import { getGrantLocator, setActivationWaitItem } from '../adapters/grant-store.js';
import { newLink } from '../adapters/link-store.js';
import { changeRequest, requireRequest } from '../adapters/request-store.js';
import { completeTask } from '../adapters/workflow-client.js';
import { activationLink, activationMail, sendMailOnce } from '../notifications/request-mails.js';
import { stageDeadline } from './stage-deadline.js';
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
  // The end of the whole activation stage: fixed at its first round, kept by reminders.
  const deadline = input.round > 1 && locator.wait ? new Date(locator.wait.deadline) : stageDeadline(now, input);
  const link = newLink({ requestId: input.requestId, purpose: { kind: 'activate', grantId: input.grantId }, now, expiresAt: deadline });
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

  const kind = input.round > 1 ? 'activationReminder' : 'activationInvitation';
  await sendMailOnce(input.requestId, `activation#${input.grantId}#${input.round}`, activationMail(request, grant, kind, activationLink(link.token), deadline));
  return { parked: true };
});
