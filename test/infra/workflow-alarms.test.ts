/**
 * The alarms reach someone: CloudWatch may publish to the encrypted topic (its policy and its
 * key's policy say so, for this account's alarms only), the state machine times out so that
 * ExecutionsTimedOut can fire at all, and each alarm watches the metric it says, at its
 * threshold, with the topic as its action.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALARM_PERIOD,
  FUNCTION_ERROR_DATAPOINTS,
  FUNCTION_ERROR_EVALUATION_PERIODS,
  SES_BOUNCE_RATE_THRESHOLD,
  SES_COMPLAINT_RATE_THRESHOLD,
  SES_REPUTATION_PERIOD,
} from '../../infra/constructs/workflow-alarms.js';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { stateMachinesFromTemplate } from '../../local/stepfunctions/asl-from-template.js';
import { DEFAULT_WORKFLOW_TIMING, executionTimeoutSeconds, MAX_EXECUTION_SECONDS } from '../../workflows/workflow-timing.js';
import { logicalIdAt, synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any> };

const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];
const FROM_THIS_ACCOUNT = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };

describe('alarms', () => {
  let synthesized: SynthesizedPortalAccess;
  let template: Template;
  let topicId: string;
  let alarms: Record<string, Resource>;

  afterAll(() => synthesized?.cleanUp());

  beforeAll(() => {
    synthesized = synthesizePortalAccess();
    template = synthesized.template;
    topicId = logicalIdAt(template, 'Alarms/Topic');
    alarms = template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
  });

  const alarmAt = (id: string): Record<string, any> => alarms[logicalIdAt(template, `Alarms/${id}`)]!.Properties;

  describe('the topic', () => {
    it("lets CloudWatch publish, for this account's alarms only (aws:SourceAccount, aws:SourceArn), and refuses publishing without TLS", () => {
      const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as Resource[];
      const policy = policies.find((candidate) => JSON.stringify(candidate.Properties.Topics) === JSON.stringify([{ Ref: topicId }]));
      expect(policy).toBeDefined();
      const statements = policy!.Properties.PolicyDocument.Statement as Record<string, any>[];

      const publish = statements.find((statement) => statement.Sid === 'AllowCloudWatchAlarmsToPublish');
      expect(publish).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topicId },
        Condition: FROM_THIS_ACCOUNT,
      });
      // arn:<partition>:cloudwatch:<region>:<this account>:alarm:*
      const sourceArn = JSON.stringify(publish!.Condition.ArnLike['aws:SourceArn']);
      expect(sourceArn).toMatch(/":cloudwatch:[^"]*",\{"Ref":"AWS::AccountId"\},":alarm:\*"/);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it("is encrypted with a rotated key of its own whose policy lets CloudWatch encrypt for it, for this account's alarms only", () => {
      const keyId = logicalIdAt(template, 'Alarms/TopicKey');
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      const key = template.toJSON().Resources[keyId] as Resource;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.Properties.KeyPolicy.Statement).toContainEqual({
        Sid: 'AllowCloudWatchAlarmsToEncryptForTheTopic',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: FROM_THIS_ACCOUNT,
      });
    });
  });

  describe('the state machine', () => {
    it("times an execution out a day after its longest path of waits (239 days), within a Standard execution's year", () => {
      const [machine] = stateMachinesFromTemplate(template.toJSON());

      expect(machine!.asl.TimeoutSeconds).toBe(executionTimeoutSeconds(DEFAULT_WORKFLOW_TIMING));
      expect(machine!.asl.TimeoutSeconds).toBe(239 * 86_400);
      expect(machine!.asl.TimeoutSeconds).toBeLessThanOrEqual(MAX_EXECUTION_SECONDS);
    });
  });

  describe('each alarm', () => {
    it('alarms to the topic, and only to it', () => {
      for (const [id, alarm] of Object.entries(alarms)) {
        expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      }
    });

    it.each(['ExecutionsFailed', 'ExecutionsTimedOut'])('%s: one in 5 minutes on the state machine', (metricName) => {
      const machineId = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
      expect(alarmAt(metricName)).toMatchObject({
        Namespace: 'AWS/States',
        MetricName: metricName,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machineId } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });

    it('one Errors alarm a function, naming it: errors in 2 of the last 3 periods of 5 minutes (a passing fault stays in one)', () => {
      expect([ALARM_PERIOD.toSeconds(), FUNCTION_ERROR_DATAPOINTS, FUNCTION_ERROR_EVALUATION_PERIODS]).toEqual([300, 2, 3]);
      for (const functionId of FUNCTION_IDS) {
        expect(alarmAt(`${functionId}Errors`), functionId).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdAt(template, `Functions/${functionId}/Function`) } }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
        expect(alarmAt(`${functionId}Errors`).AlarmDescription, functionId).toContain(functionId);
      }
    });

    it('one Throttles alarm a function: any throttle in 5 minutes', () => {
      for (const functionId of FUNCTION_IDS) {
        expect(alarmAt(`${functionId}Throttles`), functionId).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: 'Throttles',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdAt(template, `Functions/${functionId}/Function`) } }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          EvaluationPeriods: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });

    it.each([
      ['SesBounceRate', 'Reputation.BounceRate', 0.05, SES_BOUNCE_RATE_THRESHOLD],
      ['SesComplaintRate', 'Reputation.ComplaintRate', 0.001, SES_COMPLAINT_RATE_THRESHOLD],
    ] as const)("%s: the account's %s above %s (SES's review threshold), an hour's maximum", (id, metricName, threshold, constant) => {
      expect(constant).toBe(threshold);
      expect(SES_REPUTATION_PERIOD.toSeconds()).toBe(3600);
      const alarm = alarmAt(id);
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SES',
        MetricName: metricName,
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: threshold,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.Dimensions).toBeUndefined();
    });

    it('and no other: the executions, two a function, the two SES rates', () => {
      expect(Object.keys(alarms)).toHaveLength(2 + 2 * FUNCTION_IDS.length + 2);
    });
  });
});
