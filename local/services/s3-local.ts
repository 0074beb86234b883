/**
 * S3 on loopback: s3rver, with its objects as files in a directory, so documents survive a
 * restart. s3rver has no versioning; the product does not need it locally.
 *
 * s3rver writes an object in three files (the content, its MD5, then its metadata), not
 * atomically: a process killed mid-write leaves a half object behind, which S3 never shows (a
 * PUT that did not complete leaves no object) and on which s3rver's own listing fails. So on
 * start, an object whose metadata is missing or unreadable, or whose content does not match its
 * MD5, is removed ({@link removeInterruptedWrites}).
 *
 * s3rver does not check presigned URLs' signatures nor browser uploads' policies, which S3
 * does; so clients never reach it directly: the endpoint is a gate in front of it that refuses
 * what S3 would refuse (s3/s3-gate.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, NotFound, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LOCAL_AWS_CLIENT_CONFIG } from './local-aws-client-config.js';
import { startS3Gate } from './s3/s3-gate.js';

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
  await removeInterruptedWrites(directory);
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    // s3rver verifies only SigV2 signatures; presigned (SigV4) requests are verified by the gate.
    allowMismatchedSignatures: true,
    vhostBuckets: false,
  });
  const address = await server.run();
  const { credentials, region } = LOCAL_AWS_CLIENT_CONFIG;
  const gate = await startS3Gate({
    target: `http://127.0.0.1:${address.port}`,
    port: options.port ?? 0,
    authority: { region, secretOf: (accessKeyId) => (accessKeyId === credentials.accessKeyId ? credentials.secretAccessKey : undefined) },
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  let stopping: Promise<void> | undefined;
  return {
    endpoint: gate.endpoint,
    stop: () => (stopping ??= gate.stop().then(() => server.close())),
  };
}

const OBJECT_SUFFIX = '._S3rver_object';

/** Removes the objects a killed process left half-written under `directory`; answers their keys' files. */
export async function removeInterruptedWrites(directory: string): Promise<string[]> {
  const removed: string[] = [];
  const files = await readdir(directory, { recursive: true });
  for (const file of files) {
    if (!file.endsWith(OBJECT_SUFFIX)) continue;
    const base = path.join(directory, file.slice(0, -OBJECT_SUFFIX.length));
    if (await isComplete(base)) continue;
    await Promise.all(['._S3rver_object', '._S3rver_object.md5', '._S3rver_metadata.json'].map((suffix) => rm(`${base}${suffix}`, { force: true })));
    removed.push(file);
  }
  return removed;
}

async function isComplete(base: string): Promise<boolean> {
  try {
    JSON.parse(await readFile(`${base}._S3rver_metadata.json`, 'utf8'));
    const recorded = (await readFile(`${base}._S3rver_object.md5`, 'utf8').catch(() => '')).trim();
    if (!recorded) return true; // s3rver computes a missing MD5 itself
    return createHash('md5').update(await readFile(`${base}._S3rver_object`)).digest('hex') === recorded;
  } catch {
    return false;
  }
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
