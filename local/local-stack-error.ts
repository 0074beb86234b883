/**
 * The base of every error the local stack's own machinery throws (servers that would not
 * start, a template it cannot read, a token it refuses), so a caller can tell them from
 * the product's errors with one `instanceof`.
 */
export class LocalStackError extends Error {
  override readonly name: string = 'LocalStackError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
