/**
 * S3's lifecycle expiration, which s3rver does not run: the expiration rules a bucket of the
 * synthesized template declares (`LifecycleConfiguration.Rules`, by prefix and age in days)
 * are applied to the local bucket's objects, as AWS's daily lifecycle run does. Run by the
 * local scheduler on the stack's clock. (s3rver keeps no versions, so rules on noncurrent
 * versions have nothing to act on locally.)
 */
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { isObject } from './kms/json-object.js';
import { localS3ClientConfig } from './s3-local.js';
import { templateBucketProperties } from './template-buckets.js';

export interface ExpirationRule {
  readonly id: string | undefined;
  readonly prefix: string;
  readonly expirationDays: number;
}

/** The enabled expiration rules of the template's bucket whose construct path ends with `pathSuffix`. */
export function readTemplateExpirationRules(template: unknown, pathSuffix: string): ExpirationRule[] {
  const lifecycle = templateBucketProperties(template, pathSuffix)['LifecycleConfiguration'];
  const rules = isObject(lifecycle) && Array.isArray(lifecycle['Rules']) ? lifecycle['Rules'] : [];
  return rules.flatMap((rule): ExpirationRule[] => {
    if (!isObject(rule) || rule['Status'] !== 'Enabled' || typeof rule['ExpirationInDays'] !== 'number') return [];
    const filter = isObject(rule['Filter']) ? rule['Filter'] : {};
    const prefix = typeof rule['Prefix'] === 'string' ? rule['Prefix'] : typeof filter['Prefix'] === 'string' ? filter['Prefix'] : '';
    return [{ id: typeof rule['Id'] === 'string' ? rule['Id'] : undefined, prefix, expirationDays: rule['ExpirationInDays'] }];
  });
}

/** Deletes every object a rule has expired by `now`; answers how many. */
export async function applyExpirationRules(endpoint: string, bucket: string, rules: readonly ExpirationRule[], now: Date): Promise<number> {
  const client = new S3Client(localS3ClientConfig(endpoint));
  let deleted = 0;
  try {
    for (const rule of rules) {
      const cutoff = now.getTime() - rule.expirationDays * 86_400_000;
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: rule.prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          if (!object.Key || !object.LastModified || object.LastModified.getTime() > cutoff) continue;
          await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
          deleted++;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
  } finally {
    client.destroy();
  }
  return deleted;
}
