/**
 * Region and credentials for SDK clients that talk to the local servers. DynamoDB Local
 * (run with `-sharedDb`) and the SES emulator take any credentials; s3rver knows exactly
 * one key pair, `S3RVER`/`S3RVER`, and answers InvalidAccessKeyId to any other. So the
 * local stack uses that pair everywhere — also as `AWS_ACCESS_KEY_ID` /
 * `AWS_SECRET_ACCESS_KEY` for the handlers it runs in-process.
 */
export const LOCAL_AWS_CLIENT_CONFIG: {
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
} = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
};
