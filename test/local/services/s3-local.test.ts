import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBucket, localS3ClientConfig, startS3Local, type S3Local } from '../../../local/services/s3-local.js';

describe('S3 local (s3rver)', () => {
  let dataDir: string;
  let s3: S3Local;
  let client: S3Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 's3-local-'));
    const started = Date.now();
    s3 = await startS3Local({ dataDir, port: 0 });
    console.info(`s3rver listened after ${Date.now() - started} ms`);
    client = new S3Client(localS3ClientConfig(s3.endpoint));
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and creates a bucket once', async () => {
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    await ensureBucket(s3.endpoint, 'documents');
    await ensureBucket(s3.endpoint, 'documents');

    const buckets = await client.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((bucket) => bucket.Name)).toEqual(['documents']);
  });

  it('round-trips a binary body byte for byte, buffered and streamed', async () => {
    // Prepare: every byte value, then random bytes, so any text decoding would show.
    const body = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000)]);
    await ensureBucket(s3.endpoint, 'documents');

    // Act
    await client.send(new PutObjectCommand({ Bucket: 'documents', Key: 'forms/a.pdf', Body: body, ContentType: 'application/pdf' }));
    await client.send(
      new PutObjectCommand({ Bucket: 'documents', Key: 'forms/b.pdf', Body: Readable.from([body]), ContentLength: body.length, ContentType: 'application/pdf' }),
    );
    const buffered = await client.send(new GetObjectCommand({ Bucket: 'documents', Key: 'forms/a.pdf' }));
    const streamed = await client.send(new GetObjectCommand({ Bucket: 'documents', Key: 'forms/b.pdf' }));

    // Assess
    expect(buffered.ContentType).toBe('application/pdf');
    expect(Buffer.from(await buffered.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(Buffer.from(await streamed.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('keeps objects on disk across a stop and a start on the same dataDir', async () => {
    await ensureBucket(s3.endpoint, 'documents');
    await client.send(new PutObjectCommand({ Bucket: 'documents', Key: 'kept.txt', Body: 'still here' }));

    await s3.stop();
    client.destroy();
    s3 = await startS3Local({ dataDir });
    client = new S3Client(localS3ClientConfig(s3.endpoint));
    const kept = await client.send(new GetObjectCommand({ Bucket: 'documents', Key: 'kept.txt' }));

    expect(await kept.Body!.transformToString()).toBe('still here');
  });
});
