/**
 * S3 on loopback: s3rver, with its objects as files in a directory, so documents survive a
 * restart. s3rver has no versioning; the product does not need it locally.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, NotFound, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LOCAL_AWS_CLIENT_CONFIG } from './local-aws-client-config.js';

export interface S3LocalOptions {
  /** Directory holding buckets and objects; created if missing, kept across restarts. */
  readonly dataDir: string;
  /** Port to listen on; `0` or absent picks a free one. */
  readonly port?: number;
}

export interface S3Local {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint` (with path-style addressing). */
  readonly endpoint: string;
  /** Stops the server; its data stays in `dataDir`. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The S3 client settings a local S3 server needs: path-style addressing, and checksums
 * only where the API requires them (the SDK's default trailing checksums on streamed
 * uploads are stored by s3rver as part of the object, corrupting it).
 */
export function localS3ClientConfig(endpoint: string): S3ClientConfig {
  return {
    ...LOCAL_AWS_CLIENT_CONFIG,
    endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** Starts s3rver, silent, on 127.0.0.1. */
export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const directory = path.resolve(options.dataDir);
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory,
    silent: true,
    // Any well-formed signature is fine locally, whatever credentials the client holds.
    allowMismatchedSignatures: true,
    vhostBuckets: false,
  });
  const address = await server.run();
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => (stopping ??= server.close()),
  };
}

/** Creates the bucket unless it exists. */
export async function ensureBucket(endpoint: string, name: string): Promise<void> {
  const client = new S3Client(localS3ClientConfig(endpoint));
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: name }));
    } catch (error) {
      if (!(error instanceof NotFound) && (error as { name?: string }).name !== 'NotFound') throw error;
      await client.send(new CreateBucketCommand({ Bucket: name }));
    }
  } finally {
    client.destroy();
  }
}
