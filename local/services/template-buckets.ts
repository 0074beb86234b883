/**
 * The local bucket gets what the synthesized template declares for the deployed one (its CORS
 * rules, its lifecycle rules), so the two cannot drift apart. The template names a bucket by
 * its CDK construct path (its logical id carries a hash), so that is how it is found here.
 * Pure: no AWS call, no I/O.
 */
import { isObject, type Json } from './kms/json-object.js';
import { templateResources } from './template-resources.js';

/**
 * The `Properties` of the template's `AWS::S3::Bucket` whose construct path (`aws:cdk:path`)
 * ends with `pathSuffix`; empty when there is no such bucket or it declares none.
 */
export function templateBucketProperties(template: unknown, pathSuffix: string): Json {
  const resources = templateResources(template);
  for (const resource of Object.values(resources)) {
    if (!isObject(resource) || resource['Type'] !== 'AWS::S3::Bucket') continue;
    const metadata = isObject(resource['Metadata']) ? resource['Metadata'] : {};
    if (typeof metadata['aws:cdk:path'] !== 'string' || !metadata['aws:cdk:path'].endsWith(pathSuffix)) continue;
    return isObject(resource['Properties']) ? resource['Properties'] : {};
  }
  return {};
}
