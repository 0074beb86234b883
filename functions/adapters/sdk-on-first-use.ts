/**
 * An AWS SDK client module imported on its first use rather than at start-up (issue 11, "cold
 * start"): a function that never sends an e-mail, a KMS call or a Step Functions answer never
 * loads that client's code, and the others load it when they first need it. Each adapter keeps
 * one loader per client module; the import happens once per process.
 *
 * The Lambda bundles leave `@aws-sdk/*` to the runtime (infra/constructs/product-function.ts), so
 * the dynamic `import()` stays a plain import of the runtime's SDK.
 */

/** A loader that runs `load` once, on its first call, and answers the same module to every caller after. */
export function sdkOnFirstUse<Module>(load: () => Promise<Module>): () => Promise<Module> {
  let loading: Promise<Module> | undefined;
  return () => (loading ??= load());
}

/**
 * A client of a module loaded on first use: the module imported and the client made once per
 * process, on the first call; every call answers both (the module for its commands and errors).
 */
export function clientOnFirstUse<Module, Client>(load: () => Promise<Module>, make: (sdk: Module) => Client): () => Promise<{ client: Client; sdk: Module }> {
  return sdkOnFirstUse(async () => {
    const sdk = await load();
    return { client: make(sdk), sdk };
  });
}

/**
 * Whether `error` is the AWS service error named `name`. The SDK names each error class after
 * its exception (`error.name === 'NoSuchKey'`), so the check needs no class from a module that
 * may not be loaded yet.
 */
export function isServiceError(error: unknown, ...names: readonly string[]): error is Error {
  return error instanceof Error && names.includes(error.name);
}
