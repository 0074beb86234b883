/**
 * `npm run webhook-secret -- <stage> <brokerId> [secretVersion]`
 *
 * Prints the secret a subscribed broker verifies his webhook deliveries with (docs/events.md,
 * "Secrets"): derived from the stage's webhook signing key, read from Secrets Manager with the
 * caller's AWS credentials in the stage's region. The version defaults to the one the stage's
 * settings give the broker's subscription, else 1. Exit 2 for a wrong call.
 */
import { BROKER_ID_PATTERN } from '../functions/domain/identifiers.js';
import { secretString } from '../functions/adapters/secret-value.js';
import { webhookSecretFor } from '../functions/events/webhook-subscription.js';
import { stageFileName, stageSettings } from '../infra/portal-access-settings.js';
import { stageNames } from '../infra/stage-names.js';

const [stage, brokerId, version] = process.argv.slice(2);
if (!stage || !brokerId || !BROKER_ID_PATTERN.test(brokerId) || (version !== undefined && !/^[1-9][0-9]*$/.test(version))) {
  console.error('usage: npm run webhook-secret -- <stage> <brokerId> [secretVersion]');
  process.exit(2);
}
const settings = stageSettings({ stage });
const subscribed = settings.webhooks.find((subscription) => subscription.brokerId === brokerId);
if (!subscribed) console.error(`note: ${brokerId} has no webhook subscription in ${stageFileName(stage)}`);
// The secret-value adapter's client takes the region from the environment.
process.env.AWS_REGION ??= settings.region;
const signingKey = await secretString(stageNames(stage).webhookSigningKeySecretName);
console.log(webhookSecretFor(signingKey, brokerId, version === undefined ? (subscribed?.secretVersion ?? 1) : Number(version)));
