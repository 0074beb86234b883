/**
 * The local test signing service's certification authority: a root made once under the
 * service's data dir (kept across restarts, so signatures it made stay verifiable), whose PEM
 * is written to the stack's trust folder (`.local/trust/`), where the product's verification
 * reads it. For each signature it issues a fresh leaf certificate for the signer's name
 * (C=BE, CN="First Last", GN, SN) and signs the PDF with it: a real PAdES signature,
 * sub-filter ETSI.CAdES.detached, as a qualified signing service makes one.
 */
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { createPrivateKey } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { X509Certificate } from '@peculiar/x509';
import { writeJsonFileAtomically, type VersionedStoreFile } from '../json-file-store.js';
import { addPdfSignature } from '../../../functions/signatures/add-pdf-signature.js';
import { nodeSigningKey } from '../../../functions/signatures/node-signing-key.js';
import type { PdfSigningAlgorithm } from '../../../functions/signatures/pdf-signing-key.js';
import { certificateChainOf, createTestRoot, issueCertificate, writeRootPem, type TestAuthority } from '../../signing/test-pki.js';

const ROOT_NAME = 'Portal Access Local Signing Service Root';
/** The root's file in the trust folder: `<trustDir>/local-signing-service.pem`. */
export const TRUST_FILE_NAME = 'local-signing-service';
const ALGORITHM: PdfSigningAlgorithm = 'ECDSA-P256-SHA256';
const ROOT_FILE = 'root-ca.json';

interface SavedRoot extends VersionedStoreFile {
  readonly certificatePem: string;
  /** PKCS#8. */
  readonly privateKeyPem: string;
  readonly algorithm: PdfSigningAlgorithm;
}

/** Who signs, as the leaf certificate names him. */
export interface SignerName {
  readonly firstName: string;
  readonly lastName: string;
}

export class SigningAuthority {
  private constructor(readonly root: TestAuthority) {}

  /** The root of `dataDir` (made on first use), its PEM written to `trustDir`. */
  static async open(dataDir: string, trustDir: string): Promise<SigningAuthority> {
    const file = path.join(dataDir, ROOT_FILE);
    let root: TestAuthority;
    try {
      root = rootFrom(JSON.parse(await readFile(file, 'utf8')) as SavedRoot);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      root = await createTestRoot({ name: ROOT_NAME, algorithm: ALGORITHM });
      await mkdir(dataDir, { recursive: true });
      const saved: SavedRoot = {
        formatVersion: 1,
        certificatePem: root.pem,
        privateKeyPem: root.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        algorithm: root.algorithm,
      };
      await writeJsonFileAtomically(file, saved);
    }
    // Written at every start: a trust folder emptied meanwhile gets it back.
    await writeRootPem(trustDir, TRUST_FILE_NAME, root);
    return new SigningAuthority(root);
  }

  /** `pdf` with the signer's PAdES signature added (an incremental update), made with a certificate issued for him now. */
  async sign(pdf: Uint8Array, signer: SignerName, signingTime: Date): Promise<Uint8Array> {
    const leaf = await issueCertificate(this.root, {
      algorithm: ALGORITHM,
      subject: { givenName: signer.firstName, surname: signer.lastName, commonName: `${signer.firstName} ${signer.lastName}` },
      keyUsage: ['nonRepudiation'],
    });
    const key = nodeSigningKey({ privateKey: leaf.privateKey, certificates: certificateChainOf(leaf, this.root), algorithm: ALGORITHM });
    return addPdfSignature(pdf, key, { subFilter: 'ETSI.CAdES.detached', signingTime, reason: 'Signed through the local test signing service' });
  }
}

function rootFrom(saved: SavedRoot): TestAuthority {
  if (saved.formatVersion !== 1) throw new Error(`unknown formatVersion ${String(saved.formatVersion)}`);
  const certificate = new X509Certificate(saved.certificatePem);
  return {
    der: new Uint8Array(certificate.rawData),
    pem: certificate.toString('pem'),
    certificate,
    name: ROOT_NAME,
    algorithm: saved.algorithm,
    privateKey: createPrivateKey(saved.privateKeyPem),
    chain: [],
  };
}
