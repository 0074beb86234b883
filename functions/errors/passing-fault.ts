/**
 * Whether an error from another service is a passing fault — throttling, the service's own
 * 5xx, a dropped connection — that a later try may not meet. The workflow's steps retry such
 * faults (step-handler.ts); the HTTP routes answer 503 for them (http-errors.ts), so a client
 * knows to try again rather than to change its request.
 */
/** Our own passing faults: writers kept racing on one lock (the workflow retries them by these names). */
export const CONTENDED_ERRORS = ['RequestContended', 'GrantContended'] as const;

export function isPassingFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((CONTENDED_ERRORS as readonly string[]).includes(error.name)) return true;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  const statusCode = meta.$metadata?.httpStatusCode ?? 0;
  return (
    Boolean(meta.$retryable) ||
    statusCode >= 500 ||
    statusCode === 429 ||
    /Throttl|TooManyRequests|RequestLimitExceeded|ProvisionedThroughputExceeded|SlowDown/.test(meta.name) ||
    meta.name === 'TimeoutError' ||
    meta.code === 'ECONNREFUSED' ||
    meta.code === 'ECONNRESET'
  );
}
