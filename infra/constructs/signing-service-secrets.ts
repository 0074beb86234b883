/**
 * The signing service's two secrets (advanced signatures, docs/signing-service.md), in Secrets
 * Manager: the API key the product calls the service with, and the secret shared with the
 * service that authenticates its callbacks (HMAC-SHA256). Both are generated at deployment; the
 * operator then hands the callback secret to the provider and puts the provider's own key into
 * the API key secret. The functions read them once per cold start (functions/adapters/secret-value.ts).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNagRule } from './nag-acknowledgement.js';

/** Long enough for HMAC-SHA256 (256 bits of letters and digits need 43 characters). */
const SECRET_LENGTH = 64;

export interface SigningServiceSecretsProps {
  /** The API key secret's name (infra/stage-names.ts). @default a name CloudFormation generates */
  readonly apiKeySecretName?: string;
  /** The callback secret's name. @default a name CloudFormation generates */
  readonly callbackSecretName?: string;
}

export class SigningServiceSecrets extends Construct {
  /** The signing service's API key (SIGNING_SERVICE_API_KEY_SECRET_ARN). */
  readonly apiKey: secretsmanager.Secret;
  /** The callbacks' shared HMAC secret (SIGNING_CALLBACK_SECRET_ARN). */
  readonly callbackSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SigningServiceSecretsProps = {}) {
    super(scope, id);
    // Named or not, CloudFormation deletes a secret with its stack without a recovery window,
    // so a stage deployed again after `cdk destroy` can take the same names.
    this.apiKey = new secretsmanager.Secret(this, 'ApiKey', {
      ...(props.apiKeySecretName ? { secretName: props.apiKeySecretName } : {}),
      description: "The signing service's API key (advanced signatures): generated as a placeholder, replaced by the key the provider issues.",
      generateSecretString: { passwordLength: SECRET_LENGTH, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.callbackSecret = new secretsmanager.Secret(this, 'CallbackSecret', {
      ...(props.callbackSecretName ? { secretName: props.callbackSecretName } : {}),
      description: "The secret shared with the signing service: an HMAC-SHA256 with it over timestamp and body authenticates each callback.",
      generateSecretString: { passwordLength: SECRET_LENGTH, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const reason =
      'Shared with the signing service, which holds its own copy: a rotation is a change made with the provider (docs/signing-service.md, "Rotating the secrets"), not a Lambda rotation.';
    acknowledgeNagRule(this.apiKey, 'AwsSolutions-SMG4', reason);
    acknowledgeNagRule(this.callbackSecret, 'AwsSolutions-SMG4', reason);
  }
}
