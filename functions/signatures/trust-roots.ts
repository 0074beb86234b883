/**
 * The trust anchors signatures must chain to (R3): the Belgium Root CAs shipped in
 * `config/trust/belgium-eid/`, and whatever a deployment or a test adds in its own folder
 * (`.local/trust/` on the local stack). They are configuration, not code: the eID roots are in
 * no default trust store, and a test root must count without a rebuild.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Certificate } from 'pkijs';
import { ProductError } from '../errors/product-error.js';
import { pemCertificates } from './pem-certificates.js';

/** A file in a trust folder is not a certificate: a deployment fault, reported rather than skipped (a root silently missing would refuse every signature under it). */
export class TrustRootUnreadable extends ProductError<{ file: string }> {
  override readonly name = 'TrustRootUnreadable';
}

const CERTIFICATE_FILE = /\.(pem|crt|cer)$/i;

/**
 * Every certificate in the `*.pem` (one or more PEM certificates), `*.crt` and `*.cer` (PEM or
 * DER) files of `dirs`, read now: a root dropped into a folder counts at the next call. A
 * folder that does not exist holds none. Each certificate once, in folder and file-name order.
 * @throws TrustRootUnreadable when such a file holds no readable certificate
 */
export async function loadTrustRoots(dirs: readonly string[]): Promise<Uint8Array[]> {
  const roots: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const file of await certificateFiles(dir)) {
      for (const der of certificatesIn(await readFile(file), file)) {
        const key = Buffer.from(der).toString('base64');
        if (seen.has(key)) continue;
        seen.add(key);
        roots.push(der);
      }
    }
  }
  return roots;
}

async function certificateFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => CERTIFICATE_FILE.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

function certificatesIn(content: Buffer, file: string): Uint8Array[] {
  const pems = pemCertificates(content.toString('latin1'));
  const ders = pems.length > 0 ? pems : [new Uint8Array(content)];
  for (const der of ders) {
    try {
      Certificate.fromBER(der);
    } catch (error) {
      throw new TrustRootUnreadable(`The trust anchor file ${path.basename(file)} holds no readable certificate`, { file: path.basename(file) }, { cause: error });
    }
  }
  return ders;
}
