/**
 * Mail on AWS (infra/constructs/mail.ts): the DKIM records to publish, as stack outputs; and the
 * way back of SES's feedback — the configuration set publishes bounces and complaints to the
 * default bus, where one rule hands this configuration set's to MailFeedback, which may touch the
 * table and nothing else.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATION_SET_TAG, FEEDBACK_MAX_EVENT_AGE, FEEDBACK_RETRY_ATTEMPTS } from '../../infra/constructs/mail.js';
import { FUNCTIONS } from '../../catalog/function-catalog.js';
import { SES_EVENT_SOURCE, SES_FEEDBACK_DETAIL_TYPES } from '../../functions/mail-feedback/ses-feedback-event.js';
import { logicalIdAt, synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any> };

describe('mail', () => {
  let synthesized: SynthesizedPortalAccess;
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    synthesized = synthesizePortalAccess();
    template = synthesized.template;
    resources = template.toJSON().Resources as Record<string, Resource>;
  });
  afterAll(() => synthesized?.cleanUp());

  const configurationSetId = (): string => logicalIdAt(template, 'Mail/ConfigurationSet');
  const feedbackFunctionId = (): string => logicalIdAt(template, 'Functions/MailFeedback/Function');

  it("outputs the identity's three Easy DKIM records as `<name> CNAME <value>`, named as docs/deploy.md names them", () => {
    const identity = logicalIdAt(template, 'Mail/Identity');
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'portal-access.test' });
    for (const n of [1, 2, 3]) {
      template.hasOutput(`MailDkimRecord${n}`, {
        Description: `DKIM record ${n} of portal-access.test`,
        Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [identity, `DkimDNSTokenName${n}`] }, ' CNAME ', { 'Fn::GetAtt': [identity, `DkimDNSTokenValue${n}`] }]] },
      });
    }
  });

  it('publishes bounces and complaints, nothing else, from the configuration set to the default bus', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configurationSetId() },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: { EventBusArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':event-bus/default$')])] } },
      },
    });
  });

  it("hands this configuration set's bounces and complaints on the default bus to MailFeedback, retried if it fails", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: [SES_EVENT_SOURCE],
        'detail-type': [SES_FEEDBACK_DETAIL_TYPES.bounce, SES_FEEDBACK_DETAIL_TYPES.complaint],
        detail: { mail: { tags: { [CONFIGURATION_SET_TAG]: ['portal-access-test'] } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [feedbackFunctionId(), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [feedbackFunctionId(), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalIdAt(template, 'Mail/Feedback'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: feedbackFunctionId() },
      MaximumRetryAttempts: FEEDBACK_RETRY_ATTEMPTS,
      MaximumEventAgeInSeconds: FEEDBACK_MAX_EVENT_AGE.toSeconds(),
    });
  });

  it('deploys MailFeedback from its catalog entry, allowed the table only: no mail, no bus, no bucket, no key', () => {
    expect(FUNCTIONS.MailFeedback.entry).toBe('functions/mail-feedback/record-mail-feedback.ts');
    const policy = JSON.stringify(resources[logicalIdAt(template, 'Functions/MailFeedback/Role/DefaultPolicy')]!.Properties.PolicyDocument);
    expect(policy).toContain('dynamodb:PutItem');
    expect(policy).toContain(logicalIdAt(template, 'Data/Table'));
    for (const denied of ['ses:', 'events:PutEvents', 's3:', 'kms:', 'secretsmanager:', 'states:']) expect(policy, denied).not.toContain(denied);
  });
});
