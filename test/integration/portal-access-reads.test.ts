/**
 * The portal's access check stays exactly one DynamoDB read (issue 11: "still exactly one
 * read"), counted on the wire between the functions and DynamoDB Local: each check of a grantee
 * who activated is one Query of his portal view, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { CountingMeter } from '../../bench/cost/usage-meters.js';
import { COST_STORIES } from '../../bench/cost/cost-stories.js';
import { PEOPLE } from '../fixtures/access-request-builder.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack({ faultProxies: true });

describe('the portal access check (R8)', () => {
  it('reads DynamoDB exactly once per check, allowed or not', async () => {
    await COST_STORIES.find((story) => story.name === 'natural-scan')!.run(stack);
    const lukasz = PEOPLE.lukasz();
    const grants = await stack.portal.grants(lukasz.email, 'active');
    const clientRef = grants.body.items[0]?.clientRef as string;
    expect(clientRef).toMatch(/^C-COST-N-/);

    const dynamodb = new CountingMeter((exchange) => exchange.operation);
    stack.stack.faults!.proxies.dynamodb.meter(dynamodb);
    try {
      const answers = [];
      for (const contract of ['POL-2', 'POL-2', 'POL-1', 'POL-2', 'POL-3']) answers.push((await stack.portal.access(lukasz.email, clientRef, contract)).body.allowed);
      // Łukasz sees POL-2 only (R4.3).
      expect(answers).toEqual([true, true, false, true, false]);
    } finally {
      stack.stack.faults!.proxies.dynamodb.meter(undefined);
    }
    expect(dynamodb.counts).toEqual({ Query: 5 });
  });
});
