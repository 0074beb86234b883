/**
 * Sign-in on the local stack, whose HTTP front applies the synthesized template's authorizers to
 * tokens shaped as Cognito issues them (docs/sign-in.md): a broker's access token names his
 * office as his one user-pool group, and that office is his broker id; the portal's
 * client-credentials token carries `portal/read`. Neither passes the other's routes; a token
 * without the route's scope is forbidden; a broker token naming no office is refused by the API.
 */
import { describe, expect, it } from 'vitest';
import { naturalClientRequest } from '../fixtures/access-request-builder.js';
import { jsonOf, rawCall, type RawAnswer } from './support/raw-http.js';
import { useTestStack } from './support/test-stack.js';

const stack = useTestStack();

const get = (target: string, token: string): Promise<RawAnswer> =>
  rawCall(stack.stack.apiUrl, { method: 'GET', target, headers: { authorization: `Bearer ${token}` } });

const PORTAL_GRANTS = '/v1/portal/grants?email=hans%40example.be';

describe('sign-in', () => {
  it("takes the demo brokers' office from their tokens as their broker id: broker-a's request is his, not broker-b's", async () => {
    const [brokerA, brokerB] = stack.stack.brokers;
    expect([brokerA?.id, brokerB?.id]).toEqual(['broker-a', 'broker-b']);

    const filed = await stack.broker(0).submit(naturalClientRequest({ clientRef: 'C-SIGNIN-1' }));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    expect((await stack.broker(0).get(filed.body.id)).status).toBe(200);
    expect((await stack.broker(1).get(filed.body.id)).status).toBe(404);
  });

  it("lets the portal's client-credentials token read portal routes", async () => {
    const answer = await get(PORTAL_GRANTS, stack.stack.portalToken);

    expect(answer.status, answer.text).toBe(200);
    expect(jsonOf(answer)).toEqual({ items: expect.any(Array) });
  });

  it("answers a broker's token on a portal route 401 {\"message\":\"Unauthorized\"}, as API Gateway does for another audience", async () => {
    const answer = await get(PORTAL_GRANTS, stack.stack.brokers[0]!.token);

    expect([answer.status, jsonOf(answer)]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it("answers the portal's token on a broker route 401", async () => {
    const answer = await get('/v1/requests', stack.stack.portalToken);

    expect([answer.status, jsonOf(answer)]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it('answers a portal token without portal/read 403 {"message":"Forbidden"}', async () => {
    const withoutScope = await stack.stack.tokenIssuer.issuePortalToken({ scopes: [] });

    const answer = await get(PORTAL_GRANTS, withoutScope);

    expect([answer.status, jsonOf(answer)]).toEqual([403, { message: 'Forbidden' }]);
  });

  it('answers a broker token that names no office, or two, 401 from the API, naming the claim', async () => {
    const noOffice = await stack.stack.tokenIssuer.issueBrokerToken('broker-a', { groups: [] });
    const twoOffices = await stack.stack.tokenIssuer.issueBrokerToken('broker-a', { groups: ['broker-a', 'broker-b'] });

    const answers = [await get('/v1/requests', noOffice), await get('/v1/requests', twoOffices)];

    expect(answers.map((answer) => [answer.status, jsonOf(answer)])).toEqual([
      [401, { error: 'unauthorized', message: 'The token names no broker office (its "cognito:groups" claim)' }],
      [401, { error: 'unauthorized', message: 'The token names more than one broker office (its "cognito:groups" claim)' }],
    ]);
  });
});
