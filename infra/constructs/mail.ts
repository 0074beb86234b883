/**
 * Outgoing e-mail: the SES identity of the sender's domain (signing requests, reminders,
 * activation links) and the configuration set every message from it goes through.
 */
import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ProductError } from '../../functions/errors/product-error.js';

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
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM record ${index + 1} of ${domain}`,
        value: `${name} CNAME ${value}`,
      });
    });
  }
}
