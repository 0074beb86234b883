/**
 * A request's history in the broker's words (R2, R9): each audit entry of the request's chain
 * and of each grant's (merged by `GET /v1/requests/{id}`) as when, who and what, its type and
 * details read through their schema (functions/domain/audit-event.ts) and worded by
 * request-texts.ts. People are named while their data is kept; once erased, by role or grant id.
 */
import { auditEventSchema } from '../../domain/audit-event.js';
import type { Language } from '../../domain/request-schema.js';
import type { SignerRole } from '../../domain/signing-plan.js';
import { formatDateTime } from '../../messages/format-date.js';
import { formatList } from '../../messages/format-list.js';
import type { EntryAbout, RequestTexts } from './request-texts.js';
import { requestTexts } from './request-texts.js';

/** What the wording reads of `GET /v1/requests/{id}`'s answer (functions/http/broker/request-view.ts). */
export interface WordingSource {
  readonly requester?: { readonly name: string };
  readonly legalRepresentative?: { readonly name: string };
  readonly grantees: readonly { readonly name: string; readonly grantId?: string }[];
  readonly history: readonly HistoryEntry[];
}

export interface HistoryEntry {
  readonly at: string;
  readonly actor: string;
  readonly type: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly grantId?: string;
}

/** One line of the history as the page shows it. */
export interface HistoryLine {
  /** ISO 8601, for `<time datetime>`. */
  readonly at: string;
  readonly when: string;
  readonly who: string;
  readonly what: string;
  /** The reason a person wrote (a rejection, a decline, a revocation, a cancel), or that it was erased. */
  readonly note?: string;
}

/** An id the product minted (`g_01J…`, `req_01J…`): shown as it is, even at a sentence's start. */
const MINTED_ID = /^[a-z]+_[0-9A-Z]/;

/** `text` with its first letter in upper case (a sentence may start with a role), an id left as it is. */
export function capitalized(text: string): string {
  return MINTED_ID.test(text) ? text : text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** How one request's entries name people, in `texts`' language. */
export function entryAbout(source: Omit<WordingSource, 'history'>, texts: RequestTexts, language: Language): EntryAbout {
  const names = new Map(source.grantees.flatMap((grantee) => (grantee.grantId ? [[grantee.grantId, grantee.name] as const] : [])));
  const grantee = (grantId: string) => names.get(grantId) ?? grantId;
  return {
    signer: (role: SignerRole) => texts.signerPhrase(role, (role === 'requester' ? source.requester : source.legalRepresentative)?.name),
    grantee,
    grantees: (grantIds) => formatList(grantIds.map(grantee), language),
  };
}

/** Who caused an entry, in words (the actors of functions/domain/audit-event.ts, AuditActor). */
export function actorWords(actor: string, about: EntryAbout, texts: RequestTexts): string {
  if (actor === 'workflow') return texts.actor.workflow;
  if (actor === 'mailFeedback') return texts.actor.mailFeedback;
  if (actor === 'requester' || actor === 'legalRepresentative') return capitalized(about.signer(actor));
  if (actor.startsWith('broker:')) return texts.actor.broker(actor.slice('broker:'.length));
  if (actor.startsWith('grantee:')) return about.grantee(actor.slice('grantee:'.length));
  return actor;
}

/** What an entry records, in words; an entry whose details do not read as its type's are shown by its type. */
export function entryWords(entry: Pick<HistoryEntry, 'type' | 'details'>, about: EntryAbout, texts: RequestTexts): string {
  const event = auditEventSchema.safeParse({ type: entry.type, details: entry.details });
  if (!event.success) return texts.history.unknownEntry(entry.type);
  const word = texts.events[event.data.type] as (details: unknown, about: EntryAbout) => string;
  return capitalized(word(event.data.details, about));
}

/** The note beside an entry: the reason a person wrote while it is kept (request-view.ts adds it), or that it was erased. */
function noteOf(details: Readonly<Record<string, unknown>>, texts: RequestTexts): string | undefined {
  // Only an entry that points at a note has one (`erased` has a `reason` of its own: a word, not a note).
  if (details.note === undefined) return undefined;
  if (typeof details.reason === 'string' && details.reason) return texts.history.reason(details.reason);
  if (details.reasonErased === true) return texts.history.reasonErased;
  return undefined;
}

/** Every entry of `source`'s history as a line, in the order given (oldest first). */
export function historyLines(source: WordingSource, language: Language): HistoryLine[] {
  const texts = requestTexts(language);
  const about = entryAbout(source, texts, language);
  return source.history.map((entry) => {
    const note = noteOf(entry.details, texts);
    return {
      at: entry.at,
      when: formatDateTime(new Date(entry.at), language),
      who: actorWords(entry.actor, about, texts),
      what: entryWords(entry, about, texts),
      ...(note ? { note } : {}),
    };
  });
}
