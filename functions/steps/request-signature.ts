/**
 * Step Request<Role>Signature: parks the workflow until the signer signs (R3) — the requester
 * (R1), or a company's legal representative approving (R6). Stores the task token with the
 * request, mints a single-use link and e-mails it: an invitation on the first round, a
 * reminder on later rounds, a "please upload again" after the broker rejected a scan.
 * A retried invocation refreshes the stored token but never mails twice; one that finds its
 * round already answered (the signer was quicker than the retry) hands that answer to its own
 * token instead of reopening the round.
 */
import * as z from 'zod/mini';
import { newLink } from '../adapters/link-store.js';
import { readNote } from '../adapters/note-store.js';
import { changeRequest, RequestStateConflict, requireRequest } from '../adapters/request-store.js';
import type { SignatureWait, StoredRequest } from '../adapters/request-store.js';
import { completeTask, failTask, ifStillWaiting } from '../adapters/workflow-client.js';
import { ProductError } from '../errors/product-error.js';
import { isTerminalStatus } from '../domain/request-status.js';
import { SIGNER_ROLES, statusAwaitingSignatureOf } from '../domain/signing-plan.js';
import type { SignerRole } from '../domain/signing-plan.js';
import { sendMailOnce, signatureMail, signingLink } from '../notifications/request-mails.js';
import type { SignatureMailKind } from '../notifications/request-mails.js';
import { stageDeadline } from './stage-deadline.js';
import { stepHandler } from './step-handler.js';

export const requestSignatureInput = z.object({
  requestId: z.string().check(z.minLength(1)),
  role: z.enum(SIGNER_ROLES),
  round: z.number().check(z.int(), z.positive()),
  rounds: z.number().check(z.int(), z.positive()),
  rejections: z.number().check(z.int(), z.nonnegative()),
  /** Length of one round; with `rounds` it gives the signing deadline shown in the e-mail. */
  roundSeconds: z.optional(z.number().check(z.int(), z.positive())),
  taskToken: z.string().check(z.minLength(1)),
});

export const handler = stepHandler('RequestSignature', requestSignatureInput, async (input) => {
  const now = new Date();
  const current = await requireRequest(input.requestId);
  if (isTerminalStatus(current.status)) throw new RequestStateConflict(`Request is ${current.status}`, current.status);

  const previous = current.waits?.[input.role];
  const sameWait = previous !== undefined && previous.round === input.round && previous.rejections === input.rejections && !previous.answeredAt;
  const deadline = signingDeadline(input, previous, now);
  const link = newLink({ requestId: input.requestId, purpose: { kind: 'sign', role: input.role }, now, expiresAt: deadline });
  const wait: SignatureWait = {
    taskToken: input.taskToken,
    round: input.round,
    rejections: input.rejections,
    since: now.toISOString(),
    deadline: deadline.toISOString(),
  };
  let updated: StoredRequest;
  try {
    updated = await changeRequest(input.requestId, (latest) => {
      // This very round was answered already: a re-run of the step (a retry after a crash, a
      // replay after a restart) must not reopen it, only hand the answer to its own token.
      const latestWait = latest.waits?.[input.role];
      if (latestWait?.answeredAt && latestWait.round === input.round && latestWait.rejections === input.rejections) throw new RoundAlreadyAnswered(latest);
      return {
        actor: 'workflow',
        set: { status: statusAwaitingSignatureOf(input.role), waits: { ...latest.waits, [input.role]: wait } },
        event: sameWait ? undefined : { type: 'signatureRequested', details: { role: input.role, round: input.round, reminder: input.round > 1 } },
        extra: [{ name: 'link', item: link.item }],
      };
    }, { current });
  } catch (error) {
    if (!(error instanceof RoundAlreadyAnswered)) throw error;
    await answerAgain(error.request, input.role, input.taskToken);
    return { parked: false };
  }

  const kind: SignatureMailKind =
    input.rejections > 0 && input.round === 1
      ? { kind: 'scanRejected', reason: (await readNote(input.requestId, updated.signatures?.[input.role]?.review?.note)) ?? '' }
      : input.round > 1
        ? { kind: 'signatureReminder', round: input.round, rounds: input.rounds }
        : { kind: 'signatureInvitation' };
  await sendMailOnce(
    input.requestId,
    `signature#${input.role}#${input.rejections}#${input.round}`,
    signatureMail(updated, input.role, kind, signingLink(link.token), deadline),
    { kind: kind.kind, recipient: { role: input.role } },
  );
  return { parked: true };
});

/** The round this invocation asks for was answered before it ran (it is a re-run). */
class RoundAlreadyAnswered extends ProductError<{ requestId: string }> {
  override readonly name = 'RoundAlreadyAnswered';
  constructor(readonly request: StoredRequest) {
    super(`Request ${request.id}: this signature round was answered already`, { requestId: request.id });
  }
}

/** Gives the workflow, on this invocation's token, the answer the signer already gave: his signature, or his refusal. */
async function answerAgain(request: StoredRequest, role: SignerRole, taskToken: string): Promise<void> {
  const evidence = request.signatures?.[role];
  if (request.declined?.role === role) {
    await ifStillWaiting(failTask(taskToken, 'SignatureDeclined', JSON.stringify({ role })));
  } else if (evidence) {
    await ifStillWaiting(completeTask(taskToken, { method: evidence.method, documentKey: evidence.documentKey, sha256: evidence.sha256 }));
  } else {
    throw new RequestStateConflict(`Request ${request.id}: answered without a signature or a refusal`, request.status);
  }
}

/** The end of the whole signing stage: fixed at its first round, kept by reminders. */
function signingDeadline(input: z.infer<typeof requestSignatureInput>, previous: SignatureWait | undefined, now: Date): Date {
  return input.round > 1 && previous ? new Date(previous.deadline) : stageDeadline(now, input);
}
