/**
 * What a `400 { error: "validation", issues }` answer lists, and its cap (I3): apart from the
 * request's validation (request-validation.ts), so that every route's error handling
 * (functions/http/http-errors.ts) has it without building the request's schemas.
 */

/** One thing wrong with a request body, as answered in `400 { error: "validation", issues }`. */
export interface ValidationIssue {
  /** Dotted path into the body, e.g. `grantees.0.contracts`; empty for the body itself. */
  path: string;
  /** The rule broken (`R4.2`, `R5`, `I1`, …), or `schema` for a pure shape error. */
  rule: string;
  /** A sentence for the broker, in English. */
  message: string;
}

/**
 * I3: at most this many issues are answered; the rest are counted in one last issue
 * (`{ path: '', rule: 'I3', message: 'and N more issues not listed' }`), so a hostile body
 * cannot make the answer as large as itself.
 */
export const MAX_REPORTED_ISSUES = 50;

/** I3: the first {@link MAX_REPORTED_ISSUES} issues, and one more that counts the rest. */
export function capped(issues: readonly ValidationIssue[]): ValidationIssue[] {
  // Capping a capped list again keeps its count of the rest (the HTTP layer caps whatever it answers).
  const last = issues.at(-1);
  const counted = last && last.path === '' && last.rule === 'I3' ? /^and (\d+) more issues not listed$/.exec(last.message) : null;
  const listed = counted ? issues.slice(0, -1) : issues;
  const unlisted = counted ? Number(counted[1]) : 0;
  if (listed.length <= MAX_REPORTED_ISSUES) return [...issues];
  const rest = listed.length - MAX_REPORTED_ISSUES + unlisted;
  return [...listed.slice(0, MAX_REPORTED_ISSUES), { path: '', rule: 'I3', message: `and ${rest} more issues not listed` }];
}
