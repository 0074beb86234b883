import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBucket, localS3ClientConfig, startS3Local, type S3Local } from '../../../../local/services/s3-local.js';

const BUCKET = 'documents';
const MB = 1024 * 1024;

/** The presigned post the product makes (functions/adapters/document-store.ts presignUpload), for `key`. */
async function presignedPost(client: S3Client, key: string, options: { contentType?: string; maxBytes?: number; expires?: number } = {}) {
  const contentType = options.contentType ?? 'application/pdf';
  return createPresignedPost(client, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [
      ['content-length-range', 1, options.maxBytes ?? 20 * MB],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: options.expires ?? 900,
  });
}

/** A browser's form upload: the fields first, then the file as `file`. */
async function postForm(url: string, fields: Record<string, string>, file: Uint8Array<ArrayBuffer>, fileType = 'application/pdf'): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file], { type: fileType }), 'signed.pdf');
  const response = await fetch(url, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
}

function errorCode(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

describe('the local S3 refuses what S3 refuses (s3rver behind local/services/s3/s3-gate.ts)', () => {
  let dataDir: string;
  let s3: S3Local;
  let client: S3Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 's3-gate-'));
    s3 = await startS3Local({ dataDir });
    client = new S3Client(localS3ClientConfig(s3.endpoint));
    await ensureBucket(s3.endpoint, BUCKET);
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function stored(key: string): Promise<{ contentType?: string; size?: number } | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      return { contentType: head.ContentType, size: head.ContentLength };
    } catch (error) {
      if ((error as Error).name === 'NotFound') return undefined;
      throw error;
    }
  }

  describe('a browser upload (presigned POST)', () => {
    it('stores a file the policy allows, with the policy\'s content type, byte for byte', async () => {
      const file = randomBytes(2 * MB);
      const post = await presignedPost(client, 'staging/ok');

      const answer = await postForm(post.url, post.fields, file);

      expect(answer.status).toBe(204);
      expect(await stored('staging/ok')).toEqual({ contentType: 'application/pdf', size: file.length });
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'staging/ok' }));
      expect(Buffer.from(await object.Body!.transformToByteArray()).equals(file)).toBe(true);
    });

    it('refuses a file over the content-length-range with 400 EntityTooLarge, and stores nothing', async () => {
      const post = await presignedPost(client, 'staging/large', { maxBytes: 20 * MB });

      const answer = await postForm(post.url, post.fields, randomBytes(20 * MB + 1));

      expect(answer.status).toBe(400);
      expect(errorCode(answer.body)).toBe('EntityTooLarge');
      expect(answer.body).toContain(`<MaxSizeAllowed>${20 * MB}</MaxSizeAllowed>`);
      expect(await stored('staging/large')).toBeUndefined();
    });

    it('refuses an empty file with 400 EntityTooSmall', async () => {
      const post = await presignedPost(client, 'staging/empty');

      const answer = await postForm(post.url, post.fields, new Uint8Array(0));

      expect([answer.status, errorCode(answer.body)]).toEqual([400, 'EntityTooSmall']);
      expect(await stored('staging/empty')).toBeUndefined();
    });

    it('refuses another content type than the policy names with 403 AccessDenied', async () => {
      const post = await presignedPost(client, 'staging/type', { contentType: 'application/pdf' });

      const answer = await postForm(post.url, { ...post.fields, 'Content-Type': 'image/png' }, randomBytes(1000), 'image/png');

      expect([answer.status, errorCode(answer.body)]).toEqual([403, 'AccessDenied']);
      expect(answer.body).toContain('Policy Condition failed: [&quot;eq&quot;, &quot;$Content-Type&quot;, &quot;application/pdf&quot;]');
      expect(await stored('staging/type')).toBeUndefined();
    });

    it('refuses another key than the policy names with 403 AccessDenied', async () => {
      const post = await presignedPost(client, 'staging/mine');

      const answer = await postForm(post.url, { ...post.fields, key: 'requests/someone-else/form.pdf' }, randomBytes(1000));

      expect([answer.status, errorCode(answer.body)]).toEqual([403, 'AccessDenied']);
      expect(await stored('requests/someone-else/form.pdf')).toBeUndefined();
      expect(await stored('staging/mine')).toBeUndefined();
    });

    it('refuses an expired policy with 403 AccessDenied "Policy expired"', async () => {
      // Signed by a client whose clock is an hour behind: its 15-minute policy ended 45 minutes ago.
      const lateClient = new S3Client({ ...localS3ClientConfig(s3.endpoint), systemClockOffset: -3600_000 });
      const post = await presignedPost(lateClient, 'staging/expired', { expires: 900 });
      lateClient.destroy();

      const answer = await postForm(post.url, post.fields, randomBytes(1000));

      expect([answer.status, errorCode(answer.body)]).toEqual([403, 'AccessDenied']);
      expect(answer.body).toContain('Policy expired');
      expect(await stored('staging/expired')).toBeUndefined();
    });

    it('refuses a policy edited after signing (a larger size range) with 403 SignatureDoesNotMatch', async () => {
      const post = await presignedPost(client, 'staging/edited', { maxBytes: 1000 });
      const policy = JSON.parse(Buffer.from(post.fields['Policy']!, 'base64').toString('utf8')) as { conditions: unknown[] };
      const widened = { ...policy, conditions: policy.conditions.map((condition) => (Array.isArray(condition) && condition[0] === 'content-length-range' ? ['content-length-range', 1, 50 * MB] : condition)) };

      const answer = await postForm(post.url, { ...post.fields, Policy: Buffer.from(JSON.stringify(widened)).toString('base64') }, randomBytes(5000));

      expect([answer.status, errorCode(answer.body)]).toEqual([403, 'SignatureDoesNotMatch']);
      expect(await stored('staging/edited')).toBeUndefined();
    });

    it('refuses a field the policy does not cover, and a post signed with an unknown key', async () => {
      const post = await presignedPost(client, 'staging/extra');
      const extra = await postForm(post.url, { ...post.fields, 'x-amz-meta-note': 'smuggled' }, randomBytes(1000));
      const stranger = new S3Client({ ...localS3ClientConfig(s3.endpoint), credentials: { accessKeyId: 'STRANGER', secretAccessKey: 'S3RVER' } });
      const foreign = await presignedPost(stranger, 'staging/extra');
      stranger.destroy();
      const unknown = await postForm(foreign.url, foreign.fields, randomBytes(1000));

      expect([extra.status, errorCode(extra.body)]).toEqual([403, 'AccessDenied']);
      expect(extra.body).toContain('Extra input fields: x-amz-meta-note');
      expect([unknown.status, errorCode(unknown.body)]).toEqual([403, 'InvalidAccessKeyId']);
      expect(await stored('staging/extra')).toBeUndefined();
    });

    it('refuses a post without a policy (the bucket takes no anonymous writes)', async () => {
      const answer = await postForm(`${s3.endpoint}/${BUCKET}`, { key: 'staging/anonymous', 'Content-Type': 'application/pdf' }, randomBytes(100));

      expect([answer.status, errorCode(answer.body)]).toEqual([403, 'AccessDenied']);
      expect(await stored('staging/anonymous')).toBeUndefined();
    });
  });

  describe('a presigned GET', () => {
    const key = 'requests/req_1/form-abc.pdf';
    const content = randomBytes(300_000);

    beforeAll(async () => {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: content, ContentType: 'application/pdf' }));
    });

    function presignedGet(options: { signingDate?: Date; expiresIn?: number } = {}): Promise<string> {
      const command = new GetObjectCommand({ Bucket: BUCKET, Key: key, ResponseContentDisposition: 'attachment; filename="form.pdf"', ResponseContentType: 'application/pdf' });
      return getSignedUrl(client, command, { expiresIn: options.expiresIn ?? 300, ...(options.signingDate ? { signingDate: options.signingDate } : {}) });
    }

    it('serves the object with the disposition and type the URL names', async () => {
      const response = await fetch(await presignedGet());

      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="form.pdf"');
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
    });

    it('refuses an edited signature, and an edited parameter under a good signature, with 403 SignatureDoesNotMatch', async () => {
      const url = new URL(await presignedGet());
      const signature = url.searchParams.get('X-Amz-Signature')!;
      const forged = new URL(url);
      forged.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
      const inline = new URL(url);
      inline.searchParams.set('response-content-disposition', 'inline');

      for (const edited of [forged, inline]) {
        const response = await fetch(edited);
        expect(response.status, edited.search).toBe(403);
        expect(errorCode(await response.text())).toBe('SignatureDoesNotMatch');
      }
    });

    it('refuses a URL past its lifetime with 403 AccessDenied "Request has expired"', async () => {
      const url = await presignedGet({ signingDate: new Date(Date.now() - 10 * 60_000), expiresIn: 300 });

      const response = await fetch(url);

      expect(response.status).toBe(403);
      const body = await response.text();
      expect(errorCode(body)).toBe('AccessDenied');
      expect(body).toContain('Request has expired');
    });

    it('refuses another object under the same signature', async () => {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/req_2/form-def.pdf', Body: 'another request', ContentType: 'application/pdf' }));
      const url = (await presignedGet()).replace('req_1/form-abc.pdf', 'req_2/form-def.pdf');

      const response = await fetch(url);

      expect(response.status).toBe(403);
      expect(errorCode(await response.text())).toBe('SignatureDoesNotMatch');
    });
  });
});
