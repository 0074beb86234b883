/**
 * Where the form shows each validation issue, whoever found it (the browser's check before
 * sending, or the API's 400 after): beside the field or group it names, in the broker's words,
 * and once more in the list of problems at the top, linked to that place. An issue of the whole
 * request (or of a part the form does not show) is in the list only.
 *
 * Browser-safe: the dashboard's script bundles it.
 */
import type { ValidationIssue } from '../../domain/validation-issue.js';
import { issueMessage, placeLabel } from './issue-words.js';
import type { NewRequestTexts } from './new-request-texts.js';
import { placeId, placeOf, type RequestFromForm } from './request-form-fields.js';
import type { PlaceKind } from './request-form-render.js';

/** One entry of the list of problems: its words, and the element its link leads to (none for the request as a whole). */
export interface SummaryItem {
  readonly text: string;
  /** The place the problem is shown at, if any. */
  readonly place: string | undefined;
  readonly targetId: string | undefined;
}

/** The issues as the form shows them. */
export interface PlacedIssueList {
  /** What is wrong at each place, in order, each message once. */
  readonly byPlace: ReadonlyMap<string, readonly string[]>;
  readonly summary: readonly SummaryItem[];
}

/** The element a problem's link leads to: the field, a group's first choice, or the section. */
function targetIdOf(place: string, kind: PlaceKind): string {
  return kind === 'group' ? `${placeId(place)}-0` : placeId(place);
}

/**
 * `issues` placed on the form whose places are `places`, the body's copied parts followed back
 * to their fields through `aliases` (request-form-fields.ts).
 */
export function placeIssues(
  issues: readonly ValidationIssue[],
  aliases: RequestFromForm['aliases'],
  places: ReadonlyMap<string, PlaceKind>,
  texts: NewRequestTexts,
): PlacedIssueList {
  const byPlace = new Map<string, string[]>();
  const summary: SummaryItem[] = [];
  const listed = new Set<string>();
  for (const issue of issues) {
    const place = placeOf(issue.path, aliases, (path) => places.has(path));
    const message = issueMessage(issue, texts);
    if (place !== undefined) {
      const messages = byPlace.get(place) ?? [];
      if (!messages.includes(message)) messages.push(message);
      byPlace.set(place, messages);
    }
    const text = texts.summaryItem(placeLabel(place ?? '', texts), message);
    if (listed.has(text)) continue;
    listed.add(text);
    summary.push({ text, place, targetId: place === undefined ? undefined : targetIdOf(place, places.get(place) ?? 'section') });
  }
  return { byPlace, summary };
}
