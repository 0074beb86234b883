/**
 * Outgoing e-mail: the SES identity of the sender's domain (signing requests, reminders,
 * activation links), its DKIM records as outputs, the configuration set every message from it
 * goes through, and the way back of SES's feedback: bounces and complaints, published by the
 * configuration set to the account's default event bus, where a rule hands this configuration
 * set's to the MailFeedback function (functions/mail-feedback/).
 */
import { ArnFormat, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ProductError } from '../../functions/errors/product-error.js';
import { SES_EVENT_SOURCE, SES_FEEDBACK_DETAIL_TYPES } from '../../functions/mail-feedback/ses-feedback-event.js';

/** The stack outputs of the three DKIM records are `MailDkimRecord1`, `…2`, `…3`, each `<name> CNAME <value>`. */
export const DKIM_OUTPUT_PREFIX = 'MailDkimRecord';

/** The bus SES publishes a configuration set's events to: an account's default bus, the only one it can. */
export const SES_EVENT_BUS_NAME = 'default';

/** The configuration set's tag SES adds to each event of a mail sent through it. */
export const CONFIGURATION_SET_TAG = 'ses:configuration-set';

/** How often EventBridge tries to invoke MailFeedback (throttled, unavailable), and for how long. */
const FEEDBACK_INVOKE_RETRY_ATTEMPTS = 20;
const FEEDBACK_INVOKE_MAX_EVENT_AGE = Duration.hours(24);

/** How often Lambda runs a recording again that failed (the mail's lookup not written yet, a passing fault), and for how long. */
export const FEEDBACK_RETRY_ATTEMPTS = 2;
export const FEEDBACK_MAX_EVENT_AGE = Duration.hours(6);

export interface MailProps {
  /** The sender address, e.g. `no-reply@portal-access.example.be`; its domain is verified with DKIM. */
  readonly mailFrom: string;
  /** The configuration set's name (infra/stage-names.ts). @default a name CloudFormation generates */
  readonly configurationSetName?: string;
}

/** Thrown when the configured sender is not an e-mail address. */
/** A build-time refusal: its message names what to change. */
export class InvalidMailFromError extends ProductError<Record<string, never>> {
  override readonly name = 'InvalidMailFromError';
  constructor(message: string) {
    super(message, {});
  }
}

export class Mail extends Construct {
  readonly mailFrom: string;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** The configuration set's name: as the stage names it, else CloudFormation's. */
  readonly configurationSetName: string;
  /** What `ses:SendEmail` must be allowed on: the identity and the configuration set. */
  readonly sendEmailResourceArns: readonly string[];

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const domain = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(props.mailFrom)?.[1];
    if (!domain) throw new InvalidMailFromError(`mailFrom must be an e-mail address, got "${props.mailFrom}"`);
    this.mailFrom = props.mailFrom;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      ...(props.configurationSetName ? { configurationSetName: props.configurationSetName } : {}),
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetName = props.configurationSetName ?? this.configurationSet.configurationSetName;
    // A domain identity lets any address of the domain send; its default configuration set
    // applies to every message, so the functions need not name it.
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(domain),
      configurationSet: this.configurationSet,
    });

    this.sendEmailResourceArns = [
      this.identity.emailIdentityArn,
      Stack.of(this).formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    ];

    // The DKIM records to publish in the domain's DNS before SES sends anything.
    const dkimRecords = [
      [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
      [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
      [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
    ];
    dkimRecords.forEach(([name, value], index) => {
      const output = new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM record ${index + 1} of ${domain}`,
        value: `${name} CNAME ${value}`,
      });
      // Named as docs/deploy.md names them, without the hash CDK would add.
      output.overrideLogicalId(`${DKIM_OUTPUT_PREFIX}${index + 1}`);
    });
  }

  /**
   * Hands SES's bounces and complaints on this configuration set's mails to `recorder`
   * (MailFeedback): the configuration set publishes them to the default bus, and a rule there
   * takes those of this configuration set (other senders of the account may publish there too)
   * and invokes the function asynchronously; Lambda runs a failed recording again
   * ({@link FEEDBACK_RETRY_ATTEMPTS} times, within {@link FEEDBACK_MAX_EVENT_AGE}).
   */
  deliverFeedbackTo(recorder: lambda.IFunction): events.Rule {
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', SES_EVENT_BUS_NAME);
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.eventBus(defaultBus),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    recorder.configureAsyncInvoke({ retryAttempts: FEEDBACK_RETRY_ATTEMPTS, maxEventAge: FEEDBACK_MAX_EVENT_AGE });
    return new events.Rule(this, 'Feedback', {
      eventBus: defaultBus,
      description: "SES's bounces and complaints on the portal-access mails to MailFeedback, which records them on the request.",
      eventPattern: {
        source: [SES_EVENT_SOURCE],
        detailType: [SES_FEEDBACK_DETAIL_TYPES.bounce, SES_FEEDBACK_DETAIL_TYPES.complaint],
        // The name as written when the stage names it (infra/stage-names.ts): a literal the local bus can match too.
        detail: { mail: { tags: { [CONFIGURATION_SET_TAG]: [this.configurationSetName] } } },
      },
      targets: [new targets.LambdaFunction(recorder, { retryAttempts: FEEDBACK_INVOKE_RETRY_ATTEMPTS, maxEventAge: FEEDBACK_INVOKE_MAX_EVENT_AGE })],
    });
  }
}
