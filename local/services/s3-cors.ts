/**
 * The bucket's CORS rules, as the synthesized template declares them, put on the local
 * bucket: the signing page posts files straight to the bucket from the API's origin (a
 * presigned POST), which the browser allows only if the bucket answers its preflight. On AWS
 * the allowed origin is the deployed API's; locally it is the local API's own.
 */
import { PutBucketCorsCommand, S3Client, type CORSRule } from '@aws-sdk/client-s3';
import { isObject } from './kms/json-object.js';
import { localS3ClientConfig } from './s3-local.js';
import { templateBucketProperties } from './template-buckets.js';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** The CORS rules of the template's bucket whose construct path ends with `pathSuffix`, their origins left out (they name the deployed API). */
export function readTemplateCorsRules(template: unknown, pathSuffix: string): Omit<CORSRule, 'AllowedOrigins'>[] {
  const cors = templateBucketProperties(template, pathSuffix)['CorsConfiguration'];
  const rules = isObject(cors) && Array.isArray(cors['CorsRules']) ? cors['CorsRules'] : [];
  return rules.filter(isObject).map((rule) => ({
    ...(typeof rule['Id'] === 'string' ? { ID: rule['Id'] } : {}),
    AllowedMethods: strings(rule['AllowedMethods']),
    AllowedHeaders: strings(rule['AllowedHeaders']),
    ExposeHeaders: strings(rule['ExposedHeaders']),
    ...(typeof rule['MaxAge'] === 'number' ? { MaxAgeSeconds: rule['MaxAge'] } : {}),
  }));
}

/** Puts `rules` on the local bucket, each allowing `origin` (the local API's). */
export async function applyBucketCors(endpoint: string, bucket: string, rules: readonly Omit<CORSRule, 'AllowedOrigins'>[], origin: string): Promise<void> {
  if (rules.length === 0) return;
  const client = new S3Client(localS3ClientConfig(endpoint));
  try {
    await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules.map((rule) => ({ ...rule, AllowedOrigins: [origin] })) } }));
  } finally {
    client.destroy();
  }
}
