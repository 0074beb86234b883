/**
 * The local stack creates the keys the CDK app declares, under the same logical ids and
 * aliases, so the functions reach the keys they would reach in AWS. Only literal KeySpec,
 * KeyUsage and AliasName values can be read from a synthesized template; anything else is
 * refused by resource and property rather than guessed.
 */
import type { KmsLocal } from '../kms-local.js';
import { LocalStackError } from '../../local-stack-error.js';
import { checkAliasName } from './key-store.js';
import { KmsApiError } from './kms-errors.js';
import { isObject, type Json } from './json-object.js';

/** A KMS key as a template declares it (see {@link readTemplateKeys}). */
export interface TemplateKey {
  readonly logicalId: string;
  /** @default 'SYMMETRIC_DEFAULT', as in CloudFormation */
  readonly keySpec: string;
  /** @default 'ENCRYPT_DECRYPT', as in CloudFormation */
  readonly keyUsage: string;
  readonly description: string;
  /** `AliasName` of each `AWS::KMS::Alias` whose `TargetKeyId` refers to this key. */
  readonly aliasNames: readonly string[];
  /**
   * `Metadata['aws:cdk:path']`, e.g. `PortalAccess-test/MacKey/Resource`: the key as the app's code
   * names it. Undefined when the app was synthesized without path metadata (the CLI adds it
   * by default; an in-process `App` needs `aws:cdk:enable-path-metadata`).
   */
  readonly cdkPath: string | undefined;
}

/** The template declares a key or alias this server cannot create. */
export class TemplateKeyError extends LocalStackError {
  override readonly name = 'TemplateKeyError';
  constructor(
    message: string,
    /** Logical id of the offending resource. */
    readonly logicalId: string,
    /** Its property at fault, e.g. `KeySpec`. */
    readonly property: string,
    options?: { cause?: unknown },
  ) {
    super(`${logicalId}.${property}: ${message}`, options);
  }
}

/**
 * Creates the keys a synthesized template declares (`AWS::KMS::Key`) and registers their
 * aliases (`AWS::KMS::Alias`). A key is made once per logical id and reused afterwards,
 * also after a restart on the same data dir.
 * @returns logical id → key ARN
 * @throws TemplateKeyError when a key or alias cannot be read or created
 */
export async function ensureKeysFromTemplate(kms: KmsLocal, template: unknown): Promise<Record<string, string>> {
  const arns: Record<string, string> = {};
  for (const key of readTemplateKeys(template)) {
    let keyArn: string;
    try {
      keyArn = await kms.ensureKey(key);
    } catch (error) {
      if (!(error instanceof KmsApiError)) throw error;
      throw new TemplateKeyError(error.message, key.logicalId, 'KeySpec/KeyUsage', { cause: error });
    }
    arns[key.logicalId] = keyArn;
    for (const aliasName of key.aliasNames) await kms.ensureAlias(aliasName, keyArn);
  }
  return arns;
}

/**
 * The KMS keys of a synthesized template, in template order, each with the aliases that
 * target it (by `Ref` or `Fn::GetAtt [key, Arn]`, as the CDK writes them). Pure.
 * @throws TemplateKeyError when KeySpec, KeyUsage or an alias is not a literal, or an alias targets no key of the template
 */
export function readTemplateKeys(template: unknown): TemplateKey[] {
  const resources = isObject(template) && isObject(template['Resources']) ? template['Resources'] : {};
  const ofType = (type: string): [string, Json][] =>
    Object.entries(resources).flatMap(([logicalId, resource]) =>
      isObject(resource) && resource['Type'] === type ? [[logicalId, isObject(resource['Properties']) ? resource['Properties'] : {}] as [string, Json]] : [],
    );
  const literal = (value: unknown, fallback: string, logicalId: string, property: string): string => {
    if (value === undefined) return fallback;
    if (typeof value !== 'string') throw new TemplateKeyError('expected a literal string', logicalId, property);
    return value;
  };

  const aliasNames = new Map<string, string[]>();
  const keys = ofType('AWS::KMS::Key');
  for (const [logicalId, properties] of ofType('AWS::KMS::Alias')) {
    const aliasName = literal(properties['AliasName'], '', logicalId, 'AliasName');
    try {
      checkAliasName(aliasName);
    } catch (error) {
      throw new TemplateKeyError((error as Error).message, logicalId, 'AliasName', { cause: error });
    }
    const target = targetLogicalId(properties['TargetKeyId']);
    if (!target || !keys.some(([keyLogicalId]) => keyLogicalId === target)) {
      throw new TemplateKeyError('expected a Ref or Fn::GetAtt Arn of an AWS::KMS::Key of the template', logicalId, 'TargetKeyId');
    }
    aliasNames.set(target, [...(aliasNames.get(target) ?? []), aliasName]);
  }
  return keys.map(([logicalId, properties]) => ({
    logicalId,
    keySpec: literal(properties['KeySpec'], 'SYMMETRIC_DEFAULT', logicalId, 'KeySpec'),
    keyUsage: literal(properties['KeyUsage'], 'ENCRYPT_DECRYPT', logicalId, 'KeyUsage'),
    // A description is cosmetic: one built with intrinsics is left out rather than refused.
    description: typeof properties['Description'] === 'string' ? properties['Description'] : '',
    aliasNames: aliasNames.get(logicalId) ?? [],
    cdkPath: cdkPathOf(resources[logicalId]),
  }));
}

function cdkPathOf(resource: unknown): string | undefined {
  const metadata = isObject(resource) ? resource['Metadata'] : undefined;
  return isObject(metadata) && typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
}

function targetLogicalId(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value['Ref'] === 'string') return value['Ref'];
  const getAtt = value['Fn::GetAtt'];
  const [logicalId, attribute] = typeof getAtt === 'string' ? getAtt.split('.') : Array.isArray(getAtt) ? getAtt : [];
  return typeof logicalId === 'string' && attribute === 'Arn' ? logicalId : undefined;
}
