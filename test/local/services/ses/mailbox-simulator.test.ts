import { describe, expect, it } from 'vitest';
import { mailFeedbackOf } from '../../../../functions/mail-feedback/ses-feedback-event.js';
import { simulatorFeedbackEvents, simulatorFeedbackOf } from '../../../../local/services/ses/mailbox-simulator.js';
import { readTemplateFeedbackRoutes, TemplateFeedbackRouteError, type SesFeedbackRoute } from '../../../../local/services/ses/template-feedback-route.js';
import type { CapturedEmail } from '../../../../local/services/ses-local.js';

const ROUTE: SesFeedbackRoute = { domain: 'portal-access.test', configurationSetName: 'portal-access-test', eventBusName: 'default', eventTypes: new Set(['bounce', 'complaint']) };
const CONTEXT = { account: '000000000000', region: 'eu-west-1', at: new Date('2026-11-28T10:00:02.000Z'), newId: () => 'feedback-1' };

function mailTo(...to: string[]): CapturedEmail {
  return { messageId: 'ses-123456789', from: 'no-reply@portal-access.test', to, cc: [], bcc: [], replyTo: [], subject: 'Activeer uw toegang', text: 'x', html: '<p>x</p>', attachments: [], at: new Date('2026-11-28T10:00:01.000Z') };
}

/** The template's mail resources as CDK synthesizes them (infra/constructs/mail.ts). */
function mailTemplate(destination: Record<string, unknown>): Record<string, unknown> {
  return {
    Resources: {
      Set: { Type: 'AWS::SES::ConfigurationSet', Properties: { Name: 'portal-access-test' } },
      Identity: { Type: 'AWS::SES::EmailIdentity', Properties: { EmailIdentity: 'portal-access.test', ConfigurationSetAttributes: { ConfigurationSetName: { Ref: 'Set' } } } },
      Feedback: { Type: 'AWS::SES::ConfigurationSetEventDestination', Properties: { ConfigurationSetName: { Ref: 'Set' }, EventDestination: destination } },
    },
  };
}

const DEFAULT_BUS_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:', { Ref: 'AWS::AccountId' }, ':event-bus/default']] };

describe("SES's mailbox simulator, locally", () => {
  it.each([
    ['bounce@simulator.amazonses.com', 'bounce'],
    ['bounce+grantee-2@simulator.amazonses.com', 'bounce'],
    ['Complaint@Simulator.AmazonSES.com', 'complaint'],
    ['complaint+x@simulator.amazonses.com', 'complaint'],
    ['success@simulator.amazonses.com', undefined],
    ['bounce@example.be', undefined],
    ['bounce@simulator.amazonses.com.example.be', undefined],
  ])('answers %s with %s', (address, feedback) => {
    expect(simulatorFeedbackOf(address)).toBe(feedback);
  });

  it("answers a mail to the bounce address with SES's bounce record, which MailFeedback reads", () => {
    const [event, ...others] = simulatorFeedbackEvents(mailTo('bounce@simulator.amazonses.com'), ROUTE, CONTEXT);
    expect(others).toEqual([]);
    expect(event).toMatchObject({ eventBusName: 'default', source: 'aws.ses', detailType: 'Email Bounced' });
    expect(event?.detail).toMatchObject({
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com', action: 'failed' }], timestamp: '2026-11-28T10:00:02.000Z' },
      mail: { messageId: 'ses-123456789', timestamp: '2026-11-28T10:00:01.000Z', tags: { 'ses:configuration-set': ['portal-access-test'] } },
    });
    expect(mailFeedbackOf({ source: event?.source, 'detail-type': event?.detailType, detail: event?.detail })).toEqual({
      kind: 'bounce',
      messageId: 'ses-123456789',
      mailSentAt: '2026-11-28T10:00:01.000Z',
      bounceType: 'permanent',
    });
  });

  it("answers a mail to the complaint address with SES's complaint record", () => {
    const [event] = simulatorFeedbackEvents(mailTo('complaint+label@simulator.amazonses.com'), ROUTE, CONTEXT);
    expect(event).toMatchObject({ source: 'aws.ses', detailType: 'Email Complaint Received', detail: { eventType: 'Complaint', complaint: { complaintFeedbackType: 'abuse' } } });
    expect(mailFeedbackOf({ source: event?.source, 'detail-type': event?.detailType, detail: event?.detail })).toMatchObject({ kind: 'complaint', messageId: 'ses-123456789' });
  });

  it('gives no feedback on an ordinary address, on a type the destination does not publish, or from another domain', () => {
    expect(simulatorFeedbackEvents(mailTo('francoise.lefevre@example.be'), ROUTE, CONTEXT)).toEqual([]);
    expect(simulatorFeedbackEvents(mailTo('complaint@simulator.amazonses.com'), { ...ROUTE, eventTypes: new Set(['bounce']) }, CONTEXT)).toEqual([]);
    expect(simulatorFeedbackEvents({ ...mailTo('bounce@simulator.amazonses.com'), from: 'no-reply@elsewhere.test' }, ROUTE, CONTEXT)).toEqual([]);
  });

  it("reads the feedback's way from the template: the identity's configuration set and its EventBridge destination", () => {
    const routes = readTemplateFeedbackRoutes(mailTemplate({ Enabled: true, EventBridgeDestination: { EventBusArn: DEFAULT_BUS_ARN }, MatchingEventTypes: ['bounce', 'complaint'] }));
    expect(routes).toEqual([{ domain: 'portal-access.test', configurationSetName: 'portal-access-test', eventBusName: 'default', eventTypes: new Set(['bounce', 'complaint']) }]);
  });

  it('finds no way for feedback when the destination is disabled or is not EventBridge (SES sends none either)', () => {
    expect(readTemplateFeedbackRoutes(mailTemplate({ Enabled: false, EventBridgeDestination: { EventBusArn: DEFAULT_BUS_ARN }, MatchingEventTypes: ['bounce'] }))).toEqual([]);
    expect(readTemplateFeedbackRoutes(mailTemplate({ Enabled: true, SnsDestination: { TopicARN: 'arn:aws:sns:eu-west-1:0:t' }, MatchingEventTypes: ['bounce'] }))).toEqual([]);
  });

  it('refuses a destination whose bus it cannot tell', () => {
    expect(() => readTemplateFeedbackRoutes(mailTemplate({ EventBridgeDestination: { EventBusArn: { 'Fn::ImportValue': 'bus' } }, MatchingEventTypes: ['bounce'] }))).toThrow(TemplateFeedbackRouteError);
  });
});
