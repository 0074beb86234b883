/**
 * The product's events on AWS (docs/events.md): its own bus, named for the stage; PutEvents on
 * it for exactly the functions infra/function-access.ts lets publish; the rule that hands every
 * product event to WebhookDelivery, which alone reads the webhooks' signing key.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_MAX_EVENT_AGE, WEBHOOK_RETRY_ATTEMPTS } from '../../infra/constructs/product-events.js';
import { FUNCTION_ACCESS } from '../../infra/function-access.js';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { InvalidSettingsError, stageSettings } from '../../infra/portal-access-settings.js';
import { PORTAL_EVENT_SOURCES, PORTAL_EVENT_TYPES } from '../../functions/events/event-schemas.js';
import { logicalIdAt, synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any> };

const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];
const WEBHOOKS = [
  { brokerId: 'broker-a', url: 'https://hooks.broker-a.test/portal-access', secretVersion: 2 },
  { brokerId: 'broker-b', url: 'https://broker-b.test/webhooks', secretVersion: 1 },
];

describe('product events', () => {
  let synthesized: SynthesizedPortalAccess;
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    synthesized = synthesizePortalAccess({ webhooks: WEBHOOKS });
    template = synthesized.template;
    resources = template.toJSON().Resources as Record<string, Resource>;
  });
  afterAll(() => synthesized?.cleanUp());

  const fnProps = (functionId: FunctionId): Record<string, any> => resources[logicalIdAt(template, `Functions/${functionId}/Function`)]!.Properties;
  const rolePolicyOf = (functionId: FunctionId): string =>
    JSON.stringify(resources[logicalIdAt(template, `Functions/${functionId}/Role/DefaultPolicy`)]!.Properties.PolicyDocument);
  const busId = (): string => logicalIdAt(template, 'Events/Bus');

  it("has one bus of its own, named for the stage (the default bus is not used)", () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'portal-access-test' });
    expect(JSON.stringify(template.toJSON().Outputs)).toContain(busId());
  });

  it('lets exactly the functions function-access.ts names publish, on this bus only, and tells them its name', () => {
    const busArn = JSON.stringify({ 'Fn::GetAtt': [busId(), 'Arn'] });
    for (const functionId of FUNCTION_IDS) {
      const publishes = FUNCTION_ACCESS[functionId].publishEvents === true;
      const policy = rolePolicyOf(functionId);
      expect(policy.includes('events:PutEvents'), `${functionId} publishes`).toBe(publishes);
      if (publishes) {
        template.hasResourceProperties('AWS::IAM::Policy', {
          PolicyDocument: { Statement: Match.arrayWith([{ Action: 'events:PutEvents', Effect: 'Allow', Resource: { 'Fn::GetAtt': [busId(), 'Arn'] } }]) },
          Roles: [{ Ref: logicalIdAt(template, `Functions/${functionId}/Role`) }],
        });
        expect(policy, functionId).toContain(busArn);
      }
      expect(fnProps(functionId).Environment.Variables.EVENT_BUS_NAME, functionId).toEqual(publishes ? { Ref: busId() } : undefined);
    }
    // The functions whose changes move a status, and the job that delivers what they left (functions/events/).
    const publishers = FUNCTION_IDS.filter((functionId) => FUNCTION_ACCESS[functionId].publishEvents);
    expect(publishers.sort()).toEqual(
      ['ActivationApi', 'BrokerApi', 'CreateGrants', 'DashboardApi', 'ExpireGrant', 'Housekeeping', 'RecordOutcome', 'RequestScanReview', 'RequestSignature', 'SealEvidence'].sort(),
    );
  });

  it('hands every product event to WebhookDelivery through one rule on the bus, which Lambda retries asynchronously', () => {
    const deliverer = logicalIdAt(template, 'Functions/WebhookDelivery/Function');
    const rules = Object.values(template.findResources('AWS::Events::Rule', { Properties: { EventBusName: { Ref: busId() } } })) as Resource[];
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.Properties;
    expect(rule.EventPattern).toEqual({ source: [...PORTAL_EVENT_SOURCES], 'detail-type': [...PORTAL_EVENT_TYPES] });
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [deliverer, 'Arn'] });
    expect(rule.Targets[0].RetryPolicy).toEqual({ MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: 86_400 });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [deliverer, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalIdAt(template, 'Events/Webhooks'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: deliverer },
      MaximumRetryAttempts: WEBHOOK_RETRY_ATTEMPTS,
      MaximumEventAgeInSeconds: WEBHOOK_MAX_EVENT_AGE.toSeconds(),
    });
    expect(FUNCTIONS.WebhookDelivery.kind).toBe('event');
  });

  it('tells WebhookDelivery alone the subscriptions and their signing key, and lets it read that one secret and no table', () => {
    const secretId = logicalIdAt(template, 'Events/WebhookSigningKey');
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'portal-access/test/webhook-signing-key', GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
    for (const functionId of FUNCTION_IDS) {
      const delivers = FUNCTION_ACCESS[functionId].webhookSigningKey === true;
      const variables = fnProps(functionId).Environment.Variables;
      expect(rolePolicyOf(functionId).includes(JSON.stringify({ Ref: secretId })), `${functionId} reads the signing key`).toBe(delivers);
      expect(variables.WEBHOOK_SIGNING_KEY_SECRET_ARN, functionId).toEqual(delivers ? { Ref: secretId } : undefined);
      expect(variables.WEBHOOK_SUBSCRIPTIONS === undefined, functionId).toBe(!delivers);
    }
    expect(JSON.parse(fnProps('WebhookDelivery').Environment.Variables.WEBHOOK_SUBSCRIPTIONS)).toEqual(WEBHOOKS);
    const policy = rolePolicyOf('WebhookDelivery');
    expect(policy).not.toContain('dynamodb:');
    expect(policy).not.toContain('events:PutEvents');
    expect(policy).not.toContain('s3:');
  });
});

describe('webhook settings', () => {
  const refusal = (webhooks: unknown): string => {
    try {
      stageSettings({ overrides: { webhooks } });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSettingsError);
      return (error as Error).message;
    }
    throw new Error('the settings were accepted');
  };

  it('defaults to no subscription, and gives a subscription secret version 1', () => {
    expect(stageSettings().webhooks).toEqual([]);
    expect(stageSettings({ overrides: { webhooks: [{ brokerId: 'broker-a', url: 'https://hooks.broker-a.test/' }] } }).webhooks).toEqual([
      { brokerId: 'broker-a', url: 'https://hooks.broker-a.test/', secretVersion: 1 },
    ]);
  });

  it('refuses a URL that is not https, a broker twice, a broker id outside I1, a mistyped key, and more than the environment holds', () => {
    expect(refusal([{ brokerId: 'broker-a', url: 'http://hooks.broker-a.test/' }])).toMatch(/webhooks: every webhook URL must be https/);
    expect(refusal([{ brokerId: 'broker-a', url: 'https://a.test/' }, { brokerId: 'broker-a', url: 'https://b.test/' }])).toMatch(/each broker may subscribe once/);
    expect(refusal([{ brokerId: 'broker#a', url: 'https://a.test/' }])).toMatch(/webhooks\.0\.brokerId/);
    expect(refusal([{ brokerId: 'broker-a', url: 'https://a.test/', secret: 'x' }])).toMatch(/webhooks\.0/);
    const long = Array.from({ length: 20 }, (_, index) => ({ brokerId: `broker-${index}`, url: `https://hooks.broker-${index}.test/${'p'.repeat(120)}` }));
    expect(refusal(long)).toMatch(/more than 2500 characters of JSON/);
  });
});
