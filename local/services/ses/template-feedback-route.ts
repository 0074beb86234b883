/**
 * Where SES sends its feedback on the product's mails, read from the synthesized template as SES
 * reads its configuration: the domain identity (`AWS::SES::EmailIdentity`) and its default
 * configuration set, and that set's enabled EventBridge destination
 * (`AWS::SES::ConfigurationSetEventDestination`) with the event types it publishes. No such
 * destination, no feedback: SES sends none either. Pure: no I/O.
 */
import { LocalStackError } from '../../local-stack-error.js';
import { isObject } from '../kms/json-object.js';
import { resourceProperties, templateResources } from '../template-resources.js';

/** The way SES's feedback on a mail from `domain` takes. */
export interface SesFeedbackRoute {
  /** The identity's domain: the sender's address must be of it. */
  readonly domain: string;
  readonly configurationSetName: string;
  /** The bus the destination names (SES publishes to `default` only). */
  readonly eventBusName: string;
  /** The feedback the destination publishes, lower-case (`bounce`, `complaint`, …). */
  readonly eventTypes: ReadonlySet<string>;
}

export class TemplateFeedbackRouteError extends LocalStackError {
  override readonly name = 'TemplateFeedbackRouteError';
}

/** Each feedback route of the template: one per identity whose configuration set has an EventBridge destination. */
export function readTemplateFeedbackRoutes(template: unknown): SesFeedbackRoute[] {
  const resources = templateResources(template);
  const setName = (value: unknown, where: string): string => {
    if (typeof value === 'string') return value;
    const ref = isObject(value) ? value['Ref'] : undefined;
    const name = typeof ref === 'string' ? resourceProperties(resources[ref])['Name'] : undefined;
    if (typeof name !== 'string') throw new TemplateFeedbackRouteError(`${where}: only a literal configuration set name, or a Ref to a set with a literal Name, is served locally`);
    return name;
  };
  const destinations = Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::SES::ConfigurationSetEventDestination') return [];
    const properties = resourceProperties(resource);
    const destination = isObject(properties['EventDestination']) ? properties['EventDestination'] : {};
    if (destination['Enabled'] === false || !isObject(destination['EventBridgeDestination'])) return [];
    const types = Array.isArray(destination['MatchingEventTypes']) ? destination['MatchingEventTypes'].map((type) => String(type).toLowerCase()) : [];
    return [
      {
        configurationSetName: setName(properties['ConfigurationSetName'], `${logicalId}.ConfigurationSetName`),
        eventBusName: busNameOf(destination['EventBridgeDestination']['EventBusArn']),
        eventTypes: new Set(types),
      },
    ];
  });
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::SES::EmailIdentity') return [];
    const properties = resourceProperties(resource);
    const domain = properties['EmailIdentity'];
    const attributes = isObject(properties['ConfigurationSetAttributes']) ? properties['ConfigurationSetAttributes'] : {};
    if (typeof domain !== 'string' || attributes['ConfigurationSetName'] === undefined) return [];
    const configurationSetName = setName(attributes['ConfigurationSetName'], `${logicalId}.ConfigurationSetAttributes.ConfigurationSetName`);
    return destinations.filter((route) => route.configurationSetName === configurationSetName).map((route) => ({ domain: domain.toLowerCase(), ...route }));
  });
}

/** The bus an EventBridge destination names: the end of its ARN (a literal, or the last literal of an `Fn::Join`). */
function busNameOf(arn: unknown): string {
  const join = isObject(arn) && Array.isArray(arn['Fn::Join']) ? arn['Fn::Join'][1] : undefined;
  const text = typeof arn === 'string' ? arn : Array.isArray(join) ? join.filter((part) => typeof part === 'string').join('') : '';
  const name = text.split(':event-bus/')[1];
  if (!name) throw new TemplateFeedbackRouteError(`An EventBridge destination's EventBusArn names no bus: ${JSON.stringify(arn)}`);
  return name;
}
