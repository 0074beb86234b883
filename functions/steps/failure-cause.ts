/**
 * The cause of a failed request as the broker sees it and the trail keeps it. Steps throw
 * only messages of our own (step-handler.ts), but the cause arrives through Step Functions —
 * on AWS as Lambda's JSON error document with a stack trace — so it is reduced to the
 * message, stripped of anything that looks like an e-mail address, and cut short: defence in
 * depth against personal data in the stored request (docs/personal-data.md).
 */

/** The longest cause kept. */
export const MAX_CAUSE_LENGTH = 300;

const EMAIL_LIKE = /[^\s"'<>@]+@[^\s"'<>@]+\.[^\s"'<>@]+/g;

export function safeFailureCause(error: string, cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  let message = cause;
  try {
    // Lambda's error document: {"errorType", "errorMessage", "trace"}.
    const parsed: unknown = JSON.parse(cause);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { errorMessage?: unknown }).errorMessage === 'string') {
      message = (parsed as { errorMessage: string }).errorMessage;
    }
  } catch {
    // a plain message
  }
  const cleaned = message.replace(EMAIL_LIKE, '<e-mail address>').replace(/\s+/g, ' ').trim();
  const short = cleaned.length > MAX_CAUSE_LENGTH ? `${cleaned.slice(0, MAX_CAUSE_LENGTH - 1)}…` : cleaned;
  return short || error;
}
