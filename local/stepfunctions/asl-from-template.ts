/**
 * Turns the state machines of a synthesized CloudFormation template into plain ASL, with
 * fake but well-formed ARNs in place of the intrinsic functions, and tells which Lambda
 * function each ARN stands for (by construct path, since logical ids carry hashes).
 */

/** Where the fake ARNs live. */
export interface FakeAwsEnvironment {
  /** @default 'aws' */
  readonly partition: string;
  /** @default 'eu-west-1' */
  readonly region: string;
  /** @default '000000000000' */
  readonly accountId: string;
}

export const defaultFakeAwsEnvironment: FakeAwsEnvironment = {
  partition: 'aws',
  region: 'eu-west-1',
  accountId: '000000000000',
};

/** A Lambda function of the template, as the caller knows it. */
export interface TemplateFunction {
  readonly logicalId: string;
  /** `aws:cdk:path` metadata, e.g. `PortalAccess-test/Functions/GenerateForm/Function/Resource`; absent when the app was synthesized without path metadata. */
  readonly cdkPath: string | undefined;
}

export interface TemplateStateMachine {
  readonly logicalId: string;
  readonly cdkPath: string | undefined;
  /** `StateMachineName` if the template sets it, else the logical id. */
  readonly name: string;
  readonly arn: string;
  /** The resolved definition, plain ASL. */
  readonly asl: Record<string, unknown>;
  /** Each Lambda function the definition references, keyed by the fake ARN used in the ASL. */
  readonly functions: Record<string, TemplateFunction>;
}

export class TemplateResolutionError extends Error {
  override readonly name = 'TemplateResolutionError';
  constructor(
    message: string,
    readonly fragment?: unknown,
  ) {
    super(message);
  }
}

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

type Resources = Record<string, TemplateResource>;

const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';
const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';

/** The fake ARN a local run gives to the Lambda function with this logical id. */
export function fakeLambdaArn(logicalId: string, env: FakeAwsEnvironment = defaultFakeAwsEnvironment): string {
  return `arn:${env.partition}:lambda:${env.region}:${env.accountId}:function:${logicalId}`;
}

/** Finds every `AWS::StepFunctions::StateMachine` of the template and resolves its definition. */
export function stateMachinesFromTemplate(
  template: object,
  env: FakeAwsEnvironment = defaultFakeAwsEnvironment,
): TemplateStateMachine[] {
  const resources = ((template as { Resources?: Resources }).Resources ?? {}) as Resources;
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === STATE_MACHINE_TYPE)
    .map(([logicalId, resource]) => resolveStateMachine(logicalId, resource, resources, env));
}

function resolveStateMachine(
  logicalId: string,
  resource: TemplateResource,
  resources: Resources,
  env: FakeAwsEnvironment,
): TemplateStateMachine {
  const properties = resource.Properties ?? {};
  const functions: Record<string, TemplateFunction> = {};
  const resolver = new IntrinsicResolver(resources, env, (functionLogicalId, arn) => {
    functions[arn] = { logicalId: functionLogicalId, cdkPath: cdkPathOf(resources[functionLogicalId]) };
  });
  let definitionText: string;
  if (properties.DefinitionString !== undefined) {
    definitionText = asString(resolver.resolve(properties.DefinitionString), 'DefinitionString');
  } else if (properties.Definition !== undefined) {
    definitionText = JSON.stringify(resolver.resolve(properties.Definition));
  } else {
    throw new TemplateResolutionError(`State machine ${logicalId} has neither DefinitionString nor Definition`);
  }
  const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(substitutions)) {
    const resolved = resolver.resolve(value);
    definitionText = definitionText.split('${' + key + '}').join(typeof resolved === 'string' ? resolved : JSON.stringify(resolved));
  }
  let asl: Record<string, unknown>;
  try {
    asl = JSON.parse(definitionText) as Record<string, unknown>;
  } catch (error) {
    throw new TemplateResolutionError(`State machine ${logicalId}: resolved definition is not JSON (${(error as Error).message})`, definitionText);
  }
  // Lambda ARNs written as literals (or reached through a substitution) count as references too.
  collectLiteralLambdaArns(asl, resources, env, functions);
  const name = typeof properties.StateMachineName === 'string' ? properties.StateMachineName : logicalId;
  return {
    logicalId,
    cdkPath: cdkPathOf(resource),
    name,
    arn: `arn:${env.partition}:states:${env.region}:${env.accountId}:stateMachine:${name}`,
    asl,
    functions,
  };
}

function cdkPathOf(resource: TemplateResource | undefined): string | undefined {
  const path = resource?.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TemplateResolutionError(`${what} did not resolve to a string`, value);
  return value;
}

function collectLiteralLambdaArns(
  node: unknown,
  resources: Resources,
  env: FakeAwsEnvironment,
  functions: Record<string, TemplateFunction>,
): void {
  if (typeof node === 'string') {
    const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(node);
    const logicalId = match?.[1];
    if (logicalId && resources[logicalId]?.Type === LAMBDA_FUNCTION_TYPE) {
      const arn = fakeLambdaArn(logicalId, env);
      functions[arn] ??= { logicalId, cdkPath: cdkPathOf(resources[logicalId]) };
    }
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) collectLiteralLambdaArns(item, resources, env, functions);
    return;
  }
  if (node && typeof node === 'object') {
    for (const value of Object.values(node)) collectLiteralLambdaArns(value, resources, env, functions);
  }
}

/** Resolves the intrinsic functions CDK emits in a state machine definition. */
class IntrinsicResolver {
  constructor(
    private readonly resources: Resources,
    private readonly env: FakeAwsEnvironment,
    private readonly onLambdaReference: (logicalId: string, arn: string) => void,
  ) {}

  resolve(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((item) => this.resolve(item));
    if (!node || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
      return this.resolveIntrinsic(key, argument);
    }
    return Object.fromEntries(entries.map(([name, value]) => [name, this.resolve(value)]));
  }

  private resolveIntrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(asString(argument, 'Ref'));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
        return this.getAtt(asString(logicalId, 'Fn::GetAtt logical id'), asString(attribute, 'Fn::GetAtt attribute'));
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown];
        const resolvedParts = this.resolve(parts);
        if (!Array.isArray(resolvedParts)) throw new TemplateResolutionError('Fn::Join needs a list', argument);
        return resolvedParts.map((part) => asString(part, 'Fn::Join part')).join(separator);
      }
      case 'Fn::Sub':
        return this.sub(argument);
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const resolvedList = this.resolve(list);
        if (!Array.isArray(resolvedList)) throw new TemplateResolutionError('Fn::Select needs a list', argument);
        return resolvedList[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [separator, text] = argument as [string, unknown];
        return asString(this.resolve(text), 'Fn::Split text').split(separator);
      }
      default:
        throw new TemplateResolutionError(`Unsupported intrinsic function ${name}`, argument);
    }
  }

  private ref(target: string): string {
    switch (target) {
      case 'AWS::Partition':
        return this.env.partition;
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::AccountId':
        return this.env.accountId;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'LocalStack';
      default:
        break;
    }
    const resource = this.resources[target];
    if (!resource) throw new TemplateResolutionError(`Ref to unknown resource or parameter ${target}`);
    if (resource.Type === LAMBDA_FUNCTION_TYPE) {
      this.onLambdaReference(target, fakeLambdaArn(target, this.env));
      return target; // Ref of a function is its name, which the fake ARN ends with.
    }
    if (resource.Type === STATE_MACHINE_TYPE) return this.arnOf(target, resource);
    return target;
  }

  private getAtt(logicalId: string, attribute: string): string {
    const resource = this.resources[logicalId];
    if (!resource) throw new TemplateResolutionError(`Fn::GetAtt on unknown resource ${logicalId}`);
    if (attribute === 'Arn') return this.arnOf(logicalId, resource);
    if (attribute === 'Name') return logicalId;
    return `${logicalId}.${attribute}`;
  }

  private arnOf(logicalId: string, resource: TemplateResource): string {
    const { partition, region, accountId } = this.env;
    switch (resource.Type) {
      case LAMBDA_FUNCTION_TYPE: {
        const arn = fakeLambdaArn(logicalId, this.env);
        this.onLambdaReference(logicalId, arn);
        return arn;
      }
      case STATE_MACHINE_TYPE:
        return `arn:${partition}:states:${region}:${accountId}:stateMachine:${logicalId}`;
      case 'AWS::DynamoDB::Table':
        return `arn:${partition}:dynamodb:${region}:${accountId}:table/${logicalId}`;
      case 'AWS::S3::Bucket':
        return `arn:${partition}:s3:::${logicalId.toLowerCase()}`;
      case 'AWS::SNS::Topic':
        return `arn:${partition}:sns:${region}:${accountId}:${logicalId}`;
      case 'AWS::SQS::Queue':
        return `arn:${partition}:sqs:${region}:${accountId}:${logicalId}`;
      case 'AWS::IAM::Role':
        return `arn:${partition}:iam::${accountId}:role/${logicalId}`;
      default: {
        const service = (resource.Type ?? 'unknown::unknown').split('::')[1]?.toLowerCase() ?? 'unknown';
        return `arn:${partition}:${service}:${region}:${accountId}:${logicalId}`;
      }
    }
  }

  private sub(argument: unknown): string {
    const [text, variables] = Array.isArray(argument) ? (argument as [string, Record<string, unknown>]) : [argument, {}];
    const values = Object.fromEntries(Object.entries(variables ?? {}).map(([name, value]) => [name, this.resolve(value)]));
    return asString(text, 'Fn::Sub text').replace(/\$\{([^}!][^}]*)\}/g, (_whole, expression: string) => {
      if (expression in values) return asString(values[expression], `Fn::Sub variable ${expression}`);
      const dot = expression.indexOf('.');
      if (dot > 0 && !expression.startsWith('AWS::')) {
        return this.getAtt(expression.slice(0, dot), expression.slice(dot + 1));
      }
      // Left for DefinitionSubstitutions (or reported by the JSON parse) when nothing else names it.
      return expression.startsWith('AWS::') || this.resources[expression] ? this.ref(expression) : `\${${expression}}`;
    }).replace(/\$\{!/g, '${');
  }
}
