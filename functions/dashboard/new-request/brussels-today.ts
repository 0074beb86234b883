/**
 * R5: "in the future" is judged on the broker's calendar, Belgian time, as the API judges it
 * (functions/http/broker/submit-request.ts). The form starts on this day, and the browser's check
 * uses the browser's own clock: the API, with the server's, stays the judge.
 *
 * Browser-safe: the dashboard's script bundles it.
 */

/** The calendar day in Brussels at `now`, as `YYYY-MM-DD`. */
export function todayInBrussels(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
