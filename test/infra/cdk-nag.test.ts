/**
 * cdk-nag's AwsSolutions pack, applied as the app applies it (a validation plugin on the
 * app), finds nothing: every rule is met or acknowledged with a specific reason.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIN_ACKNOWLEDGEMENT_REASON_LENGTH,
  UnreasonedAcknowledgementError,
  acknowledgeNagRule,
} from '../../infra/constructs/nag-acknowledgement.js';
import { buildPortalAccessApp, SKIP_BUNDLING_CONTEXT } from '../../infra/portal-access-app.js';
import { synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

interface Suppression {
  readonly resource: string;
  readonly id: string;
  readonly reason: string;
}

describe('cdk-nag AwsSolutions checks', () => {
  let synthesized: SynthesizedPortalAccess;
  let suppressions: Suppression[];

  afterAll(() => synthesized?.cleanUp());

  beforeAll(() => {
    // The app registers AwsSolutionsChecks; synth runs it and would throw on any error it finds.
    synthesized = synthesizePortalAccess();
    const resources = synthesized.template.toJSON().Resources as Record<
      string,
      { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }
    >;
    suppressions = Object.entries(resources).flatMap(([resource, { Metadata }]) =>
      (Metadata?.cdk_nag?.rules_to_suppress ?? []).map((rule) => ({ resource, ...rule })),
    );
  });

  it('reports no error and no warning on the PortalAccess stack', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('stops a synth of the app when a resource breaks a rule nobody acknowledged (the checks run on every synth)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'portal-access-nag-'));
    try {
      const { app, stack } = buildPortalAccessApp({ context: { ...SKIP_BUNDLING_CONTEXT }, outdir, builtinCloudFormationValidation: false });
      new s3.Bucket(stack, 'UncheckedBucket');

      expect(() => app.synth()).toThrow(/PortalAccess-test\/UncheckedBucket\/Resource[\s\S]*AwsSolutions-S10/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('acknowledges rules only with a specific reason (written to each resource as cdk_nag metadata)', () => {
    expect(suppressions.length).toBeGreaterThan(0);
    for (const { resource, id, reason } of suppressions) {
      expect(id, resource).toMatch(/^AwsSolutions-[A-Z0-9]+(\[.+\])?$/);
      expect(reason.length, `${resource} ${id}`).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGEMENT_REASON_LENGTH);
    }
  });

  it('acknowledges no rule wholesale: wildcard IAM findings one by one, no other IAM rule', () => {
    const ruleIds = new Set(suppressions.map(({ id }) => id));
    expect(ruleIds.has('AwsSolutions-IAM5')).toBe(false);
    expect(ruleIds.has('AwsSolutions-IAM4')).toBe(false);
    const acknowledgedRules = new Set([...ruleIds].map((id) => id.replace(/\[.*$/, '')));
    expect([...acknowledgedRules].sort()).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-IAM5', 'AwsSolutions-KMS5', 'AwsSolutions-SF1', 'AwsSolutions-SMG4']);
  });

  it('acknowledges logging below ALL only on the state machine, which logs its errors (issue 11: the history keeps every step)', () => {
    const template = synthesized.template.toJSON() as { Resources: Record<string, { Type: string; Properties: { LoggingConfiguration?: { Level?: string } } }> };
    const acknowledged = suppressions.filter(({ id }) => id === 'AwsSolutions-SF1').map(({ resource }) => template.Resources[resource]!);
    expect(acknowledged.map((resource) => [resource.Type, resource.Properties.LoggingConfiguration?.Level])).toEqual([['AWS::StepFunctions::StateMachine', 'ERROR']]);
  });

  it("acknowledges rotation only on the secrets another party holds a copy of: the signing service's two, and the webhooks' signing key", () => {
    const template = synthesized.template.toJSON() as { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
    const secrets = suppressions.filter(({ id }) => id === 'AwsSolutions-SMG4').map(({ resource }) => template.Resources[resource]!);
    expect(secrets.map((secret) => secret.Type)).toEqual(['AWS::SecretsManager::Secret', 'AWS::SecretsManager::Secret', 'AWS::SecretsManager::Secret']);
    expect(secrets.map((secret) => String(secret.Metadata?.['aws:cdk:path']).split('/').slice(-3).join('/')).sort()).toEqual([
      // Every subscribed broker's webhook secret derives from it (docs/events.md).
      'Events/WebhookSigningKey/Resource',
      'SigningService/ApiKey/Resource',
      'SigningService/CallbackSecret/Resource',
    ]);
  });

  it("acknowledges missing authorization only on link routes, the signing service's HMAC-authenticated callback and the dashboard's session-checked pages (and their integrations)", () => {
    const template = synthesized.template.toJSON() as {
      Resources: Record<string, { Type: string; Properties: { RouteKey?: string } }>;
    };
    const routesWithoutAuth = suppressions
      .filter(({ id }) => id === 'AwsSolutions-APIG4')
      .map(({ resource }) => template.Resources[resource]!)
      .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route')
      .map((resource) => resource.Properties.RouteKey!);
    expect(routesWithoutAuth.length).toBeGreaterThan(0);
    for (const routeKey of routesWithoutAuth) expect(routeKey).toMatch(/^(GET|POST) \/(sign|activate)\/\{token\}|^POST \/v1\/signing-service\/callback$|^(GET|POST) \/dashboard(\/|$)/);
  });

  it('acknowledges key rotation only on the keys KMS cannot rotate: the HMAC key and the asymmetric seal key', () => {
    const template = synthesized.template.toJSON() as { Resources: Record<string, { Type: string; Properties: { KeySpec?: string } }> };
    const keys = suppressions.filter(({ id }) => id === 'AwsSolutions-KMS5').map(({ resource }) => template.Resources[resource]!);
    expect(keys.map((key) => key.Type)).toEqual(['AWS::KMS::Key', 'AWS::KMS::Key']);
    expect(keys.map((key) => key.Properties.KeySpec).sort()).toEqual(['ECC_NIST_P256', 'HMAC_256']);
  });

  it('refuses an acknowledgement whose reason is too short to explain anything', () => {
    const stack = new Stack(new App(), 'Probe');
    expect(() => acknowledgeNagRule(stack, 'AwsSolutions-S1', 'not needed')).toThrow(UnreasonedAcknowledgementError);
  });
});
