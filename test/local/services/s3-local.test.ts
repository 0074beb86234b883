import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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

  it('after a kill mid-write, starts again without the half-written objects (as S3 keeps no object from an unfinished PUT), keeping whole ones', async () => {
    await ensureBucket(s3.endpoint, 'documents');
    for (const key of ['whole.pdf', 'no-metadata.pdf', 'empty-metadata.pdf', 'cut-short.pdf']) {
      await client.send(new PutObjectCommand({ Bucket: 'documents', Key: key, Body: `content of ${key}`, ContentType: 'application/pdf' }));
    }
    await s3.stop();
    client.destroy();
    // What a SIGKILL at three moments of s3rver's write leaves on disk.
    const file = (key: string, suffix: string) => path.join(dataDir, 'documents', `${key}._S3rver_${suffix}`);
    await rm(file('no-metadata.pdf', 'metadata.json'));
    await writeFile(file('empty-metadata.pdf', 'metadata.json'), '');
    await writeFile(file('cut-short.pdf', 'object'), 'cont');

    s3 = await startS3Local({ dataDir });
    client = new S3Client(localS3ClientConfig(s3.endpoint));
    await ensureBucket(s3.endpoint, 'documents');
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'documents' }));
    expect((listed.Contents ?? []).map((object) => object.Key).filter((key) => key?.endsWith('.pdf') && !key.startsWith('forms/')).sort()).toEqual(['whole.pdf']);
    const whole = await client.send(new GetObjectCommand({ Bucket: 'documents', Key: 'whole.pdf' }));
    expect(await whole.Body!.transformToString()).toBe('content of whole.pdf');
  });
});
