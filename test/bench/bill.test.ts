/** The bill of one story (bench/cost/bill.ts): each line is its count times the price table's price. */
import { describe, expect, it } from 'vitest';
import { billOf, loggedBytes, type StoryUsage } from '../../bench/cost/bill.js';
import { LAMBDA_PLATFORM_LOG, LOG_EVENT_OVERHEAD_BYTES, PRICE_TABLE } from '../../bench/cost/price-table.js';

const usage: StoryUsage = {
  transitions: 10,
  statesEntered: [],
  lambda: { invocations: 4, gbSeconds: 2, byFunction: {} },
  dynamodb: { writeUnits: 100, readUnits: 40, calls: {}, largestItemBytes: 0, writeUnitsByItem: {}, writes: [] },
  emails: 3,
  s3: { writeRequests: 5, readRequests: 6 },
  apiRequests: 12,
  kms: { symmetricRequests: 2, asymmetricRequests: 1 },
  events: 9,
  logs: { functionBytes: 1000, functionEvents: 10, workflowErrorEvents: 0 },
};

describe('the bill of one completed request', () => {
  it('prices each dimension from the one price table and sums them', () => {
    const { lines, total } = billOf(usage);
    const line = (service: string) => lines.find((candidate) => candidate.service === service)?.dollars;
    expect(line('Step Functions transitions')).toBeCloseTo(10 * 0.000025, 12);
    expect(line('SES e-mails')).toBeCloseTo(3 * 0.0001, 12);
    expect(line('DynamoDB writes')).toBeCloseTo(100 * PRICE_TABLE.dynamoDbWriteUnit, 12);
    expect(line('Lambda compute (arm64)')).toBeCloseTo(2 * PRICE_TABLE.lambdaArmGbSecond, 12);
    expect(total).toBeCloseTo(lines.reduce((sum, entry) => sum + entry.dollars, 0), 15);
    expect(lines.every((entry) => entry.dollars >= 0)).toBe(true);
  });

  it("counts the logs' bytes with CloudWatch's per-event overhead and Lambda's platform lines per invocation", () => {
    expect(loggedBytes(usage)).toBe(1000 + 10 * LOG_EVENT_OVERHEAD_BYTES + 4 * (LAMBDA_PLATFORM_LOG.bytes + LAMBDA_PLATFORM_LOG.events * LOG_EVENT_OVERHEAD_BYTES));
  });

  it('follows a changed price', () => {
    const dearer = { ...PRICE_TABLE, sesEmail: 1 };
    expect(billOf(usage, dearer).total - billOf(usage).total).toBeCloseTo(3 * (1 - PRICE_TABLE.sesEmail), 9);
  });
});
