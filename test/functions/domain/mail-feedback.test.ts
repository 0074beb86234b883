import { describe, expect, expectTypeOf, it } from 'vitest';
import { chainAuditEntry, GENESIS_HASH, type AuditEntry, type AuditEvent } from '../../../functions/domain/audit-event.js';
import { mailFeedbackEvent, mailTroubleOf, type MailKind, type SentMail } from '../../../functions/domain/mail-feedback.js';
import type { MailKind as TemplateMailKind } from '../../../functions/messages/mail-templates.js';

const AT = '2026-11-28T10:00:00.000Z';
const toGrantee: SentMail = { requestId: 'req_AAAAAAAAAAAAAAAAAAAA', kind: 'activationInvitation', recipient: { grantId: 'g_BBBBBBBBBBBBBBBB' } };
const toRequester: SentMail = { requestId: 'req_AAAAAAAAAAAAAAAAAAAA', kind: 'signatureReminder', recipient: { role: 'requester' } };

/** The entry the trail would keep of `event`, validated by its schema as changeRequest does. */
const recorded = (event: AuditEvent): AuditEntry => chainAuditEntry({ seq: 0, hash: GENESIS_HASH }, AT, 'mailFeedback', event);

describe('mail feedback in the trail (R9, docs/personal-data.md)', () => {
  it('records a bounce against the grant and the mail, with its type', () => {
    const entry = recorded(mailFeedbackEvent(toGrantee, { kind: 'bounce', messageId: 'ses-1', bounceType: 'permanent' }));
    expect(entry.type).toBe('mailBounced');
    expect(entry.details).toEqual({ grantId: 'g_BBBBBBBBBBBBBBBB', mail: 'activationInvitation', bounceType: 'permanent' });
  });

  it('records a complaint against the signer by role', () => {
    const entry = recorded(mailFeedbackEvent(toRequester, { kind: 'complaint', messageId: 'ses-2' }));
    expect(entry.type).toBe('mailComplained');
    expect(entry.details).toEqual({ role: 'requester', mail: 'signatureReminder' });
  });

  it('keeps no address in an entry, even one handed in with the details', () => {
    const event = {
      type: 'mailBounced',
      details: { grantId: 'g_BBBBBBBBBBBBBBBB', mail: 'activationInvitation', bounceType: 'permanent', emailAddress: 'bounce@simulator.amazonses.com', diagnosticCode: 'smtp; 550 5.1.1 <bounce@simulator.amazonses.com> user unknown' },
    } as unknown as AuditEvent;
    const entry = recorded(event);
    expect(entry.details).toEqual({ grantId: 'g_BBBBBBBBBBBBBBBB', mail: 'activationInvitation', bounceType: 'permanent' });
    expect(JSON.stringify(entry)).not.toContain('@');
  });

  it.each([
    ['both a role and a grant', { role: 'requester', grantId: 'g_BBBBBBBBBBBBBBBB', mail: 'signatureInvitation' }],
    ['neither a role nor a grant', { mail: 'signatureInvitation' }],
    ['a mail the product never sends', { role: 'requester', mail: 'newsletter' }],
  ])('refuses a complaint naming %s', (_why, details) => {
    expect(() => recorded({ type: 'mailComplained', details } as never)).toThrow();
  });

  it('refuses a bounce of a type SES does not report', () => {
    expect(() => recorded({ type: 'mailBounced', details: { role: 'requester', mail: 'signatureInvitation', bounceType: 'soft' } } as never)).toThrow();
  });

  it('flags each person whose mail bounced or was marked as spam, and no one else', () => {
    const history = [
      { type: 'submitted', details: { grantees: 2, clientRef: 'C-1' } },
      mailFeedbackEvent(toGrantee, { kind: 'bounce', messageId: 'ses-1', bounceType: 'transient' }),
      mailFeedbackEvent(toGrantee, { kind: 'complaint', messageId: 'ses-1' }),
      mailFeedbackEvent(toRequester, { kind: 'bounce', messageId: 'ses-3', bounceType: 'permanent' }),
    ] as Pick<AuditEntry, 'type' | 'details'>[];
    const trouble = mailTroubleOf(history);
    expect(Object.fromEntries(trouble.byGrant)).toEqual({ g_BBBBBBBBBBBBBBBB: { mailBounced: true, mailComplained: true } });
    expect(Object.fromEntries(trouble.byRole)).toEqual({ requester: { mailBounced: true } });
  });

  it('knows exactly the kinds of mail the templates render', () => {
    expectTypeOf<MailKind>().toEqualTypeOf<TemplateMailKind>();
  });
});
