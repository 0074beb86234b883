/** Names joined as each language joins them: "An, Bert en Chris", "An, Bert et Chris". */
import type { Language } from '../domain/request-schema.js';
import { LOCALE_BY_LANGUAGE } from './language-locale.js';

/** `items` as one phrase with the language's "and" before the last one. */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(LOCALE_BY_LANGUAGE[language], { style: 'long', type: 'conjunction' }).format(items);
}
