/**
 * The local Secrets Manager, spoken to through @aws-sdk/client-secrets-manager as the functions
 * speak to it: secrets made from a template's AWS::SecretsManager::Secret resources (a literal
 * value, or one generated as the template asks), read by ARN or name, kept across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../../local/services/local-aws-client-config.js';
import { generateSecretValue, readTemplateSecrets, startSecretsManagerLocal, TemplateSecretError, type SecretsManagerLocal } from '../../../local/services/secrets-manager-local.js';

const TEMPLATE = {
  Resources: {
    CallbackSecret1234: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { Description: 'callbacks', GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 64 } },
      Metadata: { 'aws:cdk:path': 'PortalAccess-test/SigningService/CallbackSecret/Resource' },
    },
    Literal5678: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'named-secret', SecretString: 'plain value' } },
    Templated9: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { GenerateSecretString: { SecretStringTemplate: '{"username":"portal"}', GenerateStringKey: 'password', PasswordLength: 20, ExcludeCharacters: 'aeiou' } },
    },
    NotASecret: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
};

let dataDir: string;
let server: SecretsManagerLocal;
let client: SecretsManagerClient;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'portal-access-secrets-'));
  server = await startSecretsManagerLocal({ dataDir });
  client = new SecretsManagerClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: server.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local Secrets Manager', () => {
  it("makes the template's secrets and answers GetSecretValue by ARN and by name", async () => {
    const made = await server.ensureSecretsFromTemplate(TEMPLATE);
    expect(Object.keys(made).sort()).toEqual(['CallbackSecret1234', 'Literal5678', 'Templated9']);

    const callback = await client.send(new GetSecretValueCommand({ SecretId: made.CallbackSecret1234?.arn }));
    expect(callback.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:000000000000:secret:CallbackSecret1234-[A-Za-z0-9]{6}$/);
    expect(callback.SecretString).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(callback.VersionStages).toEqual(['AWSCURRENT']);
    expect(callback.CreatedDate).toBeInstanceOf(Date);

    const literal = await client.send(new GetSecretValueCommand({ SecretId: 'named-secret' }));
    expect(literal.SecretString).toBe('plain value');

    const templated = JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: made.Templated9?.arn }))).SecretString ?? '{}');
    expect(templated.username).toBe('portal');
    expect(templated.password).toHaveLength(20);
    expect(templated.password).not.toMatch(/[aeiou]/);
  });

  it('answers ResourceNotFoundException for a secret it does not have, or a version other than the current one', async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:nothing-AbCdEf' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'named-secret', VersionStage: 'AWSPREVIOUS' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps every value across a restart on the same data dir, and does not regenerate an existing secret', async () => {
    const before = await server.ensureSecretsFromTemplate(TEMPLATE);
    await server.stop();
    server = await startSecretsManagerLocal({ dataDir });
    client.destroy();
    client = new SecretsManagerClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: server.endpoint });
    const after = await server.ensureSecretsFromTemplate(TEMPLATE);
    expect(after.CallbackSecret1234).toEqual(before.CallbackSecret1234);
    const read = await client.send(new GetSecretValueCommand({ SecretId: before.CallbackSecret1234?.arn }));
    expect(read.SecretString).toBe(before.CallbackSecret1234?.secretString);
  });
});

describe('template secrets', () => {
  it('generates one of each included class when asked, from the included classes only', () => {
    for (let round = 0; round < 20; round += 1) {
      const value = generateSecretValue({
        passwordLength: 4,
        excludeCharacters: '',
        excludeLowercase: false,
        excludeUppercase: false,
        excludeNumbers: false,
        excludePunctuation: false,
        includeSpace: false,
        requireEachIncludedType: true,
      });
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[0-9]/);
      expect(value).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it('refuses a value it cannot read from the template, naming the resource and property', () => {
    const template = { Resources: { Bad: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: { Ref: 'Length' } } } } } };
    expect(() => readTemplateSecrets(template)).toThrow(TemplateSecretError);
    expect(() => readTemplateSecrets(template)).toThrow('Bad.GenerateSecretString.PasswordLength');
  });
});
