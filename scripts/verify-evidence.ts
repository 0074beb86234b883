/**
 * `npm run verify-evidence -- <requestId | folder> [--trust DIR]… [--stack FILE] [--out DIR] [--broker ID]`
 *
 * Checks a request's evidence offline (docs/evidence.md): both audit chains, each document
 * against its entry, every signature, and the product's seal (functions/evidence/verify-evidence-package.ts).
 *
 * - Given a folder (an exported package: `evidence.json`, the documents by file name, the seal
 *   chain), it checks that folder.
 * - Given a request id, it reads the local stack's `.local/stack.json` (or `--stack`), fetches
 *   the package through the broker API with the demo brokers' tokens, downloads the documents
 *   into `.local/evidence/<id>/` (or `--out`), prints the folder, and checks it.
 *
 * Signatures and the seal must chain to a root in the trust folders: `config/trust/belgium-eid/`
 * and the stack's `trust/` folder (`.local/trust/`, where the local seal root and test signing
 * roots are written), or exactly the `--trust` folders given. A root inside the package is
 * never trusted. Progress goes to stderr; exit 0 when intact, 1 naming the first break, 2 for a
 * wrong call.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isRequestId } from '../functions/domain/identifiers.js';
import { EVIDENCE_FILE, evidencePackageSchema, SEAL_CHAIN_FILE, type EvidencePackage } from '../functions/evidence/evidence-package.js';
import { verifyEvidenceFolder } from '../functions/evidence/verify-evidence-package.js';
import { loadTrustRoots } from '../functions/signatures/trust-roots.js';

const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const EID_TRUST_DIR = path.join(PROJECT_ROOT, 'config', 'trust', 'belgium-eid');
const LOCAL_DIR = path.join(PROJECT_ROOT, '.local');

export interface CommandOutput {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

/** A call that cannot be carried out as asked (exit 2), or a fetch that failed (exit 1). */
class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

const USAGE = 'usage: npm run verify-evidence -- <requestId | folder> [--trust DIR]... [--stack FILE] [--out DIR] [--broker ID]';

/** Runs the command; answers its exit code. */
export async function runVerifyEvidence(args: readonly string[], out: CommandOutput): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { trust: { type: 'string', multiple: true }, stack: { type: 'string' }, out: { type: 'string' }, broker: { type: 'string' } },
    });
    const [target, ...extra] = positionals;
    if (!target || extra.length > 0) throw new CommandFailure(USAGE, 2);
    let folder: string;
    let defaultTrust: string[];
    if (existsSync(target) && statSync(target).isDirectory()) {
      folder = path.resolve(target);
      defaultTrust = [EID_TRUST_DIR, path.join(LOCAL_DIR, 'trust')];
    } else if (isRequestId(target)) {
      const stackFile = path.resolve(values.stack ?? path.join(LOCAL_DIR, 'stack.json'));
      folder = path.resolve(values.out ?? path.join(LOCAL_DIR, 'evidence', target));
      await downloadPackage(target, { stackFile, folder, ...(values.broker ? { broker: values.broker } : {}) }, out);
      out.stdout(`evidence package of ${target} written to ${folder}`);
      defaultTrust = [EID_TRUST_DIR, path.join(path.dirname(stackFile), 'trust')];
    } else {
      throw new CommandFailure(`${target} is neither a folder nor a request id (req_…)\n${USAGE}`, 2);
    }
    const trustDirs = values.trust?.length ? values.trust.map((dir) => path.resolve(dir)) : defaultTrust;
    out.stderr(`trusting the roots in ${trustDirs.join(', ')}`);
    const verdict = await verifyEvidenceFolder(folder, { trustRoots: await loadTrustRoots(trustDirs), progress: (line) => out.stderr(`  ✓ ${line}`) });
    if (!verdict.ok) {
      out.stderr(`evidence${verdict.requestId ? ` of ${verdict.requestId}` : ''}: BROKEN — ${verdict.problem}`);
      return 1;
    }
    out.stdout(`evidence of ${verdict.requestId}: intact`);
    return 0;
  } catch (error) {
    if (error instanceof CommandFailure) {
      out.stderr(error.message);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.stderr(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

interface StackFile {
  readonly apiUrl: string;
  readonly brokers: readonly { readonly id: string; readonly token: string }[];
}

/** Fetches the package as a demo broker (the first who owns the request) and downloads its documents into `folder`. */
async function downloadPackage(requestId: string, options: { stackFile: string; folder: string; broker?: string }, out: CommandOutput): Promise<EvidencePackage> {
  let stack: StackFile;
  try {
    stack = JSON.parse(await readFile(options.stackFile, 'utf8')) as StackFile;
  } catch {
    throw new CommandFailure(`${options.stackFile} cannot be read: start the local stack (npm start) or pass --stack`, 2);
  }
  const brokers = stack.brokers.filter((broker) => !options.broker || broker.id === options.broker);
  if (brokers.length === 0) throw new CommandFailure(`no demo broker ${options.broker ?? ''} in ${options.stackFile}`, 2);
  let pack: EvidencePackage | undefined;
  for (const broker of brokers) {
    out.stderr(`asking ${stack.apiUrl} for the evidence of ${requestId} as ${broker.id}`);
    const answer = await fetch(`${stack.apiUrl}/v1/requests/${requestId}/evidence`, { headers: { authorization: `Bearer ${broker.token}` } });
    if (answer.status === 404) continue;
    if (!answer.ok) throw new CommandFailure(`the evidence route answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`, 1);
    const parsed = evidencePackageSchema.safeParse(await answer.json());
    if (!parsed.success) throw new CommandFailure(`the evidence route answered something that is not an evidence package`, 1);
    pack = parsed.data;
    break;
  }
  if (!pack) throw new CommandFailure(`no demo broker owns ${requestId} (every one answered 404)`, 1);
  await mkdir(options.folder, { recursive: true });
  for (const document of pack.documents) {
    const answer = await fetch(document.url);
    if (!answer.ok) throw new CommandFailure(`document ${document.name}: its download answered ${answer.status}`, 1);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    await writeFile(path.join(options.folder, path.basename(document.fileName)), bytes);
    out.stderr(`downloaded ${document.fileName} (${bytes.byteLength} bytes)`);
  }
  await writeFile(path.join(options.folder, EVIDENCE_FILE), `${JSON.stringify(pack, null, 2)}\n`);
  if (pack.seal) await writeFile(path.join(options.folder, SEAL_CHAIN_FILE), pack.seal.certificateChainPem);
  return pack;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const code = await runVerifyEvidence(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
