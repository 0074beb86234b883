import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  InvalidKeyUsageException,
  KMSClient,
  KMSInvalidMacException,
  KMSInvalidSignatureException,
  ListAliasesCommand,
  NotFoundException,
  SignCommand,
  UnsupportedOperationException,
  VerifyCommand,
  VerifyMacCommand,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { createHash, createPublicKey, constants, verify } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CLIENT_CONFIG } from '../../../local/services/local-aws-client-config.js';
import {
  ensureKeysFromTemplate,
  KmsKeyStoreError,
  readTemplateKeys,
  startKmsLocal,
  TemplateKeyError,
  type KmsLocal,
} from '../../../local/services/kms-local.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** A KMS server on a fresh data dir and an SDK client for it; `restart` reopens the same dir. */
async function startOnFreshDir(): Promise<{ dataDir: string; kms: KmsLocal; client: KMSClient }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kms-local-'));
  const kms = await startKmsLocal({ dataDir });
  return { dataDir, kms, client: new KMSClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: kms.endpoint }) };
}

/** A template with an HMAC key and its alias, as the CDK writes them (`Fn::GetAtt [key, Arn]`). */
const cursorKeyTemplate = {
  Resources: {
    CursorKey1A2B3C: {
      Type: 'AWS::KMS::Key',
      Properties: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'Signs list cursors', KeyPolicy: {} },
      Metadata: { 'aws:cdk:path': 'PortalAccess-test/CursorKey/Resource' },
    },
    CursorKeyAlias4D5E: {
      Type: 'AWS::KMS::Alias',
      Properties: { AliasName: 'alias/portal-access/cursor', TargetKeyId: { 'Fn::GetAtt': ['CursorKey1A2B3C', 'Arn'] } },
    },
    RequestsTable: { Type: 'AWS::DynamoDB::Table', Properties: {} },
  },
};

describe('KMS local through @aws-sdk/client-kms', () => {
  let dataDir: string;
  let kms: KmsLocal;
  let client: KMSClient;

  beforeAll(async () => {
    ({ dataDir, kms, client } = await startOnFreshDir());
  });

  afterAll(async () => {
    client?.destroy();
    await kms?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const createKey = async (keySpec: KeySpec, keyUsage: KeyUsageType): Promise<string> => {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: keySpec, KeyUsage: keyUsage }));
    return KeyMetadata?.Arn ?? '';
  };

  it('creates an HMAC key whose metadata reads as AWS answers it', async () => {
    const before = Date.now();

    const { KeyMetadata } = await client.send(
      new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'cursors', Tags: [{ TagKey: 'app', TagValue: 'portal' }] }),
    );

    expect(KeyMetadata).toMatchObject({
      AWSAccountId: '000000000000',
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      KeyState: 'Enabled',
      Enabled: true,
      Description: 'cursors',
      MacAlgorithms: ['HMAC_SHA_256'],
    });
    expect(KeyMetadata?.Arn).toBe(`arn:aws:kms:eu-west-1:000000000000:key/${KeyMetadata?.KeyId}`);
    expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(KeyMetadata?.CreationDate?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('generates a MAC that VerifyMac accepts, and refuses a tampered message with KMSInvalidMacException', async () => {
    const keyArn = await createKey('HMAC_256', 'GENERATE_VERIFY_MAC');
    const message = text('{"after":"REQ#2025-01-01#0042"}');

    const generated = await client.send(new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    const verified = await client.send(new VerifyMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac: generated.Mac }));
    const tampered = client.send(new VerifyMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: text('{"after":"REQ#2025-01-01#0043"}'), Mac: generated.Mac }));

    expect(generated.Mac).toHaveLength(32);
    expect(generated.KeyId).toBe(keyArn);
    expect(verified).toMatchObject({ MacValid: true, KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256' });
    await expect(tampered).rejects.toBeInstanceOf(KMSInvalidMacException);
  });

  it('gives a different MAC for the same message under another key', async () => {
    const [first, second] = [await createKey('HMAC_256', 'GENERATE_VERIFY_MAC'), await createKey('HMAC_256', 'GENERATE_VERIFY_MAC')];
    const message = text('same cursor');

    const macOf = async (keyId: string): Promise<string> =>
      Buffer.from((await client.send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }))).Mac ?? []).toString('hex');

    expect(await macOf(first)).not.toBe(await macOf(second));
    expect(await macOf(first)).toBe(await macOf(first));
  });

  it('resolves a key by id, ARN, alias name and alias ARN', async () => {
    const keyArn = await createKey('HMAC_384', 'GENERATE_VERIFY_MAC');
    const keyId = keyArn.split('/')[1] ?? '';
    await client.send(new CreateAliasCommand({ AliasName: 'alias/resolve-test', TargetKeyId: keyId }));

    const described = await Promise.all(
      [keyId, keyArn, 'alias/resolve-test', 'arn:aws:kms:eu-west-1:000000000000:alias/resolve-test'].map(
        async (reference) => (await client.send(new DescribeKeyCommand({ KeyId: reference }))).KeyMetadata?.Arn,
      ),
    );
    const { Aliases } = await client.send(new ListAliasesCommand({ KeyId: keyId }));

    expect(described).toEqual([keyArn, keyArn, keyArn, keyArn]);
    expect(Aliases).toEqual([
      expect.objectContaining({ AliasName: 'alias/resolve-test', AliasArn: 'arn:aws:kms:eu-west-1:000000000000:alias/resolve-test', TargetKeyId: keyId }),
    ]);
  });

  it('pages ListAliases with Limit and NextMarker', async () => {
    const keyArn = await createKey('HMAC_256', 'GENERATE_VERIFY_MAC');
    for (const name of ['alias/page-a', 'alias/page-b', 'alias/page-c']) await client.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyArn }));

    const first = await client.send(new ListAliasesCommand({ KeyId: keyArn, Limit: 2 }));
    const second = await client.send(new ListAliasesCommand({ KeyId: keyArn, Limit: 2, Marker: first.NextMarker }));

    expect(first.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/page-a', 'alias/page-b']);
    expect(first.Truncated).toBe(true);
    expect(second.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/page-c']);
    expect(second.Truncated).toBe(false);
  });

  it('signs with an ECC_NIST_P256 key in DER, verifiable by node:crypto with the GetPublicKey answer', async () => {
    const keyArn = await createKey('ECC_NIST_P256', 'SIGN_VERIFY');
    const message = text('%PDF-1.7 signed attributes');

    const { Signature } = await client.send(new SignCommand({ KeyId: keyArn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const publicKey = await client.send(new GetPublicKeyCommand({ KeyId: keyArn }));
    const spki = createPublicKey({ key: Buffer.from(publicKey.PublicKey ?? []), format: 'der', type: 'spki' });

    expect(publicKey).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'] });
    expect(spki.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(verify('sha256', message, { key: spki, dsaEncoding: 'der' }, Signature ?? new Uint8Array())).toBe(true);
    expect(verify('sha256', text('another message'), { key: spki, dsaEncoding: 'der' }, Signature ?? new Uint8Array())).toBe(false);
  });

  it('verifies its own signatures and refuses another message with KMSInvalidSignatureException', async () => {
    const keyArn = await createKey('ECC_NIST_P384', 'SIGN_VERIFY');
    const message = text('seal');
    const { Signature } = await client.send(new SignCommand({ KeyId: keyArn, Message: message, SigningAlgorithm: 'ECDSA_SHA_384' }));

    const valid = await client.send(new VerifyCommand({ KeyId: keyArn, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_384' }));
    const other = client.send(new VerifyCommand({ KeyId: keyArn, Message: text('seal!'), Signature, SigningAlgorithm: 'ECDSA_SHA_384' }));

    expect(valid.SignatureValid).toBe(true);
    await expect(other).rejects.toBeInstanceOf(KMSInvalidSignatureException);
  });

  it('signs with RSASSA_PSS_SHA_256 (salt as long as the digest), verifiable by node:crypto', async () => {
    const keyArn = await createKey('RSA_2048', 'SIGN_VERIFY');
    const message = text('sealed form');

    const { Signature, SigningAlgorithm } = await client.send(new SignCommand({ KeyId: keyArn, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
    const publicKey = await client.send(new GetPublicKeyCommand({ KeyId: keyArn }));
    const spki = createPublicKey({ key: Buffer.from(publicKey.PublicKey ?? []), format: 'der', type: 'spki' });

    expect(SigningAlgorithm).toBe('RSASSA_PSS_SHA_256');
    expect(spki.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(verify('sha256', message, { key: spki, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Signature ?? new Uint8Array())).toBe(true);
  });

  it('signs a SHA-256 DIGEST with RSASSA_PKCS1_V1_5 as it would sign the RAW message, and refuses DIGEST for ECDSA', async () => {
    const rsaArn = await createKey('RSA_2048', 'SIGN_VERIFY');
    const eccArn = await createKey('ECC_NIST_P256', 'SIGN_VERIFY');
    const message = text('signed attributes');
    const digest = createHash('sha256').update(message).digest();

    const fromDigest = await client.send(new SignCommand({ KeyId: rsaArn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
    const fromRaw = await client.send(new SignCommand({ KeyId: rsaArn, Message: message, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
    const verified = await client.send(
      new VerifyCommand({ KeyId: rsaArn, Message: digest, MessageType: 'DIGEST', Signature: fromRaw.Signature, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }),
    );
    const eccDigest = client.send(new SignCommand({ KeyId: eccArn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));

    expect(Buffer.from(fromDigest.Signature ?? []).equals(Buffer.from(fromRaw.Signature ?? []))).toBe(true);
    expect(verified.SignatureValid).toBe(true);
    await expect(eccDigest).rejects.toBeInstanceOf(UnsupportedOperationException);
  });

  it('refuses GenerateMac on a signing or symmetric key and Sign on an HMAC key with InvalidKeyUsageException', async () => {
    const signingArn = await createKey('ECC_NIST_P256', 'SIGN_VERIFY');
    const macArn = await createKey('HMAC_256', 'GENERATE_VERIFY_MAC');
    const symmetricArn = await createKey('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');

    const macOnSigningKey = client.send(new GenerateMacCommand({ KeyId: signingArn, MacAlgorithm: 'HMAC_SHA_256', Message: text('x') }));
    const signOnMacKey = client.send(new SignCommand({ KeyId: macArn, Message: text('x'), SigningAlgorithm: 'ECDSA_SHA_256' }));
    const wrongMacAlgorithm = client.send(new GenerateMacCommand({ KeyId: macArn, MacAlgorithm: 'HMAC_SHA_512', Message: text('x') }));
    const rsaAlgorithmOnEcKey = client.send(new SignCommand({ KeyId: signingArn, Message: text('x'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
    const macOnSymmetricKey = client.send(new GenerateMacCommand({ KeyId: symmetricArn, MacAlgorithm: 'HMAC_SHA_256', Message: text('x') }));

    await expect(macOnSigningKey).rejects.toBeInstanceOf(InvalidKeyUsageException);
    await expect(signOnMacKey).rejects.toBeInstanceOf(InvalidKeyUsageException);
    await expect(wrongMacAlgorithm).rejects.toBeInstanceOf(InvalidKeyUsageException);
    await expect(rsaAlgorithmOnEcKey).rejects.toBeInstanceOf(InvalidKeyUsageException);
    await expect(macOnSymmetricKey).rejects.toBeInstanceOf(InvalidKeyUsageException);
  });

  it('answers NotFoundException for an unknown key id, alias or foreign-region ARN', async () => {
    const references = [
      '2f6e0c8e-0000-4000-8000-000000000000',
      'alias/does-not-exist',
      'arn:aws:kms:us-east-1:000000000000:key/2f6e0c8e-0000-4000-8000-000000000000',
    ];

    for (const reference of references) {
      await expect(client.send(new GenerateMacCommand({ KeyId: reference, MacAlgorithm: 'HMAC_SHA_256', Message: text('x') }))).rejects.toBeInstanceOf(
        NotFoundException,
      );
    }
  });

  it('accepts a 4096-byte message and refuses 4097 bytes with ValidationException', async () => {
    const keyArn = await createKey('HMAC_256', 'GENERATE_VERIFY_MAC');

    const atLimit = await client.send(new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: new Uint8Array(4096) }));
    const overLimit = client.send(new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: new Uint8Array(4097) }));

    expect(atLimit.Mac).toHaveLength(32);
    await expect(overLimit).rejects.toMatchObject({ name: 'ValidationException', $fault: 'client' });
  });

  it('refuses a key usage the spec cannot have (ValidationException) and GetPublicKey of an HMAC key (UnsupportedOperationException)', async () => {
    const macArn = await createKey('HMAC_256', 'GENERATE_VERIFY_MAC');

    const hmacForSigning = client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'SIGN_VERIFY' }));
    const publicKeyOfHmac = client.send(new GetPublicKeyCommand({ KeyId: macArn }));

    await expect(hmacForSigning).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(publicKeyOfHmac).rejects.toBeInstanceOf(UnsupportedOperationException);
  });

  it('answers malformed JSON with SerializationException, an unknown operation with UnknownOperationException, and a body over 64 KB with 413', async () => {
    const post = (target: string, body: string): Promise<Response> =>
      fetch(`${kms.endpoint}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target }, body });

    const malformed = await post('TrentService.DescribeKey', '{"KeyId":');
    const unknown = await post('TrentService.Encrypt', '{}');
    const oversize = await post('TrentService.GenerateMac', JSON.stringify({ Message: 'A'.repeat(70_000) }));

    expect([malformed.status, await malformed.json()]).toEqual([400, expect.objectContaining({ __type: 'SerializationException' })]);
    expect([unknown.status, await unknown.json()]).toEqual([400, expect.objectContaining({ __type: 'UnknownOperationException' })]);
    expect([oversize.status, await oversize.json()]).toEqual([413, expect.objectContaining({ __type: 'ValidationException' })]);
  });
});

describe('KMS local key store', () => {
  it('keeps keys and aliases across a stop and start on the same data dir (same MAC for the same message)', async () => {
    // Prepare
    const { dataDir, kms, client } = await startOnFreshDir();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
    await client.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: KeyMetadata?.KeyId }));
    const message = text('cursor after restart');
    const before = await client.send(new GenerateMacCommand({ KeyId: 'alias/kept', MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    client.destroy();
    await kms.stop();

    // Act
    const restarted = await startKmsLocal({ dataDir });
    const restartedClient = new KMSClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: restarted.endpoint });
    try {
      const after = await restartedClient.send(new GenerateMacCommand({ KeyId: 'alias/kept', MacAlgorithm: 'HMAC_SHA_256', Message: message }));
      const files = await readdir(dataDir);
      const mode = (await stat(path.join(dataDir, 'kms-keys.json'))).mode & 0o777;

      // Assess
      expect(after.KeyId).toBe(KeyMetadata?.Arn);
      expect(Buffer.from(after.Mac ?? []).equals(Buffer.from(before.Mac ?? []))).toBe(true);
      expect(files).toEqual(['kms-keys.json']);
      expect(mode).toBe(0o600);
    } finally {
      restartedClient.destroy();
      await restarted.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps an asymmetric key as PKCS#8 PEM and signs with the same key after a restart', async () => {
    const { dataDir, kms, client } = await startOnFreshDir();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
    const publicKeyBefore = (await client.send(new GetPublicKeyCommand({ KeyId: KeyMetadata?.KeyId }))).PublicKey;
    client.destroy();
    await kms.stop();

    const restarted = await startKmsLocal({ dataDir });
    const restartedClient = new KMSClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: restarted.endpoint });
    try {
      const message = text('after restart');
      const { Signature } = await restartedClient.send(new SignCommand({ KeyId: KeyMetadata?.Arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
      const stored = await readFile(path.join(dataDir, 'kms-keys.json'), 'utf8');
      const spki = createPublicKey({ key: Buffer.from(publicKeyBefore ?? []), format: 'der', type: 'spki' });

      expect(stored).toContain('-----BEGIN PRIVATE KEY-----');
      expect(verify('sha256', message, { key: spki, dsaEncoding: 'der' }, Signature ?? new Uint8Array())).toBe(true);
    } finally {
      restartedClient.destroy();
      await restarted.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  it('refuses to start on a store file it cannot read, and leaves the file as it was', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kms-local-'));
    const file = path.join(dataDir, 'kms-keys.json');
    await writeFile(file, '{"formatVersion":1,"keys":[{"keyId":"k","privateKeyPem":"not a key"}],"aliases":{},"templateKeys":{}}');

    const start = startKmsLocal({ dataDir });

    await expect(start).rejects.toBeInstanceOf(KmsKeyStoreError);
    expect(await readFile(file, 'utf8')).toBe('{"formatVersion":1,"keys":[{"keyId":"k","privateKeyPem":"not a key"}],"aliases":{},"templateKeys":{}}');
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('readTemplateKeys', () => {
  it("reads a key's construct path from Metadata aws:cdk:path, and leaves it undefined when the template has none", () => {
    const withoutMetadata = { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' } } } };

    const [cursorKey] = readTemplateKeys(cursorKeyTemplate);
    const [bareKey] = readTemplateKeys(withoutMetadata);

    expect(cursorKey).toEqual({
      logicalId: 'CursorKey1A2B3C',
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      description: 'Signs list cursors',
      aliasNames: ['alias/portal-access/cursor'],
      cdkPath: 'PortalAccess-test/CursorKey/Resource',
    });
    expect(bareKey).toHaveProperty('cdkPath');
    expect(bareKey?.cdkPath).toBeUndefined();
  });
});

describe('ensureKeysFromTemplate', () => {
  it('creates the template key and its alias once, and reuses them on a second ensure and after a restart', async () => {
    // Prepare
    const { dataDir, kms, client } = await startOnFreshDir();

    // Act
    const first = await ensureKeysFromTemplate(kms, cursorKeyTemplate);
    const second = await ensureKeysFromTemplate(kms, cursorKeyTemplate);
    const described = await client.send(new DescribeKeyCommand({ KeyId: 'alias/portal-access/cursor' }));
    const aliases = await client.send(new ListAliasesCommand({}));
    client.destroy();
    await kms.stop();
    const restarted = await startKmsLocal({ dataDir });
    const arnBeforeEnsure = restarted.keyArnOf('CursorKey1A2B3C');
    const afterRestart = await ensureKeysFromTemplate(restarted, cursorKeyTemplate);
    await restarted.stop();
    await rm(dataDir, { recursive: true, force: true });

    // Assess
    const keyArn = first['CursorKey1A2B3C'];
    expect(Object.keys(first)).toEqual(['CursorKey1A2B3C']);
    expect(keyArn).toMatch(/^arn:aws:kms:eu-west-1:000000000000:key\/[0-9a-f-]{36}$/);
    expect(second).toEqual(first);
    expect(kms.keyArnOf('CursorKey1A2B3C')).toBe(keyArn);
    expect(described.KeyMetadata).toMatchObject({ Arn: keyArn, KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'Signs list cursors' });
    expect(aliases.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/portal-access/cursor']);
    expect(arnBeforeEnsure).toBe(keyArn);
    expect(afterRestart).toEqual(first);
  });

  it('replaces the key when the template changes its KeySpec, and moves the alias to it', async () => {
    const { dataDir, kms, client } = await startOnFreshDir();
    const first = await ensureKeysFromTemplate(kms, cursorKeyTemplate);
    const changed = structuredClone(cursorKeyTemplate);
    changed.Resources.CursorKey1A2B3C.Properties.KeySpec = 'HMAC_512';

    const second = await ensureKeysFromTemplate(kms, changed);
    const described = await client.send(new DescribeKeyCommand({ KeyId: 'alias/portal-access/cursor' }));
    client.destroy();
    await kms.stop();
    await rm(dataDir, { recursive: true, force: true });

    expect(second['CursorKey1A2B3C']).not.toBe(first['CursorKey1A2B3C']);
    expect(described.KeyMetadata).toMatchObject({ Arn: second['CursorKey1A2B3C'], KeySpec: 'HMAC_512' });
  });

  it('refuses a KeySpec built with an intrinsic, an alias targeting no key of the template, and an HMAC key without GENERATE_VERIFY_MAC', async () => {
    const { dataDir, kms } = await startOnFreshDir();
    const intrinsicSpec = { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeySpec: { Ref: 'SpecParameter' } } } } };
    const danglingAlias = { Resources: { Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/x', TargetKeyId: 'arn:aws:kms:eu-west-1:1:key/abc' } } } };
    const hmacWithDefaultUsage = { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'HMAC_256' } } } };

    const refusals = [
      () => readTemplateKeys(intrinsicSpec),
      () => readTemplateKeys(danglingAlias),
    ];
    const hmacRefusal = ensureKeysFromTemplate(kms, hmacWithDefaultUsage);

    for (const refusal of refusals) expect(refusal).toThrow(TemplateKeyError);
    await expect(hmacRefusal).rejects.toMatchObject({ name: 'TemplateKeyError', logicalId: 'Key' });
    expect(kms.keyArnOf('Key')).toBeUndefined();
    await kms.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
});
