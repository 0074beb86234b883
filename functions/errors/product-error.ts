/**
 * The base of every error the product throws on purpose. Step Functions' Retry and Catch
 * match on the error's `name` only, so each error is its own class with `name` set; the
 * data that explains it travels in `details` (ids and statuses, never personal data), and
 * the error it wraps in `cause`.
 *
 * A product error's message and details are written by us and carry no personal data, so
 * they may be logged and may reach an execution history. Errors from elsewhere (an AWS SDK
 * error, a library's) may quote what they were given — an SES rejection names the recipient
 * — so only their name and status are ever logged or passed on: see {@link describeForLog}.
 */
export abstract class ProductError<Details extends object = Record<string, unknown>> extends Error {
  abstract override readonly name: string;
  /** What explains the error: ids, statuses, counts. Never personal data. */
  readonly details: Details;

  constructor(message: string, details: Details, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = details;
  }
}

/** What may be logged of any error: a product error whole, a foreign one by name, code and status only. */
export interface LoggableError {
  readonly name: string;
  readonly message?: string;
  readonly details?: object;
  readonly code?: string;
  readonly statusCode?: number;
  readonly awsRequestId?: string;
  readonly cause?: LoggableError;
}

/**
 * An error as the logs may show it. A foreign error's message is dropped: an SDK error may
 * quote an e-mail address or a name it was given (SES: "…identities failed the check: x@y").
 */
export function describeForLog(error: unknown, depth = 0): LoggableError {
  if (error instanceof ProductError) {
    return {
      name: error.name,
      message: error.message,
      details: error.details,
      ...(error.cause !== undefined && depth < 3 ? { cause: describeForLog(error.cause, depth + 1) } : {}),
    };
  }
  if (!(error instanceof Error)) return { name: typeof error };
  const meta = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number; requestId?: string } };
  return {
    name: error.name,
    ...(typeof meta.code === 'string' ? { code: meta.code } : {}),
    ...(meta.$metadata?.httpStatusCode ? { statusCode: meta.$metadata.httpStatusCode } : {}),
    ...(meta.$metadata?.requestId ? { awsRequestId: meta.$metadata.requestId } : {}),
  };
}
