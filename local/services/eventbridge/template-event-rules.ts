/**
 * The event buses of a synthesized template (`AWS::Events::EventBus`) and the rules that route
 * their events (`AWS::Events::Rule` with an `EventPattern`) to Lambda functions, with how often
 * Lambda runs a failed asynchronous invocation again (`AWS::Lambda::EventInvokeConfig`), so the
 * local bus routes what the deployed one routes. Scheduled rules are the local scheduler's
 * (template-schedules.ts). Pure: no AWS call, no I/O.
 */
import { LocalStackError } from '../../local-stack-error.js';
import { isObject, type Json } from '../kms/json-object.js';
import { resourceProperties, templateResources } from '../template-resources.js';
import { assertSupportedPattern } from './event-pattern.js';

/** Lambda's own default for an asynchronous invocation without EventInvokeConfig. */
const LAMBDA_DEFAULT_RETRY_ATTEMPTS = 2;

/** The bus every account has, which a rule without `EventBusName` is on. */
export const DEFAULT_EVENT_BUS = 'default';

export interface TemplateEventBus {
  readonly logicalId: string;
  readonly name: string;
}

export interface TemplateEventRule {
  readonly logicalId: string;
  /** The bus's name. */
  readonly eventBusName: string;
  readonly eventPattern: Json;
  /** The targeted functions: construct path, and how often Lambda runs a failed invocation again. */
  readonly targets: readonly { readonly logicalId: string; readonly cdkPath: string | undefined; readonly retryAttempts: number }[];
}

export class TemplateEventRuleError extends LocalStackError {
  override readonly name = 'TemplateEventRuleError';
}

/** The template's buses, each with its literal `Name`. */
export function readTemplateEventBuses(template: unknown): TemplateEventBus[] {
  return Object.entries(templateResources(template)).flatMap(([logicalId, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::Events::EventBus') return [];
    const name = resourceProperties(resource)['Name'];
    if (typeof name !== 'string') throw new TemplateEventRuleError(`${logicalId}.Name: only a literal bus name is served locally`);
    return [{ logicalId, name }];
  });
}

/** The template's enabled pattern rules and their Lambda targets. */
export function readTemplateEventRules(template: unknown): TemplateEventRule[] {
  const resources = templateResources(template);
  const buses = new Map(readTemplateEventBuses(template).map((bus) => [bus.logicalId, bus.name]));
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::Events::Rule') return [];
    const properties = resourceProperties(resource);
    if (properties['EventPattern'] === undefined || properties['State'] === 'DISABLED') return [];
    const eventPattern = properties['EventPattern'];
    assertSupportedPattern(eventPattern, `${logicalId}.EventPattern`);
    return [
      {
        logicalId,
        eventBusName: busNameOf(logicalId, properties['EventBusName'], buses),
        eventPattern: eventPattern as Json,
        targets: (Array.isArray(properties['Targets']) ? properties['Targets'] : []).map((target, index) => {
          const functionId = functionTargetOf(target);
          const fn = functionId ? resources[functionId] : undefined;
          if (!functionId || !isObject(fn) || fn['Type'] !== 'AWS::Lambda::Function') {
            throw new TemplateEventRuleError(`${logicalId}.Targets.${index}: only Lambda function targets (Fn::GetAtt [fn, Arn]) are invoked locally`);
          }
          const metadata = isObject(fn['Metadata']) ? fn['Metadata'] : {};
          const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
          return { logicalId: functionId, cdkPath, retryAttempts: retryAttemptsOf(resources, functionId) };
        }),
      },
    ];
  });
}

function busNameOf(ruleId: string, value: unknown, buses: ReadonlyMap<string, string>): string {
  if (value === undefined) return DEFAULT_EVENT_BUS;
  if (typeof value === 'string') return value;
  const ref = isObject(value) ? value['Ref'] : undefined;
  const name = typeof ref === 'string' ? buses.get(ref) : undefined;
  if (name === undefined) throw new TemplateEventRuleError(`${ruleId}.EventBusName: only a literal name or a Ref to a bus of the template is served locally`);
  return name;
}

function functionTargetOf(target: unknown): string | undefined {
  const arn = isObject(target) ? target['Arn'] : undefined;
  const getAtt = isObject(arn) ? arn['Fn::GetAtt'] : undefined;
  return Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

function retryAttemptsOf(resources: Json, functionId: string): number {
  for (const resource of Object.values(resources)) {
    if (!isObject(resource) || resource['Type'] !== 'AWS::Lambda::EventInvokeConfig') continue;
    const properties = resourceProperties(resource);
    const name = properties['FunctionName'];
    if (isObject(name) && name['Ref'] === functionId && typeof properties['MaximumRetryAttempts'] === 'number') return properties['MaximumRetryAttempts'];
  }
  return LAMBDA_DEFAULT_RETRY_ATTEMPTS;
}
