/**
 * Files that fit AWS: a signer's file of up to 20 MB goes straight to storage through a
 * presigned POST that the local S3 holds to its policy as S3 does (size, type, key, expiry),
 * then is confirmed and taken in exactly as a direct body (R3, R9); a direct body stays for
 * files up to 4 MB; documents come back as short-lived presigned links that the local S3
 * serves with the right bytes and Content-Disposition.
 */
import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DIRECT_BODY_BYTES } from '../../catalog/route-catalog.js';
import { documentClient, keys, tableName } from '../../functions/adapters/dynamo-table.js';
import { MAX_UPLOADS_PER_LINK } from '../../functions/adapters/upload-store.js';
import { MAX_UPLOAD_BYTES } from '../../functions/http/signer/receive-signature.js';
import { localTrustDir } from '../../local/local-stack.js';
import { writeRootPem } from '../../local/signing/test-pki.js';
import { naturalClientRequest, PEOPLE, policyholderGrantee } from '../fixtures/access-request-builder.js';
import { createTestEidPki, signAsEid, type TestEidPki } from '../support/eid-signer.js';
import { confirmUpload, openUpload, s3ErrorCode, scannedPdfOfSize, sendToStorage, uploadThroughStorage } from './support/presigned-upload.js';
import { activateAll, fileRequest, latestLink, statusOf } from './support/request-story.js';
import { SCANNED_FORM, useTestStack } from './support/test-stack.js';

const stack = useTestStack();
const MB = 1024 * 1024;
const sha256 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

/** A request of its own for each story, its signer a Hans with an address of his own. */
async function newSigning(clientRef: string): Promise<{ id: string; link: string; email: string }> {
  const hans = { ...PEOPLE.hans(), email: `${clientRef.toLowerCase()}@example.be` };
  const id = await fileRequest(stack, naturalClientRequest({ clientRef, requester: hans, grantees: [policyholderGrantee(hans)] }));
  return { id, link: await latestLink(stack, hans.email, 'sign'), email: hans.email };
}

describe('a signer\'s file sent straight to storage (presigned POST, then confirm)', () => {
  it('takes a 12 MB scan, which no function could carry, and the broker reviews it as before (R3, R9)', async () => {
    const { id, link, email } = await newSigning('C-UP-1');
    const scan = scannedPdfOfSize(12 * MB);

    const opened = await openUpload(link, { method: 'handwritten', contentType: 'application/pdf', size: scan.byteLength });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.upload).toMatchObject({ method: 'POST', headers: {}, fields: { key: `staging/${id}/${opened.body.uploadId}`, 'Content-Type': 'application/pdf' } });
    const storage = new URL(opened.body.upload.url).origin;
    expect(storage).not.toBe(new URL(link).origin);
    // The signing page's script may send files there, and nowhere else but its own origin.
    const page = await fetch(link);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${storage};`);
    const expiresInMs = Date.parse(opened.body.expiresAt) - Date.now();
    expect(expiresInMs).toBeGreaterThan(14 * 60_000);
    expect(expiresInMs).toBeLessThanOrEqual(15 * 60_000);
    expect((await sendToStorage(opened.body.upload, scan)).status).toBe(204);
    const confirmed = await confirmUpload(link, opened.body.uploadId);

    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ status: 'received', method: 'handwritten', sha256: sha256(scan) });
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_REVIEW');
    const view = (await stack.broker().get(id)).body;
    expect(view.history.find((entry: { type: string }) => entry.type === 'signatureReceived').details).toMatchObject({ method: 'handwritten', sha256: sha256(scan) });
    expect((await stack.broker().review(id, 'approve')).status).toBe(200);
    await stack.settle();
    expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');

    // The broker's copy is the very file, fetched from storage through its link.
    const copy = await fetch(`${stack.stack.apiUrl}/v1/requests/${id}/documents/requester-signature`, { headers: { authorization: `Bearer ${stack.stack.brokers[0]?.token}` } });
    expect(copy.status).toBe(200);
    expect(sha256(await copy.arrayBuffer())).toBe(sha256(scan));

    // The link is spent: the same upload cannot be confirmed again.
    const again = await confirmUpload(link, opened.body.uploadId);
    expect(again.status).toBe(410);
    await activateAll(stack, [email]);
    expect(await statusOf(stack, id)).toBe('COMPLETED');
  });

  it('is refused by storage itself over 20 MB (400 EntityTooLarge), and the API refuses to open one (400, rule I3)', async () => {
    const { link } = await newSigning('C-UP-2');

    const announcedTooLarge = await openUpload(link, { method: 'handwritten', contentType: 'application/pdf', size: 21 * MB });
    expect(announcedTooLarge.status).toBe(400);
    expect(announcedTooLarge.body).toMatchObject({ error: 'validation', issues: [{ path: 'size', rule: 'I3' }] });

    const opened = await openUpload(link, { method: 'handwritten', contentType: 'application/pdf', size: MAX_UPLOAD_BYTES });
    const sent = await sendToStorage(opened.body.upload, scannedPdfOfSize(21 * MB));
    expect(sent.status).toBe(400);
    expect(s3ErrorCode(sent.body)).toBe('EntityTooLarge');

    // Nothing reached storage: the confirm says so, and the upload stays open for the file.
    const confirmed = await confirmUpload(link, opened.body.uploadId);
    expect(confirmed.status).toBe(409);
    expect(await confirmed.json()).toMatchObject({ error: 'conflict', message: expect.stringContaining('upload the file first') });
  });

  it('is refused by storage for another content type than the one opened (403), and the API refuses a type the method does not take (400, R3)', async () => {
    const { link } = await newSigning('C-UP-3');

    const png = await openUpload(link, { method: 'eid', contentType: 'image/png', size: 1000 });
    expect(png.status).toBe(400);
    expect(png.body).toMatchObject({ error: 'validation', issues: [{ path: 'contentType', rule: 'R3' }] });

    const opened = await openUpload(link, { method: 'handwritten', contentType: 'application/pdf', size: SCANNED_FORM.byteLength });
    const sent = await sendToStorage(opened.body.upload, new Uint8Array(SCANNED_FORM), { 'Content-Type': 'image/png' });
    expect(sent.status).toBe(403);
    expect(s3ErrorCode(sent.body)).toBe('AccessDenied');
    const elsewhere = await sendToStorage(opened.body.upload, new Uint8Array(SCANNED_FORM), { key: `staging/${opened.body.uploadId}-other` });
    expect(elsewhere.status).toBe(403);
    expect((await confirmUpload(link, opened.body.uploadId)).status).toBe(409);
  });

  it('answers a confirm without an upload 409, an unknown upload 404, and refuses a file of another size than announced (400, I3)', async () => {
    const { link } = await newSigning('C-UP-4');
    const opened = await openUpload(link, { method: 'handwritten', contentType: 'application/pdf', size: SCANNED_FORM.byteLength + 10 });

    expect((await confirmUpload(link, opened.body.uploadId)).status).toBe(409);
    expect((await confirmUpload(link, 'up_AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await confirmUpload(link, encodeURIComponent('up_AAAAAAAAAAAAAA#UPLOAD#'))).status).toBe(404);

    expect((await sendToStorage(opened.body.upload, new Uint8Array(SCANNED_FORM))).status).toBe(204);
    const confirmed = await confirmUpload(link, opened.body.uploadId);
    expect(confirmed.status).toBe(400);
    expect(await confirmed.json()).toMatchObject({ error: 'validation', issues: [{ path: 'size', rule: 'I3' }] });
  });

  it('answers an upload past its time 410 upload_expired', async () => {
    const { id, link } = await newSigning('C-UP-5');
    const opened = await openUpload(link, { method: 'handwritten', contentType: 'application/pdf', size: SCANNED_FORM.byteLength });
    expect((await sendToStorage(opened.body.upload, new Uint8Array(SCANNED_FORM))).status).toBe(204);
    // Its presigned post (and the grace after it) ended an hour ago.
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.upload(id, opened.body.uploadId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 3600_000).toISOString() },
      }),
    );

    const confirmed = await confirmUpload(link, opened.body.uploadId);

    expect(confirmed.status).toBe(410);
    expect(await confirmed.json()).toMatchObject({ error: 'upload_expired' });
  });

  it(`lets one link open ${MAX_UPLOADS_PER_LINK} uploads, then answers 429`, async () => {
    const { link } = await newSigning('C-UP-6');
    const announced = { method: 'handwritten', contentType: 'image/jpeg', size: 5000 } as const;
    for (let opened = 0; opened < MAX_UPLOADS_PER_LINK; opened++) expect((await openUpload(link, announced)).status).toBe(201);

    const over = await openUpload(link, announced);

    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: 'too_many_uploads' });
  });

  describe('a PDF signed with the eID, through storage', () => {
    let trusted: TestEidPki;

    beforeAll(async () => {
      trusted = await createTestEidPki('Test Belgium Root CA4 (uploads)');
      await writeRootPem(localTrustDir(stack.dataDir), 'test-belgium-root-ca4-uploads', trusted.root);
    });

    it('refuses the form sent back unsigned with 422 signature_refused, keeps the link usable, answers a second confirm of that upload 410, then verifies a signed one', async () => {
      const { id, link } = await newSigning('C-UP-7');
      const form = new Uint8Array(await (await fetch(`${link}/form.pdf`)).arrayBuffer());
      // The form itself, sent back without a signature.
      const opened = await openUpload(link, { method: 'eid', contentType: 'application/pdf', size: form.byteLength });
      expect((await sendToStorage(opened.body.upload, form)).status).toBe(204);

      const refused = await confirmUpload(link, opened.body.uploadId);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ error: 'signature_refused', reason: 'unsigned' });
      const again = await confirmUpload(link, opened.body.uploadId);
      expect(again.status).toBe(410);
      expect(await again.json()).toMatchObject({ error: 'upload_used' });

      const signed = await signAsEid(form, trusted, { person: PEOPLE.hans() });
      const verified = await uploadThroughStorage(link, 'eid', new Uint8Array(signed));
      expect(verified.status, await verified.clone().text()).toBe(200);
      expect(await verified.json()).toMatchObject({ status: 'verified', method: 'eid', sha256: sha256(signed) });
      await stack.settle();
      expect(await statusOf(stack, id)).toBe('AWAITING_ACTIVATION');
    });
  });
});

describe('a direct body (API clients, files up to 4 MB)', () => {
  it(`answers the function's own 413 just over ${MAX_DIRECT_BODY_BYTES / MB} MB, and API Gateway's 500 for 5 MB, whose event Lambda refuses`, async () => {
    const { link } = await newSigning('C-UP-8');
    const post = (bytes: Uint8Array<ArrayBuffer>) => fetch(`${link}/scan`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: bytes });

    const overFunctionLimit = await post(scannedPdfOfSize(MAX_DIRECT_BODY_BYTES + 100 * 1024));
    expect(overFunctionLimit.status).toBe(413);
    expect(await overFunctionLimit.json()).toMatchObject({ error: 'too_large', message: expect.stringContaining('/uploads') });

    // 5 MB base64-encoded is a 6.7 MB event: on AWS Lambda refuses the invocation and the HTTP API answers 500.
    const overLambdaLimit = await post(scannedPdfOfSize(5 * MB));
    expect(overLambdaLimit.status).toBe(500);
    expect(await overLambdaLimit.json()).toEqual({ message: 'Internal Server Error' });

    // The link is still usable: neither attempt recorded anything.
    expect((await post(new Uint8Array(SCANNED_FORM))).status).toBe(200);
  });
});

describe('documents as short-lived links to storage', () => {
  it('sends the signer, the broker and the portal to presigned URLs that storage serves with the right bytes and Content-Disposition', async () => {
    const { id, link, email } = await newSigning('C-DL-1');
    const auth = { authorization: `Bearer ${stack.stack.brokers[0]?.token}` };

    // The signer's form: 303 to a link that opens it in the browser.
    const redirect = await fetch(`${link}/form.pdf`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(location.origin).not.toBe(new URL(link).origin);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    const form = await fetch(location);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toBe('application/pdf');
    expect(form.headers.get('content-disposition')).toBe(`inline; filename="access-request-${id}.pdf"`);
    const formBytes = await form.arrayBuffer();
    expect(sha256(formBytes)).toBe((await stack.broker().get(id)).body.documents.form.sha256);

    // The same as JSON for an API client.
    const asJson = await fetch(`${link}/form.pdf`, { headers: { accept: 'application/json' } });
    expect(asJson.status).toBe(200);
    const linkBody = (await asJson.json()) as { url: string; expiresAt: string };
    expect(Date.parse(linkBody.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(sha256(await (await fetch(linkBody.url)).arrayBuffer())).toBe(sha256(formBytes));

    // The broker's form: an attachment named for its key; a document not there yet stays 404.
    const brokerLink = await fetch(`${stack.stack.apiUrl}/v1/requests/${id}/documents/form`, { headers: { ...auth, accept: 'application/json' } });
    const brokerForm = await fetch(((await brokerLink.json()) as { url: string }).url);
    expect(brokerForm.headers.get('content-disposition')).toMatch(/^attachment; filename="form-[0-9a-f]{64}\.pdf"$/);
    expect(sha256(await brokerForm.arrayBuffer())).toBe(sha256(formBytes));
    expect((await fetch(`${stack.stack.apiUrl}/v1/requests/${id}/documents/requester-signature`, { headers: auth })).status).toBe(404);

    // The portal's signed form, once granted: an attachment, the scan itself.
    const scan = scannedPdfOfSize(6 * MB);
    expect((await uploadThroughStorage(link, 'handwritten', scan)).status).toBe(200);
    await stack.settle();
    expect((await stack.broker().review(id, 'approve')).status).toBe(200);
    await stack.settle();
    await activateAll(stack, [email]);
    const [grant] = (await stack.portal.grants(email)).body.items;
    const portalRedirect = await fetch(`${stack.stack.apiUrl}/v1/portal/grants/${grant.grantId}/form`, { headers: { authorization: `Bearer ${stack.stack.portalToken}` }, redirect: 'manual' });
    expect(portalRedirect.status).toBe(303);
    const signedForm = await fetch(portalRedirect.headers.get('location') ?? '');
    expect(signedForm.headers.get('content-disposition')).toBe(`attachment; filename="signed-form-${grant.grantId}.pdf"`);
    expect(sha256(await signedForm.arrayBuffer())).toBe(grant.form.sha256);
    expect(grant.form.sha256).toBe(sha256(scan));

    // A link whose signature was edited (another file named) is refused by storage.
    const forged = new URL(location);
    forged.searchParams.set('response-content-disposition', 'attachment; filename="other.pdf"');
    const refused = await fetch(forged);
    expect(refused.status).toBe(403);
    expect(s3ErrorCode(await refused.text())).toBe('SignatureDoesNotMatch');
  });
});
