/**
 * The secrets a synthesized template declares (`AWS::SecretsManager::Secret`), and the value
 * Secrets Manager would give each: a literal `SecretString`, or one generated from
 * `GenerateSecretString` as AWS generates it (length, excluded character classes and characters,
 * at least one of each included class, optionally inside a JSON template). Only literal values
 * can be read from a template; anything else is refused by resource and property rather than
 * guessed.
 */
import { randomInt } from 'node:crypto';
import { LocalStackError } from '../../local-stack-error.js';
import { isObject, type Json } from '../kms/json-object.js';
import { templateResources } from '../template-resources.js';

/** A secret as a template declares it. */
export interface TemplateSecret {
  readonly logicalId: string;
  /** `Name`, when the template sets one; else the local server names it after the logical id. */
  readonly name: string | undefined;
  readonly description: string;
  /** How its first value is made. */
  readonly value: { readonly literal: string } | { readonly generate: GenerateSecretString };
  /** `Metadata['aws:cdk:path']`, e.g. `PortalAccess-test/SigningService/CallbackSecret/Resource`. */
  readonly cdkPath: string | undefined;
}

/** The `GenerateSecretString` properties this server honours (as AWS's GetRandomPassword takes them). */
export interface GenerateSecretString {
  readonly passwordLength: number;
  readonly excludeCharacters: string;
  readonly excludeLowercase: boolean;
  readonly excludeUppercase: boolean;
  readonly excludeNumbers: boolean;
  readonly excludePunctuation: boolean;
  readonly includeSpace: boolean;
  readonly requireEachIncludedType: boolean;
  /** With `generateStringKey`: the value is this JSON object with the generated string under that key. */
  readonly secretStringTemplate?: string;
  readonly generateStringKey?: string;
}

/** The template declares a secret this server cannot make. */
export class TemplateSecretError extends LocalStackError {
  override readonly name = 'TemplateSecretError';
  constructor(message: string, readonly logicalId: string, readonly property: string) {
    super(`${logicalId}.${property}: ${message}`);
  }
}

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMBERS = '0123456789';
/** AWS's punctuation set for generated passwords. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The template's secrets, in template order. Pure. */
export function readTemplateSecrets(template: unknown): TemplateSecret[] {
  const resources = templateResources(template);
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::SecretsManager::Secret') return [];
    const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
    const metadata = isObject(resource['Metadata']) ? resource['Metadata'] : {};
    const name = properties['Name'];
    if (name !== undefined && typeof name !== 'string') throw new TemplateSecretError('expected a literal string', logicalId, 'Name');
    return [
      {
        logicalId,
        name,
        description: typeof properties['Description'] === 'string' ? properties['Description'] : '',
        value: valueOf(logicalId, properties),
        cdkPath: typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined,
      },
    ];
  });
}

function valueOf(logicalId: string, properties: Json): TemplateSecret['value'] {
  const literal = properties['SecretString'];
  if (literal !== undefined) {
    if (typeof literal !== 'string') throw new TemplateSecretError('expected a literal string', logicalId, 'SecretString');
    return { literal };
  }
  const generate = properties['GenerateSecretString'];
  if (generate === undefined) return { generate: readGenerate(logicalId, {}) };
  if (!isObject(generate)) throw new TemplateSecretError('expected an object', logicalId, 'GenerateSecretString');
  return { generate: readGenerate(logicalId, generate) };
}

function readGenerate(logicalId: string, properties: Json): GenerateSecretString {
  const flag = (member: string, fallback: boolean): boolean => {
    const value = properties[member];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') throw new TemplateSecretError('expected a literal boolean', logicalId, `GenerateSecretString.${member}`);
    return value;
  };
  const text = (member: string): string | undefined => {
    const value = properties[member];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new TemplateSecretError('expected a literal string', logicalId, `GenerateSecretString.${member}`);
    return value;
  };
  const length = properties['PasswordLength'] ?? 32;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 1 || length > 4096) {
    throw new TemplateSecretError('expected an integer from 1 to 4096', logicalId, 'GenerateSecretString.PasswordLength');
  }
  const secretStringTemplate = text('SecretStringTemplate');
  const generateStringKey = text('GenerateStringKey');
  if ((secretStringTemplate === undefined) !== (generateStringKey === undefined)) {
    throw new TemplateSecretError('SecretStringTemplate and GenerateStringKey go together', logicalId, 'GenerateSecretString');
  }
  if (secretStringTemplate !== undefined && !isObject(safeJson(secretStringTemplate))) {
    throw new TemplateSecretError('expected a JSON object', logicalId, 'GenerateSecretString.SecretStringTemplate');
  }
  return {
    passwordLength: length,
    excludeCharacters: text('ExcludeCharacters') ?? '',
    excludeLowercase: flag('ExcludeLowercase', false),
    excludeUppercase: flag('ExcludeUppercase', false),
    excludeNumbers: flag('ExcludeNumbers', false),
    excludePunctuation: flag('ExcludePunctuation', false),
    includeSpace: flag('IncludeSpace', false),
    requireEachIncludedType: flag('RequireEachIncludedType', true),
    ...(secretStringTemplate !== undefined && generateStringKey !== undefined ? { secretStringTemplate, generateStringKey } : {}),
  };
}

/**
 * A value made as `generate` asks: random characters of the included classes (node:crypto's
 * `randomInt`, unbiased), with one of each class first when required, then shuffled.
 */
export function generateSecretValue(generate: GenerateSecretString): string {
  const excluded = new Set(generate.excludeCharacters);
  const keep = (characters: string) => [...characters].filter((character) => !excluded.has(character)).join('');
  const classes = [
    generate.excludeLowercase ? '' : LOWERCASE,
    generate.excludeUppercase ? '' : UPPERCASE,
    generate.excludeNumbers ? '' : NUMBERS,
    generate.excludePunctuation ? '' : PUNCTUATION,
    generate.includeSpace ? ' ' : '',
  ]
    .map(keep)
    .filter((characters) => characters.length > 0);
  const all = classes.join('');
  if (all.length === 0) throw new RangeError('Every character class is excluded: nothing to generate a secret from');
  const required = generate.requireEachIncludedType ? classes.map(pick) : [];
  if (required.length > generate.passwordLength) throw new RangeError(`A ${generate.passwordLength}-character secret cannot hold one of each of ${required.length} classes`);
  const characters = [...required, ...Array.from({ length: generate.passwordLength - required.length }, () => pick(all))];
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other] as string, characters[index] as string];
  }
  const password = characters.join('');
  if (generate.secretStringTemplate === undefined || generate.generateStringKey === undefined) return password;
  return JSON.stringify({ ...(JSON.parse(generate.secretStringTemplate) as Json), [generate.generateStringKey]: password });
}

function pick(characters: string): string {
  return characters.charAt(randomInt(characters.length));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
