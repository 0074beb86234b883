/**
 * `npm run cost` on the local stack (issue 11): both stories complete, and what they bill is
 * counted from what happened — the transitions from the execution history (at the goal:
 * ≤ 11 for a natural person with 2 grantees, ≤ 15 for a company whose representative signs), one
 * e-mail per signer and grantee, the request units from the items written, every line priced.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_GOALS, costReport, measureCosts, writesReport, type StoryCost } from '../../bench/cost.js';

let costs: StoryCost[];

beforeAll(async () => {
  costs = await measureCosts();
}, 240_000);

const story = (name: StoryCost['story']): StoryCost => {
  const found = costs.find((cost) => cost.story === name);
  if (!found) throw new Error(`no ${name} story`);
  return found;
};

describe('npm run cost', () => {
  it('counts the transitions of a natural person with 2 grantees who signs electronically: 8, no Pass or Succeed state on the way', () => {
    const natural = story('natural');
    expect(natural.usage.statesEntered).toEqual([
      'GenerateForm',
      'RequestRequesterSignature',
      'RequesterSigned?',
      'CreateGrants',
      'ActivateEachGrantee',
      'RequestActivation',
      'RequestActivation',
      'CompleteAndSeal',
    ]);
    expect(natural.usage.transitions).toBe(8);
    expect(natural.usage.transitions).toBeLessThanOrEqual(COST_GOALS.natural.transitions);
  });

  it('counts the transitions of a natural person with 2 grantees who signs by hand (the broker reviews the scan) within the goal', () => {
    const natural = story('natural-scan');
    expect(natural.usage.statesEntered).toEqual([
      'GenerateForm',
      'RequestRequesterSignature',
      'RequesterSigned?',
      'ReviewRequesterScan',
      'LegalRepresentativeMustApprove?',
      'CreateGrants',
      'ActivateEachGrantee',
      'RequestActivation',
      'RequestActivation',
      'CompleteAndSeal',
    ]);
    expect(natural.usage.transitions).toBe(10);
    expect(natural.usage.transitions).toBeLessThanOrEqual(COST_GOALS['natural-scan'].transitions);
  });

  it('counts the transitions of a company whose legal representative signs within the goal', () => {
    const company = story('company');
    expect(company.usage.statesEntered).toEqual([
      'GenerateForm',
      'RequestRequesterSignature',
      'RequesterSigned?',
      'RequestLegalRepresentativeSignature',
      'LegalRepresentativeSigned?',
      'CreateGrants',
      'ActivateEachGrantee',
      'RequestActivation',
      'RequestActivation',
      'CompleteAndSeal',
    ]);
    expect(company.usage.transitions).toBe(10);
    expect(company.usage.transitions).toBeLessThanOrEqual(COST_GOALS.company.transitions);
  });

  it('counts one e-mail per signer and per grantee, and the invocations of every step', () => {
    expect(story('natural').usage.emails).toBe(3);
    expect(story('natural-scan').usage.emails).toBe(3);
    expect(story('company').usage.emails).toBe(4);
    for (const cost of costs) {
      const steps = cost.usage.lambda.byFunction;
      for (const step of ['GenerateForm', 'CreateGrants', 'SealEvidence']) expect(steps[step]?.count, `${cost.story} ${step}`).toBe(1);
      // CompleteAndSeal records the completion itself: RecordOutcome serves only the other ends.
      expect(steps.RecordOutcome?.count ?? 0, cost.story).toBe(0);
      expect(steps.RequestActivation?.count, cost.story).toBe(2);
      expect(cost.usage.lambda.gbSeconds, cost.story).toBeGreaterThan(0);
    }
  });

  it('computes DynamoDB request units from the items: the request item rewritten in transactions (2 units a KB) and its list index entry', () => {
    for (const cost of costs) {
      const byItem = cost.usage.dynamodb.writeUnitsByItem;
      expect(byItem['REQUEST#/REQUEST'], cost.story).toBeGreaterThanOrEqual(2 * (cost.usage.dynamodb.calls.TransactWriteItems ?? 0) / 2);
      expect(byItem['gsi1:REQUEST#/REQUEST'], cost.story).toBeGreaterThan(0);
      expect(cost.usage.dynamodb.writeUnits, cost.story).toBe(Object.values(byItem).reduce((sum, units) => sum + units, 0));
      expect(cost.usage.dynamodb.readUnits, cost.story).toBeGreaterThan(0);
    }
  });

  it('lists every write with its units, and the request item stays small: the body is written once beside it', () => {
    for (const cost of costs) {
      const { writes, writeUnits } = cost.usage.dynamodb;
      const indexUnits = (write: (typeof writes)[number]) => Object.values(write.indexUnits).reduce((sum, units) => sum + units, 0);
      expect(writes.reduce((sum, write) => sum + write.units + indexUnits(write), 0), cost.story).toBe(writeUnits);
      // The request as filed (`REQUEST#BODY`): one put when filed, never rewritten.
      expect(writes.filter((write) => write.item === 'REQUEST#/REQUEST#').map((write) => write.write), cost.story).toEqual(['put']);
      // The request item that every change rewrites: under 4 KB with a 1,024-character token and both signatures' evidence in it (a body alone may weigh 100 KB).
      const requestWrites = writes.filter((write) => write.item === 'REQUEST#/REQUEST');
      expect(requestWrites.length, cost.story).toBeGreaterThanOrEqual(6);
      for (const write of requestWrites) expect(Math.max(write.bytesBefore, write.bytesAfter), cost.story).toBeLessThan(4 * 1024);
      // Its broker-index entry: one unit a change, the body, evidence and tokens are not projected.
      for (const write of requestWrites) expect(write.indexUnits.gsi1, cost.story).toBe(1);
    }
    expect(writesReport(story('natural'))).toMatch(/REQUEST#\/REQUEST\s+\d+ → \d+\s+\d+\s+gsi1 1/);
  });

  it('counts the API requests, S3 requests, the seal (one ECC sign), the events published, and prices every line', () => {
    for (const cost of costs) {
      expect(cost.usage.apiRequests, cost.story).toBeGreaterThanOrEqual(8);
      expect(cost.usage.s3.writeRequests, cost.story).toBeGreaterThan(0);
      expect(cost.usage.kms.asymmetricRequests, cost.story).toBe(1);
      expect(cost.usage.events, cost.story).toBeGreaterThan(0);
      expect(cost.lines.every((line) => line.dollars >= 0)).toBe(true);
      expect(cost.total).toBeCloseTo(cost.lines.reduce((sum, line) => sum + line.dollars, 0), 12);
    }
    const report = costReport(costs);
    expect(report).toContain('per completed request');
    expect(report).toMatch(/natural-scan\s+10\s+≤ 11/);
  });
});
