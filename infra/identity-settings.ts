/**
 * The `identity` setting of a stage (infra/portal-access-settings.ts): how brokers sign in, and
 * the Cognito domain of the stack's user pool (infra/constructs/identity.ts, docs/sign-in.md).
 *
 * ```json
 * "identity": {
 *   "domainPrefix": "janssens-portal-access",
 *   "brokers": { "kind": "cognito", "mfa": "required", "callbackUrls": ["https://dashboard.janssens.be/signed-in"] }
 * }
 * ```
 * or, for brokers who sign in to the office's own OpenID Connect provider:
 * ```json
 * "brokers": { "kind": "oidc", "issuer": "https://login.microsoftonline.com/<tenant>/v2.0",
 *              "audience": ["api://portal-access"], "brokerIdClaim": "extension_brokerOffice" }
 * ```
 */
import { z } from 'zod';

/** Cognito's rule for a domain prefix: lower-case letters, digits and inner hyphens, at most 63. */
const DOMAIN_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Words Cognito refuses in a domain prefix. */
const RESERVED_PREFIX_WORDS = ['aws', 'amazon', 'cognito'];

/** Managed login sends the code back over https only, except to a developer's own machine. */
const callbackUrl = z.url().refine((value) => {
  const url = new URL(value);
  return url.protocol !== 'http:' || url.hostname === 'localhost';
}, 'must be https (http only to localhost)');

/** A list may be a JSON array or one comma-separated string (as `-c` gives it). */
const nonEmptyList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1)).min(1));

const cognitoBrokers = z.strictObject({
  kind: z.literal('cognito'),
  /** MFA by TOTP: `required` (cdk-nag's rule), `optional` (each broker chooses) or `off`. @default 'required' */
  mfa: z.enum(['off', 'optional', 'required']).default('required'),
  /** Where managed login sends a signed-in broker back with the code (the dashboard, the management package). Required. */
  callbackUrls: z.array(callbackUrl).min(1),
  /** Where managed login may send a broker after signing out. @default none */
  logoutUrls: z.array(callbackUrl).default([]),
});

const oidcBrokers = z.strictObject({
  kind: z.literal('oidc'),
  /** The `iss` of the provider's access tokens, exactly (API Gateway fetches its keys from there). */
  issuer: z.url().refine((value) => value.startsWith('https://'), 'must be an https URL'),
  /** The API's application id or URI the tokens are issued for (`aud`). */
  audience: nonEmptyList,
  /** The claim that names the broker office; its value becomes the broker id (I1). */
  brokerIdClaim: z.string().min(1),
  /** Scopes a broker route requires, any one of them (`scp`/`scope`). @default none */
  scopes: z.array(z.string().min(1)).default([]),
});

export const identitySettingsSchema = z.strictObject({
  /**
   * The prefix of the user pool's Cognito domain (`https://<prefix>.auth.<region>.amazoncognito.com`):
   * managed login and the portal's token endpoint. Unique in the region among all AWS accounts.
   * @default `portal-access-<stage>` (infra/stage-names.ts)
   */
  domainPrefix: z
    .string()
    .regex(DOMAIN_PREFIX_PATTERN, 'lower-case letters, digits and hyphens, at most 63, not starting or ending with a hyphen')
    .refine((prefix) => !RESERVED_PREFIX_WORDS.some((word) => prefix.includes(word)), `must not contain ${RESERVED_PREFIX_WORDS.join(', ')}`)
    .optional(),
  /** Where brokers sign in: the stack's own user pool, or the office's OpenID Connect provider. */
  brokers: z.discriminatedUnion('kind', [cognitoBrokers, oidcBrokers]),
});

export type IdentitySettings = z.infer<typeof identitySettingsSchema>;
