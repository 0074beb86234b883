/** The broker office a verified token names, as API Gateway hands its claims on (I1). */
import { describe, expect, it } from 'vitest';
import { brokerOfficeIn } from '../../../functions/http/broker-office-claim.js';

describe('brokerOfficeIn', () => {
  it.each([
    ['a one-group list as API Gateway writes it', { 'cognito:groups': '[broker-a]' }, 'cognito:groups', 'broker-a'],
    ['a one-group list as an array', { 'cognito:groups': ['broker-b'] }, 'cognito:groups', 'broker-b'],
    ["another provider's single-valued claim", { extension_brokerOffice: 'office.gent@be' }, 'extension_brokerOffice', 'office.gent@be'],
  ])('reads %s', (_case, claims, claimName, brokerId) => {
    expect(brokerOfficeIn(claims, claimName)).toEqual({ brokerId });
  });

  it.each([
    ['no claims at all', undefined, 'missing'],
    ['no such claim (a token of another kind)', { sub: 'broker-a', client_id: 'abc' }, 'missing'],
    ['an empty claim', { 'cognito:groups': '' }, 'missing'],
    ['an empty list', { 'cognito:groups': '[]' }, 'missing'],
    ['two groups (which office would it be?)', { 'cognito:groups': '[broker-a broker-b]' }, 'several'],
    ['two groups as an array', { 'cognito:groups': ['broker-a', 'broker-b'] }, 'several'],
    ['a # that could reach another key (I1)', { 'cognito:groups': '[broker-a#GRANT]' }, 'malformed'],
    ['a colon', { 'cognito:groups': 'broker:a' }, 'malformed'],
    ['a space in a single-valued claim', { 'cognito:groups': 'broker a' }, 'malformed'],
    ['non-ASCII letters', { 'cognito:groups': '[bröker-a]' }, 'malformed'],
    ['129 characters', { 'cognito:groups': `[${'b'.repeat(129)}]` }, 'malformed'],
    ['a number', { 'cognito:groups': 42 }, 'missing'],
  ])('refuses %s', (_case, claims, refused) => {
    expect(brokerOfficeIn(claims as Record<string, unknown> | undefined, 'cognito:groups')).toEqual({ refused });
  });
});
