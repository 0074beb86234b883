/**
 * Someone must hear when the product goes wrong in operation: a request's workflow fails or
 * times out, a function keeps failing or is throttled, or SES is about to stop the product's
 * mail for bounces or complaints. Every alarm goes to one SNS topic, encrypted with a key of
 * its own; the topic's policy and the key's policy both let CloudWatch (this account's
 * alarms only) publish, since a topic policy replaces SNS's default one.
 */
import { ArnFormat, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Who publishes alarm notifications. */
const CLOUDWATCH = new iam.ServicePrincipal('cloudwatch.amazonaws.com');

/** How long one datapoint of an execution or function alarm covers. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * A function alarms on its `Errors` when it failed in this many of the last
 * {@link FUNCTION_ERROR_EVALUATION_PERIODS} periods. A passing fault (a throttled table, a
 * 5xx) fails a step for seconds, within one period, and the workflow's Retry heals it; a
 * broken function or a service down keeps failing, period after period.
 */
export const FUNCTION_ERROR_DATAPOINTS = 2;
export const FUNCTION_ERROR_EVALUATION_PERIODS = 3;

/**
 * SES puts an account under review at a bounce rate of 5 % and may pause its sending at 10 %;
 * at 5 % someone must look at the addresses brokers enter before SES does.
 */
export const SES_BOUNCE_RATE_THRESHOLD = 0.05;

/** SES puts an account under review at a complaint rate of 0.1 % (and may pause it at 0.5 %). */
export const SES_COMPLAINT_RATE_THRESHOLD = 0.001;

/** SES computes its reputation rates over its own long window; an hour's maximum follows them closely enough. */
export const SES_REPUTATION_PERIOD = Duration.hours(1);

export interface WorkflowAlarmsProps {
  readonly stateMachine: sfn.IStateMachine;
  /**
   * Every function of the catalog, by id: each gets its own Errors and Throttles alarm, which
   * names it. (One alarm over all of them would need a metric math expression, and an alarm's
   * expression takes at most 10 metrics; the catalog has more functions than that. One alarm a
   * function also says at once which one fails, for about $0.10 a month each.)
   */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** An address subscribed to the alarm topic. @default none: subscribe later */
  readonly alarmEmail?: string;
  readonly keyRemovalPolicy?: RemovalPolicy;
}

export class WorkflowAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly executionsFailed: cloudwatch.Alarm;
  readonly executionsTimedOut: cloudwatch.Alarm;
  /** By function id: its Errors and its Throttles alarm. */
  readonly functionAlarms: Readonly<Record<string, { readonly errors: cloudwatch.Alarm; readonly throttles: cloudwatch.Alarm }>>;
  readonly sesBounceRate: cloudwatch.Alarm;
  readonly sesComplaintRate: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: WorkflowAlarmsProps) {
    super(scope, id);
    this.topic = this.alarmTopic(props);
    const action = new actions.SnsAction(this.topic);
    const alarm = (alarmId: string, alarmProps: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, alarmProps);
      created.addAlarmAction(action);
      return created;
    };
    const atLeastOnce = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;
    const sum = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM };

    this.executionsFailed = alarm('ExecutionsFailed', {
      alarmDescription: 'An access request workflow failed: RecordFailure recorded the error on the request.',
      metric: props.stateMachine.metricFailed(sum),
      ...atLeastOnce,
    });
    this.executionsTimedOut = alarm('ExecutionsTimedOut', {
      alarmDescription: 'An access request workflow timed out as a whole: it outlived every wait it has (workflows/workflow-timing.ts), so it was stuck.',
      metric: props.stateMachine.metricTimedOut(sum),
      ...atLeastOnce,
    });

    this.functionAlarms = Object.fromEntries(
      Object.entries(props.functions).map(([functionId, fn]) => [
        functionId,
        {
          errors: alarm(`${functionId}Errors`, {
            alarmDescription: `The function ${functionId} failed in ${FUNCTION_ERROR_DATAPOINTS} of the last ${FUNCTION_ERROR_EVALUATION_PERIODS} periods of ${ALARM_PERIOD.toMinutes()} minutes: more than a passing fault.`,
            metric: fn.metricErrors(sum),
            ...atLeastOnce,
            evaluationPeriods: FUNCTION_ERROR_EVALUATION_PERIODS,
            datapointsToAlarm: FUNCTION_ERROR_DATAPOINTS,
          }),
          throttles: alarm(`${functionId}Throttles`, {
            alarmDescription: `Lambda throttled the function ${functionId}: the account's concurrency ran out (callers got 429 or 500, the workflow retried).`,
            metric: fn.metricThrottles(sum),
            ...atLeastOnce,
          }),
        },
      ]),
    );

    // Account-level reputation (no dimension): the rates SES itself judges the account by.
    const reputation = (metricName: string): cloudwatch.Metric =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: SES_REPUTATION_PERIOD, statistic: cloudwatch.Stats.MAXIMUM });
    const aboveRate = {
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;
    this.sesBounceRate = alarm('SesBounceRate', {
      alarmDescription: 'SES bounce rate above 5 %: SES reviews the account there and may pause its mail (signing and activation links) at 10 %.',
      metric: reputation('Reputation.BounceRate'),
      threshold: SES_BOUNCE_RATE_THRESHOLD,
      ...aboveRate,
    });
    this.sesComplaintRate = alarm('SesComplaintRate', {
      alarmDescription: 'SES complaint rate above 0.1 %: SES reviews the account there and may pause its mail at 0.5 %.',
      metric: reputation('Reputation.ComplaintRate'),
      threshold: SES_COMPLAINT_RATE_THRESHOLD,
      ...aboveRate,
    });
  }

  /**
   * The encrypted topic. Its policy (which replaces SNS's default) allows CloudWatch to publish
   * for this account's alarms alone (aws:SourceAccount, aws:SourceArn against the confused
   * deputy) and refuses publishing without TLS; the key lets CloudWatch encrypt for it.
   */
  private alarmTopic(props: WorkflowAlarmsProps): sns.Topic {
    const stack = Stack.of(this);
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the portal-access alarm topic.',
      enableKeyRotation: true,
      ...(props.keyRemovalPolicy ? { removalPolicy: props.keyRemovalPolicy } : {}),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToEncryptForTheTopic',
        principals: [CLOUDWATCH],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromThisAccount,
      }),
    );
    const topic = new sns.Topic(this, 'Topic', {
      displayName: 'Portal access requests: alarms',
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [CLOUDWATCH],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          ...fromThisAccount,
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    if (props.alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    return topic;
  }
}
