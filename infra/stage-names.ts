/**
 * Every physical name the stack chooses, derived from its stage, so that two stages live side
 * by side in one account and region, and a stage deployed again after `cdk destroy` finds no
 * leftover of itself in its way. Everything else is named by CloudFormation (stack name,
 * logical id and a random suffix): tables, buckets, functions, roles, log groups, topics.
 *
 * What outlives the stack (RemovalPolicy.RETAIN) has a generated name, or one that ends with
 * the id of the stack's creation (the workflow's log group, workflows/access-request-workflow.ts).
 */
import { accessRequestStateMachineName } from '../workflows/access-request-workflow.js';

/** The stack's id and name: `cdk deploy PortalAccess-<stage>`. */
export function portalAccessStackId(stage: string): string {
  return `PortalAccess-${stage}`;
}

export interface StageNames {
  /** The stack (CloudFormation stack name = construct id). */
  readonly stackId: string;
  /** The Standard state machine; STATE_MACHINE_ARN is built from it. */
  readonly stateMachineName: string;
  /** The HTTP API's name (API Gateway does not require it unique; operators read it). */
  readonly httpApiName: string;
  /**
   * The user pool's Cognito domain prefix, unless the stage's `identity.domainPrefix` names one:
   * unique in the region among all AWS accounts, so a taken one is refused at deployment.
   */
  readonly cognitoDomainPrefix: string;
  /** The SES configuration set every message goes through (unique per account and region). */
  readonly configurationSetName: string;
  /** The alias of the HMAC key of list cursors. */
  readonly macKeyAlias: string;
  /** The alias of the seal key (the key is retained; the alias goes with the stack). */
  readonly sealKeyAlias: string;
  /** The signing service's API key (Secrets Manager; CloudFormation deletes it without a recovery window). */
  readonly signingServiceApiKeySecretName: string;
  /** The signing service's callback secret. */
  readonly signingCallbackSecretName: string;
  /** The product's EventBridge bus (docs/events.md). */
  readonly eventBusName: string;
  /** The key each broker's webhook secret is derived from (Secrets Manager). */
  readonly webhookSigningKeySecretName: string;
}

/** The physical names of stage `stage`. */
export function stageNames(stage: string): StageNames {
  return {
    stackId: portalAccessStackId(stage),
    stateMachineName: accessRequestStateMachineName(stage),
    httpApiName: `portal-access-${stage}`,
    cognitoDomainPrefix: `portal-access-${stage}`,
    configurationSetName: `portal-access-${stage}`,
    macKeyAlias: `alias/portal-access-${stage}/mac-key`,
    sealKeyAlias: `alias/portal-access-${stage}/seal-key`,
    signingServiceApiKeySecretName: `portal-access/${stage}/signing-service-api-key`,
    signingCallbackSecretName: `portal-access/${stage}/signing-callback-secret`,
    eventBusName: `portal-access-${stage}`,
    webhookSigningKeySecretName: `portal-access/${stage}/webhook-signing-key`,
  };
}
