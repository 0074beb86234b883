/**
 * Poppler's `pdfsig` and the NSS tools, for tests that check the product's PDF signatures with
 * software not written here: an NSS database in a temporary folder that trusts the test root,
 * optionally holding a signing identity (key and certificate, imported as PKCS#12) for
 * `pdfsig -add-signature`, and pdfsig's report read signature by signature. For the suites that
 * sign with pdfsig as an eID holder would, the eID-shaped PKI and its database in one call.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createTestIntermediate,
  createTestRoot,
  issueCertificate,
  type TestAuthority,
  type TestCertificate,
  type TestCertificateWithKey,
} from '../../../local/signing/test-pki.js';
import { EID_HOLDERS } from '../../fixtures/pdf-signers.js';

const run = promisify(execFile);

/** An NSS database (`sql:` format, no password). */
export interface NssDatabase {
  readonly dir: string;
  /** The `-nssdir` / `-d` argument. */
  readonly spec: string;
}

/** Creates an NSS database in `dir` (an existing, empty folder) that trusts `roots` for signatures (only their PEM is needed). */
export async function createNssDatabase(dir: string, roots: readonly Pick<TestCertificate, 'pem'>[]): Promise<NssDatabase> {
  const database = { dir, spec: `sql:${dir}` };
  await run('certutil', ['-N', '-d', database.spec, '--empty-password']);
  for (const [index, root] of roots.entries()) {
    const file = path.join(dir, `root-${index}.pem`);
    await writeFile(file, root.pem);
    await run('certutil', ['-A', '-d', database.spec, '-n', `test-root-${index}`, '-t', 'C,C,C', '-a', '-i', file]);
  }
  return database;
}

/**
 * Imports a signer's key and certificate (with its intermediates) under `nickname`, through a
 * PKCS#12 file made by openssl, so `pdfsig -add-signature -nick <nickname>` signs with it.
 */
async function importSigningIdentity(
  database: NssDatabase,
  nickname: string,
  signer: TestCertificateWithKey,
  intermediates: readonly TestCertificate[],
): Promise<void> {
  const file = (name: string): string => path.join(database.dir, `${nickname}.${name}`);
  await writeFile(file('key.pem'), signer.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await writeFile(file('cert.pem'), signer.pem);
  await writeFile(file('chain.pem'), intermediates.map((certificate) => certificate.pem).join('\n'));
  const pkcs12Password = 'pass:test-only';
  await run('openssl', [
    'pkcs12', '-export', '-inkey', file('key.pem'), '-in', file('cert.pem'), '-certfile', file('chain.pem'),
    '-name', nickname, '-passout', pkcs12Password, '-out', file('p12'),
  ]);
  await run('pk12util', ['-i', file('p12'), '-d', database.spec, '-W', 'test-only']);
}

/** One signature as `pdfsig` reports it. */
export interface PdfsigSignature {
  readonly fieldName: string;
  readonly commonName: string;
  readonly subFilter: string;
  /** e.g. `Signature is Valid.`, `Digest Mismatch.` */
  readonly signatureValidation: string;
  /** e.g. `Certificate is Trusted.` */
  readonly certificateValidation: string;
  readonly totalDocumentSigned: boolean;
}

export interface PdfsigReport {
  readonly signatures: readonly PdfsigSignature[];
  /** pdfsig's warnings: a `Syntax Error` here means poppler had to repair the file's structure. */
  readonly stderr: string;
}

/**
 * pdfsig's verdict on each signature of `file`, certificates checked against `database`. The
 * test certificates name no OCSP responder, so nothing is fetched; `-no-ocsp` is not passed
 * because poppler 22.12 then reports every certificate as "Unknown issue with Certificate".
 */
export async function pdfsigReport(database: NssDatabase, file: string): Promise<PdfsigReport> {
  const { stdout, stderr } = await run('pdfsig', ['-nssdir', database.spec, file]);
  const blocks = stdout.split(/^Signature #\d+:$/m).slice(1);
  const value = (block: string, label: string): string => new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
  return {
    stderr,
    signatures: blocks.map((block) => ({
      fieldName: value(block, 'Signature Field Name'),
      commonName: value(block, 'Signer Certificate Common Name'),
      subFilter: value(block, 'Signature Type'),
      signatureValidation: value(block, 'Signature Validation'),
      certificateValidation: value(block, 'Certificate Validation'),
      totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
    })),
  };
}

/** `pdfsig -add-signature`: signs `input` into `output` with the identity imported under `nickname`. */
export async function pdfsigAddSignature(database: NssDatabase, nickname: string, input: string, output: string, fieldName: string): Promise<void> {
  await run('pdfsig', ['-nssdir', database.spec, '-add-signature', '-nick', nickname, '-new-signature-field-name', fieldName, input, output]);
}

/** The nickname under which {@link createCitizenPkiForPdfsig} imports the eID holder pdfsig signs as (`pdfsig -add-signature -nick`). */
export const PDFSIG_SIGNER_NICKNAME = 'pdfsig-signer';

/** A Belgian-eID-shaped test PKI, and an NSS database that trusts its root and can sign as one of its citizens. */
export interface CitizenPkiForPdfsig {
  readonly root: TestAuthority;
  /** Issues the citizens' signature certificates, as the eID's "Citizen CA" does. */
  readonly citizenCa: TestAuthority;
  /** Trusts `root` only; holds Hans Müller's ({@link EID_HOLDERS}.hans) identity under {@link PDFSIG_SIGNER_NICKNAME}. */
  readonly nss: NssDatabase;
}

/** The PKI and its NSS database, the database in a new folder under `workDir` (the caller removes `workDir`). */
export async function createCitizenPkiForPdfsig(workDir: string): Promise<CitizenPkiForPdfsig> {
  const root = await createTestRoot({ name: 'Test Belgium Root CA', algorithm: 'ECDSA-P384-SHA384' });
  const citizenCa = await createTestIntermediate(root, { name: 'Test Citizen CA', algorithm: 'RSA-PKCS1-SHA256' });
  const nss = await createNssDatabase(await mkdtemp(path.join(workDir, 'nss-')), [root]);
  // pdfsig 22.12 signs with RSA keys only (an EC key fails with "unable update signature").
  const hans = await issueCertificate(citizenCa, { subject: EID_HOLDERS.hans, algorithm: 'RSA-PKCS1-SHA256' });
  await importSigningIdentity(nss, PDFSIG_SIGNER_NICKNAME, hans, citizenCa.chain);
  return { root, citizenCa, nss };
}
