import { describe, expect, it } from 'vitest';
import { mailFeedbackOf, NotMailFeedback } from '../../../functions/mail-feedback/ses-feedback-event.js';

/** SES's event record on a mail the product sent, as the configuration set puts it on the default bus. */
function sesEvent(detailType: string, detail: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0',
    id: '0b7bc9a5-5e2c-4a64-8d34-ffb4e1b1c0aa',
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: '2026-11-28T10:00:03Z',
    region: 'eu-central-1',
    resources: [],
    detail: {
      ...detail,
      mail: {
        timestamp: '2026-11-28T10:00:01.512Z',
        source: 'no-reply@mail.your-office.be',
        sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/mail.your-office.be',
        sendingAccountId: '123456789012',
        messageId: '0102018f3c1d2e4f-6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d-000000',
        destination: ['francoise.lefevre@example.be'],
        tags: { 'ses:configuration-set': ['portal-access-prod'], 'ses:from-domain': ['mail.your-office.be'] },
      },
    },
  };
}

const bounce = (bounceType: string) =>
  sesEvent('Email Bounced', {
    eventType: 'Bounce',
    bounce: {
      feedbackId: '0102018f3c1d3a11-aaaa-000000',
      bounceType,
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: 'francoise.lefevre@example.be', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 <francoise.lefevre@example.be>: user unknown' }],
      timestamp: '2026-11-28T10:00:02.913Z',
      reportingMTA: 'dsn; a1-23.smtp-out.eu-central-1.amazonses.com',
    },
  });

const complaint = sesEvent('Email Complaint Received', {
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0102018f3c1d3a11-bbbb-000000',
    complainedRecipients: [{ emailAddress: 'francoise.lefevre@example.be' }],
    timestamp: '2026-11-29T08:12:00.000Z',
    complaintFeedbackType: 'abuse',
  },
});

describe("reading SES's feedback on a mail", () => {
  it.each([
    ['Permanent', 'permanent'],
    ['Transient', 'transient'],
    ['Undetermined', 'undetermined'],
  ])('reads a %s bounce as its message id, type and when SES accepted the mail', (sesType, bounceType) => {
    expect(mailFeedbackOf(bounce(sesType))).toEqual({
      kind: 'bounce',
      messageId: '0102018f3c1d2e4f-6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d-000000',
      mailSentAt: '2026-11-28T10:00:01.512Z',
      bounceType,
    });
  });

  it('reads a complaint as its message id', () => {
    expect(mailFeedbackOf(complaint)).toEqual({
      kind: 'complaint',
      messageId: '0102018f3c1d2e4f-6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d-000000',
      mailSentAt: '2026-11-28T10:00:01.512Z',
    });
  });

  it("keeps neither the recipient's address nor the receiving server's diagnostic", () => {
    const kept = JSON.stringify([mailFeedbackOf(bounce('Permanent')), mailFeedbackOf(complaint)]);
    expect(kept).not.toContain('@');
    expect(kept).not.toContain('user unknown');
  });

  it.each([
    ['a delivery', sesEvent('Email Delivered', { eventType: 'Delivery', delivery: {} })],
    ['a product event', { 'detail-type': 'Request Status Changed', source: 'portal-access.requests', detail: { requestId: 'req_1' } }],
    ['a bounce of a type SES does not send', bounce('Soft')],
    ['a bounce without its mail', { ...bounce('Permanent'), detail: { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } } }],
    ['nothing', undefined],
  ])('refuses %s as not SES feedback, naming paths and never values', (_what, event) => {
    let thrown: unknown;
    try {
      mailFeedbackOf(event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotMailFeedback);
    expect(JSON.stringify((thrown as NotMailFeedback).details)).not.toContain('@');
  });
});
