/**
 * The local stack's seal certificate (docs/evidence.md). On AWS a CA issues the certificate of
 * the KMS seal key; locally, a "seal root" of the test PKI does: the key is made from the
 * template (SealKey) by the local KMS server, its public key read back (GetPublicKey), and a
 * certificate issued for it. Root (with its key) and certificate stay under the data dir, so a
 * restart keeps them; a new key (a fresh data dir, a changed template) or a certificate near its
 * end gets a new certificate from the same root. The root's PEM is written to the trust folder
 * (`.local/trust/portal-access-seal-root.pem` for `npm start`), where verifiers find it.
 */
// @peculiar/x509 needs the reflect polyfill loaded before it.
import 'reflect-metadata';
import { createPrivateKey, X509Certificate as NodeCertificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { X509Certificate } from '@peculiar/x509';
import { LOCAL_AWS_CLIENT_CONFIG } from '../services/local-aws-client-config.js';
import { createTestRoot, issueCertificate, writeRootPem, type TestAuthority } from './test-pki.js';

/** The root's file name in the trust folder (without `.pem`). */
export const SEAL_ROOT_TRUST_NAME = 'portal-access-seal-root';

/** Reissue a certificate this close to its end. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

const FILES = { root: 'seal-root.pem', rootKey: 'seal-root-key.pem', certificate: 'seal-certificate.pem', chain: 'seal-chain.pem' } as const;

export interface LocalSeal {
  /** The chain the sealing function reads (SEAL_CERTIFICATE_FILE): the seal certificate, PEM. */
  readonly chainFile: string;
  /** Where the root was written for verifiers (the trust folder). */
  readonly rootFile: string;
  readonly rootPem: string;
}

/**
 * Makes sure the seal key `keyId` has a certificate from the local seal root.
 * @param options.dir where root, root key and certificate are kept (under the data dir)
 * @param options.trustDir the trust folder the root's PEM goes to
 */
export async function ensureLocalSeal(options: { dir: string; trustDir: string; kmsEndpoint: string; keyId: string }): Promise<LocalSeal> {
  await mkdir(options.dir, { recursive: true });
  const root = await loadOrCreateRoot(options.dir);
  const kms = new KMSClient({ ...LOCAL_AWS_CLIENT_CONFIG, endpoint: options.kmsEndpoint });
  const answer = await kms.send(new GetPublicKeyCommand({ KeyId: options.keyId }));
  kms.destroy();
  if (!answer.PublicKey) throw new Error(`The local KMS answered no public key for the seal key ${options.keyId}`);
  const publicKey = answer.PublicKey;

  const certificateFile = path.join(options.dir, FILES.certificate);
  let certificatePem = await readIfPresent(certificateFile);
  if (!certificatePem || !stillFits(certificatePem, publicKey, root)) {
    const issued = await issueCertificate(root, {
      subject: { givenName: 'Portal access', surname: 'Evidence seal', commonName: 'Portal access evidence seal (local)' },
      publicKey,
      keyUsage: ['nonRepudiation', 'digitalSignature'],
    });
    certificatePem = ensureNewline(issued.pem);
    await writeFile(certificateFile, certificatePem);
  }
  const chainFile = path.join(options.dir, FILES.chain);
  await writeFile(chainFile, certificatePem);
  const rootFile = await writeRootPem(options.trustDir, SEAL_ROOT_TRUST_NAME, root);
  return { chainFile, rootFile, rootPem: root.pem };
}

async function loadOrCreateRoot(dir: string): Promise<TestAuthority> {
  const rootPem = await readIfPresent(path.join(dir, FILES.root));
  const keyPem = await readIfPresent(path.join(dir, FILES.rootKey));
  if (rootPem && keyPem) {
    const certificate = new X509Certificate(rootPem);
    return {
      der: new Uint8Array(certificate.rawData),
      pem: rootPem,
      certificate,
      name: 'Portal Access Local Seal Root',
      algorithm: 'ECDSA-P256-SHA256',
      privateKey: createPrivateKey(keyPem),
      chain: [],
    };
  }
  const root = await createTestRoot({ name: 'Portal Access Local Seal Root', algorithm: 'ECDSA-P256-SHA256' });
  await writeFile(path.join(dir, FILES.rootKey), root.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  await writeFile(path.join(dir, FILES.root), ensureNewline(root.pem));
  return root;
}

/** The kept certificate is for this key, from this root, and not near its end. */
function stillFits(certificatePem: string, publicKey: Uint8Array, root: TestAuthority): boolean {
  const certificate = new NodeCertificate(certificatePem);
  const sameKey = Buffer.from(certificate.publicKey.export({ type: 'spki', format: 'der' })).equals(Buffer.from(publicKey));
  const fromRoot = certificate.verify(new NodeCertificate(root.pem).publicKey);
  return sameKey && fromRoot && Date.parse(certificate.validTo) - Date.now() > RENEW_BEFORE_MS;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function ensureNewline(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
