/**
 * Faults at each step in turn, on the local stack with the synthesized workflow: one whole
 * story per (step, fault) — a natural person with two grantees signs by scan, the broker
 * approves, both activate — with the fault armed for that step alone:
 * - SES answers throttling, then errors (steps that mail);
 * - DynamoDB throttles past the SDK's own retries;
 * - the step crashes after its writes, before it answers (Lambda.Unknown / API Gateway 500);
 * - the function times out after its writes (Sandbox.Timedout / API Gateway 503);
 * - Step Functions is unreachable while an API call owes it an answer (the outbox, and the
 *   housekeeping job a minute later).
 * Afterwards every story must have ended COMPLETED, with no state transition, grant or
 * e-mail twice, and nothing left in the outbox. Clients retry a 5xx, as a careful client does.
 */
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { executionHistory } from '../../../bench/cost/usage-meters.js';
import type { FaultRule, ProxiedService } from '../../../local/services/fault-proxy.js';
import { naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee } from '../../fixtures/access-request-builder.js';
import { latestLink } from '../support/request-story.js';
import { ACTIVATED_GRANT_CHAIN, chainsOf, duplicateMails, outboxEntriesOf, SCAN_STORY_REQUEST_CHAIN } from '../support/story-invariants.js';
import { activate, useTestStack, uploadScan } from '../support/test-stack.js';
import { wellFormedTaskToken } from '../../../local/stepfunctions/task-tokens.js';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../../local/services/local-aws-client-config.js';

const stack = useTestStack({ faultProxies: true });

type Phase =
  | { readonly kind: 'state'; readonly name: string }
  | { readonly kind: 'route'; readonly routeKey: string };

type Fault = 'ses throttling then errors' | 'dynamodb throttled' | 'kms throttled' | 'crash after write' | 'timeout after write' | 'step functions unreachable';

const STATES = ['GenerateForm', 'RequestRequesterSignature', 'ReviewRequesterScan', 'CreateGrants', 'RequestActivation', 'CompleteAndSeal'];
const ROUTES = ['POST /v1/requests', 'POST /sign/{token}/scan', 'POST /v1/requests/{id}/review', 'POST /activate/{token}'];
const MAILING_STATES = new Set(['RequestRequesterSignature', 'RequestActivation']);
/** The states that sign with the KMS seal key. */
const SEALING_STATES = new Set(['CompleteAndSeal']);

const CASES: [string, Fault, Phase][] = [
  ...STATES.flatMap((name) =>
    (
      [
        'dynamodb throttled',
        'crash after write',
        'timeout after write',
        ...(MAILING_STATES.has(name) ? ['ses throttling then errors' as const] : []),
        ...(SEALING_STATES.has(name) ? ['kms throttled' as const] : []),
      ] as Fault[]
    ).map(
      (fault): [string, Fault, Phase] => [name, fault, { kind: 'state', name }],
    ),
  ),
  ...ROUTES.flatMap((routeKey) =>
    (['dynamodb throttled', 'crash after write', 'timeout after write', 'step functions unreachable'] as Fault[]).map(
      (fault): [string, Fault, Phase] => [routeKey, fault, { kind: 'route', routeKey }],
    ),
  ),
];

/** The wire faults of each kind: enough to beat the SDK's three attempts once, so the step's own retry is needed. */
const WIRE_FAULTS: Partial<Record<Fault, [ProxiedService, FaultRule[]]>> = {
  'ses throttling then errors': ['sesv2', [{ answer: 'throttle', times: 2 }, { answer: 'server-error', times: 2 }]],
  'dynamodb throttled': ['dynamodb', [{ answer: 'throttle', times: 4 }]],
  'kms throttled': ['kms', [{ answer: 'throttle', times: 4 }]],
  'step functions unreachable': ['sfn', [{ answer: 'server-error', times: 100 }]],
};

const figures = { stories: 0, injected: 0, lost: 0, duplicates: 0 };
let storyCounter = 0;

/** Arms the fault for the phase; what the proxies injected is counted when the phase ends. */
function arm(phase: Phase, fault: Fault): void {
  const wire = WIRE_FAULTS[fault];
  const proxies = stack.stack.faults?.proxies;
  if (!proxies) throw new Error('The stack was started without fault proxies');
  const hooks = wire
    ? {
        start: () => wire[1].forEach((rule) => proxies[wire[0]].arm(rule)),
        end: () => {
          figures.injected += Object.values(proxies[wire[0]].injected).reduce((sum, count) => sum + count, 0);
          for (const proxy of Object.values(proxies)) {
            proxy.disarm();
            for (const key of Object.keys(proxy.injected) as (keyof typeof proxy.injected)[]) (proxy.injected as Record<string, number>)[key] = 0;
          }
        },
      }
    : undefined;
  if (phase.kind === 'state') {
    if (hooks) stack.stack.stepFunctions.aroundNextInvocation(phase.name, hooks);
    if (fault === 'crash after write') stack.stack.stepFunctions.failNextInvocation(phase.name, { name: 'Lambda.Unknown', message: 'Runtime exited with error: signal: killed' }, 'after');
    if (fault === 'timeout after write') stack.stack.stepFunctions.failNextInvocation(phase.name, { name: 'Sandbox.Timedout', message: 'Task timed out after 60.00 seconds' }, 'after');
    if (!hooks) figures.injected++;
    return;
  }
  if (hooks) stack.stack.front.faultNextCall(phase.routeKey, { hooks });
  if (fault === 'crash after write') stack.stack.front.faultNextCall(phase.routeKey, { kind: 'crash' });
  if (fault === 'timeout after write') stack.stack.front.faultNextCall(phase.routeKey, { kind: 'timeout', when: 'after' });
  if (!hooks) figures.injected++;
}

/** Calls until the answer is not a 5xx (a careful client); the last answer. */
async function untilNot5xx<T extends { status: number }>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await call();
    if (answer.status < 500 || attempt >= 5) return answer;
  }
}

async function runStory(phase: Phase, fault: Fault): Promise<void> {
  storyCounter += 1;
  const requesterEmail = `hans.fault${storyCounter}@example.be`;
  const observerEmail = `lukasz.fault${storyCounter}@example.be`;
  const clientRef = `C-F${storyCounter}`;
  const hans = { ...PEOPLE.hans(), email: requesterEmail };
  const body = naturalClientRequest({ clientRef, requester: hans, grantees: [policyholderGrantee(hans), otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), email: observerEmail })] });
  const at = (routeKey: string) => phase.kind === 'route' && phase.routeKey === routeKey;
  if (phase.kind === 'state') arm(phase, fault);

  if (at('POST /v1/requests')) arm(phase, fault);
  const filed = await untilNot5xx(() => stack.broker().submit(body, `story-${storyCounter}`));
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const id = filed.body.id as string;
  await settleAndHousekeep();

  if (at('POST /sign/{token}/scan')) arm(phase, fault);
  const signLink = await latestLink(stack, requesterEmail, 'sign');
  const uploaded = await untilNot5xx(() => uploadScan(signLink));
  // A lost answer to an upload that was recorded: the retry finds the link spent.
  expect([200, 410]).toContain(uploaded.status);
  await settleAndHousekeep();

  if (at('POST /v1/requests/{id}/review')) arm(phase, fault);
  const reviewed = await untilNot5xx(() => stack.broker().review(id, 'approve'));
  expect([200, 409]).toContain(reviewed.status);
  await settleAndHousekeep();

  for (const email of [requesterEmail, observerEmail]) {
    if (at('POST /activate/{token}') && email === requesterEmail) arm(phase, fault);
    const activated = await untilNot5xx(async () => activate(await latestLink(stack, email, 'activate')));
    expect([200, 410]).toContain(activated.status);
  }
  await settleAndHousekeep();

  const view = (await stack.broker().get(id)).body;
  if (view.status !== 'COMPLETED') figures.lost++;
  expect(view.status, `${JSON.stringify(phase)} ${fault}`).toBe('COMPLETED');
  const chains = chainsOf(view);
  expect(chains.request).toEqual([...SCAN_STORY_REQUEST_CHAIN]);
  expect([...chains.grants.values()]).toEqual([[...ACTIVATED_GRANT_CHAIN], [...ACTIVATED_GRANT_CHAIN]]);
  for (const email of [requesterEmail, observerEmail]) {
    const grants = (await stack.portal.grants(email)).body.items.filter((grant: { clientRef: string }) => grant.clientRef === clientRef);
    expect(grants, `one active grant for ${email}`).toHaveLength(1);
  }
  const duplicates = duplicateMails([...(await stack.mails(requesterEmail)), ...(await stack.mails(observerEmail))]);
  figures.duplicates += duplicates.length;
  expect(duplicates).toEqual([]);
  expect(await stack.mails(requesterEmail)).toHaveLength(2); // the signing invitation, the activation invitation
  expect(await stack.mails(observerEmail)).toHaveLength(1);
  expect(await outboxEntriesOf(id)).toBe(0);
  figures.stories++;
}

/** Lets the workflow rest, then lets a minute pass so the housekeeping job delivers what an interrupted call left. */
async function settleAndHousekeep(): Promise<void> {
  await stack.settle();
  await stack.advance(61_000);
}

describe('faults at each step in turn', () => {
  it.each(CASES)('%s, %s: the story completes once', async (_where, fault, phase) => {
    await runStory(phase, fault);
  });
});

afterAll(() => {
  console.log(`fault suite: ${figures.stories} stories, ${figures.injected} faults injected, ${figures.lost} requests lost, ${figures.duplicates} duplicates`);
});

describe('a committed change whose call to another system failed converges', () => {
  it('a reminder whose mails SES refused for a moment goes out from the outbox a minute later, once', async () => {
    storyCounter += 1;
    const requesterEmail = `hans.remind${storyCounter}@example.be`;
    const hans = { ...PEOPLE.hans(), email: requesterEmail };
    const filed = await stack.broker().submit(naturalClientRequest({ clientRef: `C-F${storyCounter}`, requester: hans, grantees: [policyholderGrantee(hans)] }));
    await stack.settle();
    const ses = stack.stack.faults!.proxies.sesv2;
    stack.stack.front.faultNextCall('POST /v1/requests/{id}/remind', {
      hooks: { start: () => ses.arm({ answer: 'server-error', times: 100 }), end: () => ses.disarm() },
    });
    const reminded = await stack.broker().remind(filed.body.id);
    expect(reminded.status).toBe(202);
    expect(await stack.mails(requesterEmail)).toHaveLength(1); // the invitation only: the reminder is still owed
    expect(await outboxEntriesOf(filed.body.id)).toBe(1);
    await stack.advance(61_000);
    expect(await stack.mails(requesterEmail)).toHaveLength(2);
    expect(await outboxEntriesOf(filed.body.id)).toBe(0);
    await stack.advance(61_000);
    expect(await stack.mails(requesterEmail)).toHaveLength(2);
    expect((await stack.broker().remind(filed.body.id)).status).toBe(429);
  });
});

describe('a waiting step run again after its wait was answered (a retry after a crash, a replay after a restart)', () => {
  /** A request whose signer uploaded his scan: it waits for the broker's review. */
  async function requestAwaitingReview() {
    storyCounter += 1;
    const email = `hans.rerun${storyCounter}@example.be`;
    const hans = { ...PEOPLE.hans(), email };
    const filed = await stack.broker().submit(naturalClientRequest({ clientRef: `C-F${storyCounter}`, requester: hans, grantees: [policyholderGrantee(hans)] }));
    await stack.settle();
    expect((await uploadScan(await latestLink(stack, email, 'sign'))).status).toBe(200);
    await stack.settle();
    return { filed, email };
  }

  /** A token of the runtime's shape that no task holds: the step's answer to it finds nobody waiting. */
  const strayToken = wellFormedTaskToken();

  it('RequestSignature does not reopen a round the signer answered, nor move the request back', async () => {
    const { filed, email } = await requestAwaitingReview();
    const before = (await stack.broker().get(filed.body.id)).body;
    expect(before.status).toBe('AWAITING_REVIEW');

    const { handler } = await import('../../../functions/steps/request-signature.js');
    const rerun = await handler({ requestId: filed.body.id, role: 'requester', round: 1, rounds: 3, roundSeconds: 403_200, rejections: 0, taskToken: strayToken });

    expect(rerun).toEqual({ parked: false });
    const after = (await stack.broker().get(filed.body.id)).body;
    expect(after.status).toBe('AWAITING_REVIEW');
    expect(after.history).toEqual(before.history);
    expect(await stack.mails(email)).toHaveLength(1);
  });

  it('RequestScanReview does not reopen a review the broker decided', async () => {
    const { filed } = await requestAwaitingReview();
    expect((await stack.broker().review(filed.body.id, 'approve')).status).toBe(200);
    await stack.settle();
    const before = (await stack.broker().get(filed.body.id)).body;
    expect(before.status).toBe('AWAITING_ACTIVATION');

    const { handler } = await import('../../../functions/steps/request-scan-review.js');
    expect(await handler({ requestId: filed.body.id, role: 'requester', taskToken: strayToken })).toEqual({ parked: false });

    const after = (await stack.broker().get(filed.body.id)).body;
    expect(after.status).toBe('AWAITING_ACTIVATION');
    expect(after.history.map((entry: { type: string }) => entry.type)).toEqual(before.history.map((entry: { type: string }) => entry.type));
  });
});

describe('CompleteAndSeal: the completion recorded, then the evidence sealed, by one Task', () => {
  /** A request signed by scan and approved, its one grantee asked to activate: his activation completes it. */
  async function requestAwaitingActivation() {
    storyCounter += 1;
    const email = `hans.seal${storyCounter}@example.be`;
    const hans = { ...PEOPLE.hans(), email };
    const filed = await stack.broker().submit(naturalClientRequest({ clientRef: `C-F${storyCounter}`, requester: hans, grantees: [policyholderGrantee(hans)] }));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await stack.settle();
    expect((await uploadScan(await latestLink(stack, email, 'sign'))).status).toBe(200);
    await stack.settle();
    expect((await stack.broker().review(filed.body.id, 'approve')).status).toBe(200);
    await stack.settle();
    expect((await stack.broker().get(filed.body.id)).body.status).toBe('AWAITING_ACTIVATION');
    return { id: filed.body.id as string, email };
  }

  /** The grantee activates while `service` answers `answer` to `operation` for the CompleteAndSeal invocation alone. */
  async function activateWithFault(request: { email: string }, service: ProxiedService, operation: RegExp): Promise<void> {
    const proxy = stack.stack.faults!.proxies[service];
    stack.stack.stepFunctions.aroundNextInvocation('CompleteAndSeal', {
      start: () => proxy.arm({ operation, answer: 'reject', times: 100 }),
      end: () => proxy.disarm(),
    });
    expect((await activate(await latestLink(stack, request.email, 'activate'))).status).toBe(200);
    await stack.settle();
  }

  /** The execution's status and the states it entered, read through the SFN API. */
  async function executionOf(requestId: string): Promise<{ status: string | undefined; statesEntered: string[] }> {
    const sfn = new SFNClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: stack.stack.stepFunctionsUrl });
    try {
      const executionArn = `${stack.stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${requestId}`;
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const events = await executionHistory(stack, requestId);
      const statesEntered = events.filter((event) => event.type?.endsWith('StateEntered')).map((event) => event.stateEnteredEventDetails?.name ?? '?');
      return { status, statesEntered };
    } finally {
      sfn.destroy();
    }
  }

  it('a seal KMS refuses after the completion is recorded: the request stays COMPLETED, unsealed, the execution fails through RecordFailure; run again, the step records nothing twice and seals once', async () => {
    const request = await requestAwaitingActivation();
    await activateWithFault(request, 'kms', /^Sign$/);

    const view = (await stack.broker().get(request.id)).body;
    expect(view.status).toBe('COMPLETED');
    expect(chainsOf(view).request).toEqual(SCAN_STORY_REQUEST_CHAIN.filter((type) => type !== 'evidenceSealed'));
    const execution = await executionOf(request.id);
    expect(execution.status).toBe('FAILED');
    expect(execution.statesEntered.slice(-3)).toEqual(['CompleteAndSeal', 'RecordFailure', 'Failed']);
    expect(execution.statesEntered.filter((name) => name === 'CompleteAndSeal')).toHaveLength(1); // a refusal is not retried

    // The step run again (an operator, or a Retry): the completion is not recorded twice, the certificate sealed once.
    const { handler } = await import('../../../functions/steps/seal-evidence.js');
    const sealed = await handler({ requestId: request.id });
    expect(sealed).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await handler({ requestId: request.id })).toEqual(sealed);
    const after = (await stack.broker().get(request.id)).body;
    expect(after.status).toBe('COMPLETED');
    expect(chainsOf(after).request).toEqual([...SCAN_STORY_REQUEST_CHAIN]);
    expect(after.history.at(-1)).toMatchObject({ type: 'evidenceSealed', details: { sha256: (sealed as { sha256: string }).sha256 } });
    expect(await outboxEntriesOf(request.id)).toBe(0);
  });

  it('a completion the table refuses to record ends the request FAILED through RecordFailure, as RecordCompleted did, and seals nothing', async () => {
    const request = await requestAwaitingActivation();
    await activateWithFault(request, 'dynamodb', /^TransactWriteItems$/);

    const view = (await stack.broker().get(request.id)).body;
    expect(view.status).toBe('FAILED');
    expect(view.outcome).toMatchObject({ error: 'UpstreamStepError' });
    expect(chainsOf(view).request.slice(-2)).toEqual(['grantsCreated', 'failed']);
    const execution = await executionOf(request.id);
    expect(execution.status).toBe('FAILED');
    expect(execution.statesEntered.slice(-3)).toEqual(['CompleteAndSeal', 'RecordFailure', 'Failed']);
  });

  it('the step run again on a sealed request changes nothing: one completed entry, one evidenceSealed entry, the same certificate', async () => {
    const request = await requestAwaitingActivation();
    expect((await activate(await latestLink(stack, request.email, 'activate'))).status).toBe(200);
    await stack.settle();
    const before = (await stack.broker().get(request.id)).body;
    expect(chainsOf(before).request).toEqual([...SCAN_STORY_REQUEST_CHAIN]);
    const execution = await executionOf(request.id);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.statesEntered.at(-1)).toBe('CompleteAndSeal');

    const { handler } = await import('../../../functions/steps/seal-evidence.js');
    expect(await handler({ requestId: request.id })).toEqual({ sha256: before.history.at(-1).details.sha256 });
    const after = (await stack.broker().get(request.id)).body;
    expect(after.status).toBe('COMPLETED');
    expect(after.history).toEqual(before.history);
    expect(await outboxEntriesOf(request.id)).toBe(0);
  });
});
