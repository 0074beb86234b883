/**
 * SES's mailbox simulator, locally. On AWS a mail to `bounce@simulator.amazonses.com` is
 * answered by a hard bounce and one to `complaint@simulator.amazonses.com` by a complaint (a
 * label may follow a `+`: `bounce+grantee-2@…`); tests and demos make an address fail with
 * them, and they behave alike here. The mail is captured as any other (ses-local.ts); its
 * feedback then takes the way SES gives it: through the template's route (the identity's
 * configuration set, its EventBridge destination and event types: template-feedback-route.ts)
 * as SES's event record on the destination's bus — `source` `aws.ses`, `detail-type`
 * `Email Bounced` or `Email Complaint Received` — a moment after the mail, on the stack's
 * clock (SES answers SendEmail first; a test moves its clock past {@link SIMULATOR_FEEDBACK_DELAY_MS}).
 *
 * Unlike AWS: only the bounce and complaint addresses answer (`success@`, `ooto@`,
 * `suppressionlist@` are plain mails); the record carries no headers.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../stepfunctions/clock.js';
import type { ServiceEvent } from '../eventbridge-local.js';
import type { CapturedEmail } from '../ses-local.js';
import type { SesFeedbackRoute } from './template-feedback-route.js';

/** How long after the mail SES's simulated feedback comes (on the stack's clock). */
export const SIMULATOR_FEEDBACK_DELAY_MS = 1_000;

/** The simulator addresses that answer with feedback, and the feedback each gives. */
const SIMULATOR_ADDRESS = /^(bounce|complaint)(\+[^@]*)?@simulator\.amazonses\.com$/i;

/** What SES answers a mail to `address` with: a bounce, a complaint, or nothing (not a simulator address). */
export function simulatorFeedbackOf(address: string): 'bounce' | 'complaint' | undefined {
  const kind = SIMULATOR_ADDRESS.exec(address.trim())?.[1]?.toLowerCase();
  return kind === 'bounce' || kind === 'complaint' ? kind : undefined;
}

export interface SimulatorContext {
  readonly account: string;
  readonly region: string;
  /** When the feedback is sent. */
  readonly at: Date;
  readonly newId?: () => string;
}

/**
 * The events SES puts on the route's bus for `mail`: one bounce naming every bounce address
 * it was sent to, one complaint naming every complaint address — each only if the route
 * publishes its type and the mail went out from the route's domain.
 */
export function simulatorFeedbackEvents(mail: CapturedEmail, route: SesFeedbackRoute, context: SimulatorContext): ServiceEvent[] {
  const fromDomain = mail.from.split('@').at(-1)?.replace(/>$/, '').toLowerCase();
  if (fromDomain !== route.domain) return [];
  const recipients = [...mail.to, ...mail.cc, ...mail.bcc];
  const newId = context.newId ?? randomUUID;
  const timestamp = context.at.toISOString();
  const record = {
    timestamp: mail.at.toISOString(),
    source: mail.from,
    sourceArn: `arn:aws:ses:${context.region}:${context.account}:identity/${route.domain}`,
    sendingAccountId: context.account,
    messageId: mail.messageId,
    destination: recipients,
    tags: {
      'ses:configuration-set': [route.configurationSetName],
      'ses:from-domain': [route.domain],
      'ses:source-ip': ['127.0.0.1'],
      'ses:caller-identity': ['local'],
    },
  };
  const bounced = recipients.filter((address) => simulatorFeedbackOf(address) === 'bounce');
  const complained = recipients.filter((address) => simulatorFeedbackOf(address) === 'complaint');
  const events: ServiceEvent[] = [];
  if (bounced.length > 0 && route.eventTypes.has('bounce')) {
    events.push({
      eventBusName: route.eventBusName,
      source: 'aws.ses',
      detailType: 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        bounce: {
          feedbackId: `${newId()}-000000`,
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: bounced.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' })),
          timestamp,
          reportingMTA: 'dns; amazonses.com',
        },
        mail: record,
      },
    });
  }
  if (complained.length > 0 && route.eventTypes.has('complaint')) {
    events.push({
      eventBusName: route.eventBusName,
      source: 'aws.ses',
      detailType: 'Email Complaint Received',
      detail: {
        eventType: 'Complaint',
        complaint: {
          feedbackId: `${newId()}-000000`,
          complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
          timestamp,
          userAgent: 'Amazon SES Mailbox Simulator',
          complaintFeedbackType: 'abuse',
          arrivalDate: timestamp,
        },
        mail: record,
      },
    });
  }
  return events;
}

export interface MailboxSimulatorOptions {
  /** The template's feedback routes (readTemplateFeedbackRoutes). */
  readonly routes: readonly SesFeedbackRoute[];
  readonly clock: Clock;
  readonly account: string;
  readonly region: string;
  /** Puts the feedback on its bus as SES does (EventBridgeLocal.putServiceEvents). */
  readonly publish: (events: readonly ServiceEvent[]) => Promise<void>;
  /** Where feedback that could not be put is reported. @default console.error */
  readonly onError?: (message: string, error: unknown) => void;
}

export interface MailboxSimulator {
  /** Given each mail SES accepted (SesLocalOptions.onAccepted): schedules the feedback a simulator address gets. */
  accepted(mails: readonly CapturedEmail[]): void;
  /** Drops the feedback not sent yet. */
  stop(): void;
}

export function startMailboxSimulator(options: MailboxSimulatorOptions): MailboxSimulator {
  const onError = options.onError ?? ((message: string, error: unknown) => console.error(message, error));
  const pending = new Set<TimerHandle>();
  let stopped = false;
  return {
    accepted(mails) {
      if (stopped) return;
      for (const mail of mails) {
        if (![...mail.to, ...mail.cc, ...mail.bcc].some((address) => simulatorFeedbackOf(address))) continue;
        const timer: TimerHandle = options.clock.setTimer(options.clock.now() + SIMULATOR_FEEDBACK_DELAY_MS, () => {
          pending.delete(timer);
          const at = new Date(options.clock.now());
          const events = options.routes.flatMap((route) => simulatorFeedbackEvents(mail, route, { account: options.account, region: options.region, at }));
          if (events.length > 0) options.publish(events).catch((error: unknown) => onError(`[ses] feedback on ${mail.messageId} was not put on its bus`, error));
        });
        pending.add(timer);
      }
    },
    stop() {
      stopped = true;
      for (const timer of pending) timer.cancel();
      pending.clear();
    },
  };
}
