/**
 * Reads the EventBridge schedules out of a synthesized CloudFormation template: each
 * `AWS::Events::Rule` with a `ScheduleExpression` and the Lambda functions it targets, so the
 * local stack runs the same jobs on the same periods as AWS would. Pure: no AWS call, no I/O.
 */
import { LocalStackError } from '../local-stack-error.js';
import { ratePeriodMs } from './local-scheduler.js';

export interface TemplateSchedule {
  readonly logicalId: string;
  readonly expression: string;
  readonly periodMs: number;
  /** The targeted functions: their logical ids and construct paths (`aws:cdk:path`). */
  readonly targets: readonly { readonly logicalId: string; readonly cdkPath: string | undefined }[];
}

export class TemplateScheduleError extends LocalStackError {
  override readonly name = 'TemplateScheduleError';
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readTemplateSchedules(template: unknown): TemplateSchedule[] {
  const resources = isObject(template) && isObject(template['Resources']) ? template['Resources'] : {};
  const schedules: TemplateSchedule[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource['Type'] !== 'AWS::Events::Rule') continue;
    const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
    const expression = properties['ScheduleExpression'];
    if (typeof expression !== 'string') continue;
    if (properties['State'] === 'DISABLED') continue;
    const targets = (Array.isArray(properties['Targets']) ? properties['Targets'] : []).map((target, index) => {
      const arn = isObject(target) ? target['Arn'] : undefined;
      const getAtt = isObject(arn) ? arn['Fn::GetAtt'] : undefined;
      const functionId = Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
      const fn = functionId ? resources[functionId] : undefined;
      if (!functionId || !isObject(fn) || fn['Type'] !== 'AWS::Lambda::Function') {
        throw new TemplateScheduleError(`${logicalId}.Targets.${index}: only Lambda function targets (Fn::GetAtt [fn, Arn]) run locally`);
      }
      const metadata = isObject(fn['Metadata']) ? fn['Metadata'] : {};
      const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
      return { logicalId: functionId, cdkPath };
    });
    schedules.push({ logicalId, expression, periodMs: ratePeriodMs(expression), targets });
  }
  return schedules;
}
