/**
 * Where a request stands, drawn on its workflow's steps (workflows/access-request-workflow.ts):
 * the form generated, the requester's signature (and the broker's review of a scan signed by
 * hand, R3, R9), the legal representative's signature for a company (R6), the grants created,
 * the grantees' activation (R7), completed and its evidence sealed (R8) — or the end it met.
 *
 * Drawn from the history alone (with the status as a fallback), so an erased request, which
 * keeps only its ids, statuses and trail, is drawn the same way. Plain data: no words, no HTML.
 */
import type { RequestStatus } from '../../domain/request-status.js';
import type { SignerRole } from '../../domain/signing-plan.js';

/** The steps of the workflow, in order. */
export const STEP_KEYS = [
  'form',
  'requesterSignature',
  'requesterReview',
  'legalRepresentativeSignature',
  'legalRepresentativeReview',
  'grants',
  'activation',
  'completed',
  'evidence',
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** The ends a request may meet other than completion. */
export const END_STATUSES = ['DECLINED', 'EXPIRED', 'CANCELLED', 'FAILED'] as const satisfies readonly RequestStatus[];
export type EndStatus = (typeof END_STATUSES)[number];

/**
 * `done`: behind the request (with when); `current`: where it waits now (since when); `ahead`:
 * still to come; `ended`: the end it met instead of the next step; `notReached`: a step after
 * that end.
 */
export type StepState = 'done' | 'current' | 'ahead' | 'ended' | 'notReached';

/** One step as the page draws it. */
export interface DrawnStep {
  /** A workflow step, or `ended` for the end the request met (then `endedAs` says which). */
  readonly key: StepKey | 'ended';
  readonly state: StepState;
  readonly endedAs?: EndStatus;
  /** When it was done, or when the request ended there. */
  readonly at?: string;
  /** For the current step: since when the request waits there. */
  readonly since?: string;
  /** Where the request stands (`aria-current="step"`): the current step, its end, or the last step once all are done. */
  readonly standsHere: boolean;
}

/** What the drawing reads: `GET /v1/requests/{id}`'s answer (functions/http/broker/request-view.ts). */
export interface StepSource {
  readonly status: RequestStatus;
  readonly createdAt: string;
  readonly legalRepresentativeMustApprove?: boolean;
  readonly outcome?: { readonly at: string };
  readonly history: readonly { readonly at: string; readonly type: string; readonly details: Readonly<Record<string, unknown>>; readonly grantId?: string }[];
}

interface SignatureProgress {
  signedAt?: string;
  method?: string;
  reviewedAt?: string;
  /** When a rejected scan sent the signer back to sign again. */
  sentBackAt?: string;
}

/** What the trail says of each step. */
interface TrailFacts {
  formAt?: string;
  legalRepresentativeMustApprove?: boolean;
  readonly signatures: Record<SignerRole, SignatureProgress>;
  grantsAt?: string;
  lastGrantAnswerAt?: string;
  completedAt?: string;
  sealedAt?: string;
  end?: { status: EndStatus; at: string };
}

const END_BY_EVENT: Readonly<Record<string, EndStatus>> = { declined: 'DECLINED', expired: 'EXPIRED', cancelled: 'CANCELLED', failed: 'FAILED' };

function isSignerRole(value: unknown): value is SignerRole {
  return value === 'requester' || value === 'legalRepresentative';
}

function readTrail(history: StepSource['history']): TrailFacts {
  const facts: TrailFacts = { signatures: { requester: {}, legalRepresentative: {} } };
  for (const entry of history) {
    const { details } = entry;
    const role = isSignerRole(details.role) ? details.role : undefined;
    switch (entry.type) {
      case 'formGenerated':
        facts.formAt = entry.at;
        if (typeof details.legalRepresentativeMustApprove === 'boolean') facts.legalRepresentativeMustApprove = details.legalRepresentativeMustApprove;
        break;
      case 'signatureReceived':
        if (role) facts.signatures[role] = { signedAt: entry.at, method: String(details.method) };
        break;
      case 'scanReviewed':
        if (!role) break;
        // R3, R9: an approved scan counts as the signature; a rejected one sends the signer back to sign again.
        if (details.decision === 'approve') facts.signatures[role].reviewedAt = entry.at;
        else facts.signatures[role] = { sentBackAt: entry.at };
        break;
      case 'grantsCreated':
        facts.grantsAt = entry.at;
        break;
      case 'grantActivated':
      case 'grantExpired':
      case 'grantRevoked':
        // A grant revoked after completion is not part of the activation stage.
        if (!facts.completedAt) facts.lastGrantAnswerAt = entry.at;
        break;
      case 'completed':
        facts.completedAt = entry.at;
        break;
      case 'evidenceSealed':
        facts.sealedAt = entry.at;
        break;
      default: {
        const end = END_BY_EVENT[entry.type];
        if (end && !facts.end) facts.end = { status: end, at: entry.at };
      }
    }
  }
  return facts;
}

interface PlannedStep {
  readonly key: StepKey;
  readonly doneAt?: string;
  /** A time after the previous step's when this step became current again (a rejected scan). */
  readonly readyAgainAt?: string;
}

/** A signer's steps: the signature, and the broker's review when the signature is a scan signed by hand (R3). */
function signatureSteps(role: SignerRole, progress: SignatureProgress): PlannedStep[] {
  const signature: PlannedStep = {
    key: role === 'requester' ? 'requesterSignature' : 'legalRepresentativeSignature',
    ...(progress.signedAt ? { doneAt: progress.signedAt } : {}),
    ...(progress.sentBackAt ? { readyAgainAt: progress.sentBackAt } : {}),
  };
  if (!progress.signedAt || progress.method !== 'handwritten') return [signature];
  const review: PlannedStep = { key: role === 'requester' ? 'requesterReview' : 'legalRepresentativeReview', ...(progress.reviewedAt ? { doneAt: progress.reviewedAt } : {}) };
  return [signature, review];
}

function endOf(source: StepSource, facts: TrailFacts): TrailFacts['end'] {
  if (facts.end) return facts.end;
  const status = (END_STATUSES as readonly string[]).includes(source.status) ? (source.status as EndStatus) : undefined;
  return status ? { status, at: source.outcome?.at ?? '' } : undefined;
}

/** The steps of `source`, each done, current or ahead, or the end it met and the steps it never reached. */
export function drawRequestSteps(source: StepSource): DrawnStep[] {
  const facts = readTrail(source.history);
  // R6: only a company whose requester is not its legal representative needs his signature too.
  const mustApprove = facts.legalRepresentativeMustApprove ?? source.legalRepresentativeMustApprove ?? false;
  const planned: PlannedStep[] = [
    { key: 'form', ...(facts.formAt ? { doneAt: facts.formAt } : {}) },
    ...signatureSteps('requester', facts.signatures.requester),
    ...(mustApprove ? signatureSteps('legalRepresentative', facts.signatures.legalRepresentative) : []),
    { key: 'grants', ...(facts.grantsAt ? { doneAt: facts.grantsAt } : {}) },
    // Every grantee has answered (activated, or let his link expire) once the request completed.
    { key: 'activation', ...(facts.completedAt ? { doneAt: facts.lastGrantAnswerAt ?? facts.completedAt } : {}) },
    { key: 'completed', ...(facts.completedAt ? { doneAt: facts.completedAt } : {}) },
    { key: 'evidence', ...(facts.sealedAt ? { doneAt: facts.sealedAt } : {}) },
  ];
  const end = endOf(source, facts);
  const stop = planned.findIndex((step) => step.doneAt === undefined);
  if (stop === -1) {
    return planned.map((step, index) => ({ key: step.key, state: 'done', at: step.doneAt, standsHere: index === planned.length - 1 }));
  }
  const before = planned.slice(0, stop).map((step): DrawnStep => ({ key: step.key, state: 'done', at: step.doneAt, standsHere: false }));
  const rest = planned.slice(stop);
  if (end) {
    const after = rest.map((step): DrawnStep => (step.doneAt ? { key: step.key, state: 'done', at: step.doneAt, standsHere: false } : { key: step.key, state: 'notReached', standsHere: false }));
    return [...before, { key: 'ended', state: 'ended', endedAs: end.status, ...(end.at ? { at: end.at } : {}), standsHere: true }, ...after];
  }
  const [current, ...ahead] = rest as [PlannedStep, ...PlannedStep[]];
  const previousAt = stop === 0 ? source.createdAt : planned[stop - 1]?.doneAt;
  const since = [previousAt, current.readyAgainAt].filter((at): at is string => Boolean(at)).sort().at(-1);
  return [
    ...before,
    { key: current.key, state: 'current', ...(since ? { since } : {}), standsHere: true },
    ...ahead.map((step): DrawnStep => (step.doneAt ? { key: step.key, state: 'done', at: step.doneAt, standsHere: false } : { key: step.key, state: 'ahead', standsHere: false })),
  ];
}
