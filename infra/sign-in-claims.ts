/**
 * What a token must carry to pass each kind of authorizer, shared by the stack
 * (infra/constructs/identity.ts), the functions' default (functions/config/config.ts) and the
 * local stack's issuer (local/local-jwt.ts). No AWS import: the local issuer reads it too.
 */

/** The resource server of the portal's calls. */
export const PORTAL_RESOURCE_SERVER = 'portal';
/** The scope every portal route requires. */
export const PORTAL_READ_SCOPE = `${PORTAL_RESOURCE_SERVER}/read`;
/** The resource server of the brokers' calls. */
export const BROKERS_RESOURCE_SERVER = 'brokers';
/** The scope every broker route requires when brokers sign in to the stack's user pool. */
export const BROKER_REQUESTS_SCOPE = `${BROKERS_RESOURCE_SERVER}/requests`;
/**
 * The claim that names the broker office in a Cognito access token: the broker's user-pool
 * groups. Custom attributes reach only ID tokens (without a pre-token-generation trigger), and ID
 * tokens carry no scope, so the office is a group, which the access token carries.
 */
export const COGNITO_BROKER_ID_CLAIM = 'cognito:groups';
