/**
 * Stages side by side: the region comes from the stage's settings, placeholders refuse the
 * build, and two stages synthesized in one app share no physical name, so both fit in one
 * account and region; nothing retained keeps a name that would block a redeploy after
 * `cdk destroy` (infra/stage-names.ts).
 */
import { Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPortalAccessStack, buildPortalAccessApp, SKIP_BUNDLING_CONTEXT } from '../../infra/portal-access-app.js';
import { InvalidSettingsError, stageSettings } from '../../infra/portal-access-settings.js';

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };
type Resources = Record<string, Resource>;

/**
 * `*Name` properties that do not name a resource in the account and region, each with why:
 * they are scoped to their parent, or they name something else.
 */
const NOT_PHYSICAL_NAMES: readonly { type: string; property: string; reason: string }[] = [
  { type: 'AWS::IAM::Policy', property: 'PolicyName', reason: 'an inline policy\'s name is scoped to its role' },
  { type: 'AWS::ApiGatewayV2::Stage', property: 'StageName', reason: 'a stage name is scoped to its API' },
  { type: 'AWS::ApiGatewayV2::Authorizer', property: 'Name', reason: 'an authorizer name is scoped to its API' },
  { type: 'AWS::Cognito::UserPoolClient', property: 'ClientName', reason: 'a client name is scoped to its user pool' },
  { type: 'AWS::Cognito::UserPoolResourceServer', property: 'Name', reason: 'scoped to its user pool' },
  { type: 'AWS::Cognito::UserPoolGroup', property: 'GroupName', reason: 'scoped to its user pool' },
  { type: 'AWS::CloudWatch::Alarm', property: 'MetricName', reason: 'the watched metric\'s name, not the alarm\'s' },
  { type: 'AWS::Events::Rule', property: 'EventBusName', reason: 'the bus a rule listens on (SES feedback: the account\'s default bus), not the rule\'s own name' },
  { type: '*', property: 'DisplayName', reason: 'a label shown to people, not an identifier' },
];

/** Properties that name their resource without ending in `Name`. */
const OTHER_NAME_PROPERTIES = ['EmailIdentity', 'Domain'];

/** A value that only points at another resource (`Ref`, `Fn::GetAtt`) names nothing itself. */
const isReference = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && ('Ref' in value || 'Fn::GetAtt' in value);

/** Every physical name a template sets, the value as JSON, `at` saying where (`stack` names the template). */
function physicalNames(resources: Resources, stack = ''): { at: string; name: string; resource: Resource }[] {
  return Object.entries(resources).flatMap(([logicalId, resource]) =>
    Object.entries(resource.Properties ?? {})
      .filter(([property]) => property.endsWith('Name') || OTHER_NAME_PROPERTIES.includes(property))
      .filter(([property]) => !NOT_PHYSICAL_NAMES.some((scoped) => (scoped.type === '*' || scoped.type === resource.Type) && scoped.property === property))
      .filter(([, value]) => !isReference(value))
      .map(([property, value]) => ({ at: `${stack}${resource.Type} ${logicalId}.${property}`, name: JSON.stringify(value), resource })),
  );
}

describe('stages', () => {
  describe('region and account', () => {
    const withEnvironment = <T>(variables: Record<string, string | undefined>, run: () => T): T => {
      const before = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
      const assign = (values: Record<string, string | undefined>) => {
        for (const [name, value] of Object.entries(values)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      };
      assign(variables);
      try {
        return run();
      } finally {
        assign(before);
      }
    };
    const build = (context: Record<string, unknown> = {}) =>
      buildPortalAccessApp({ context: { ...SKIP_BUNDLING_CONTEXT, ...context }, builtinCloudFormationValidation: false }).stack;

    it('puts the stack in the stage\'s region, not in the one the CDK CLI sets from the profile', () => {
      const stack = withEnvironment({ CDK_DEFAULT_REGION: 'us-east-1', CDK_DEFAULT_ACCOUNT: undefined }, () => build());
      expect(stack.region).toBe('eu-west-1');
      expect(Token.isUnresolved(stack.account)).toBe(true);
      const moved = withEnvironment({ CDK_DEFAULT_REGION: 'us-east-1' }, () => build({ region: 'eu-central-1' }));
      expect(moved.region).toBe('eu-central-1');
    });

    it('takes the account from CDK_DEFAULT_ACCOUNT when the CLI found credentials', () => {
      const stack = withEnvironment({ CDK_DEFAULT_ACCOUNT: '111122223333' }, () => build());
      expect(stack.account).toBe('111122223333');
    });

    it('refuses a region outside the stage\'s allowed regions (by default the EU ones), naming the setting', () => {
      for (const region of ['us-east-1', 'eu-west-2']) {
        expect(() => build({ region }), region).toThrow(InvalidSettingsError);
        expect(() => build({ region }), region).toThrow(/region: .* is not one of allowedRegions/);
      }
      expect(build({ region: 'eu-west-2', allowedRegions: ['eu-west-2'] }).region).toBe('eu-west-2');
    });

    it('refuses to build with a placeholder in any setting, naming the setting', () => {
      const placeholders: Record<string, string> = {
        mailFrom: 'no-reply@portal-access.example.be',
        alarmEmail: 'ops@example.com',
        publicBaseUrl: 'https://access.broker.example/',
        signingServiceUrl: 'https://sign.example.net/api',
      };
      for (const [setting, value] of Object.entries(placeholders)) {
        expect(() => build({ [setting]: value }), setting).toThrow(new RegExp(`${setting}: "${value.replaceAll('.', '\\.')}" is a placeholder`));
      }
      const identity = { brokers: { kind: 'cognito', callbackUrls: ['https://dashboard.example.org/signed-in'] } };
      expect(() => build({ identity })).toThrow(/identity\.brokers\.callbackUrls\[0\]: "https:\/\/dashboard\.example\.org\/signed-in" is a placeholder/);
    });

    it('refuses a stage without a settings file, naming the file to write', () => {
      expect(() => build({ stage: 'acceptance' })).toThrow(/config\/stages\/acceptance\.json/);
    });
  });

  describe('two stages in one app', () => {
    let outdir: string;
    let test: Template;
    let testB: Template;
    let stackNames: string[];

    beforeAll(() => {
      outdir = mkdtempSync(join(tmpdir(), 'portal-access-stages-'));
      const { app, stack } = buildPortalAccessApp({ context: { ...SKIP_BUNDLING_CONTEXT, stage: 'test' }, outdir, builtinCloudFormationValidation: false });
      const second = addPortalAccessStack(app, stageSettings({ stage: 'test-b' }));
      app.synth();
      test = Template.fromStack(stack);
      testB = Template.fromStack(second);
      stackNames = [stack.stackName, second.stackName];
    });
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));

    const resourcesOf = (template: Template): Resources => template.toJSON().Resources as Resources;

    it('names the stacks PortalAccess-<stage>', () => {
      expect(stackNames).toEqual(['PortalAccess-test', 'PortalAccess-test-b']);
    });

    it('derives every chosen name from the stage', () => {
      const expected = (stage: string) => [
        `"portal-access-${stage}-requests"`,
        `"portal-access-${stage}"`,
        `"alias/portal-access-${stage}/mac-key"`,
        `"alias/portal-access-${stage}/seal-key"`,
        `"portal-access/${stage}/signing-service-api-key"`,
        `"portal-access/${stage}/signing-callback-secret"`,
      ];
      for (const [stage, template] of [['test', test], ['test-b', testB]] as const) {
        const names = physicalNames(resourcesOf(template)).map((entry) => entry.name);
        for (const name of expected(stage)) expect(names, stage).toContain(name);
        const logGroup = names.find((name) => name.includes('/aws/vendedlogs/states/'));
        expect(logGroup, stage).toContain(`/aws/vendedlogs/states/portal-access-${stage}-requests-`);
      }
    });

    it('builds each stage\'s STATE_MACHINE_ARN from its own state machine\'s name', () => {
      for (const [stage, template] of [['test', test], ['test-b', testB]] as const) {
        const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
        for (const fn of functions) {
          const arn = JSON.stringify((fn.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables['STATE_MACHINE_ARN']);
          expect(arn, stage).toContain(`:stateMachine:portal-access-${stage}-requests`);
        }
      }
    });

    it('shares no physical name between the stages, nor within one', () => {
      const all = [...physicalNames(resourcesOf(test), 'PortalAccess-test: '), ...physicalNames(resourcesOf(testB), 'PortalAccess-test-b: ')];
      expect(all.length).toBeGreaterThan(8);
      const seen = new Map<string, string>();
      const collisions: string[] = [];
      // A name is taken per kind of resource: an API and a configuration set may share one.
      for (const { at, name, resource } of all) {
        const key = `${resource.Type} ${name}`;
        const earlier = seen.get(key);
        if (earlier) collisions.push(`${name}: ${earlier} and ${at}`);
        seen.set(key, at);
      }
      expect(collisions).toEqual([]);
    });

    it('gives nothing retained a name that a redeploy after `cdk destroy` would find taken', () => {
      for (const template of [test, testB]) {
        const retained = physicalNames(resourcesOf(template)).filter(({ resource }) => resource.DeletionPolicy === 'Retain');
        for (const { at, name } of retained) expect(name, `${at} is retained with a fixed name`).toContain('"AWS::StackId"');
      }
      // The one retained resource with a name (the workflow's log group) is among them.
      expect(physicalNames(resourcesOf(test)).filter(({ resource }) => resource.DeletionPolicy === 'Retain').length).toBeGreaterThan(0);
    });
  });
});
