/**
 * Reasoned cdk-nag acknowledgements. cdk-nag 3 reads CDK's own `Validations.of(scope)
 * .acknowledge()`; a wildcard finding is acknowledged one by one, by the exact text cdk-nag
 * shows for it, e.g. `AwsSolutions-IAM5[Resource::<DataTable1234.Arn>/index/*]`.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ProductError } from '../../functions/errors/product-error.js';

/** Shorter reasons say nothing; the nag test asserts the same bound on the template. */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 20;

/** Thrown when an acknowledgement's reason is too short to explain anything. */
/** A build-time refusal: its message names what to change. */
export class UnreasonedAcknowledgementError extends ProductError<Record<string, never>> {
  override readonly name = 'UnreasonedAcknowledgementError';
  constructor(message: string) {
    super(message, {});
  }
}

/** Acknowledges the cdk-nag rule (or finding) `id` on `scope` and everything below it. */
export function acknowledgeNagRule(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH) {
    throw new UnreasonedAcknowledgementError(
      `${scope.node.path}: the reason for ${id} must say why, in at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters`,
    );
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges AwsSolutions-IAM5 for one wildcard resource of a policy under `scope`;
 * `resource` is the ARN as written in the policy (tokens allowed).
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const flat = flattenForNag(Stack.of(scope).resolve(resource));
  acknowledgeNagRule(scope, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
}

/** Acknowledges AwsSolutions-IAM5 for one wildcard action, e.g. `s3:GetObject*`. */
export function acknowledgeWildcardAction(scope: IConstruct, action: string, reason: string): void {
  acknowledgeNagRule(scope, `AwsSolutions-IAM5[Action::${action}]`, reason);
}

/** Renders a resolved CloudFormation value the way cdk-nag names it in a finding. */
function flattenForNag(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if (Array.isArray(node['Fn::Join'])) {
      const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
      return items.map(flattenForNag).join(delimiter);
    }
    if (node['Fn::Sub'] !== undefined) return flattenForNag(node['Fn::Sub']);
    if (Array.isArray(node['Fn::GetAtt'])) {
      const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenForNag(resource)}.${flattenForNag(attribute)}>`;
    }
    if (node['Fn::ImportValue'] !== undefined) return flattenForNag(node['Fn::ImportValue']);
    if (node.Ref !== undefined) return `<${flattenForNag(node.Ref)}>`;
  }
  return JSON.stringify(value);
}
