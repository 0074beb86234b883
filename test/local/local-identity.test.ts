/**
 * The template's user pool as the local stack stands it in: local ids for the pool and its two
 * app clients (the brokers' by its code flow, the portal's by client credentials), stable across
 * restarts, the local issuer as its ProviderURL, and the functions' BROKER_ID_CLAIM.
 */
import { describe, expect, it } from 'vitest';
import { localIdentityFromTemplate } from '../../local/local-identity.js';
import { COGNITO_TEMPLATE, withResources } from './identity-template.js';

const ISSUER = 'http://127.0.0.1/local-issuer';

describe('localIdentityFromTemplate', () => {
  it('gives each app client an id shaped like Cognito\'s, the same at every start, and the pool the local issuer', () => {
    const identity = localIdentityFromTemplate(COGNITO_TEMPLATE, ISSUER);
    const again = localIdentityFromTemplate(COGNITO_TEMPLATE, ISSUER);

    expect(identity.clients.broker).toMatch(/^[0-9a-z]{26}$/);
    expect(identity.clients.portal).toMatch(/^[0-9a-z]{26}$/);
    expect(identity.clients.broker).not.toBe(identity.clients.portal);
    expect(again.clients).toEqual(identity.clients);
    expect(identity.issuer).toBe(ISSUER);
    expect(identity.brokerIdClaim).toBe('cognito:groups');
  });

  it('resolves the Refs and GetAtts of the pool and its clients, and Joins of them', () => {
    const { resolve, clients } = localIdentityFromTemplate(COGNITO_TEMPLATE, ISSUER);

    expect(resolve({ 'Fn::GetAtt': ['IdentityUserPool', 'ProviderURL'] })).toBe(ISSUER);
    expect(resolve([{ Ref: 'IdentityUserPoolPortalClient' }, 'literal'])).toEqual([clients.portal, 'literal']);
    expect(resolve({ 'Fn::Join': ['', [{ Ref: 'IdentityUserPool' }, '/x']] })).toMatch(/^eu-west-1_[0-9a-z]{9}\/x$/);
    expect(() => resolve({ Ref: 'Table' })).toThrow(/no value for \{"Ref":"Table"\}/);
    expect(() => resolve({ 'Fn::Sub': '${AWS::Region}' })).toThrow(/cannot resolve/);
  });

  it('refuses a template it cannot stand in for, saying what is missing', () => {
    const noPool = withResources({ IdentityUserPool: { Type: 'AWS::S3::Bucket' } });
    const noBrokerClient = withResources({ IdentityUserPoolBrokerClient: { Type: 'AWS::S3::Bucket' } });
    const twoClaims = withResources({ FunctionsGenerateForm: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { BROKER_ID_CLAIM: 'sub' } } } } });

    expect(() => localIdentityFromTemplate(noPool, ISSUER)).toThrow(/0 Cognito user pools/);
    expect(() => localIdentityFromTemplate(noBrokerClient, ISSUER)).toThrow(/0 app clients with the code flow \(the brokers' sign-in\)/);
    expect(() => localIdentityFromTemplate(twoClaims, ISSUER)).toThrow(/2 BROKER_ID_CLAIMs/);
  });
});
