/**
 * The seal of completion certificates on AWS (docs/evidence.md): an asymmetric KMS key that
 * only SealEvidence may sign with, and the seal's certificate chain bundled beside that one
 * function once a setting names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEAL_CERTIFICATE_FILE } from '../../infra/constructs/catalog-functions.js';
import { FUNCTION_ACCESS } from '../../infra/function-access.js';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { logicalIdAt, synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any> };

const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

describe('the seal key', () => {
  let synthesized: SynthesizedPortalAccess;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    synthesized = synthesizePortalAccess({ sealCertificateChainFile: 'config/seal/seal-chain.pem' });
    resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
  });
  afterAll(() => synthesized?.cleanUp());

  const policyOf = (functionId: FunctionId): string =>
    JSON.stringify(resources[logicalIdAt(synthesized.template, `Functions/${functionId}/Role/DefaultPolicy`)]!.Properties.PolicyDocument);
  const environmentOf = (functionId: FunctionId): Record<string, unknown> =>
    resources[logicalIdAt(synthesized.template, `Functions/${functionId}/Function`)]!.Properties.Environment.Variables;

  it('is an ECC P-256 key for signing only, kept when the stack goes (its certificate names it)', () => {
    const sealKey = resources[logicalIdAt(synthesized.template, 'SealKey')]!;
    expect(sealKey.Type).toBe('AWS::KMS::Key');
    expect(sealKey.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const keyResource = synthesized.template.toJSON().Resources[logicalIdAt(synthesized.template, 'SealKey')];
    expect(keyResource.DeletionPolicy).toBe('Retain');
  });

  it('lets SealEvidence alone sign with it and read its public key, on that one key', () => {
    const sealKeyId = logicalIdAt(synthesized.template, 'SealKey');
    for (const functionId of FUNCTION_IDS) {
      const policy = policyOf(functionId);
      const seals = FUNCTION_ACCESS[functionId].sealKey === true;
      expect(policy.includes('kms:Sign"') || policy.includes('"kms:Sign'), functionId).toBe(seals);
      expect(policy.includes('kms:GetPublicKey'), functionId).toBe(seals);
    }
    expect(Object.entries(FUNCTION_ACCESS).filter(([, access]) => access.sealKey).map(([id]) => id)).toEqual(['SealEvidence']);
    const statement = JSON.parse(policyOf('SealEvidence')).Statement.find((candidate: { Action: unknown }) =>
      JSON.stringify(candidate.Action).includes('kms:Sign'),
    );
    expect(statement.Action).toEqual(['kms:Sign', 'kms:GetPublicKey']);
    expect(statement.Resource).toEqual({ 'Fn::GetAtt': [sealKeyId, 'Arn'] });
  });

  it('tells SealEvidence its key and where its bundle holds the certificate chain; no other function gets either', () => {
    const sealKeyId = logicalIdAt(synthesized.template, 'SealKey');
    expect(environmentOf('SealEvidence')).toMatchObject({ SEAL_KEY_ID: { 'Fn::GetAtt': [sealKeyId, 'Arn'] }, SEAL_CERTIFICATE_FILE });
    for (const functionId of FUNCTION_IDS.filter((id) => id !== 'SealEvidence')) {
      expect(environmentOf(functionId), functionId).not.toHaveProperty('SEAL_KEY_ID');
      expect(environmentOf(functionId), functionId).not.toHaveProperty('SEAL_CERTIFICATE_FILE');
    }
  });

  it('leaves SEAL_CERTIFICATE_FILE unset until a certificate is configured (the first deploy makes the key)', () => {
    const bare = synthesizePortalAccess();
    try {
      const variables = (bare.template.toJSON().Resources as Record<string, Resource>)[logicalIdAt(bare.template, 'Functions/SealEvidence/Function')]!.Properties
        .Environment.Variables;
      expect(variables).toHaveProperty('SEAL_KEY_ID');
      expect(variables).not.toHaveProperty('SEAL_CERTIFICATE_FILE');
    } finally {
      bare.cleanUp();
    }
  });
});
