/**
 * Where the product keeps its data: one DynamoDB table (requests, audit trail, grants,
 * link tokens, mail markers; keys in docs/architecture.md "Storage") and one S3 bucket for
 * the documents (the generated form, the signed form or scan, the evidence).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BROKER_INDEX_ATTRIBUTES } from '../../functions/adapters/dynamo-table.js';

/** The table's global secondary index: a broker's requests, newest last, projected to what his lists read. */
export const GSI1 = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

/**
 * The due-work index, sparse (only items that wait for the housekeeping job carry its keys)
 * and keys-only (the job reads each item itself, consistently): outbox entries and requests
 * due for erasure, spread over a few partitions (functions/adapters/dynamo-table.ts).
 */
export const GSI2 = { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' } as const;

/** Where uploads wait until their request accepts them (functions/adapters/document-store.ts). */
export const STAGING_PREFIX = 'staging/';

/** The attribute DynamoDB's time to live reads (link tokens clean themselves up). */
export const TTL_ATTRIBUTE = 'ttl';

export interface DataStoreProps {
  /**
   * Days an earlier version of a document is kept after it was replaced or deleted (an
   * erasure deletes the current version; this is how long the deleted copy can still be
   * recovered by an operator before it is gone for good).
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
  /**
   * What happens to the table and the buckets when the stack is deleted. Requests, audit
   * entries and signed forms are evidence: keep them unless told otherwise.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

export class DataStore extends Construct {
  readonly table: dynamodb.Table;
  readonly documentsBucket: s3.Bucket;
  /** Receives the documents bucket's server access logs. */
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStoreProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1.indexName,
      partitionKey: { name: GSI1.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: GSI1.sortKey, type: dynamodb.AttributeType.STRING },
      // Changing a projection replaces the index: a stack deployed with ALL drops and re-creates gsi1 (docs/deploy.md).
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...BROKER_INDEX_ATTRIBUTES],
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI2.indexName,
      partitionKey: { name: GSI2.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: GSI2.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    // cdk-nag counts a bucket that receives access logs as logged itself (AwsSolutions-S1).
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // Server access log delivery supports SSE-S3 only.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy,
    });

    this.documentsBucket = new s3.Bucket(this, 'Documents', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // A signed form is evidence: an overwrite or delete leaves the earlier version behind.
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // An upload its request never accepted (a lost race, a crash before the commit) is gone after a day.
        { id: 'expire-unaccepted-uploads', prefix: STAGING_PREFIX, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
        // Erased or replaced documents: their earlier versions go too, and the delete markers left behind.
        {
          id: 'expire-earlier-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 30),
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy,
    });
  }

  /**
   * Lets the signing page, served from `origin` (`https://host[:port]`), send files straight
   * to the bucket with a presigned POST (functions/http/signer/create-upload.ts): the browser
   * asks first (CORS preflight: its upload-progress listener makes the request non-simple).
   * The presigned post's policy still decides what may be written; this only lets the page
   * send it and read the answer.
   */
  allowBrowserUploadsFrom(origin: string): void {
    this.documentsBucket.addCorsRule({
      id: 'signing-page-uploads',
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: [origin],
      allowedHeaders: ['content-type'],
      maxAge: 3600,
    });
  }
}
