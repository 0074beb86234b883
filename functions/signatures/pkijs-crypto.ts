/**
 * The crypto that pkijs verifies with: node's own WebCrypto. It is handed to each pkijs call
 * explicitly rather than installed as pkijs's global engine, so what verifies a signature does
 * not depend on which module happened to load pkijs first.
 */
import { webcrypto } from 'node:crypto';
import { CryptoEngine, type ICryptoEngine } from 'pkijs';

/**
 * pkijs's engine on `node:crypto`'s WebCrypto; pass it as the `crypto` argument of pkijs calls.
 * Typed as pkijs's interface: TypeScript's newer `SubtleCrypto` (KEM methods) has members the
 * engine class does not declare, and pkijs calls none of them.
 */
export const pkijsCrypto: ICryptoEngine = new CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto }) as unknown as ICryptoEngine;
