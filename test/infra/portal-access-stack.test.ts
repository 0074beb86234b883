/**
 * The PortalAccess stack's template (stage `test`): data, mail, one function per catalog entry with its
 * environment and least-privilege role, the HTTP API per ROUTES, the workflow and its alarms.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FONT_DIR, FORM_FONT_FILES } from '../../infra/constructs/catalog-functions.js';
import { FUNCTION_ACCESS } from '../../infra/function-access.js';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { ROUTES, routeKeyOf } from '../../catalog/route-catalog.js';
import { BROKER_INDEX_ATTRIBUTES } from '../../functions/adapters/dynamo-table.js';
import { PROJECT_ROOT } from '../../infra/portal-access-stack.js';
import { catalogLambdaSettings } from '../../local/lambda-context.js';
import { logicalIdAt, synthesizePortalAccess, type SynthesizedPortalAccess } from './synthesized-portal-access.js';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };

const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

describe('PortalAccess stack', () => {
  let synthesized: SynthesizedPortalAccess;
  let template: Template;
  let resources: Record<string, Resource>;
  const functionLogicalId: Partial<Record<FunctionId, string>> = {};

  afterAll(() => synthesized?.cleanUp());

  beforeAll(() => {
    synthesized = synthesizePortalAccess();
    template = synthesized.template;
    resources = template.toJSON().Resources as Record<string, Resource>;
    for (const functionId of FUNCTION_IDS) {
      functionLogicalId[functionId] = logicalIdAt(template, `Functions/${functionId}/Function`);
    }
  });

  const fnProps = (functionId: FunctionId): Record<string, any> => resources[functionLogicalId[functionId]!]!.Properties;
  const rolePolicyOf = (functionId: FunctionId): string =>
    JSON.stringify(resources[logicalIdAt(template, `Functions/${functionId}/Role/DefaultPolicy`)]!.Properties.PolicyDocument);

  it('is the stack PortalAccess-test in the test stage\'s region, eu-west-1', () => {
    expect(synthesized.stack.stackName).toBe('PortalAccess-test');
    expect(synthesized.stack.node.id).toBe('PortalAccess-test');
    expect(synthesized.stack.region).toBe('eu-west-1');
  });

  describe('data', () => {
    it('has one table with pk/sk, GSI gsi1 (a broker\'s list, projected to what it reads) and the sparse keys-only gsi2 (due work), on demand, PITR, encryption and TTL', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ]),
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            // What the lists read, no body, evidence or task token (issue 11).
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...BROKER_INDEX_ATTRIBUTES] },
          },
          {
            IndexName: 'gsi2',
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      });
    });

    it('keeps documents in a private, versioned, encrypted bucket that logs its access', () => {
      const documents = resources[logicalIdAt(template, 'Data/Documents')]!.Properties;
      expect(documents.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(documents.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(documents.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe(
        'AES256',
      );
      expect(documents.LoggingConfiguration.DestinationBucketName).toEqual({
        Ref: logicalIdAt(template, 'Data/AccessLogs'),
      });
    });

    it('expires uploads its requests never accepted (staging/) after a day, current and earlier versions', () => {
      const documents = resources[logicalIdAt(template, 'Data/Documents')]!.Properties;
      expect(documents.LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({
          Id: 'expire-unaccepted-uploads',
          Prefix: 'staging/',
          Status: 'Enabled',
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        }),
      );
    });

    it("lets only the API's own origin post files to the documents bucket from a browser (the signing page's presigned uploads)", () => {
      const documents = resources[logicalIdAt(template, 'Data/Documents')]!.Properties;
      expect(documents.CorsConfiguration.CorsRules).toEqual([
        {
          Id: 'signing-page-uploads',
          AllowedMethods: ['POST'],
          AllowedOrigins: [{ 'Fn::GetAtt': [logicalIdAt(template, 'Api/Api'), 'ApiEndpoint'] }],
          AllowedHeaders: ['content-type'],
          MaxAge: 3600,
        },
      ]);
    });

    it('lets the public base URL\'s origin post files instead, when the links use a domain of their own', () => {
      const custom = synthesizePortalAccess({ publicBaseUrl: 'https://access.broker.test/portal' });
      try {
        const bucket = custom.template.toJSON().Resources[logicalIdAt(custom.template, 'Data/Documents')].Properties;
        expect(bucket.CorsConfiguration.CorsRules.map((rule: { AllowedOrigins: unknown }) => rule.AllowedOrigins)).toEqual([['https://access.broker.test']]);
      } finally {
        custom.cleanUp();
      }
    });

    it('refuses requests without TLS on both buckets', () => {
      for (const bucket of ['Data/Documents', 'Data/AccessLogs']) {
        template.hasResourceProperties('AWS::S3::BucketPolicy', {
          Bucket: { Ref: logicalIdAt(template, bucket) },
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Action: 's3:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      }
    });
  });

  describe('mail', () => {
    it('verifies the sender domain in SES with a configuration set', () => {
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: 'portal-access.test',
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.anyValue() } },
      });
      template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    });
  });

  describe('functions', () => {
    it('every catalog entry file exists (a real `cdk synth` bundles it)', () => {
      for (const spec of Object.values(FUNCTIONS)) expect(existsSync(join(PROJECT_ROOT, spec.entry)), spec.entry).toBe(true);
    });

    it('has exactly one Lambda function per catalog entry: Node.js 24, arm64, traced, own log group', () => {
      template.resourceCountIs('AWS::Lambda::Function', FUNCTION_IDS.length);
      for (const functionId of FUNCTION_IDS) {
        const props = fnProps(functionId);
        expect(props.Runtime, functionId).toBe('nodejs24.x');
        expect(props.Architectures, functionId).toEqual(['arm64']);
        expect(props.Handler, functionId).toBe('index.handler');
        expect(props.TracingConfig, functionId).toEqual({ Mode: 'Active' });
        expect(props.Description, functionId).toBe(FUNCTIONS[functionId].description);
        expect(props.LoggingConfig.LogGroup, functionId).toEqual({ Ref: logicalIdAt(template, `Functions/${functionId}/Logs`) });
      }
      template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
    });

    it('deploys each function with the timeout and memory the local stack’s Lambda context reports for it', () => {
      for (const functionId of FUNCTION_IDS) {
        const props = fnProps(functionId);
        expect({ timeoutMs: props.Timeout * 1000, memoryMb: props.MemorySize }, functionId).toEqual(catalogLambdaSettings(functionId));
      }
    });

    it('gives every function the configuration functions/config/config.ts reads, and Powertools its settings', () => {
      for (const functionId of FUNCTION_IDS) {
        const variables = fnProps(functionId).Environment.Variables as Record<string, unknown>;
        expect(variables.TABLE_NAME, functionId).toEqual({ Ref: logicalIdAt(template, 'Data/Table') });
        expect(variables.DOCUMENTS_BUCKET, functionId).toEqual({ Ref: logicalIdAt(template, 'Data/Documents') });
        expect(variables.MAIL_FROM, functionId).toBe('no-reply@portal-access.test');
        expect(variables.BROKER_DISPLAY_NAME, functionId).toBe('Verzekeringen Test');
        expect(JSON.stringify(variables.PUBLIC_BASE_URL), functionId).toContain(logicalIdAt(template, 'Api/Api'));
        expect(JSON.stringify(variables.STATE_MACHINE_ARN), functionId).toContain(
          `:states:eu-west-1:`,
        );
        expect(JSON.stringify(variables.STATE_MACHINE_ARN), functionId).toContain(
          ':stateMachine:portal-access-test-requests',
        );
        expect(variables.LINK_TTL_SECONDS, functionId).toBe(String(14 * 86_400));
        expect(variables.POWERTOOLS_SERVICE_NAME, functionId).toBe('portal-access');
        expect(variables.LOG_LEVEL, functionId).toBe('INFO');
      }
    });

    it('builds STATE_MACHINE_ARN from the stage\'s state machine name, so no function depends on the state machine (no cycle)', () => {
      const machineId = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
      for (const functionId of FUNCTION_IDS) {
        expect(JSON.stringify(fnProps(functionId)), functionId).not.toContain(machineId);
        expect(rolePolicyOf(functionId), functionId).not.toContain(machineId);
      }
    });

    it('tells GenerateForm where its bundle holds the DejaVu fonts, which the project has to copy there', () => {
      expect(fnProps('GenerateForm').Environment.Variables.FORM_FONT_DIR).toBe(FORM_FONT_DIR);
      for (const font of FORM_FONT_FILES) {
        // The bundle is unpacked in /var/task on AWS.
        expect(join('/var/task', font.to, '..'), font.to).toBe(FORM_FONT_DIR);
        expect(existsSync(join(PROJECT_ROOT, font.from)), font.from).toBe(true);
      }
    });

    it('grants each function only what infra/function-access.ts lists (least privilege)', () => {
      for (const functionId of FUNCTION_IDS) {
        const access = FUNCTION_ACCESS[functionId];
        const policy = rolePolicyOf(functionId);
        expect(policy.includes('dynamodb:PutItem'), `${functionId} writes the table`).toBe(access.table === 'readWrite');
        expect(policy.includes('dynamodb:Query'), `${functionId} reads the table`).toBe(access.table !== undefined);
        expect(policy.includes('s3:GetObject'), `${functionId} reads documents`).toBe(access.documents !== undefined);
        expect(policy.includes('s3:PutObject'), `${functionId} writes documents`).toBe(access.documents === 'readWrite' || access.documents === 'readWriteDelete');
        expect(policy.includes('s3:DeleteObject'), `${functionId} deletes documents`).toBe(access.documents === 'readWriteDelete');
        expect(policy.includes('kms:GenerateMac'), `${functionId} signs cursors`).toBe(access.macKey === true);
        expect(policy.includes('ses:SendEmail'), `${functionId} sends mail`).toBe(access.sendMail === true);
        expect(policy.includes('states:StartExecution'), `${functionId} starts`).toBe(access.workflow?.includes('start') ?? false);
        expect(policy.includes('states:SendTaskSuccess'), `${functionId} answers tasks`).toBe(
          access.workflow?.includes('answerTask') ?? false,
        );
        expect(policy, functionId).not.toMatch(/"Action":"[a-z0-9]+:\*"/);
      }
    });

    it("lets only the functions function-access.ts names read the signing service's secrets, and names each secret to them alone", () => {
      const secretRef = (name: 'ApiKey' | 'CallbackSecret') => JSON.stringify({ Ref: logicalIdAt(template, `SigningService/${name}`) });
      for (const functionId of FUNCTION_IDS) {
        const granted = FUNCTION_ACCESS[functionId].signingServiceSecrets ?? [];
        const policy = rolePolicyOf(functionId);
        const variables = fnProps(functionId).Environment.Variables;
        for (const [name, variable, secret] of [
          ['apiKey', 'SIGNING_SERVICE_API_KEY_SECRET_ARN', 'ApiKey'],
          ['callbackSecret', 'SIGNING_CALLBACK_SECRET_ARN', 'CallbackSecret'],
        ] as const) {
          expect(policy.includes(secretRef(secret)), `${functionId} reads ${name}`).toBe(granted.includes(name));
          expect(variables[variable] === undefined, `${functionId} is told ${variable}`).toBe(!granted.includes(name));
        }
        // WebhookDelivery reads the webhooks' signing key instead (test/infra/product-events.test.ts).
        expect(policy.includes('secretsmanager:GetSecretValue'), `${functionId} reads secrets`).toBe(granted.length > 0 || FUNCTION_ACCESS[functionId].webhookSigningKey === true);
      }
      expect(FUNCTION_ACCESS.SigningServiceCallback.signingServiceSecrets).toContain('callbackSecret');
      expect(FUNCTION_ACCESS.SignerApi.signingServiceSecrets).toEqual(['apiKey']);
    });

    it('uses no AWS managed policy (each role writes only its own log group)', () => {
      for (const functionId of FUNCTION_IDS) {
        const role = resources[logicalIdAt(template, `Functions/${functionId}/Role`)]!;
        expect(role.Properties.ManagedPolicyArns, functionId).toBeUndefined();
      }
    });
  });

  describe('HTTP API', () => {
    it('has one route per ROUTES entry and no other', () => {
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
        (route) => (route as Resource).Properties.RouteKey as string,
      );
      expect(routes.sort()).toEqual(ROUTES.map(routeKeyOf).sort());
    });

    it('integrates each route with its function', () => {
      const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
      for (const route of ROUTES) {
        const [, routeResource] = Object.entries(template.findResources('AWS::ApiGatewayV2::Route')).find(
          ([, candidate]) => (candidate as Resource).Properties.RouteKey === routeKeyOf(route),
        )!;
        const target = JSON.stringify((routeResource as Resource).Properties.Target);
        const integrationId = Object.keys(integrations).find((id) => target.includes(id))!;
        const uri = JSON.stringify((integrations[integrationId] as Resource).Properties.IntegrationUri);
        expect(uri, routeKeyOf(route)).toContain(functionLogicalId[route.function]!);
      }
    });

    it("checks a JWT on broker and portal routes (each its own authorizer and audience), none on link routes nor the dashboard's pages (the function checks its session cookie)", () => {
      const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
      expect(Object.keys(authorizers)).toHaveLength(2);
      const audienceOf = (authorizerRef: unknown): string[] => {
        const id = (authorizerRef as { Ref: string }).Ref;
        const authorizer = (authorizers[id] as Resource).Properties;
        expect(authorizer.AuthorizerType).toBe('JWT');
        return authorizer.JwtConfiguration.Audience as string[];
      };
      for (const route of ROUTES) {
        const [, resource] = Object.entries(template.findResources('AWS::ApiGatewayV2::Route')).find(
          ([, candidate]) => (candidate as Resource).Properties.RouteKey === routeKeyOf(route),
        )!;
        const props = (resource as Resource).Properties;
        if (route.auth === 'link' || route.auth === 'hmac' || route.auth === 'session') {
          expect(props.AuthorizationType ?? 'NONE', routeKeyOf(route)).toBe('NONE');
          expect(props.AuthorizerId, routeKeyOf(route)).toBeUndefined();
        } else {
          expect(props.AuthorizationType, routeKeyOf(route)).toBe('JWT');
          // Each its own app client of the user pool (test/infra/identity.test.ts checks issuer and scopes).
          const client = logicalIdAt(template, route.auth === 'broker' ? 'Identity/UserPool/BrokerClient' : 'Identity/UserPool/PortalClient');
          expect(audienceOf(props.AuthorizerId), routeKeyOf(route)).toEqual([{ Ref: client }]);
        }
      }
    });

    it('logs access (route key, not the path with its link token) and throttles the default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [logicalIdAt(template, 'Api/AccessLogs'), 'Arn'] },
          Format: Match.stringLikeRegexp('routeKey'),
        },
      });
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as Resource;
      expect(stage.Properties.AccessLogSettings.Format).not.toContain('$context.path');
    });
  });

  describe('workflow', () => {
    it('invokes the step functions only', () => {
      const policy = JSON.stringify(
        resources[logicalIdAt(template, 'Workflow/StateMachine/Role/DefaultPolicy')]!.Properties.PolicyDocument,
      );
      for (const functionId of FUNCTION_IDS) {
        expect(policy.includes(functionLogicalId[functionId]!), functionId).toBe(FUNCTIONS[functionId].kind === 'step');
      }
    });

    it('alarms on failed and timed-out executions to an encrypted SNS topic', () => {
      const machineId = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
      const topicId = logicalIdAt(template, 'Alarms/Topic');
      for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/States',
          MetricName: metricName,
          Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machineId } }],
          AlarmActions: [{ Ref: topicId }],
        });
      }
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    });
  });
});
